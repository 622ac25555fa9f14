#pragma once
// Where the CCDash API token comes from: CCDASH_API_TOKEN, else the system keychain (QtKeychain,
// which needs a D-Bus secret service; without one the lookup fails and only the environment
// variable works). The token is never written to settings and never logged.
#include <QObject>
#include <QProcessEnvironment>
#include <QString>

namespace workbench::ccdash {

class TokenSource : public QObject
{
    Q_OBJECT
public:
    enum class Origin { None, Environment, Keychain };
    Q_ENUM(Origin)

    explicit TokenSource(QObject *parent = nullptr);
    ~TokenSource() override;

    // True when the build has QtKeychain support (it may still be unavailable at run time).
    static bool keychainCompiledIn();

    // Reads CCDASH_API_TOKEN from `environment`, otherwise asks the keychain. Emits loaded()
    // once, possibly before returning.
    void load(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    // The same, waiting (with a local event loop, at most `timeoutMs`) for the keychain. CLI only.
    void loadAndWait(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                     int timeoutMs = 5000);

    QString token() const { return m_token; }
    Origin origin() const { return m_origin; }
    // Why the keychain was not used, if it was asked and failed (no secrets in here).
    QString keychainProblem() const { return m_keychainProblem; }

    // Saves (or with an empty token, deletes) the keychain entry. Emits stored().
    void storeInKeychain(const QString &token);

    static constexpr char KeychainService[] = "ccdash-workbench";
    static constexpr char KeychainKey[] = "ccdash-api-token";

Q_SIGNALS:
    void loaded();
    void stored(bool ok, const QString &problem);

private:
    void finishLoad(const QString &token, Origin origin, const QString &problem);

    QString m_token;
    Origin m_origin = Origin::None;
    QString m_keychainProblem;
    bool m_loading = false;
};

} // namespace workbench::ccdash
