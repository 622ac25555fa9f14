#include "app/ccdash/ccdashtoken.h"

#include "app/ccdash/ccdashconfig.h"
#include "app/ccdash/ccdashlog.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#ifdef WORKBENCH_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace workbench::ccdash {

TokenSource::TokenSource(QObject *parent)
    : QObject(parent)
{
}

TokenSource::~TokenSource() = default;

bool TokenSource::keychainCompiledIn()
{
#ifdef WORKBENCH_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

void TokenSource::finishLoad(const QString &token, Origin origin, const QString &problem)
{
    m_token = token;
    m_origin = token.isEmpty() ? Origin::None : origin;
    m_keychainProblem = problem;
    m_loading = false;
    if (!problem.isEmpty())
        qCInfo(lcCcdashToken).noquote() << "System keychain not used:" << problem;
    qCDebug(lcCcdashToken) << "API token origin:" << m_origin;
    Q_EMIT loaded();
}

void TokenSource::load(const QProcessEnvironment &environment)
{
    const QString fromEnvironment = environment.value(QLatin1String(EnvToken)).trimmed();
    if (!fromEnvironment.isEmpty()) {
        finishLoad(fromEnvironment, Origin::Environment, {});
        return;
    }
#ifdef WORKBENCH_HAVE_QTKEYCHAIN
    m_loading = true;
    auto *job = new QKeychain::ReadPasswordJob(QLatin1String(KeychainService), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file
    job->setKey(QLatin1String(KeychainKey));
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (!m_loading)
            return; // loadAndWait gave up already
        if (job->error() == QKeychain::NoError)
            finishLoad(job->textData().trimmed(), Origin::Keychain, {});
        else if (job->error() == QKeychain::EntryNotFound)
            finishLoad({}, Origin::None, {});
        else
            finishLoad({}, Origin::None, job->errorString());
    });
    job->start();
#else
    finishLoad({}, Origin::None, tr("built without QtKeychain; set CCDASH_API_TOKEN instead"));
#endif
}

void TokenSource::loadAndWait(const QProcessEnvironment &environment, int timeoutMs)
{
    QEventLoop loop;
    bool done = false;
    const QMetaObject::Connection connection = connect(this, &TokenSource::loaded, &loop, [&] {
        done = true;
        loop.quit();
    });
    load(environment);
    if (!done) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    disconnect(connection);
    if (!done)
        finishLoad({}, Origin::None, tr("the system keychain did not answer within %1 ms").arg(timeoutMs));
}

void TokenSource::storeInKeychain(const QString &token)
{
#ifdef WORKBENCH_HAVE_QTKEYCHAIN
    QKeychain::Job *job = nullptr;
    if (token.isEmpty()) {
        auto *remove = new QKeychain::DeletePasswordJob(QLatin1String(KeychainService), this);
        job = remove;
    } else {
        auto *write = new QKeychain::WritePasswordJob(QLatin1String(KeychainService), this);
        write->setTextData(token);
        job = write;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(QLatin1String(KeychainKey));
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        const bool ok = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        if (!ok)
            qCWarning(lcCcdashToken).noquote() << "Could not update the system keychain:" << job->errorString();
        Q_EMIT stored(ok, ok ? QString() : job->errorString());
    });
    job->start();
#else
    Q_UNUSED(token)
    const QString problem = tr("built without QtKeychain; set CCDASH_API_TOKEN instead");
    QMetaObject::invokeMethod(this, [this, problem] { Q_EMIT stored(false, problem); }, Qt::QueuedConnection);
#endif
}

} // namespace workbench::ccdash
