#include "ui/selftest.h"

#include "ui/desktopintegration.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>
#include <QWidget>
#include <QWindow>
#include <memory>

namespace workbench::ui {

namespace {

void finish(QApplication &app, int status, const QString &message)
{
    QTextStream err(stderr);
    err << message << '\n';
    err.flush();
    app.exit(status);
}

} // namespace

void scheduleSelfTest(QApplication &app, std::function<QString()> probeDatabase, int timeoutMs)
{
    auto *poll = new QTimer(&app);
    poll->setInterval(20);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    QObject::connect(poll, &QTimer::timeout, &app, [&app, poll, clock, timeoutMs, probe = std::move(probeDatabase)] {
        // The window explains a failure to start (say, an unusable database) in a message box:
        // that is a failed self-test, reported with the box's text instead of waiting it out.
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            poll->stop();
            const QString reason = box->text();
            box->reject();
            finish(app, 1, QApplication::translate("SelfTest", "self-test failed: %1").arg(reason));
            return;
        }
        QWidget *window = findMainWindow();
        const bool exposed = window && window->windowHandle() && window->windowHandle()->isExposed();
        if (!exposed) {
            if (clock->elapsed() > timeoutMs) {
                poll->stop();
                finish(app, 1, QApplication::translate("SelfTest", "self-test failed: the main window was not shown."));
            }
            return;
        }
        poll->stop();
        if (window->windowIcon().isNull()) {
            finish(app, 1, QApplication::translate("SelfTest", "self-test failed: the window has no icon."));
            return;
        }
        const QString databaseError = probe();
        if (!databaseError.isEmpty()) {
            finish(app, 1, QApplication::translate("SelfTest", "self-test failed: %1").arg(databaseError));
            return;
        }
        finish(app, 0, QApplication::translate("SelfTest", "self-test passed: window \"%1\" shown, database opened.")
                           .arg(window->windowTitle()));
    });
    poll->start();
}

} // namespace workbench::ui
