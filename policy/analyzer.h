#pragma once
// Walks a parsed command and judges every part: list and pipeline members, substitution bodies,
// redirections, here-documents fed to shells, and the inner commands of wrappers (recursively,
// with a depth bound). Produces findings; the engine folds them into one verdict.
#include "policy/pathguard.h"
#include "policy/policyrules.h"
#include "policy/shellast.h"
#include "policy/shellword.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <optional>
#include <utility>

namespace workbench::policy {

struct Finding
{
    QString code;
    Verdict verdict = Verdict::Allow;
    RiskLevel risk = RiskLevel::Low;
    SourceSpan span;
    QString detail;   // fills the message's %1; the sentence is made only for reported reasons
};

// What a command's output may carry, for pipelines and substitutions.
struct Taint
{
    bool network = false;   // output comes from the network
    bool decoded = false;   // output is decoded/unpacked data
    bool secret = false;    // output holds credential material
    bool envDump = false;   // output holds the environment
    bool outside = false;   // the command touched paths outside the workspace
    bool listing = false;   // the output is a list of paths (find, ls, git ls-files, grep -l)
    bool diskListing = false; // ... of whatever is on disk (find, ls, grep -l), not only files git tracks
    bool secretNames = false; // the output names credential files (ls ~/.ssh): reading what it lists reads them
    bool any = false;       // some command produced output

    Taint &operator|=(const Taint &other)
    {
        network |= other.network;
        decoded |= other.decoded;
        secret |= other.secret;
        envDump |= other.envDump;
        outside |= other.outside;
        listing |= other.listing;
        diskListing |= other.diskListing;
        secretNames |= other.secretNames;
        any |= other.any;
        return *this;
    }
    friend Taint operator|(Taint left, const Taint &right) { return left |= right; }
};

struct Arg
{
    QString value;
    QStringList alternatives;   // brace expansions (empty when none)
    WordValue info;
    SourceSpan span;
    Taint taint;                // from substitutions inside the word
    QStringList parameters;     // names of unresolved $parameters in the word
    QString raw;                // source text of the word
    bool fromXargs = false;     // stands for arguments xargs appends

    bool isDynamic() const { return !info.isStatic; }
};

enum class StdinKind { Inherited, Pipe, HereDoc, HereString, File };

struct StdinSource
{
    StdinKind kind = StdinKind::Inherited;
    Taint taint;
    QString text;             // here-doc body or static here-string
    bool textStatic = true;
    SourceSpan span;
    QString filePath;         // < file
};

struct AnalysisContext
{
    QString cwd;              // absolute; empty once a `cd` went somewhere unknown
    int depth = 0;            // wrappers and nested shells entered so far
    bool overrideSpans = false;
    SourceSpan overrideSpan;  // findings inside text parsed from an argument point at that argument
    QStringView text;         // the source the node spans refer to
    StdinSource input;
};

// True when a chmod/install mode sets the setuid or setgid bit.
bool setsIdBits(const QString &mode);

class Analyzer
{
public:
    Analyzer(const RuleSet &rules, const PathGuard &guard, const QString &home);

    Taint visit(const Node &node, AnalysisContext &context);
    // Parse text (from bash -c, eval, su -c, here-docs) and judge it one level deeper.
    Taint judgeShellText(const QString &text, SourceSpan span, const AnalysisContext &context, const QString &origin);

    const QList<Finding> &findings() const { return m_findings; }
    bool sawBackground() const { return m_background; }

private:
    void add(const QString &code, Verdict verdict, RiskLevel risk, SourceSpan span, const QString &detail,
             const AnalysisContext &context);
    void addOutcome(const QString &outcome, SourceSpan span, const QString &detail, const AnalysisContext &context);

