// Trusting a workspace's own policy file from the window: File > Trust Workspace Policy… shows the file,
// its hash and what trusting changes; an untrusted file only tightens, after "Trust This File" it also
// loosens (the real installed-layers evaluator, the same trust store as the CLI), and editing the file
// withdraws the trust. The dialog's states are checked on their own, data-driven.
#include "app/execution/workspacepolicytrust.h"
#include "app/workbenchcontext.h"
#include "app/workbenchsession.h"
#include "policy/policyengine.h"
#include "tests/support/mainwindowtestsupport.h"
#include "ui/mainwindow.h"
#include "ui/workspacepolicydialog.h"

#include <QAction>
#include <QCryptographicHash>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace workbench;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QString sha256Of(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

// A file that loosens (curl is allowed) and tightens (make is denied).
const QByteArray mixedPolicy = R"({"rules": [{"match": "curl", "verdict": "allow", "reason": "our API tests"},
                                            {"match": "make", "verdict": "deny"}]})";

} // namespace

class TestWorkspacePolicyTrust : public QObject
{
    Q_OBJECT
public:
  static void initMain() { testsupport::useScratchUserDirectories(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = QFileInfo(m_dir.path()).canonicalFilePath() + QStringLiteral("/workspace");
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/src")));
        QVERIFY(!policy::PolicyLayers::trustStoreFile().isEmpty());
        QVERIFY(!QFileInfo::exists(policy::PolicyLayers::trustStoreFile()));
    }

    void dialogShowsTheFile_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty = no file
        QTest::addColumn<bool>("trustedBefore");
        QTest::addColumn<bool>("canTrust");
        QTest::addColumn<QString>("changesContain");
        QTest::newRow("untrusted, loosens") << mixedPolicy << false << true << QStringLiteral("Rule 1 (\"allow\") ignored");
        QTest::newRow("untrusted, only tightens")
            << QByteArray(R"({"rules": [{"match": "make", "verdict": "deny"}]})") << false << true << QStringLiteral("Nothing");
        QTest::newRow("reclassifies a program to a looser class")
            << QByteArray(R"({"programs": {"read": ["curl"]}})") << false << true << QStringLiteral("\"curl\" not moved");
        QTest::newRow("already trusted") << mixedPolicy << true << false << QStringLiteral("apply because the file is trusted");
        QTest::newRow("refused: not JSON") << QByteArray("{ not json") << false << false << QStringLiteral("Nothing");
        QTest::newRow("refused: unknown key") << QByteArray(R"({"allowEverything": true})") << false << false << QStringLiteral("Nothing");
        QTest::newRow("no file") << QByteArray() << false << false << QStringLiteral("Nothing");
    }

