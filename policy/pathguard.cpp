#include "policy/pathguard.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <sys/stat.h>

namespace workbench::policy {

namespace {

bool isBelow(const QString &path, const QString &base)
{
    if (base.isEmpty())
        return false;
    if (base == u"/")
        return path.startsWith(u'/') && path.size() > 1;
    return path.size() > base.size() && path.startsWith(base) && path[base.size()] == u'/';
}

// QDir::cleanPath's output for an absolute path: no "." or ".." component, no "//", no trailing '/'.
bool isCleanAbsolute(QStringView path)
{
    if (!path.startsWith(u'/'))
        return false;
    if (path.size() == 1)
        return true;
    if (path.endsWith(u'/'))
        return false;
    for (qsizetype k = 0; k < path.size(); ++k) {
        if (path[k] != u'/')
            continue;
        const qsizetype next = k + 1;
        if (next < path.size() && path[next] == u'/')
            return false;
        if (next < path.size() && path[next] == u'.') {
            const qsizetype after = next + 1;
            if (after == path.size() || path[after] == u'/')
                return false; // "/."
            if (path[after] == u'.' && (after + 1 == path.size() || path[after + 1] == u'/'))
                return false; // "/.."
        }
    }
    return true;
}

bool isAtOrBelow(const QString &path, const QString &base)
{
    return path == base || isBelow(path, base);
}

} // namespace

PathGuard::PathGuard(const RuleSet &rules, const QString &workspaceReal, const QString &home)
    : m_rules(rules)
    , m_workspace(workspaceReal)
    , m_home(QDir::cleanPath(home))
{
    const QString real = QFileInfo(m_home).canonicalFilePath();
    m_homeReal = real.isEmpty() ? m_home : real;
}

PathGuard::PathGuard(const RuleSet &rules, const QString &workspaceReal, const QString &home, const QString &homeReal)
    : m_rules(rules)
    , m_workspace(workspaceReal)
    , m_home(QDir::cleanPath(home))
    , m_homeReal(homeReal.isEmpty() ? m_home : homeReal)
{
}

bool PathGuard::wildcardMatch(QStringView pattern, QStringView text)
{
    // Iterative matcher with single-star backtracking: linear for the patterns we use.
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype starP = -1;
    qsizetype starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            starP = p++;
            starT = t;
            continue;
        }
        if (p < pattern.size() && pattern[p] == u'[') {
            const qsizetype close = pattern.indexOf(u']', p + 1);
            if (close > p) {
                bool matched = false;
                const QStringView set = pattern.mid(p + 1, close - p - 1);
                for (qsizetype k = 0; k < set.size(); ++k) {
                    if (k + 2 < set.size() && set[k + 1] == u'-') {
                        if (text[t] >= set[k] && text[t] <= set[k + 2])
                            matched = true;
                        k += 2;
                    } else if (set[k] == text[t]) {
                        matched = true;
                    }
                }
                if (matched) {
                    p = close + 1;
                    ++t;
                    continue;
                }
            }
        } else if (p < pattern.size() && (pattern[p] == u'?' || pattern[p] == text[t])) {
            ++p;
            ++t;
            continue;
        }
        if (starP < 0)
            return false;
        p = starP + 1;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

QString PathGuard::expandHome(const QString &pattern) const
{
    if (pattern == u"~")
        return m_home;
    if (pattern.startsWith(u"~/"))
        return m_home + pattern.mid(1);
    return pattern;
}

bool PathGuard::matchesAny(const QStringList &patterns, const QString &path) const
{
    const QChar *const pathData = path.constData();
    const qsizetype pathSize = path.size();
    for (const QString &pattern : patterns) {
        // Called for every path with every pattern list: inline character tests, no library calls.
        const QChar *const patternData = pattern.constData();
        const qsizetype patternSize = pattern.size();
        if (patternSize > 0 && patternData[0] == u'~') {
            // Compare against both the home as given and its realpath.
            const QStringView rest = QStringView(pattern).mid(1);
            for (const QString *home : {&m_home, &m_homeReal}) {
                if (path.startsWith(*home) && wildcardMatch(rest, QStringView(path).mid(home->size())))
                    return true;
            }
            continue;
        }
        // Quick reject on the literal prefix (usually decided by the second character).
        bool prefixDiffers = false;
        for (qsizetype k = 0; k < patternSize; ++k) {
            const QChar c = patternData[k];
            if (c == u'*' || c == u'?' || c == u'[')
                break;
            if (k >= pathSize || pathData[k] != c) {
                prefixDiffers = true;
                break;
            }
        }
        if (prefixDiffers)
            continue;
        if (wildcardMatch(pattern, path))
            return true;
    }
    return false;
}

bool PathGuard::globsOverlap(QStringView shellGlob, QStringView pattern)
{
    // Reachability in the product of the two patterns: state (i, j, at the start of a name).
    // A bracket class is taken as "any character but '/'" on the glob side and "any character" in the
    // pattern: an over-approximation, so an overlap is never missed.
    struct Token
    {
        enum Kind { Literal, One, Star } kind;
        QChar ch;
    };
    const auto tokenize = [](QStringView text) {
        QList<Token> tokens;
        for (qsizetype k = 0; k < text.size(); ++k) {
            const QChar c = text[k];
            if (c == u'*') {
                if (tokens.isEmpty() || tokens.back().kind != Token::Star)
                    tokens.append({Token::Star, c});
            } else if (c == u'?') {
                tokens.append({Token::One, c});
            } else if (c == u'[' && text.indexOf(u']', k + 2) > k) {
                k = text.indexOf(u']', k + 2);
                tokens.append({Token::One, u'['});
            } else {
                tokens.append({Token::Literal, c});
            }
        }
        return tokens;
    };
    const QList<Token> glob = tokenize(shellGlob);
    const QList<Token> secret = tokenize(pattern);
    const qsizetype width = secret.size() + 1;
    QList<bool> seen((glob.size() + 1) * width * 2, false);
    struct State
    {
        qsizetype i, j;
        bool nameStart;
    };
    QList<State> todo{{0, 0, true}};
    const auto push = [&](qsizetype i, qsizetype j, bool nameStart) {
        bool &visited = seen[(i * width + j) * 2 + (nameStart ? 1 : 0)];
        if (!visited) {
            visited = true;
            todo.append({i, j, nameStart});
        }
    };
    while (!todo.isEmpty()) {
        const State state = todo.takeLast();
        const bool globDone = state.i == glob.size();
        const bool secretDone = state.j == secret.size();
        if (globDone && secretDone)
            return true;
        if (!globDone && glob[state.i].kind == Token::Star)
            push(state.i + 1, state.j, state.nameStart);
        if (!secretDone && secret[state.j].kind == Token::Star)
            push(state.i, state.j + 1, state.nameStart);
        if (globDone || secretDone)
            continue;
        // One character both sides accept.
        const Token &g = glob[state.i];
        const Token &p = secret[state.j];
        QChar c;
        if (g.kind == Token::Literal && p.kind == Token::Literal) {
            if (g.ch != p.ch)
                continue;
            c = g.ch;
        } else if (g.kind == Token::Literal) {
            c = g.ch;
        } else if (p.kind == Token::Literal) {
            c = p.ch;
            // A glob wildcard never matches '/', nor a leading '.' (bash without dotglob).
            if (c == u'/' || (c == u'.' && state.nameStart && g.ch != u'['))
                continue;
        } else {
            c = u'x';
        }
        const qsizetype nextI = g.kind == Token::Star ? state.i : state.i + 1;
        const qsizetype nextJ = p.kind == Token::Star ? state.j : state.j + 1;
        push(nextI, nextJ, c == u'/');
    }
    return false;
}

bool PathGuard::globMayMatchSecret(const QString &glob, const QString &cwd) const
{
    QStringList placements{absolute(glob, cwd)};
    // The literal directory before the first wildcard, through its symlinks: ~/link-to-ssh/*.
    const QString &lexical = placements.front();
    static thread_local const QRegularExpression wildcards(QStringLiteral("[*?\\[]"));
    const qsizetype wildcard = lexical.indexOf(wildcards);
    const qsizetype slash = wildcard < 0 ? -1 : lexical.lastIndexOf(u'/', wildcard);
    if (slash > 0) {
        const QString resolved = resolveSymlinks(lexical.left(slash)) + lexical.mid(slash);
        if (resolved != lexical)
            placements << resolved;
    }
    for (const QString &pattern : m_rules.secretPaths) {
        QStringList expanded;
        if (pattern.startsWith(u'~')) {
            expanded << m_home + pattern.mid(1);
            if (m_homeReal != m_home)
                expanded << m_homeReal + pattern.mid(1);
        } else {
            expanded << pattern;
        }
        for (const QString &placed : std::as_const(placements)) {
            for (const QString &secret : std::as_const(expanded)) {
                if (globsOverlap(placed, secret))
                    return true;
            }
        }
    }
    return false;
}

QString PathGuard::absolute(const QString &path, const QString &cwd) const
{
    QString result;
    if (path.startsWith(u'/'))
        result = path;
    else if (path == u"~")
        result = m_home;
    else if (path.startsWith(u"~/"))
        result = m_home + path.mid(1);
    else
        result = (cwd.isEmpty() ? m_workspace : cwd) + u'/' + path;
    // Most operands are plain names below a clean cwd (src/main.py): nothing for cleanPath to do.
    if (isCleanAbsolute(result))
        return result;
    return QDir::cleanPath(result);
}

const PathGuard::Entry &PathGuard::lookup(const QString &path) const
{
    auto it = m_entries.constFind(path);
    if (it != m_entries.constEnd())
        return it.value();
    if (m_entries.size() > 4096)
        m_entries.clear();
    Entry entry;
    // Below something missing or not a directory nothing can exist: no system call needed. Commands
    // that `cd` into directories that do not exist resolve every later path there.
    const qsizetype slash = path.lastIndexOf(u'/');
    if (slash > 0) {
        const auto parent = m_entries.constFind(path.left(slash));
        if (parent != m_entries.constEnd() && !parent->isDir)
            return m_entries.insert(path, entry).value();
    }
    // One lstat() answers everything for a file that is not a link (QFileInfo would stat twice).
    const QByteArray native = QFile::encodeName(path);
    struct stat status;
    if (::lstat(native.constData(), &status) != 0)
        return m_entries.insert(path, entry).value();
    entry.isSymLink = S_ISLNK(status.st_mode);
    if (!entry.isSymLink) {
        entry.exists = true;
        entry.isDir = S_ISDIR(status.st_mode);
    } else {
        const QFileInfo info(path);
        entry.exists = info.exists();
        entry.isDir = info.isDir();
        entry.target = info.canonicalFilePath();
        entry.linkText = info.symLinkTarget();
    }
    return m_entries.insert(path, entry).value();
}

QString PathGuard::resolveSymlinks(const QString &cleanAbsolute) const
{
    return resolveSymlinks(cleanAbsolute, nullptr);
}

QString PathGuard::resolveSymlinks(const QString &cleanAbsolute, bool *exists) const
{
    // A clean path is its resolved directory plus one component: the directory is resolved once per
    // evaluation. Anything else (a ".." to apply after a link) walks from the start.
    if (cleanAbsolute == m_workspace && !m_workspace.isEmpty()) { // a realpath already
        if (exists)
            *exists = true;
        return m_workspace;
    }
    const qsizetype slash = cleanAbsolute.lastIndexOf(u'/');
    if (slash > 0 && isCleanAbsolute(cleanAbsolute)) {
        const QString parent = cleanAbsolute.left(slash);
        auto it = m_directories.constFind(parent);
        if (it == m_directories.constEnd()) {
            if (m_directories.size() > 4096)
                m_directories.clear();
            ResolvedDirectory directory;
            directory.resolved = resolveSymlinks(parent, &directory.exists);
            it = m_directories.insert(parent, directory);
        }
        return resolveFrom(it->resolved, it->exists, QStringView(cleanAbsolute).mid(slash), exists);
    }
    // The workspace root is already a realpath: start below it when the path is inside.
    if (!m_workspace.isEmpty() && isAtOrBelow(cleanAbsolute, m_workspace) && m_workspace != u"/")
        return resolveFrom(m_workspace, true, QStringView(cleanAbsolute).mid(m_workspace.size()), exists);
    return resolveFrom(QString(), true, cleanAbsolute, exists);
}

QString PathGuard::resolveFrom(QString current, bool existing, QStringView rest, bool *exists) const
{
    // Physical resolution component by component; components that do not exist cannot be links.
    if (current == u"/")
        current.clear();
    int hops = 0;
    qsizetype position = 0;
    while (position < rest.size()) {
        // Next component without building a list of them (commands that cd into missing
        // directories resolve long paths).
        if (rest[position] == u'/') {
            ++position;
            continue;
        }
        qsizetype slash = rest.indexOf(u'/', position);
        if (slash < 0)
            slash = rest.size();
        const QStringView part = rest.mid(position, slash - position);
        position = slash;
        if (part == u".")
            continue;
        if (part == u"..") {
            const qsizetype slash = current.lastIndexOf(u'/');
            current = slash > 0 ? current.left(slash) : QString();
            continue;
        }
        if (!existing) {
            // Below a missing component nothing is a link: the rest is appended as it is, at once
            // when it is clean (no ".", "..", empty component or trailing slash; cleanPath's output).
            const QStringView remainder = rest.mid(position);
            if (!remainder.contains(u"/.") && !remainder.contains(u"//") && !remainder.endsWith(u'/')) {
                current.reserve(current.size() + 1 + part.size() + remainder.size());
                current += u'/';
                current += part;
                current += remainder;
                break;
            }
            current += u'/';
            current += part;
            continue;
        }
        // The candidate is built in place: a prefix already looked up costs no new string.
        const qsizetype parentSize = current.size();
        current += u'/';
        current += part;
        const Entry &entry = lookup(current);
        if (entry.isSymLink && ++hops < 40) {
            if (!entry.target.isEmpty()) {
                current = entry.target;
                continue;
            }
            // Dangling link: follow its text once, lexically.
            const QString parent = current.left(parentSize);
            current = QDir::cleanPath(QDir(parent.isEmpty() ? QStringLiteral("/") : parent).absoluteFilePath(entry.linkText));
            existing = lookup(current).exists;
            continue;
        }
        if (!entry.exists)
            existing = false;
    }
    if (exists)
        *exists = existing;
    return current.isEmpty() ? QStringLiteral("/") : current;
}

bool PathGuard::isInsideWorkspace(const QString &resolved) const
{
    return isAtOrBelow(resolved, m_workspace);
}

PathInfo PathGuard::classify(const QString &path, const QString &cwd) const
{
    // An absolute path does not depend on the cwd: one entry for all of them.
    const QString scope = path.startsWith(u'/') ? QString() : cwd;
    QHash<QString, PathInfo> &byPath = m_classified[scope];
    if (const auto it = byPath.constFind(path); it != byPath.constEnd())
        return it.value();
    if (m_classifiedCount > 4096) {
        m_classified.clear();
        m_classifiedCount = 0;
        return classify(path, cwd);
    }
    PathInfo info = classifyUncached(path, cwd);
    byPath.insert(path, info);
    ++m_classifiedCount;
    return info;
}

PathInfo PathGuard::classifyLink(const QString &path, const QString &cwd) const
{
    const QString lexical = absolute(path, cwd);
    const qsizetype slash = lexical.lastIndexOf(u'/');
    if (slash <= 0 || path.endsWith(u'/'))
        return classify(path, cwd);
    bool parentExists = true;
    const QString parent = resolveSymlinks(lexical.left(slash), &parentExists);
    if (!parentExists || !lookup(parent + lexical.mid(slash)).isSymLink) // nothing is a link in a missing directory
        return classify(path, cwd);
    // The link itself lives where its parent directory is.
    PathInfo info = classify(lexical.left(slash), cwd);
    info.lexical = lexical;
    info.resolved = info.resolved + lexical.mid(slash);
    if (info.zone == PathZone::WorkspaceRoot)
        info.zone = PathZone::Inside;
    info.home = false;
    info.filesystemRoot = false;
    info.exists = true;
    info.isDir = false;
    info.secret = false;
    info.workspaceSecret = false;
    return info;
}

bool PathGuard::isWorkspaceSecretName(const QString &name) const
{
    if (const auto it = m_workspaceSecretNames.constFind(name); it != m_workspaceSecretNames.constEnd())
        return it.value();
    bool secret = false;
    for (const QString &pattern : m_rules.workspaceSecretNames) {
        if (wildcardMatch(pattern, name)) {
            // .env.example / .env.sample are templates, not secrets.
            secret = !(name.endsWith(u".example") || name.endsWith(u".sample") || name.endsWith(u".template") || name.endsWith(u".dist"));
            break;
        }
    }
    if (m_workspaceSecretNames.size() > 4096)
        m_workspaceSecretNames.clear();
    m_workspaceSecretNames.insert(name, secret);
    return secret;
}

bool PathGuard::isPublicKey(const PathInfo &info, bool throughLinks) const
{
    // Both spellings must name a public key: a link called id.pub that points at a private key is no public key.
    return !m_rules.publicKeyPaths.isEmpty() && matchesAny(m_rules.publicKeyPaths, info.resolved)
           && (!throughLinks || matchesAny(m_rules.publicKeyPaths, info.lexical));
}

PathInfo PathGuard::classifyUncached(const QString &path, const QString &cwd) const
{
    PathInfo info;
    info.lexical = absolute(path, cwd);
    if (matchesAny(m_rules.harmlessPaths, info.lexical)) {
        info.zone = PathZone::Harmless;
        info.resolved = info.lexical;
        info.exists = true;
        return info;
    }
    if (info.lexical.startsWith(u"/dev/tcp/") || info.lexical.startsWith(u"/dev/udp/")) {
        info.zone = PathZone::Network;
        info.resolved = info.lexical;
        return info;
    }
    bool parentsExist = true;
    // The kernel follows a symlink before it applies a later "..": link-out/../x is x next to the
    // link's target, not next to the link. Resolve the path as written; lexical stays cleaned.
    QString physical = info.lexical;
    if (path.contains(QLatin1String(".."))) {
        if (path.startsWith(u'/'))
            physical = path;
        else if (path == u"~" || path.startsWith(u"~/"))
            physical = m_home + path.mid(1);
        else
            physical = (cwd.isEmpty() ? m_workspace : cwd) + u'/' + path;
    }
    info.resolved = resolveSymlinks(physical, &parentsExist);
    if (parentsExist) { // else a component is missing: so is the path, no need to ask the filesystem
        const Entry &entry = lookup(info.resolved);
        info.exists = entry.exists;
        info.isDir = entry.isDir;
    }

    // Without links on the way the lexical and the resolved path are the same string: one check each.
    const bool throughLinks = info.resolved != info.lexical;
    if (matchesAny(m_rules.blockDevices, info.resolved) || (throughLinks && matchesAny(m_rules.blockDevices, info.lexical))) {
        info.zone = PathZone::BlockDevice;
        return info;
    }
    if (info.resolved == m_workspace) {
        info.zone = PathZone::WorkspaceRoot;
    } else if (isBelow(info.resolved, m_workspace)) {
        info.zone = PathZone::Inside;
        const QString relative = info.resolved.mid(m_workspace.size() + 1);
        info.gitInternals = relative.startsWith(u".git/hooks") || relative == u".git/config" || relative == u".git";
        // A workspace that contains the home directory (or is it) still guards ~/.ssh and rc files.
        if (isAtOrBelow(m_home, m_workspace) || isAtOrBelow(m_homeReal, m_workspace)) {
            QStringList homePatterns;
            for (const QString &pattern : m_rules.secretPaths) {
                if (pattern.startsWith(u'~'))
                    homePatterns << pattern;
            }
            info.secret = matchesAny(homePatterns, info.resolved) && !isPublicKey(info, throughLinks);
            homePatterns.clear();
            for (const QString &pattern : m_rules.persistencePaths) {
                if (pattern.startsWith(u'~'))
                    homePatterns << pattern;
            }
            info.persistence = matchesAny(homePatterns, info.resolved);
        }
        const QString name = relative.mid(relative.lastIndexOf(u'/') + 1); // the last component, without section()'s split
        info.workspaceSecret = isWorkspaceSecretName(name);
        return info;
    } else {
        info.zone = PathZone::Outside;
        for (const QString &cache : m_rules.toolCaches) {
            const QString base = expandHome(cache);
            if (isAtOrBelow(info.resolved, base) || isAtOrBelow(info.lexical, base)
                || (base.startsWith(m_home) && isAtOrBelow(info.resolved, m_homeReal + base.mid(m_home.size())))) {
                info.zone = PathZone::ToolCache;
                break;
            }
        }
    }
    info.home = info.resolved == m_homeReal || info.lexical == m_home;
    info.filesystemRoot = info.resolved == u"/";
    info.secret = matchesAny(m_rules.secretPaths, info.resolved) || (throughLinks && matchesAny(m_rules.secretPaths, info.lexical));
    // cat ~/.ssh/id_ed25519.pub: a public key is no credential, reading it is an ordinary read outside.
    if (info.secret && isPublicKey(info, throughLinks))
        info.secret = false;
    info.persistence = matchesAny(m_rules.persistencePaths, info.resolved)
                       || (throughLinks && matchesAny(m_rules.persistencePaths, info.lexical));
    // Another repository's hooks and config run code on its next git command: persistence outside the workspace.
    if (info.zone == PathZone::Outside
        && (info.resolved.contains(QLatin1String("/.git/hooks/")) || info.resolved.endsWith(QLatin1String("/.git/hooks"))
            || info.resolved.endsWith(QLatin1String("/.git/config"))))
        info.persistence = true;
    info.systemRead = matchesAny(m_rules.systemReadPaths, info.resolved);
    if (info.zone == PathZone::ToolCache && (info.secret || info.persistence))
        info.zone = PathZone::Outside;
    return info;
}

} // namespace workbench::policy