    Taint visitList(const Node &node, AnalysisContext &context);
    Taint visitPipeline(const Node &node, AnalysisContext &context);
    Taint visitSimple(const Node &node, AnalysisContext &context);
    Taint visitFunction(const Node &node, AnalysisContext &context);
    Taint visitWordParts(const Word &word, AnalysisContext &context);
    Taint visitParts(const std::vector<WordPart> &parts, AnalysisContext &context);
    Taint handleRedirects(const std::vector<Redirect> &redirects, AnalysisContext &context, StdinSource &input,
                          bool shellLike, bool *networkOutput = nullptr, bool truncatesOnly = false);

    Arg makeArg(const Word &word, const AnalysisContext &context, const Taint &taint);
    void collectParameters(const std::vector<WordPart> &parts, QStringList &names) const;

    Taint judgeCommand(QList<Arg> args, AnalysisContext &context, SourceSpan span);
    Taint judgeDynamicName(const QList<Arg> &args, AnalysisContext &context, SourceSpan span);
    Taint judgeWrapper(const QString &name, const WrapperRule &rule, const QList<Arg> &args, AnalysisContext &context, SourceSpan span);
    Taint judgeSubcommands(const QString &name, const SubcommandRule &rule, const QList<Arg> &args, AnalysisContext &context, SourceSpan span);
    void judgeGit(const SubcommandRule &rule, const QList<Arg> &args, const QStringList &words, AnalysisContext &context, SourceSpan span);
    Taint judgeShell(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span);
    Taint judgeInterpreter(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span);
    Taint judgeNetwork(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span);
    // How a carrier hands over the command it runs elsewhere or later.
    enum class CarriedForm { ShellText, ArgumentVector, TypedText };
    // ssh host CMD, docker/kubectl exec, tmux, screen, at: the carried command is judged as the command it is.
    Taint judgeCarriedCommand(const QString &carrier, const QList<Arg> &words, CarriedForm form, bool passesStdin,
                              AnalysisContext &context, SourceSpan span);
    Taint judgeSshCommand(const QList<Arg> &args, AnalysisContext &context, SourceSpan span);
    // ssh -o ProxyCommand=CMD / LocalCommand=CMD: CMD runs locally and is judged as shell text.
    void judgeSshCommandOption(const Arg &option, AnalysisContext &context);
    // make SHELL=... on the command line: the shell every recipe runs with.
    void judgeMakeAssignments(const QList<Arg> &args, AnalysisContext &context);
    // scp/rsync of a secret file to another host: secret_exfiltration.
    // kill ... -1 signals every process the user owns: blocked like killall5.
    void judgeKillTargets(const QList<Arg> &args, AnalysisContext &context);
    // A subcommand that carries a command (docker run, kubectl exec, gcloud compute ssh --command): which one, and
    // where its own words end.
    std::optional<std::pair<const CarrierRule *, qsizetype>> matchCarrier(const SubcommandRule &rule, const QStringList &words,
                                                                          const QList<qsizetype> &wordIndex) const;
    Taint judgeCarrier(const QString &name, const SubcommandRule &rule, const CarrierRule &carrier, const QList<Arg> &args,
                       qsizetype start, AnalysisContext &context, SourceSpan span, qsizetype *carriedFrom);
    // Container paths (DST of -v SRC:DST) that are workspace directories on the host, with their host paths.
    QList<std::pair<QString, QString>> workspaceMounts(const SubcommandRule &rule, const QList<Arg> &options,
                                                       const AnalysisContext &context) const;
    Taint judgeDetachedCommand(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span);
    Taint judgeTypedKeys(const QString &name, const QList<Arg> &keys, bool literal, AnalysisContext &context, SourceSpan span);
    // A framework task that destroys a database (rails db:drop, manage.py flush, prisma migrate reset): denied
    // like DROP DATABASE, however the task runner is reached (bin/rails, bundle exec, npx, docker exec).
    void judgeDatabaseTask(const QList<Arg> &args, SourceSpan span, const AnalysisContext &context);
    Taint judgeStdinCode(const QString &name, bool isShell, AnalysisContext &context, SourceSpan span);
    Taint judgeScriptOperand(const QString &name, const Arg &script, AnalysisContext &context, SourceSpan span);
    void judgeOperands(const QString &name, const ProgramOptions *options, OperandRole defaultRole, const QList<Arg> &args,
                       AnalysisContext &context, SourceSpan span, Taint &taint);
    bool findMayReachCredentials(const QList<Arg> &args, const QString &start, const AnalysisContext &context) const;
    void judgeFind(const QList<Arg> &args, AnalysisContext &context, SourceSpan span, Taint &taint);
    void judgeTar(const QList<Arg> &args, AnalysisContext &context, SourceSpan span, Taint &taint);
    void judgeChmod(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span, Taint &taint);
    void judgeDd(const QList<Arg> &args, AnalysisContext &context, SourceSpan span, Taint &taint);
    void judgeSedScript(const QString &script, SourceSpan span, const AnalysisContext &context);
    void judgeExecutedText(const QString &text, SourceSpan span, const AnalysisContext &context, const QString &origin);
    void judgeAwkProgram(const QString &program, SourceSpan span, const AnalysisContext &context);
    void judgeCd(const QList<Arg> &args, AnalysisContext &context, SourceSpan span);
    // SQL clients (psql, mysql, sqlite3): statements given as options, operands or static stdin are judged;
    // SQL read from a file or a program's output is unseen (approval); the client's shell escapes are judged.
    void judgeSqlClient(const QString &name, const SubcommandRule &rule, const QList<Arg> &args, AnalysisContext &context,
                        SourceSpan span);
    void judgeSqlText(const SubcommandRule &client, const QString &sql, SourceSpan span, AnalysisContext &context);
    void judgeSqlClientCommands(const SubcommandRule &client, const QString &sql, SourceSpan span, AnalysisContext &context);
    void judgeClientShellCommand(const QString &command, QString text, SourceSpan span, AnalysisContext &context);
    // True for a pager/editor command line that is only a benign program and options known to be harmless
    // ("less -R", "code --wait", "cat"): what PAGER, GIT_EDITOR or git's core.pager may name safely.
    // A bare shell is benign only where the value names the user's shell (SHELL=/bin/bash): as a pager
    // or editor it runs the text it is given (GIT_PAGER=sh runs commit messages).
    bool isBenignProgramLine(const QString &commandLine, bool shellIsBenign = false) const;
    // A core.hooksPath value that places git's hooks inside the workspace (.githooks): project scripts.
    // Judges a gdb -ex command (a shell escape's command line); true when it only inspects or runs the debuggee.
    bool judgeDebuggerCommand(const Arg &command, const AnalysisContext &context);
    bool isWorkspaceHooksPath(const Arg &value, const AnalysisContext &context) const;
    // An absolute PATH entry inside the workspace or a tool cache: prepending it is not a hijack.
    bool isProjectBinDirectory(const QString &component, const AnalysisContext &context) const;
    void checkEnvAssignment(const QString &name, const Word &valueWord, const WordValue &value, SourceSpan span,
                            const AnalysisContext &context);
    void checkPath(const Arg &arg, const QString &value, OperandRole role, AnalysisContext &context, Taint &taint,
                   bool redirection, bool recursive = false);
    bool isDecoder(const QString &name, const QList<Arg> &args) const;
    // make install, cmake --install, ninja install ...: true unless staged into the workspace.
    bool installsOutsideWorkspace(const QString &name, const QList<Arg> &args, const AnalysisContext &context) const;
    void judgeDefaultKeyFile(const QList<Arg> &args, const AnalysisContext &context, SourceSpan span);
    QStringList stdoutFiles(const Node &node, const AnalysisContext &context) const;
    // Files a network fetch earlier in the command wrote (curl -o, wget -O, `curl URL > f`).
    void recordFetchedFiles(const QString &name, const QList<Arg> &args, const AnalysisContext &context);
    bool isFetchedFile(const Arg &arg, const AnalysisContext &context) const;
    // cp/mv/install/ln of a download: the copies are downloads too.
    void carryFetchedFiles(const QList<Arg> &sources, const QList<Arg> &targets, const AnalysisContext &context);
    // A reader (cat, sed, head) of a download outputs downloaded data: cat a.sh > b.sh, cat a.sh | sh.
    bool readsFetchedFile(const QList<Arg> &args, const AnalysisContext &context) const;
    // A credential path, a workspace secret, or a file this command filled with one (env > f, cp .env f).
    bool holdsPersistence(const QString &directory, const AnalysisContext &context) const;
    bool throughSecretLink(const QString &path) const;
    void judgeServedDirectory(const QList<Arg> &args, const AnalysisContext &context, SourceSpan span);
    bool dynamicPathMayBeSecret(const Arg &arg, const AnalysisContext &context) const;
    bool holdsSecret(const Arg &arg, const AnalysisContext &context) const;
    // Secrets copied to a remote (scp/rsync/gsutil/rclone/aws s3 cp FILE REMOTE, gh gist create FILE).
    // What echo/printf/cat-of-a-here-document print when it is static text.
    bool staticOutputText(const Node &node, const AnalysisContext &context, QString *text) const;
    bool processSubstitutionText(const Arg &arg, const AnalysisContext &context, QString *text) const;
    void judgeReverseShell(const Node &pipeline, const AnalysisContext &context);
    // Output of some program redirected into a file (not static text, not a download): running it is eval-like.
    void recordGeneratedFiles(const Node &node, const AnalysisContext &context);
    void judgeGeneratedScript(const QString &path, SourceSpan span, const AnalysisContext &context);
    bool teeStaticInput(const Node &node, const AnalysisContext &context);
    void recordWrittenScript(const Node &node, const AnalysisContext &context);
    void recordArray(const QString &name, const Word &valueWord, const AnalysisContext &context);
    void spliceArray(QList<Arg> &args) const;
    void judgeEndlessOutput(const QList<Arg> &args, const Node &node, const AnalysisContext &context);
    void recordSecretCopy(const QList<Arg> &args, const AnalysisContext &context);
    void judgeSecretUpload(const QString &name, const QList<Arg> &args, const AnalysisContext &context, SourceSpan span);
    bool stdinIsFetched(const AnalysisContext &context) const;
    bool isKnownProgram(const QString &name) const;
    bool isDangerousProgram(const QString &name) const;
    void applyOverlayRules(const QString &name, const QList<Arg> &args, SourceSpan span, const AnalysisContext &context);
    SourceSpan spanFor(SourceSpan span, const AnalysisContext &context) const;

