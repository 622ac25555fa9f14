#pragma once
// What the end-to-end window tests share: a scratch place for the user's settings, driving modal
// dialogs Kate-style (a queued check for the active modal widget), and opening the store, a session
// and the main window the way the application does. Header-only; the tests link workbench_ui.
#include "app/workbenchcontext.h"
#include "app/workbenchsession.h"
#include "policy/policyengine.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <functional>
#include <memory>

namespace workbench::testsupport {

// Settings, the trust store and the policy's user layer go to a scratch place for the whole run,
// never the developer's, and no CCDash address or token leaks in from the environment. Call it
// from the test class's static initMain(), before QApplication exists.
inline void useScratchUserDirectories()
{
    static QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    qunsetenv("CCDASH_API_TOKEN");
    qunsetenv("CCDASH_URL");
}

// Calls `act` with the dialog of type T once it is the active modal widget (polled from the event
// loop, so it also works while another exec() is running); the poll ends with `context` at the latest.
template <typename T> void whenModal(QObject *context, std::function<void(T *)> act)
{
    auto *poll = new QTimer(context);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, context, [poll, act] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            poll->stop();
            poll->deleteLater();
            act(dialog);
        }
    });
    poll->start();
}

// Which policy the session asks.
enum class TestPolicy {
    BuiltIn,   // the built-in rules only: the tests do not depend on the machine's policy files
    Installed, // the installed layers (user, workspace, trust store), as the application uses them
};

// Session options for a window test: CCDash at `ccdashUrl` without a stored token, ad-hoc runs in
// `workspace`, no desktop notifications.
inline app::WorkbenchSession::Options windowSessionOptions(const QString &ccdashUrl, const QString &workspace,
                                                           TestPolicy policy = TestPolicy::BuiltIn)
{
    app::WorkbenchSession::Options options;
    options.ccdashUrlOverride = ccdashUrl;
    options.loadToken = false;
    options.settings.adHocWorkspace = workspace;
    options.settings.notifyWhenDone = false;
    if (policy == TestPolicy::BuiltIn) {
        const auto engine = std::make_shared<policy::PolicyEngine>();
        options.evaluator = [engine](const policy::PolicyRequest &request) {
            return engine->evaluate(request);
        };
    }
    return options;
}

// The store, the session over it and the main window, as the application opens them.
struct MainWindowUnderTest
{
    std::unique_ptr<app::WorkbenchContext> context;
    std::unique_ptr<app::WorkbenchSession> session;
    std::unique_ptr<ui::MainWindow> window;

    // Opens the store at `database` and a session with `options`; a non-empty `ccdashProjectPath`
    // is where CCDash's project root ("ccdash") is on this machine (mapped before the window asks).
    // Then shows the window and waits until it is exposed. Fails the current test (QVERIFY) when
    // anything cannot be opened.
    void open(const QString &database, const app::WorkbenchSession::Options &options,
              const QString &ccdashProjectPath = QString())
    {
        auto opened = app::WorkbenchContext::open(database);
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        context = std::move(*opened);
        auto created = app::WorkbenchSession::create(*context, options);
        QVERIFY2(created, qPrintable(created.errorMessage()));
        session = std::move(*created);
        if (!ccdashProjectPath.isEmpty())
            session->pathMapping().setMappedPath(QStringLiteral("ccdash"), ccdashProjectPath);
        window = std::make_unique<ui::MainWindow>(*session);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }

    // The window first, then the session, then the store: each uses the next.
    void close()
    {
        window.reset();
        session.reset();
        context.reset();
    }
};

} // namespace workbench::testsupport
