#pragma once
// The command policy engine: parses a command with a real shell grammar, judges every part of
// it against the rule set, and answers allow / requires_approval / deny with reasons and spans.
// Deterministic, thread-safe for const use (evaluate() may run on several threads at once) and
// fast: rules are loaded once, evaluation does no regex compilation and no file reads except
// stat()/readlink() of the paths it resolves.
#include "policy/policyrules.h"
#include "policy/policytypes.h"

#include <QSet>

#include <memory>

namespace workbench::policy {

struct PolicyLayers
{
    QString systemFile;          // may only tighten; "executionEnabled": false switches execution off
    QString userFile;            // may extend and loosen
    bool workspaceFiles = true;  // read <workspace>/.ccdash-workbench/policy.json (tighten-only unless trusted)
    QSet<QString> trustedWorkspaceFileHashes; // sha256 hex of workspace files the user trusts to loosen

    // /etc/ccdash-workbench/policy.json and QStandardPaths::AppConfigLocation/policy.json, and the
    // hashes the user trusts from trustStoreFile().
    static PolicyLayers standard();
    // AppConfigLocation/trusted-workspace-policies: one sha256 hex per line ('#' starts a comment).
    static QString trustStoreFile();
    static QSet<QString> readTrustStore(const QString &path);
    // Adds a hash to the store (atomically; kept if already there). False with *error on failure.
    static bool addToTrustStore(const QString &path, const QString &sha256, QString *error);
};

// Filesystem facts an evaluation starts from: the realpaths of the workspace, the home and the working
// directory, whether they are directories, and the workspace's rule layer. Someone who judges many
// commands in one go (`policy-check --batch`) keeps one and passes it to evaluate(): each distinct
// workspace, home and cwd is then resolved once for the cache's lifetime, so every command of the batch
// is judged against those directories as they were when they first appeared (paths named in the
// commands are still looked up on every evaluation). Not thread-safe: one per thread.
class PolicyEvaluationCache
{
public:
    PolicyEvaluationCache();
    ~PolicyEvaluationCache();
    PolicyEvaluationCache(const PolicyEvaluationCache &) = delete;
    PolicyEvaluationCache &operator=(const PolicyEvaluationCache &) = delete;

private:
    friend class PolicyEngine;
    struct Private;
    std::unique_ptr<Private> d;
};

class PolicyEngine
{
public:
    // Built-in rules only (no system, user or workspace files).
    PolicyEngine();
    explicit PolicyEngine(const PolicyLayers &layers);
    ~PolicyEngine();
    PolicyEngine(const PolicyEngine &);
    PolicyEngine &operator=(const PolicyEngine &);

    PolicyResult evaluate(const PolicyRequest &request) const;
    // The same, with the workspace/home/cwd resolution remembered in `cache` (see PolicyEvaluationCache).
    PolicyResult evaluate(const PolicyRequest &request, PolicyEvaluationCache *cache) const;

    // Version+hash of the rule set without a workspace layer.
    QString policyVersion() const;
    bool executionEnabled() const;
    // Problems found while loading the system and user files (refused files keep the built-ins).
    QList<RuleDiagnostic> diagnostics() const;
    // Problems with a workspace's policy file (loaded on demand, cached by modification time).
    QList<RuleDiagnostic> workspaceDiagnostics(const QString &workspace) const;

    static QString workspacePolicyFile(const QString &workspace);
    // sha256 hex of a file's bytes: what trustedWorkspaceFileHashes holds. Empty if unreadable.
    static QString fileSha256(const QString &path);

private:
    struct Private;
    std::shared_ptr<Private> d;
};

} // namespace workbench::policy
