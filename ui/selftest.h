#pragma once
#include <QString>
#include <functional>

class QApplication;

namespace workbench::ui {

// `--self-test` (as Kate does): once the event loop runs, waits until the main window is shown and
// exposed, runs `probeDatabase` (empty string = the database opened), prints the outcome on stderr
// and quits the event loop with 0 on success or 1 with the reason. Gives up with 1 after
// `timeoutMs` if no window appears. Nothing is left running: the caller's exec() returns.
void scheduleSelfTest(QApplication &app, std::function<QString()> probeDatabase, int timeoutMs = 20000);

} // namespace workbench::ui
