#pragma once
#include <QMainWindow>
#include <memory>

class QApplication;

namespace workbench::app {
class WorkbenchContext;
}
namespace workbench::models {
class RunHistoryModel;
}

namespace workbench::ui {

class RunHistoryView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `context` (the opened store and services) must outlive the window.
    explicit MainWindow(app::WorkbenchContext *context, QWidget *parent = nullptr);
    ~MainWindow() override;

    RunHistoryView *runHistoryView() const { return m_runHistoryView; }
    models::RunHistoryModel *runHistoryModel() const { return m_runHistoryModel; }

private:
    app::WorkbenchContext *m_context;
    models::RunHistoryModel *m_runHistoryModel = nullptr;
    RunHistoryView *m_runHistoryView = nullptr;
};

// Opens the store named by --database / CCDASH_WORKBENCH_DATABASE / the default file. On failure
// it shows one clear message box (parent may be null), sets *exitCode and returns null.
std::unique_ptr<app::WorkbenchContext> openWorkbenchOrExplain(const QStringList &arguments, QWidget *parent, int *exitCode);

// Builds the window from the command line and runs the event loop.
int runMainWindow(QApplication &app, const QStringList &arguments);

} // namespace workbench::ui
