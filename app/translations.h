#pragma once
#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace workbench::app {

// Installs Qt's own translations (qtbase, from Qt's translations directory) and the workbench's
// (compiled into the resources under :/i18n) for `locale` on `app`. The translators are children
// of `app`. Returns the files that were loaded, so a caller or test can tell what is in effect;
// an English locale or a missing translation loads nothing and the strings stay English.
QStringList installTranslators(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace workbench::app
