#pragma once
// Resolves path arguments the way the kernel will see them (cwd, ~, .., symlinks of existing
// components) and places them relative to the workspace's realpath, as a path, never as a string
// prefix: /ws2 is outside /ws.
#include "policy/policyrules.h"

#include <QHash>
#include <QString>

namespace workbench::policy {

enum class PathZone {
    Inside,         // below the workspace root
    WorkspaceRoot,  // the workspace root itself
    ToolCache,      // ~/.npm, ~/.cache, ~/.cargo ... written by build tools
    Harmless,       // /dev/null, /dev/stdout, /dev/fd/N ...
    BlockDevice,    // /dev/sda, /dev/nvme0n1, /dev/mem ...
    Network,        // bash's /dev/tcp/host/port and /dev/udp/host/port
    Outside,        // anything else
};

struct PathInfo
{
    QString lexical;       // absolute, cleaned, before symlinks
    QString resolved;      // after symlinks of existing components
    PathZone zone = PathZone::Outside;
    bool exists = false;
    bool isDir = false;
    bool secret = false;        // credential material (outside) per secretPaths
    bool workspaceSecret = false; // secret-bearing file inside the workspace (.env, *.pem)
    bool persistence = false;   // shell rc, ~/.ssh, systemd, /etc ...
    bool systemRead = false;    // harmless system files to read (/usr/include, /etc/os-release)
    bool home = false;          // exactly the home directory
    bool filesystemRoot = false;
    bool gitInternals = false;  // <workspace>/.git/hooks or .git/config
};

class PathGuard
{
public:
    PathGuard(const RuleSet &rules, const QString &workspaceReal, const QString &home);
    // With the home's realpath already known (an evaluation cache resolved it before).
    PathGuard(const RuleSet &rules, const QString &workspaceReal, const QString &home, const QString &homeReal);

    // path may be relative (to cwd), absolute or start with ~ (already expanded by the resolver).
    PathInfo classify(const QString &path, const QString &cwd) const;
    // Like classify() but the last component is not followed (rm link, mv link).
    PathInfo classifyLink(const QString &path, const QString &cwd) const;
    QString absolute(const QString &path, const QString &cwd) const;
    QString resolveSymlinks(const QString &cleanAbsolute) const;
    bool isInsideWorkspace(const QString &resolved) const;

    const QString &workspace() const { return m_workspace; }
    const QString &home() const { return m_home; }

    // True when a shell glob (cat ~/.ssh/*, ~/.ss?/id_rsa) can name credential material per secretPaths:
    // some path both matches. Shell rules for the glob ('*' and '?' stop at '/', never start a hidden
    // name); the secret patterns' '*' also matches '/'. Placed against the cwd and the realpath of the
    // glob's literal leading directory.
    bool globMayMatchSecret(const QString &glob, const QString &cwd) const;

    // Shell-style wildcard match (* ? [..]); '*' also matches '/'.
    static bool wildcardMatch(QStringView pattern, QStringView text);
    // Whether some text matches both the shell glob and the secret-path style pattern (see above).
    static bool globsOverlap(QStringView shellGlob, QStringView pattern);

private:
    struct Entry
    {
        bool exists = false;
        bool isDir = false;
        bool isSymLink = false;
        QString target;    // canonical target of a link ("" when dangling)
        QString linkText;  // the link's own text, for dangling links
    };
    const Entry &lookup(const QString &path) const;
    // *exists is false when some component (up to the last) was found missing.
    QString resolveSymlinks(const QString &cleanAbsolute, bool *exists) const;
    // The component walk behind resolveSymlinks(), from an already resolved directory.
    QString resolveFrom(QString current, bool existing, QStringView rest, bool *exists) const;
    PathInfo classifyUncached(const QString &path, const QString &cwd) const;

    bool matchesAny(const QStringList &patterns, const QString &path) const;
    bool isWorkspaceSecretName(const QString &name) const;
    bool isPublicKey(const PathInfo &info, bool throughLinks) const;
    QString expandHome(const QString &pattern) const;

    const RuleSet &m_rules;
    QString m_workspace;
    QString m_home;
    QString m_homeReal;
    // One evaluation resolves the same prefixes many times: remember what the filesystem said.
    mutable QHash<QString, Entry> m_entries;
    // Resolved directories by their clean absolute path: a path's own resolution then costs one
    // component (paths share their directories; deep cwds would otherwise be walked per path).
    struct ResolvedDirectory
    {
        QString resolved;
        bool exists = true;
    };
    mutable QHash<QString, ResolvedDirectory> m_directories;
    // Keyed by cwd, then by the path as written: a hit costs no string building.
    mutable QHash<QString, QHash<QString, PathInfo>> m_classified;
    mutable qsizetype m_classifiedCount = 0;
    // Names repeat across directories (main.py, out, package.json): one pattern scan per name.
    mutable QHash<QString, bool> m_workspaceSecretNames;
};

} // namespace workbench::policy
