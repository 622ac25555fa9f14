#pragma once
// Where the CCDash server is and how patient to be with it. The token is not part of this:
// it never goes into settings (see ccdashtoken.h).
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

class QSettings;

namespace workbench::ccdash {

struct ClientConfig
{
    static constexpr int DefaultTransferTimeoutMs = 15000;
    // A page of 200 real features is ~2.2 MB; 64 MiB leaves room and still refuses absurd bodies.
    static constexpr qint64 DefaultMaxResponseBytes = qint64(64) * 1024 * 1024;

    QUrl baseUrl = defaultBaseUrl();
    int transferTimeoutMs = DefaultTransferTimeoutMs;
    qint64 maxResponseBytes = DefaultMaxResponseBytes;

    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("http://127.0.0.1:8000")); }
};

// QSettings keys (the only CCDash settings the app persists).
inline constexpr char SettingsUrlKey[] = "ccdash/url";
inline constexpr char SettingsTimeoutKey[] = "ccdash/transferTimeoutMs";
// Environment variables.
inline constexpr char EnvUrl[] = "CCDASH_URL";
inline constexpr char EnvToken[] = "CCDASH_API_TOKEN";

struct ResolvedBaseUrl
{
    QUrl url;       // valid when error is empty
    QString source; // "command line", "CCDASH_URL", "settings" or "default"
    QString error;  // why the chosen value was rejected
};

// Precedence: --ccdash-url > CCDASH_URL > settings > default. The first value that is set wins;
// an invalid one is an error rather than a silent fallback to the next.
ResolvedBaseUrl resolveBaseUrl(const QString &commandLineValue, const QProcessEnvironment &environment,
                               const QSettings &settings);

// Validates and normalises a user-supplied base URL (http/https with a host; a trailing "/api"
// or "/" is dropped because the client adds "/api/..." itself). Returns an empty URL and sets
// `error` when the text is not usable.
QUrl normalizeBaseUrl(const QString &text, QString *error);

// Loads the timeout from settings (falls back to the default for missing or silly values).
ClientConfig loadClientConfig(const QSettings &settings);

// True for localhost and loopback addresses, where sending a token over plain HTTP is harmless.
bool isLoopbackHost(const QString &host);

// A URL safe to show or log: no user info, query or fragment.
QString displayUrl(const QUrl &url);

} // namespace workbench::ccdash