    void dialogShowsTheFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, trustedBefore);
        QFETCH(bool, canTrust);
        QFETCH(QString, changesContain);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString workspace = QFileInfo(dir.path()).canonicalFilePath();
        const QString store = workspace + QStringLiteral("-trust-store");
        const QString path = policy::PolicyEngine::workspacePolicyFile(workspace);
        if (!content.isEmpty())
            QVERIFY(writeFile(path, content));
        const execution::WorkspacePolicyTrust trust(store);
        if (trustedBefore) {
            QString error;
            QVERIFY2(trust.trust(workspace, sha256Of(content), &error), qPrintable(error));
        }
        const execution::WorkspacePolicyFile file = trust.inspect(workspace);
        QCOMPARE(file.exists, !content.isEmpty());
        QCOMPARE(file.trusted, trustedBefore);

        ui::WorkspacePolicyDialog dialog(file);
        QCOMPARE(dialog.pathLabel()->text(), QDir::toNativeSeparators(path));
        QCOMPARE(dialog.pathLabel()->textFormat(), Qt::PlainText);
        if (!content.isEmpty()) {
            QCOMPARE(dialog.hashLabel()->text(), sha256Of(content));
            QCOMPARE(dialog.shownSha256(), sha256Of(content));
        }
        QVERIFY(dialog.contentView()->isReadOnly());
        QCOMPARE(dialog.contentView()->toPlainText(), QString::fromUtf8(content));
        QCOMPARE(dialog.trustButton()->isEnabled(), canTrust);
        QCOMPARE(dialog.trustBlockedReason().isEmpty(), canTrust);
        QVERIFY2(dialog.changesLabel()->text().contains(changesContain), qPrintable(dialog.changesLabel()->text()));
        if (!canTrust)
            QCOMPARE(dialog.statusLabel()->text(), dialog.trustBlockedReason());
        QFile::remove(store);
    }

    // The service never trusts bytes the user was not shown.
    void trustRefusesAFileChangedAfterItWasShown()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString workspace = QFileInfo(dir.path()).canonicalFilePath();
        const QString store = workspace + QStringLiteral("-trust-store");
        QVERIFY(writeFile(policy::PolicyEngine::workspacePolicyFile(workspace), mixedPolicy));
        const execution::WorkspacePolicyTrust trust(store);
        const execution::WorkspacePolicyFile shown = trust.inspect(workspace);
        QVERIFY(writeFile(policy::PolicyEngine::workspacePolicyFile(workspace), mixedPolicy + "\n"));
        QString error;
        QVERIFY(!trust.trust(workspace, shown.sha256, &error));
        QVERIFY2(error.contains(QLatin1String("changed")), qPrintable(error));
        QVERIFY(policy::PolicyLayers::readTrustStore(store).isEmpty());
    }

    void untrustedTightensTrustLoosensEditWithdraws()
    {
        const QString path = policy::PolicyEngine::workspacePolicyFile(m_workspace);
        QVERIFY(writeFile(path, mixedPolicy));
        openWindow();
        QCOMPARE(m_app.window->workspace(), m_workspace);
        // The window's service writes the store the CLI's --trust-workspace-policy and the evaluator read.
        QCOMPARE(m_app.session->policyTrust().trustStoreFile(), policy::PolicyLayers::trustStoreFile());

        // Untrusted: the deny for make applies, the allow for curl does not.
        QCOMPARE(verdictOf(QStringLiteral("make")), QStringLiteral("deny"));
        QCOMPARE(verdictOf(QStringLiteral("curl https://example.com")), QStringLiteral("requires_approval"));

        bool shown = false;
        testsupport::whenModal<ui::WorkspacePolicyDialog>(this, [&](ui::WorkspacePolicyDialog *dialog) {
            QCOMPARE(dialog->pathLabel()->text(), QDir::toNativeSeparators(path));
            QCOMPARE(dialog->hashLabel()->text(), sha256Of(mixedPolicy));
            QVERIFY(dialog->changesLabel()->text().contains(QLatin1String("Rule 1")));
            QVERIFY(dialog->trustButton()->isEnabled());
            shown = true;
            QTest::mouseClick(dialog->trustButton(), Qt::LeftButton);
        });
        m_app.window->trustWorkspacePolicyAction()->trigger();
        QVERIFY(shown);
        QVERIFY(policy::PolicyLayers::readTrustStore(policy::PolicyLayers::trustStoreFile()).contains(sha256Of(mixedPolicy)));

        // Trusted: its allow rule loosens, its deny rule still applies.
        QCOMPARE(verdictOf(QStringLiteral("curl https://example.com")), QStringLiteral("allow"));
        QCOMPARE(verdictOf(QStringLiteral("make")), QStringLiteral("deny"));

        // Any edit withdraws the trust: the new bytes have another hash.
        QVERIFY(writeFile(path, mixedPolicy + "\n"));
        QCOMPARE(verdictOf(QStringLiteral("curl https://example.com")), QStringLiteral("requires_approval"));
        QCOMPARE(verdictOf(QStringLiteral("make")), QStringLiteral("deny"));

        // The dialog says so, and closing it trusts nothing.
        bool shownAgain = false;
        testsupport::whenModal<ui::WorkspacePolicyDialog>(this, [&](ui::WorkspacePolicyDialog *dialog) {
            QCOMPARE(dialog->hashLabel()->text(), sha256Of(mixedPolicy + "\n"));
            QVERIFY(dialog->trustButton()->isEnabled());
            QVERIFY(dialog->statusLabel()->text().contains(QLatin1String("Not trusted")));
            shownAgain = true;
            dialog->reject();
        });
        m_app.window->trustWorkspacePolicyAction()->trigger();
        QVERIFY(shownAgain);
        QVERIFY(!policy::PolicyLayers::readTrustStore(policy::PolicyLayers::trustStoreFile()).contains(sha256Of(mixedPolicy + "\n")));
        QCOMPARE(verdictOf(QStringLiteral("curl https://example.com")), QStringLiteral("requires_approval"));
        closeWindow();
        QFile::remove(path);
    }

    void noFileSaysSo()
    {
        QVERIFY(!QFileInfo::exists(policy::PolicyEngine::workspacePolicyFile(m_workspace)));
        openWindow();
        bool told = false;
        testsupport::whenModal<QMessageBox>(this, [&told](QMessageBox *box) {
            told = box->text().contains(QLatin1String("no policy file"));
            box->accept();
        });
        m_app.window->trustWorkspacePolicyAction()->trigger();
        QVERIFY(told);
        closeWindow();
    }

private:
    QString verdictOf(const QString &command) const
    {
        policy::PolicyRequest request;
        request.command = command;
        request.workspace = m_workspace;
        return policy::toString(m_app.session->checkPolicy(request).verdict);
    }

    // Offline (nothing listens on port 9), and the installed policy layers, as the application uses them.
    void openWindow()
    {
        m_app.open(m_dir.filePath(QStringLiteral("workbench.db")),
                   testsupport::windowSessionOptions(QStringLiteral("http://127.0.0.1:9"), m_workspace,
                                                     testsupport::TestPolicy::Installed));
    }

    void closeWindow() { m_app.close(); }

    QTemporaryDir m_dir;
    QString m_workspace;
    testsupport::MainWindowUnderTest m_app;
};

QTEST_MAIN(TestWorkspacePolicyTrust)
#include "tst_workspacepolicytrust.moc"
