#include "app/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace workbench::app {

namespace {

bool installTranslator(QCoreApplication &app, const QLocale &locale, const QString &baseName,
                       const QString &directory, QStringList &loaded)
{
    auto *translator = new QTranslator(&app);
    // QTranslator walks the locale's UI languages (de_DE, de, ...) and takes the first file found.
    if (!translator->load(locale, baseName, QStringLiteral("_"), directory)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    loaded << translator->filePath();
    return true;
}

} // namespace

QStringList installTranslators(QCoreApplication &app, const QLocale &locale)
{
    QStringList loaded;
    installTranslator(app, locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath), loaded);
    installTranslator(app, locale, QStringLiteral("ccdash-workbench"), QStringLiteral(":/i18n"), loaded);
    return loaded;
}

} // namespace workbench::app