    const RuleSet &m_rules;
    const PathGuard &m_guard;
    QString m_home;
    QList<Finding> m_findings;
    QHash<QString, QString> m_variables;     // statically known shell variables
    QHash<QString, Taint> m_variableTaint;   // variables assigned from substitutions
    QSet<QString> m_functions;
    QList<SourceSpan> m_overlayAllowSpans;
    QSet<int> m_networkFds;
    QSet<QString> m_fetchedFiles;           // absolute paths a download was written to
    QSet<QString> m_secretLinks;             // links to credential material this command creates
    QHash<QString, QStringList> m_arrays;   // arrays (and "@" after set --) whose elements are all static
    QSet<QString> m_generatedFiles;          // files this command filled with some program's output
    QHash<QString, QString> m_writtenScripts; // absolute path -> static text this command wrote to it
    QSet<QString> m_secretFiles;            // absolute paths this command wrote secrets or the environment to
    QString m_stagedSecret;                 // a secret file `git add` staged earlier in this command
    bool m_ifsChanged = false;              // IFS was reassigned: unquoted expansions split unpredictably
    bool isHighlyDangerous(const QString &name) const;                 // descriptors opened on /dev/tcp or /dev/udp  // parts a trusted "allow" rule lifted to allow
    bool m_background = false;
    // Set while the operands of a program that only lists names and metadata (ls, stat) are judged:
    // it reads no file's content, so credential paths are a boundary question, not credential access.
    bool m_listingNamesOnly = false;
};

} // namespace workbench::policy
