// A small window showing the output view with typical build/test output: ANSI colours, stderr,
// system events, a file link and an active search. Used for screenshots and manual checks:
//   xvfb-run -a ./build/tests/bench/demo_outputview --dark --quit-after 1500 & import -window root shot.png

#include "models/runoutputmodel.h"
#include "ui/outputview.h"

#include <QApplication>
#include <QLineEdit>
#include <QStyleFactory>
#include <QTimer>

using namespace workbench;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.contains(QStringLiteral("--dark"))) {
        app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xdc, 0xdc, 0xdc));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Highlight, QColor(0x26, 0x4f, 0x78));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
        app.setPalette(dark);
    }

    models::RunOutputModel model;
    ui::OutputView view;
    view.setModel(&model);
    view.setWorkingDirectory(QStringLiteral("/home/dev/project"));
    view.resize(980, 560);
    view.setWindowTitle(QStringLiteral("Output view demo"));

    const QDateTime start = QDateTime::currentDateTime();
    qint64 sequence = 0;
    auto add = [&](const char *stream, const QString &text, const char *type = "output") {
        ++sequence;
        model.append(models::OutputChunk{sequence, QString::fromLatin1(stream), QString::fromLatin1(type), text,
                                         start.addMSecs(sequence * 37)});
    };
    add("system", QStringLiteral("Policy verdict: allow"), "policy");
    add("system", QStringLiteral("Run started."), "status");
    add("stdout", QStringLiteral("\x1b[1m> npm test\x1b[0m\n\n"));
    add("stdout", QStringLiteral(" \x1b[32m\u2713\x1b[0m parser \x1b[2m(12 tests)\x1b[22m \x1b[33m41ms\x1b[39m\n"));
    add("stdout", QStringLiteral(" \x1b[32m\u2713\x1b[0m store \x1b[2m(38 tests)\x1b[22m \x1b[33m212ms\x1b[39m\n"));
    add("stdout", QStringLiteral(" \x1b[31m\u2717\x1b[0m \x1b[1mrunner > retries a failed run\x1b[0m\n"));
    add("stderr", QStringLiteral("AssertionError: expected status 'failed' to equal 'succeeded'\n"));
    add("stderr", QStringLiteral("    at Context.<anonymous> (src/runner.test.ts:88:14)\n"));
    add("stderr", QStringLiteral("    at processImmediate (node:internal/timers:476:21)\n"));
    add("stdout", QStringLiteral("\x1b[38;5;208mwarning\x1b[0m: deprecated option \x1b[4m--legacy\x1b[24m in config/app.json:3\n"));
    add("stdout", QStringLiteral("\x1b[48;2;40;90;160m\x1b[97m SUMMARY \x1b[0m \x1b[32m50 passed\x1b[0m, \x1b[31m1 failed\x1b[0m\n"));
    add("stdout", QStringLiteral("Downloading artifacts 10%\rDownloading artifacts 64%\rDownloading artifacts 100%\n"));
    add("stdout", QStringLiteral("\x1b]8;;https://example.com/report\x1b\\Open the HTML report\x1b]8;;\x1b\\ for details\n"));
    add("system", QStringLiteral("Run failed."), "status");
    model.flush();

    view.timestampsAction()->setChecked(arguments.contains(QStringLiteral("--timestamps")));
    view.show();
    view.findAction()->trigger();
    view.findBar()->lineEdit()->setText(QStringLiteral("failed"));

    const int quitAfter = arguments.indexOf(QStringLiteral("--quit-after"));
    if (quitAfter >= 0 && quitAfter + 1 < arguments.size())
        QTimer::singleShot(arguments.at(quitAfter + 1).toInt(), &app, &QApplication::quit);
    return app.exec();
}
