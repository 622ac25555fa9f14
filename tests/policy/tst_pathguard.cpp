// Path resolution against a real temporary workspace: symlinks out, a sibling workspace whose
// name extends ours (/ws2 vs /ws), the home directory with credentials and tool caches.
#include "policy/pathguard.h"
#include "policy/policyengine.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace workbench::policy;

Q_DECLARE_METATYPE(workbench::policy::PathZone)
Q_DECLARE_METATYPE(workbench::policy::Verdict)

class TestPathGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void classify_data();
    void classify();
    void wildcard_data();
    void wildcard();
    void globOverlap_data();
    void globOverlap();
    void commandPaths_data();
    void commandPaths();
    void cwdChecks_data();
    void cwdChecks();
    void homeAsWorkspaceStillGuardsCredentials();

private:
    static void write(const QString &path, const QByteArray &content = "x\n")
    {
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    QTemporaryDir m_root;
    QString m_base;       // realpath of the temporary root
    QString m_workspace;  // <base>/ws
    QString m_home;       // <base>/home
    RuleSet m_rules = RuleSet::builtIn();
};

void TestPathGuard::initTestCase()
{
    QVERIFY(m_root.isValid());
    m_base = QFileInfo(m_root.path()).canonicalFilePath();
    m_workspace = m_base + QStringLiteral("/ws");
    m_home = m_base + QStringLiteral("/home");
    QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/src/sub")));
    QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/.git/hooks")));
    QVERIFY(QDir().mkpath(m_base + QStringLiteral("/ws2")));
    QVERIFY(QDir().mkpath(m_base + QStringLiteral("/outside")));
    QVERIFY(QDir().mkpath(m_home + QStringLiteral("/.cache/pip")));
    write(m_workspace + QStringLiteral("/README.md"));
    write(m_workspace + QStringLiteral("/.env"), "TOKEN=1\n");
    write(m_workspace + QStringLiteral("/.env.example"), "TOKEN=\n");
    write(m_workspace + QStringLiteral("/src/main.c"));
    write(m_base + QStringLiteral("/outside/data.txt"));
    write(m_base + QStringLiteral("/ws2/file.txt"));
    write(m_home + QStringLiteral("/.ssh/id_ed25519"), "PRIVATE\n");
    write(m_home + QStringLiteral("/.bashrc"));
    QVERIFY(QFile::link(m_base + QStringLiteral("/outside"), m_workspace + QStringLiteral("/link-out")));
    QVERIFY(QFile::link(m_workspace + QStringLiteral("/src"), m_workspace + QStringLiteral("/link-in")));
    QVERIFY(QFile::link(m_home + QStringLiteral("/.ssh/id_ed25519"), m_workspace + QStringLiteral("/key-link")));
    QVERIFY(QFile::link(m_base + QStringLiteral("/missing-target"), m_workspace + QStringLiteral("/dangling")));
}

void TestPathGuard::classify_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("cwd");   // relative to the workspace
    QTest::addColumn<PathZone>("zone");
    QTest::addColumn<QString>("flags"); // s=secret w=workspace secret p=persistence h=home r=fs root g=git internals

    QTest::newRow("file inside") << "README.md" << "." << PathZone::Inside << "";
    QTest::newRow("nested relative") << "../README.md" << "src" << PathZone::Inside << "";
    QTest::newRow("workspace root") << "." << "." << PathZone::WorkspaceRoot << "";
    QTest::newRow("root via dotdot") << ".." << "src" << PathZone::WorkspaceRoot << "";
    QTest::newRow("parent") << ".." << "." << PathZone::Outside << "";
    QTest::newRow("sibling with longer name") << "../ws2/file.txt" << "." << PathZone::Outside << "";
    QTest::newRow("absolute sibling") << "@BASE@/ws2" << "." << PathZone::Outside << "";
    QTest::newRow("symlink out") << "link-out/data.txt" << "." << PathZone::Outside << "";
    QTest::newRow("symlink out then dotdot") << "link-out/../ws/README.md" << "." << PathZone::Inside << "";
    QTest::newRow("symlink in") << "link-in/main.c" << "." << PathZone::Inside << "";
    QTest::newRow("symlink to a key") << "key-link" << "." << PathZone::Outside << "sp";
    QTest::newRow("dangling symlink") << "dangling" << "." << PathZone::Outside << "";
    QTest::newRow("new file inside") << "build/out.o" << "." << PathZone::Inside << "";
    QTest::newRow("env file") << ".env" << "." << PathZone::Inside << "w";
    QTest::newRow("env template") << ".env.example" << "." << PathZone::Inside << "";
    QTest::newRow("git hooks") << ".git/hooks/pre-commit" << "." << PathZone::Inside << "g";
    QTest::newRow("home") << "~" << "." << PathZone::Outside << "h";
    QTest::newRow("ssh key") << "~/.ssh/id_ed25519" << "." << PathZone::Outside << "sp";
    QTest::newRow("bashrc") << "~/.bashrc" << "." << PathZone::Outside << "p";
    QTest::newRow("tool cache") << "~/.cache/pip/x" << "." << PathZone::ToolCache << "";
    QTest::newRow("filesystem root") << "/" << "." << PathZone::Outside << "r";
    QTest::newRow("etc") << "/etc/hosts" << "." << PathZone::Outside << "p";
    QTest::newRow("shadow") << "/etc/shadow" << "." << PathZone::Outside << "sp";
    QTest::newRow("dev null") << "/dev/null" << "." << PathZone::Harmless << "";
    QTest::newRow("dev fd") << "/dev/fd/3" << "." << PathZone::Harmless << "";
    QTest::newRow("disk") << "/dev/sda" << "." << PathZone::BlockDevice << "";
    QTest::newRow("nvme partition") << "/dev/nvme0n1p2" << "." << PathZone::BlockDevice << "";
    QTest::newRow("bash tcp") << "/dev/tcp/example.com/80" << "." << PathZone::Network << "";
}

