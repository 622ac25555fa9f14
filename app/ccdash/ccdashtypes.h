#pragma once
// Value types for what the workbench reads from CCDash (contract: CCDash's legacy /api routes).
// Only the fields the picker, the feature card and the recommendation panel need; the parser
// ignores everything else, so new server fields never break the client.
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <optional>

namespace workbench::ccdash {

// GET /api/health
struct Health
{
    QString status;
    QString db;
    QString profile;
    int schemaVersion = 0;
};

// One element of GET /api/projects, or GET /api/projects/active.
// skillMeat (which carries a plaintext apiKey) is deliberately not read.
struct Project
{
    QString id;
    QString name;
    QString path; // CCDash's filesystem root for the project (a path on the CCDash host)
    QString description;
    QString repoUrl;
    bool isActive = false;
    bool isSeed = false;
};

// One resolved path in GET /api/projects/active/paths.
struct ResolvedPath
{
    QString field;
    QString sourceKind;
    QString path;
    QString diagnostic;
};

struct ProjectPaths
{
    QString projectId;
    ResolvedPath root; // the workspace root the policy engine guards
    ResolvedPath planDocs;
    ResolvedPath sessions;
    ResolvedPath progress;
};

struct DependencyEvidence
{
    QString dependencyFeatureId;
    QString dependencyFeatureName;
    QString dependencyStatus;
    QString blockingReason;
    QString state; // "complete" | "blocked" | "blocked_unknown"
    bool resolved = false;
};

struct DependencyState
{
    QString state; // "unblocked" | "blocked" | "blocked_unknown" | "ready_after_dependencies"
    int dependencyCount = 0;
    int resolvedDependencyCount = 0;
    int blockedDependencyCount = 0;
    int unknownDependencyCount = 0;
    QStringList blockingFeatureIds;
    QString firstBlockingDependencyId;
    QString blockingReason;
    QList<DependencyEvidence> dependencies;
};

struct FamilyPosition
{
    QString familyKey;
    int currentIndex = 0;
    int sequencedIndex = 0;
    int totalItems = 0;
    QString display; // "2 of 4"
    QString currentItemId;
    QString nextItemId;
    QString nextItemLabel;
};

struct ExecutionGate
{
    QString state; // "ready" | "blocked_dependency" | "waiting_on_family_predecessor" | "unknown_dependency_state"
    QString blockingDependencyId;
    QString firstExecutableFamilyItemId;
    QString recommendedFamilyItemId;
    QString reason;
    bool waitingOnFamilyPredecessor = false;
    bool isReady = false;
};

struct FamilyItem
{
    QString featureId;
    QString featureName;
    QString featureStatus;
    QString featureFamily;
    bool isExecutable = false;
    QString primaryDocPath;
};

struct LinkedDocument
{
    QString id;
    QString title;
    QString filePath; // repo-relative
    QString docType;
};

struct FeaturePhase
{
    QString id;
    QString phase; // "1"
    QString title;
    QString status;
    int progress = 0;
    int totalTasks = 0;
    int completedTasks = 0;
};

// What a feature picker row and a feature card show.
struct Feature
{
    QString id;
    QString name;
    QString status;
    QString category;
    QStringList tags;
    QString summary;
    QString description;
    QString priority;
    QString riskLevel;
    QString complexity;
    QString featureFamily;
    QString executionReadiness;
    QString updatedAt;
    int totalTasks = 0;
    int completedTasks = 0;
    int deferredTasks = 0;
    QList<FeaturePhase> phases;
    QList<LinkedDocument> linkedDocs;
    std::optional<DependencyState> dependencyState;
    std::optional<FamilyPosition> familyPosition;
    std::optional<ExecutionGate> executionGate;
};

// GET /api/features (one page).
struct FeaturePage
{
    QList<Feature> items;
    int total = 0;
    int offset = 0;
    int limit = 0;
};

struct Recommendation
{
    QString command;
    QString ruleId;
    double confidence = 0.0;
    QString explanation;
    QStringList evidenceRefs;
};

struct Evidence
{
    QString id;
    QString label;
    QString value;
    QString sourceType; // "document" | "phase" | "feature" | "context"
    QString sourcePath;
};

struct ExecutionRecommendation
{
    Recommendation primary;
    QList<Recommendation> alternatives;
    QList<Evidence> evidence;
};

struct ContextWarning
{
    QString section;
    QString message;
    bool recoverable = true;
};

// GET /api/features/{id}/execution-context.
struct ExecutionContext
{
    Feature feature;
    QList<LinkedDocument> documents;
    ExecutionRecommendation recommendations;
    std::optional<DependencyState> dependencyState;
    std::optional<FamilyPosition> familyPosition;
    std::optional<ExecutionGate> executionGate;
    std::optional<FamilyItem> recommendedFamilyItem;
    QList<ContextWarning> warnings;
    QString generatedAt;
};

// A UI telemetry event for POST /api/features/execution-events. eventType must be one of
// supportedExecutionEventTypes() (ccdashparser.h); the client refuses anything else locally.
struct ExecutionEvent
{
    QString eventType;
    QString featureId;
    QString recommendationRuleId;
    QString command;
    QVariantMap metadata;
};

} // namespace workbench::ccdash
