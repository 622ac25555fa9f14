#include "ui/mainwindow.h"

#include "app/cli/cliio.h"
#include "app/workbenchcontext.h"
#include "models/runhistorymodel.h"
#include "ui/runhistoryview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

namespace workbench::ui {

MainWindow::MainWindow(app::WorkbenchContext *context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("CCDash Workbench"));

    m_runHistoryModel = new models::RunHistoryModel(&m_context->executions(), this);
    m_runHistoryView = new RunHistoryView(this);
    m_runHistoryView->setModel(m_runHistoryModel);
    setCentralWidget(m_runHistoryView);
    resize(1200, 800);
}

MainWindow::~MainWindow() = default;

std::unique_ptr<app::WorkbenchContext> openWorkbenchOrExplain(const QStringList &arguments, QWidget *parent, int *exitCode)
{
    // Only --database matters here; the other window options (--ccdash-url, --self-test, ...) are
    // main.cpp's business, so unknown options are not an error at this point.
    QCommandLineParser parser;
    const QCommandLineOption databaseOption(QStringLiteral("database"), QString(), QStringLiteral("URL"));
    parser.addOption(databaseOption);
    parser.parse(arguments);
    if (arguments.contains(QStringLiteral("--database")) && !parser.isSet(databaseOption)) {
        QMessageBox::critical(parent, QCoreApplication::translate("workbench::ui::MainWindow", "CCDash Workbench"),
                              QCoreApplication::translate("workbench::ui::MainWindow", "--database needs a value."));
        *exitCode = cli::ExitUsage;
        return nullptr;
    }
    models::StoreResult<std::unique_ptr<app::WorkbenchContext>> context = app::WorkbenchContext::open(parser.value(databaseOption));
    if (!context) {
        QMessageBox::critical(parent, QCoreApplication::translate("workbench::ui::MainWindow", "Cannot open the run history"),
                              context.errorMessage());
        *exitCode = context.error().kind == models::StoreError::Kind::InvalidArgument ? cli::ExitUsage : cli::ExitUnavailable;
        return nullptr;
    }
    *exitCode = cli::ExitOk;
    return std::move(*context);
}

int runMainWindow(QApplication &app, const QStringList &arguments)
{
    int exitCode = cli::ExitOk;
    const std::unique_ptr<app::WorkbenchContext> context = openWorkbenchOrExplain(arguments, nullptr, &exitCode);
    if (!context)
        return exitCode;
    MainWindow window(context.get());
    window.show();
    return app.exec();
}

} // namespace workbench::ui