void TestPathGuard::classify()
{
    QFETCH(QString, path);
    QFETCH(QString, cwd);
    QFETCH(PathZone, zone);
    QFETCH(QString, flags);
    path.replace(QStringLiteral("@BASE@"), m_base);
    if (path.startsWith(u'~'))
        path = m_home + path.mid(1); // the word resolver expands ~ before the guard sees it
    const PathGuard guard(m_rules, m_workspace, m_home);
    const PathInfo info = guard.classify(path, QDir::cleanPath(m_workspace + u'/' + cwd));
    QCOMPARE(int(info.zone), int(zone));
    QCOMPARE(info.secret, flags.contains(u's'));
    QCOMPARE(info.workspaceSecret, flags.contains(u'w'));
    QCOMPARE(info.persistence, flags.contains(u'p'));
    QCOMPARE(info.home, flags.contains(u'h'));
    QCOMPARE(info.filesystemRoot, flags.contains(u'r'));
    QCOMPARE(info.gitInternals, flags.contains(u'g'));
}

void TestPathGuard::wildcard_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    QTest::newRow("star crosses slash") << "/etc/*" << "/etc/ssh/sshd_config" << true;
    QTest::newRow("prefix star") << "id_*" << "id_rsa.pub" << true;
    QTest::newRow("no match") << "id_*" << "known_hosts" << false;
    QTest::newRow("class") << "/dev/tty[0-9]*" << "/dev/tty7" << true;
    QTest::newRow("class miss") << "/dev/tty[0-9]*" << "/dev/ttyS" << false;
    QTest::newRow("question") << "a?c" << "abc" << true;
    QTest::newRow("exact") << ".env" << ".env" << true;
    QTest::newRow("suffix") << "*.pem" << "server.pem" << true;
}

void TestPathGuard::wildcard()
{
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    QCOMPARE(PathGuard::wildcardMatch(pattern, text), matches);
}

// A shell glob against a secret-path pattern: is there a path both match? (cat ~/.ssh/* and friends)
void TestPathGuard::globOverlap_data()
{
    QTest::addColumn<QString>("glob");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("overlaps");
    QTest::newRow("star over a secret dir") << "/h/.ssh/*" << "/h/.ssh/id_*" << true;
    QTest::newRow("question mark in a dir name") << "/h/.ss?/id_rsa" << "/h/.ssh/id_*" << true;
    QTest::newRow("bracket class") << "/h/.[s]sh/config" << "/h/.ssh/config" << true;
    QTest::newRow("dot-star names hidden files") << "/h/.*" << "/h/.netrc" << true;
    QTest::newRow("star skips hidden names") << "/h/*" << "/h/.netrc" << false;
    QTest::newRow("star stops at slash") << "/h/*" << "/h/.ssh/id_*" << false;
    QTest::newRow("star does not start a hidden dir") << "/h/*/id_rsa" << "/h/.ssh/id_*" << false;
    QTest::newRow("pattern star crosses dirs") << "/h/.config/*/credentials" << "/h/.config/gcloud/*" << true;
    QTest::newRow("other directory") << "/tmp/*.log" << "/h/.ssh/id_*" << false;
    QTest::newRow("suffix decides") << "/etc/sh*" << "/etc/shadow" << true;
    QTest::newRow("suffix excludes") << "/etc/*.conf" << "/etc/shadow" << false;
}

