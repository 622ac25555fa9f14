// Stages the main window for the README screenshots against the fake CCDash server:
//   workbench-screenshot-demo --stage finished|running|approval --dir DIR
// prints "READY" on stdout once the window shows the stage, so tests/support/take-screenshots.sh
// can capture the real X11 screen with `import`, and quits (stopping any run it started) once
// the file DIR/quit exists.
#include "app/workbenchcontext.h"
#include "app/workbenchsession.h"
#include "policy/policyengine.h"
#include "tests/support/fakeccdashserver.h"
#include "tests/support/mainwindowtestsupport.h"
#include "tests/support/scratchexecutables.h"
#include "ui/desktopintegration.h"
#include "ui/featurepicker.h"
#include "ui/mainwindow.h"
#include "ui/runpanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QPalette>
#include <QStyle>
#include <QFile>
#include <QTimer>
#include <cstdio>

using namespace workbench;

namespace {

void writeExecutable(const QString &path, const QByteArray &content)
{
    if (!testsupport::writeExecutable(path, content))
        qFatal("cannot write %s", qPrintable(path));
}

void ready()
{
    std::printf("READY\n");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ccdash-screenshot-demo"));
    QApplication::setWindowIcon(ui::applicationIcon());
    QCommandLineParser parser;
    const QCommandLineOption stageOption(QStringLiteral("stage"), QStringLiteral("finished|running|approval"), QStringLiteral("stage"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("scratch directory"), QStringLiteral("dir"));
    const QCommandLineOption darkOption(QStringLiteral("dark"), QStringLiteral("a dark Fusion palette, to check the colours follow it"));
    parser.addOptions({stageOption, dirOption, darkOption});
    parser.process(app);
    if (parser.isSet(darkOption)) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2e));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x20));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x39));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x39));
        dark.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8a, 0x90));
        dark.setColor(QPalette::Link, QColor(0x7a, 0xb0, 0xff));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x70, 0x75));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x70, 0x75));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x70, 0x70, 0x75));
        QApplication::setPalette(dark);
    }
    const QString stage = parser.value(stageOption);
    const QDir dir(parser.value(dirOption));

    const QString workspace = dir.filePath(QStringLiteral("ccdash"));
    QDir().mkpath(workspace + QStringLiteral("/docs/project_plans/implementation_plans/enhancements"));
    const QString bin = dir.filePath(QStringLiteral("bin"));
    QDir().mkpath(bin);
    // A stand-in for Claude Code that writes what a phase run looks like. The "running" stage keeps
    // it alive; that is baked into the script because runs only see the env profile's allow-list.
    QByteArray script = "#!/bin/sh\n"
                        "echo \"\\033[1;36m▶ Executing phase 1\\033[0m of platform connectors\"\n"
                        "echo \"Reading docs/project_plans/implementation_plans/enhancements/feature-execution-workbench-phase-3-platform-connectors-v1.md\"\n"
                        "for step in validateConfig dispatch pollStatus cancel fetchLogs; do\n"
                        "  echo \"  \\033[32m✔\\033[0m adapter contract: $step\"\n"
                        "done\n"
                        "echo \"\\033[33mwarning:\\033[0m provider selector has no tests yet\" >&2\n"
                        "echo \"Running backend/tests/test_execution_connectors.py ...\"\n"
                        "echo \"\\033[32m12 passed\\033[0m in 3.41s\"\n";
    if (stage == QLatin1String("running"))
        script += "echo 'Waiting for provider status...'; sleep 60\n";
    writeExecutable(bin + QStringLiteral("/claude"), script);
    qputenv("PATH", (bin + QLatin1Char(':') + qEnvironmentVariable("PATH")).toUtf8());

    testsupport::FakeCcdashServer server;
    if (!server.start())
        qFatal("fake CCDash: %s", qPrintable(server.errorString()));
    auto context = app::WorkbenchContext::open(dir.filePath(QStringLiteral("workbench.db")));
    if (!context)
        qFatal("store: %s", qPrintable(context.errorMessage()));
    // The session the window tests open: the screenshots show what they check.
    const auto options = testsupport::windowSessionOptions(server.baseUrl().toString(), workspace);
    auto session = app::WorkbenchSession::create(**context, options);
    if (!session)
        qFatal("session: %s", qPrintable(session.errorMessage()));
    (*session)->pathMapping().setMappedPath(QStringLiteral("ccdash"), workspace);

    ui::MainWindow window(**session);
    window.setGeometry(0, 0, 1440, 900);
    window.show();

    const QString featureId = QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1");
    auto *poll = new QTimer(&app);
    poll->setInterval(100);
    int step = 0;
    QString runId;
    QObject::connect(poll, &QTimer::timeout, &app, [&] {
        app::WorkbenchSession &s = **session;
        switch (step) {
        case 0: // features loaded: pick the feature
            if (window.featurePicker()->selectFeature(featureId))
                step = 1;
            return;
        case 1: { // a few earlier runs for the history
            for (const char *command : {"git status", "npm test", "rm -rf /"}) {
                execution::RunRequest request = s.runRequest(QString::fromLatin1(command), workspace, QStringLiteral("."),
                                                             QStringLiteral("default"), 10);
                request.featureId = featureId;
                if (auto run = s.execution().createRun(request); !run)
                    qWarning("history run: %s", qPrintable(run.errorMessage()));
            }
            execution::RunRequest request = s.runRequest(
                QStringLiteral("/dev:execute-phase 1 docs/project_plans/implementation_plans/enhancements/"
                               "feature-execution-workbench-phase-3-platform-connectors-v1.md"),
                workspace, QStringLiteral("."), QStringLiteral("default"), 120);
            request.featureId = featureId;
            request.ruleId = QStringLiteral("R2_START_PHASE_1");
            auto run = s.execution().createRun(request);
            if (!run)
                qFatal("run: %s", qPrintable(run.errorMessage()));
            runId = run->id;
            if (stage == QLatin1String("approval")) {
                poll->stop();
                QTimer::singleShot(300, &app, [] { ready(); });
                window.showRun(runId);
                window.reviewApproval(runId);
                return;
            }
            if (auto approved = s.execution().approve(runId, QStringLiteral("phase 1 agreed in stand-up")); !approved)
                qFatal("approve: %s", qPrintable(approved.errorMessage()));
            window.showRun(runId);
            step = 2;
            return;
        }
        case 2: { // wait for the output
            const auto run = s.executions().getRun(runId);
            const bool done = run && models::isFinished(run->status);
            const auto last = s.executions().lastSequence(runId);
            const bool runningWithOutput = stage == QLatin1String("running") && run && run->status == models::RunStatus::Running
                                           && last && *last >= 6; // policy, approval x2, started, then output (a chunk may hold many lines)
            if (done || runningWithOutput) {
                step = 3;
                QTimer::singleShot(1500, &app, [] { ready(); });
            }
            return;
        }
        default:
            return;
        }
    });
    poll->start();
    auto *quitWatch = new QTimer(&app);
    quitWatch->setInterval(100);
    QObject::connect(quitWatch, &QTimer::timeout, &app, [&] {
        if (QFile::exists(dir.filePath(QStringLiteral("quit")))) {
            // Closes a modal dialog first, then leaves the event loop; destructors stop the runs.
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
            app.exit(0);
        }
    });
    quitWatch->start();
    return app.exec();
}
