// libFuzzer target: arbitrary bytes, read as a UTF-8 command, through the shell parser and the whole
// policy engine (analyzer, rules, path guard). Any crash, hang, leak or sanitizer report is a bug;
// the results are also checked against the contract's invariants, which abort() when broken.
#include "policy/policyengine.h"
#include "policy/shellparser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>
#include <memory>

using namespace workbench::policy;

namespace {

struct FuzzContext
{
    std::unique_ptr<QTemporaryDir> root = std::make_unique<QTemporaryDir>();
    QString workspace;
    QString home;
    PolicyEngine engine;

    FuzzContext()
    {
        // A small real tree so path resolution meets directories, files and a symlink going outside.
        const QString base = root->path();
        workspace = base + QStringLiteral("/ws");
        home = base + QStringLiteral("/home");
        QDir().mkpath(workspace + QStringLiteral("/src"));
        QDir().mkpath(home + QStringLiteral("/.ssh"));
        QDir().mkpath(base + QStringLiteral("/outside"));
        QFile readme(workspace + QStringLiteral("/README.md"));
        if (readme.open(QIODevice::WriteOnly))
            readme.write("# fuzz\n");
        QFile::link(base + QStringLiteral("/outside"), workspace + QStringLiteral("/link-out"));
    }
};

FuzzContext &context()
{
    static FuzzContext instance;
    return instance;
}

void require(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16 * 1024)
        return -1; // keep inputs near what a person or an agent types; -1 keeps them out of the corpus
    const QString command = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    const ParseResult parsed = parseShell(command);
    require(parsed.ok() || !parsed.error.isEmpty());

    FuzzContext &fuzz = context();
    PolicyRequest request;
    request.command = command;
    request.workspace = fuzz.workspace;
    request.home = fuzz.home;
    // The first byte also picks the cwd and env profile, so those paths are fuzzed as well.
    static const char *const cwds[] = {".", "src", "link-out", "..", "missing"};
    static const char *const profiles[] = {"default", "ci", "minimal", "project", "host"};
    const unsigned selector = size ? data[0] : 0;
    request.cwd = QString::fromLatin1(cwds[selector % 5]);
    request.envProfile = QString::fromLatin1(profiles[(selector / 5) % 5]);

    const PolicyResult result = fuzz.engine.evaluate(request);
    require(result.verdict != Verdict::Deny || result.riskLevel == RiskLevel::High);
    require(result.verdict != Verdict::Allow || result.riskLevel != RiskLevel::High);
    require(result.requiresApproval == (result.verdict == Verdict::RequiresApproval));
    for (const PolicyReason &reason : result.reasons) {
        require(reason.span.offset >= 0 && reason.span.length >= 0);
        require(reason.span.offset + reason.span.length <= command.size());
        require(result.reasonCodes.contains(reason.code));
    }
    // A command the parser rejects is denied, unless it is a slash command for the agent: that text
    // is not shell code but one quoted argument of the launcher, which is what is parsed and judged
    // (`/ref x)` is an agent command; fuzzing found this invariant too strict, 2026-12-07).
    require(parsed.ok() || result.verdict == Verdict::Deny
            || (result.verdict == Verdict::RequiresApproval && result.reasonCodes.contains(QStringLiteral("agent_command"))));
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // QtCore needs an application object for QTemporaryDir paths and translations; it lives forever.
    static QCoreApplication *application = new QCoreApplication(*argc, *argv);
    Q_UNUSED(application);
    return 0;
}