void TestPathGuard::globOverlap()
{
    QFETCH(QString, glob);
    QFETCH(QString, pattern);
    QFETCH(bool, overlaps);
    QCOMPARE(PathGuard::globsOverlap(glob, pattern), overlaps);
}

void TestPathGuard::commandPaths_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<QString>("code"); // a reason code that must be present ("" = none required)

    QTest::newRow("read inside") << "cat README.md src/main.c" << Verdict::Allow << "safe_read_only_command";
    QTest::newRow("read sibling workspace") << "cat ../ws2/file.txt" << Verdict::RequiresApproval << "path_outside_workspace";
    QTest::newRow("read through symlink out") << "cat link-out/data.txt" << Verdict::RequiresApproval << "path_outside_workspace";
    QTest::newRow("read key through symlink") << "cat key-link" << Verdict::Deny << "credential_access";
    QTest::newRow("read ssh key") << "cat ~/.ssh/id_ed25519" << Verdict::Deny << "credential_access";
    QTest::newRow("read env file") << "cat .env" << Verdict::RequiresApproval << "secret_file_read";
    QTest::newRow("read env template") << "cat .env.example" << Verdict::Allow << "safe_read_only_command";
    QTest::newRow("delete inside") << "rm -rf src/sub" << Verdict::RequiresApproval << "destructive_command";
    QTest::newRow("delete sibling") << "rm -rf ../ws2" << Verdict::Deny << "path_outside_workspace";
    QTest::newRow("delete through symlink") << "rm -rf link-out/data.txt" << Verdict::Deny << "path_outside_workspace";
    QTest::newRow("delete workspace root") << "rm -rf ." << Verdict::Deny << "workspace_root_target";
    QTest::newRow("delete home") << "rm -rf ~" << Verdict::Deny << "workspace_root_target";
    QTest::newRow("delete home via variable") << "rm -rf $HOME" << Verdict::Deny << "workspace_root_target";
    QTest::newRow("delete glob at root") << "rm -rf /*" << Verdict::Deny << "path_outside_workspace";
    QTest::newRow("delete glob inside") << "rm -f src/*.o" << Verdict::RequiresApproval << "destructive_command";
    QTest::newRow("delete brace alternatives") << "rm -rf {src/sub,../ws2}" << Verdict::Deny << "path_outside_workspace";
    QTest::newRow("delete dynamic") << "rm -rf \"$TARGET\"" << Verdict::Deny << "dynamic_argument";
    QTest::newRow("delete tracked variable") << "D=src/sub; rm -rf \"$D\"" << Verdict::RequiresApproval << "destructive_command";
    QTest::newRow("cd then delete outside") << "cd ../ws2 && rm -f file.txt" << Verdict::Deny << "path_outside_workspace";
    QTest::newRow("cd in subshell does not leak") << "(cd ../ws2) && rm -f README.md" << Verdict::RequiresApproval << "destructive_command";
    QTest::newRow("copy to tmp") << "cp README.md /tmp/ccdash-workbench-test-new-file" << Verdict::RequiresApproval << "path_outside_workspace";
    QTest::newRow("overwrite outside file") << "cp README.md ../ws2/file.txt" << Verdict::Deny << "path_outside_workspace";
    QTest::newRow("mkdir inside") << "mkdir -p build/out" << Verdict::Allow << "standard_dev_command";
    QTest::newRow("redirect inside") << "echo hi > out.txt" << Verdict::Allow << "workspace_write";
    QTest::newRow("redirect to dev null") << "make 2>/dev/null" << Verdict::Allow << "standard_dev_command";
    QTest::newRow("truncate outside file") << "echo > ../ws2/file.txt" << Verdict::Deny << "redirection_outside_workspace";
    QTest::newRow("append to bashrc") << "echo 'alias x=y' >> ~/.bashrc" << Verdict::Deny << "persistence";
    QTest::newRow("write to git hook") << "echo x > .git/hooks/pre-commit" << Verdict::RequiresApproval << "workspace_hook_write";
    QTest::newRow("tool cache write") << "touch ~/.cache/pip/marker" << Verdict::Allow << "standard_dev_command";
    QTest::newRow("block device") << "cat image.iso > /dev/sda" << Verdict::Deny << "block_device_write";
    QTest::newRow("symlink pointing out") << "ln -s ../outside out-link" << Verdict::RequiresApproval << "symlink_outside_workspace";
    QTest::newRow("symlink inside") << "ln -s src/main.c main-link.c" << Verdict::Allow << "standard_dev_command";
    QTest::newRow("find delete outside") << "find ../ws2 -name '*.txt' -delete" << Verdict::Deny << "path_outside_workspace";
    QTest::newRow("find exec rm inside") << "find . -name '*.o' -exec rm {} +" << Verdict::RequiresApproval << "destructive_command";
    QTest::newRow("tar extract outside") << "tar -xzf a.tgz -C ../ws2" << Verdict::RequiresApproval << "path_outside_workspace";
    QTest::newRow("git -C outside") << "git -C ../ws2 status" << Verdict::RequiresApproval << "path_outside_workspace";
}

