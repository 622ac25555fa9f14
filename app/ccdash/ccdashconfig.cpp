#include "app/ccdash/ccdashconfig.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QSettings>

namespace workbench::ccdash {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::ccdash", text);
}
} // namespace

QUrl normalizeBaseUrl(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    QUrl url = QUrl::fromUserInput(trimmed);
    if (trimmed.isEmpty() || !url.isValid()) {
        if (error)
            *error = tr("'%1' is not a valid URL").arg(trimmed);
        return {};
    }
    const QString scheme = url.scheme().toLower();
    if ((scheme != QLatin1String("http") && scheme != QLatin1String("https")) || url.host().isEmpty()) {
        if (error)
            *error = tr("'%1' is not an http:// or https:// URL with a host").arg(trimmed);
        return {};
    }
    if (!url.userInfo().isEmpty()) {
        // Credentials in the URL would end up in logs and settings; the token has its own channel.
        if (error)
            *error = tr("the CCDash URL must not contain a user name or password; use CCDASH_API_TOKEN");
        return {};
    }
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/api")))
        path.chop(4);
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

ResolvedBaseUrl resolveBaseUrl(const QString &commandLineValue, const QProcessEnvironment &environment,
                               const QSettings &settings)
{
    const auto choose = [](const QString &value, const QString &source) {
        ResolvedBaseUrl resolved;
        resolved.source = source;
        QString error;
        resolved.url = normalizeBaseUrl(value, &error);
        if (!resolved.url.isValid())
            resolved.error = tr("%1 (from %2)").arg(error, source);
        return resolved;
    };
    if (!commandLineValue.isEmpty())
        return choose(commandLineValue, tr("--ccdash-url"));
    const QString fromEnvironment = environment.value(QLatin1String(EnvUrl));
    if (!fromEnvironment.isEmpty())
        return choose(fromEnvironment, QLatin1String(EnvUrl));
    const QString fromSettings = settings.value(QLatin1String(SettingsUrlKey)).toString();
    if (!fromSettings.isEmpty())
        return choose(fromSettings, tr("settings"));
    return ResolvedBaseUrl{ClientConfig::defaultBaseUrl(), tr("default"), {}};
}

ClientConfig loadClientConfig(const QSettings &settings)
{
    ClientConfig config;
    bool ok = false;
    const int timeout = settings.value(QLatin1String(SettingsTimeoutKey)).toInt(&ok);
    if (ok && timeout >= 100 && timeout <= 600000)
        config.transferTimeoutMs = timeout;
    return config;
}

bool isLoopbackHost(const QString &host)
{
    const QString lower = host.toLower();
    if (lower == QLatin1String("localhost") || lower.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(lower);
    return !address.isNull() && address.isLoopback();
}

QString displayUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

} // namespace workbench::ccdash