void TestPathGuard::commandPaths()
{
    QFETCH(QString, command);
    QFETCH(Verdict, verdict);
    QFETCH(QString, code);
    const PolicyEngine engine;
    PolicyRequest request;
    request.command = command;
    request.workspace = m_workspace;
    request.home = m_home;
    const PolicyResult result = engine.evaluate(request);
    QVERIFY2(result.verdict == verdict, qPrintable(toString(result.verdict) + QStringLiteral(": ") + result.reasonCodes.join(u',')));
    if (!code.isEmpty())
        QVERIFY2(result.reasonCodes.contains(code), qPrintable(result.reasonCodes.join(u',')));
    for (const PolicyReason &reason : result.reasons)
        QVERIFY(reason.span.offset >= 0 && reason.span.offset + reason.span.length <= command.size());
}

void TestPathGuard::cwdChecks_data()
{
    QTest::addColumn<QString>("cwd");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<QString>("code");
    QTest::newRow("default") << "" << Verdict::Allow << "safe_read_only_command";
    QTest::newRow("subdirectory") << "src" << Verdict::Allow << "safe_read_only_command";
    QTest::newRow("absolute inside") << "@WS@/src" << Verdict::Allow << "safe_read_only_command";
    QTest::newRow("sibling prefix trap") << "@BASE@/ws2" << Verdict::Deny << "workspace_boundary_violation";
    QTest::newRow("dotdot escape") << "src/../.." << Verdict::Deny << "workspace_boundary_violation";
    QTest::newRow("symlink escape") << "link-out" << Verdict::Deny << "workspace_boundary_violation";
    QTest::newRow("missing") << "missing/dir" << Verdict::Deny << "cwd_not_found";
    QTest::newRow("file") << "README.md" << Verdict::Deny << "cwd_not_directory";
}

void TestPathGuard::cwdChecks()
{
    QFETCH(QString, cwd);
    QFETCH(Verdict, verdict);
    QFETCH(QString, code);
    cwd.replace(QStringLiteral("@WS@"), m_workspace).replace(QStringLiteral("@BASE@"), m_base);
    const PolicyEngine engine;
    PolicyRequest request;
    request.command = QStringLiteral("git status");
    request.workspace = m_workspace;
    request.cwd = cwd;
    request.home = m_home;
    const PolicyResult result = engine.evaluate(request);
    QCOMPARE(toString(result.verdict), toString(verdict));
    QVERIFY2(result.reasonCodes.contains(code), qPrintable(result.reasonCodes.join(u',')));
    QCOMPARE(result.reasonCodes.first(), code);
}

void TestPathGuard::homeAsWorkspaceStillGuardsCredentials()
{
    const PolicyEngine engine;
    auto verdictOf = [&](const QString &command) {
        PolicyRequest request;
        request.command = command;
        request.workspace = m_home;
        request.home = m_home;
        return engine.evaluate(request).verdict;
    };
    QCOMPARE(toString(verdictOf(QStringLiteral("cat .ssh/id_ed25519"))), toString(Verdict::Deny));
    QCOMPARE(toString(verdictOf(QStringLiteral("echo x >> .bashrc"))), toString(Verdict::Deny));
    QCOMPARE(toString(verdictOf(QStringLiteral("ls -la"))), toString(Verdict::Allow));
}

QTEST_GUILESS_MAIN(TestPathGuard)
#include "tst_pathguard.moc"
