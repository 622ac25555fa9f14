#include "app/ccdash/ccdashparser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <cmath>
#include <limits>
#include <optional>

namespace workbench::ccdash {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::ccdash", text);
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return tr("a boolean");
    case QJsonValue::Double: return tr("a number");
    case QJsonValue::String: return tr("a string");
    case QJsonValue::Array: return tr("an array");
    case QJsonValue::Object: return tr("an object");
    case QJsonValue::Undefined: break;
    }
    return tr("nothing");
}

QString join(const QString &path, QLatin1StringView key)
{
    return path.isEmpty() ? QString(key) : path + QLatin1Char('.') + key;
}

QString index(const QString &path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

// Reads typed fields and remembers the first problem. After a failure every read returns a
// default, so the parse functions stay linear and the caller checks failed() once at the end.
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(workbench::ccdash::Reader)

public:
    bool failed() const { return m_error.has_value(); }
    ParseError error() const { return m_error.value_or(ParseError{}); }

    void fail(const QString &field, const QString &message)
    {
        if (!m_error)
            m_error = ParseError{field, message};
    }

    void expected(const QString &field, const char *what, const QJsonValue &got)
    {
        fail(field, tr("expected %1 but got %2").arg(QCoreApplication::translate("workbench::ccdash", what), typeName(got)));
    }

    // `required` fields must be present and non-null; optional ones default when missing or null.
    QString string(const QJsonObject &object, const QString &path, QLatin1StringView key, bool required = false)
    {
        const QJsonValue value = object.value(key);
        if (value.isString())
            return value.toString();
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(join(path, key), tr("is required"));
            return {};
        }
        expected(join(path, key), QT_TRANSLATE_NOOP("workbench::ccdash", "a string"), value);
        return {};
    }

    QString nonEmptyString(const QJsonObject &object, const QString &path, QLatin1StringView key)
    {
        const QString text = string(object, path, key, true);
        if (!failed() && text.isEmpty())
            fail(join(path, key), tr("must not be empty"));
        return text;
    }

    double number(const QJsonObject &object, const QString &path, QLatin1StringView key, bool required = false)
    {
        const QJsonValue value = object.value(key);
        if (value.isDouble())
            return value.toDouble();
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(join(path, key), tr("is required"));
            return 0.0;
        }
        expected(join(path, key), QT_TRANSLATE_NOOP("workbench::ccdash", "a number"), value);
        return 0.0;
    }

    int integer(const QJsonObject &object, const QString &path, QLatin1StringView key, bool required = false)
    {
        const QJsonValue value = object.value(key);
        if (!value.isDouble()) {
            number(object, path, key, required); // reports the type problem, if any
            return 0;
        }
        const double number = value.toDouble();
        if (!std::isfinite(number) || std::floor(number) != number || number < std::numeric_limits<int>::min()
            || number > std::numeric_limits<int>::max()) {
            fail(join(path, key), tr("expected an integer but got %1").arg(number));
            return 0;
        }
        return static_cast<int>(number);
    }

    bool boolean(const QJsonObject &object, const QString &path, QLatin1StringView key, bool fallback = false)
    {
        const QJsonValue value = object.value(key);
        if (value.isBool())
            return value.toBool();
        if (!value.isUndefined() && !value.isNull())
            expected(join(path, key), QT_TRANSLATE_NOOP("workbench::ccdash", "a boolean"), value);
        return fallback;
    }

    QStringList strings(const QJsonObject &object, const QString &path, QLatin1StringView key)
    {
        QStringList result;
        const QString field = join(path, key);
        const QJsonArray items = array(object, path, key);
        result.reserve(items.size());
        for (qsizetype i = 0; i < items.size() && !failed(); ++i) {
            const QJsonValue item = items.at(i);
            if (item.isString())
                result << item.toString();
            else
                expected(index(field, i), QT_TRANSLATE_NOOP("workbench::ccdash", "a string"), item);
        }
        return result;
    }

    QJsonArray array(const QJsonObject &object, const QString &path, QLatin1StringView key, bool required = false)
    {
        const QJsonValue value = object.value(key);
        if (value.isArray())
            return value.toArray();
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(join(path, key), tr("is required"));
            return {};
        }
        expected(join(path, key), QT_TRANSLATE_NOOP("workbench::ccdash", "an array"), value);
        return {};
    }

    // An object member; nullopt when missing or null (and an error if it was required).
    std::optional<QJsonObject> object(const QJsonObject &parent, const QString &path, QLatin1StringView key,
                                      bool required = false)
    {
        const QJsonValue value = parent.value(key);
        if (value.isObject())
            return value.toObject();
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(join(path, key), tr("is required"));
            return std::nullopt;
        }
        expected(join(path, key), QT_TRANSLATE_NOOP("workbench::ccdash", "an object"), value);
        return std::nullopt;
    }

    // Calls `parseItem(object, itemPath)` for every element of an array of objects.
    template<typename T, typename Fn>
    QList<T> objects(const QJsonObject &parent, const QString &path, QLatin1StringView key, Fn parseItem,
                     bool required = false)
    {
        QList<T> result;
        const QString field = join(path, key);
        const QJsonArray items = array(parent, path, key, required);
        result.reserve(items.size());
        for (qsizetype i = 0; i < items.size() && !failed(); ++i) {
            const QJsonValue item = items.at(i);
            if (item.isObject())
                result << parseItem(item.toObject(), index(field, i));
            else
                expected(index(field, i), QT_TRANSLATE_NOOP("workbench::ccdash", "an object"), item);
        }
        return result;
    }

private:
    std::optional<ParseError> m_error;
};

using namespace Qt::StringLiterals;

std::optional<QJsonDocument> parseDocument(const QByteArray &body, Reader &reader)
{
    if (body.trimmed().isEmpty()) {
        reader.fail({}, tr("the response body is empty"));
        return std::nullopt;
    }
    QJsonParseError jsonError;
    QJsonDocument document = QJsonDocument::fromJson(body, &jsonError);
    if (jsonError.error != QJsonParseError::NoError) {
        reader.fail({}, tr("the response is not valid JSON (%1 at offset %2)")
                            .arg(jsonError.errorString())
                            .arg(jsonError.offset));
        return std::nullopt;
    }
    return document;
}

std::optional<QJsonObject> rootObject(const QByteArray &body, Reader &reader)
{
    const std::optional<QJsonDocument> document = parseDocument(body, reader);
    if (!document)
        return std::nullopt;
    if (!document->isObject()) {
        reader.fail({}, tr("expected a JSON object but got %1").arg(document->isArray() ? tr("an array") : tr("a scalar")));
        return std::nullopt;
    }
    return document->object();
}

Project readProject(Reader &r, const QJsonObject &o, const QString &path)
{
    Project project;
    project.id = r.nonEmptyString(o, path, "id"_L1);
    project.name = r.string(o, path, "name"_L1);
    project.path = r.string(o, path, "path"_L1);
    project.description = r.string(o, path, "description"_L1);
    project.repoUrl = r.string(o, path, "repoUrl"_L1);
    project.isActive = r.boolean(o, path, "is_active"_L1);
    project.isSeed = r.boolean(o, path, "is_seed"_L1);
    return project;
}

ResolvedPath readResolvedPath(Reader &r, const QJsonObject &parent, const QString &path, QLatin1StringView key,
                              bool required)
{
    ResolvedPath resolved;
    const std::optional<QJsonObject> o = r.object(parent, path, key, required);
    if (!o)
        return resolved;
    const QString here = join(path, key);
    resolved.field = r.string(*o, here, "field"_L1);
    resolved.sourceKind = r.string(*o, here, "sourceKind"_L1);
    resolved.path = r.string(*o, here, "path"_L1, required);
    resolved.diagnostic = r.string(*o, here, "diagnostic"_L1);
    return resolved;
}

DependencyEvidence readDependencyEvidence(Reader &r, const QJsonObject &o, const QString &path)
{
    DependencyEvidence evidence;
    evidence.dependencyFeatureId = r.string(o, path, "dependencyFeatureId"_L1);
    evidence.dependencyFeatureName = r.string(o, path, "dependencyFeatureName"_L1);
    evidence.dependencyStatus = r.string(o, path, "dependencyStatus"_L1);
    evidence.blockingReason = r.string(o, path, "blockingReason"_L1);
    evidence.state = r.string(o, path, "state"_L1);
    evidence.resolved = r.boolean(o, path, "resolved"_L1);
    return evidence;
}

std::optional<DependencyState> readDependencyState(Reader &r, const QJsonObject &parent, const QString &path,
                                                   QLatin1StringView key)
{
    const std::optional<QJsonObject> o = r.object(parent, path, key);
    if (!o)
        return std::nullopt;
    const QString here = join(path, key);
    DependencyState state;
    state.state = r.string(*o, here, "state"_L1);
    state.dependencyCount = r.integer(*o, here, "dependencyCount"_L1);
    state.resolvedDependencyCount = r.integer(*o, here, "resolvedDependencyCount"_L1);
    state.blockedDependencyCount = r.integer(*o, here, "blockedDependencyCount"_L1);
    state.unknownDependencyCount = r.integer(*o, here, "unknownDependencyCount"_L1);
    state.blockingFeatureIds = r.strings(*o, here, "blockingFeatureIds"_L1);
    state.firstBlockingDependencyId = r.string(*o, here, "firstBlockingDependencyId"_L1);
    state.blockingReason = r.string(*o, here, "blockingReason"_L1);
    state.dependencies = r.objects<DependencyEvidence>(*o, here, "dependencies"_L1,
        [&r](const QJsonObject &item, const QString &itemPath) { return readDependencyEvidence(r, item, itemPath); });
    return state;
}

std::optional<FamilyPosition> readFamilyPosition(Reader &r, const QJsonObject &parent, const QString &path,
                                                 QLatin1StringView key)
{
    const std::optional<QJsonObject> o = r.object(parent, path, key);
    if (!o)
        return std::nullopt;
    const QString here = join(path, key);
    FamilyPosition position;
    position.familyKey = r.string(*o, here, "familyKey"_L1);
    position.currentIndex = r.integer(*o, here, "currentIndex"_L1);
    position.sequencedIndex = r.integer(*o, here, "sequencedIndex"_L1);
    position.totalItems = r.integer(*o, here, "totalItems"_L1);
    position.display = r.string(*o, here, "display"_L1);
    position.currentItemId = r.string(*o, here, "currentItemId"_L1);
    position.nextItemId = r.string(*o, here, "nextItemId"_L1);
    position.nextItemLabel = r.string(*o, here, "nextItemLabel"_L1);
    return position;
}

std::optional<ExecutionGate> readExecutionGate(Reader &r, const QJsonObject &parent, const QString &path,
                                               QLatin1StringView key)
{
    const std::optional<QJsonObject> o = r.object(parent, path, key);
    if (!o)
        return std::nullopt;
    const QString here = join(path, key);
    ExecutionGate gate;
    gate.state = r.string(*o, here, "state"_L1);
    gate.blockingDependencyId = r.string(*o, here, "blockingDependencyId"_L1);
    gate.firstExecutableFamilyItemId = r.string(*o, here, "firstExecutableFamilyItemId"_L1);
    gate.recommendedFamilyItemId = r.string(*o, here, "recommendedFamilyItemId"_L1);
    gate.reason = r.string(*o, here, "reason"_L1);
    gate.waitingOnFamilyPredecessor = r.boolean(*o, here, "waitingOnFamilyPredecessor"_L1);
    gate.isReady = r.boolean(*o, here, "isReady"_L1);
    return gate;
}

LinkedDocument readLinkedDocument(Reader &r, const QJsonObject &o, const QString &path)
{
    LinkedDocument document;
    document.id = r.string(o, path, "id"_L1);
    document.title = r.string(o, path, "title"_L1);
    document.filePath = r.string(o, path, "filePath"_L1);
    document.docType = r.string(o, path, "docType"_L1);
    return document;
}

FeaturePhase readPhase(Reader &r, const QJsonObject &o, const QString &path)
{
    FeaturePhase phase;
    phase.id = r.string(o, path, "id"_L1);
    phase.phase = r.string(o, path, "phase"_L1);
    phase.title = r.string(o, path, "title"_L1);
    phase.status = r.string(o, path, "status"_L1);
    phase.progress = r.integer(o, path, "progress"_L1);
    phase.totalTasks = r.integer(o, path, "totalTasks"_L1);
    phase.completedTasks = r.integer(o, path, "completedTasks"_L1);
    return phase;
}

Feature readFeature(Reader &r, const QJsonObject &o, const QString &path)
{
    Feature feature;
    feature.id = r.nonEmptyString(o, path, "id"_L1);
    feature.name = r.string(o, path, "name"_L1, true);
    feature.status = r.string(o, path, "status"_L1);
    feature.category = r.string(o, path, "category"_L1);
    feature.tags = r.strings(o, path, "tags"_L1);
    feature.summary = r.string(o, path, "summary"_L1);
    feature.description = r.string(o, path, "description"_L1);
    feature.priority = r.string(o, path, "priority"_L1);
    feature.riskLevel = r.string(o, path, "riskLevel"_L1);
    feature.complexity = r.string(o, path, "complexity"_L1);
    feature.featureFamily = r.string(o, path, "featureFamily"_L1);
    feature.executionReadiness = r.string(o, path, "executionReadiness"_L1);
    feature.updatedAt = r.string(o, path, "updatedAt"_L1);
    feature.totalTasks = r.integer(o, path, "totalTasks"_L1);
    feature.completedTasks = r.integer(o, path, "completedTasks"_L1);
    feature.deferredTasks = r.integer(o, path, "deferredTasks"_L1);
    feature.phases = r.objects<FeaturePhase>(o, path, "phases"_L1,
        [&r](const QJsonObject &item, const QString &itemPath) { return readPhase(r, item, itemPath); });
    feature.linkedDocs = r.objects<LinkedDocument>(o, path, "linkedDocs"_L1,
        [&r](const QJsonObject &item, const QString &itemPath) { return readLinkedDocument(r, item, itemPath); });
    feature.dependencyState = readDependencyState(r, o, path, "dependencyState"_L1);
    feature.familyPosition = readFamilyPosition(r, o, path, "familyPosition"_L1);
    feature.executionGate = readExecutionGate(r, o, path, "executionGate"_L1);
    return feature;
}

Recommendation readRecommendation(Reader &r, const QJsonObject &o, const QString &path)
{
    Recommendation recommendation;
    recommendation.command = r.nonEmptyString(o, path, "command"_L1);
    recommendation.ruleId = r.string(o, path, "ruleId"_L1, true);
    recommendation.confidence = r.number(o, path, "confidence"_L1);
    recommendation.explanation = r.string(o, path, "explanation"_L1);
    recommendation.evidenceRefs = r.strings(o, path, "evidenceRefs"_L1);
    return recommendation;
}

Evidence readEvidence(Reader &r, const QJsonObject &o, const QString &path)
{
    Evidence evidence;
    evidence.id = r.string(o, path, "id"_L1);
    evidence.label = r.string(o, path, "label"_L1);
    evidence.value = r.string(o, path, "value"_L1);
    evidence.sourceType = r.string(o, path, "sourceType"_L1);
    evidence.sourcePath = r.string(o, path, "sourcePath"_L1);
    return evidence;
}

ContextWarning readWarning(Reader &r, const QJsonObject &o, const QString &path)
{
    ContextWarning warning;
    warning.section = r.string(o, path, "section"_L1);
    warning.message = r.string(o, path, "message"_L1, true);
    warning.recoverable = r.boolean(o, path, "recoverable"_L1, true);
    return warning;
}

template<typename T, typename Fn>
Parsed<T> finish(Reader &reader, Fn build)
{
    T value = build();
    if (reader.failed())
        return reader.error();
    return value;
}

} // namespace

Parsed<Health> parseHealth(const QByteArray &body)
{
    Reader r;
    const std::optional<QJsonObject> o = rootObject(body, r);
    return finish<Health>(r, [&] {
        Health health;
        if (!o)
            return health;
        health.status = r.string(*o, {}, "status"_L1, true);
        health.db = r.string(*o, {}, "db"_L1);
        health.profile = r.string(*o, {}, "profile"_L1);
        health.schemaVersion = r.integer(*o, {}, "schemaVersion"_L1);
        return health;
    });
}

Parsed<QList<Project>> parseProjects(const QByteArray &body)
{
    Reader r;
    const std::optional<QJsonDocument> document = parseDocument(body, r);
    return finish<QList<Project>>(r, [&] {
        QList<Project> projects;
        if (!document)
            return projects;
        if (!document->isArray()) {
            r.fail({}, tr("expected a JSON array of projects but got %1")
                           .arg(document->isObject() ? tr("an object") : tr("a scalar")));
            return projects;
        }
        const QJsonArray items = document->array();
        for (qsizetype i = 0; i < items.size() && !r.failed(); ++i) {
            if (items.at(i).isObject())
                projects << readProject(r, items.at(i).toObject(), index({}, i));
            else
                r.expected(index({}, i), QT_TRANSLATE_NOOP("workbench::ccdash", "an object"), items.at(i));
        }
        return projects;
    });
}

Parsed<Project> parseProject(const QByteArray &body)
{
    Reader r;
    const std::optional<QJsonObject> o = rootObject(body, r);
    return finish<Project>(r, [&] { return o ? readProject(r, *o, {}) : Project{}; });
}

Parsed<ProjectPaths> parseProjectPaths(const QByteArray &body)
{
    Reader r;
    const std::optional<QJsonObject> o = rootObject(body, r);
    return finish<ProjectPaths>(r, [&] {
        ProjectPaths paths;
        if (!o)
            return paths;
        paths.projectId = r.string(*o, {}, "projectId"_L1);
        paths.root = readResolvedPath(r, *o, {}, "root"_L1, true);
        paths.planDocs = readResolvedPath(r, *o, {}, "planDocs"_L1, false);
        paths.sessions = readResolvedPath(r, *o, {}, "sessions"_L1, false);
        paths.progress = readResolvedPath(r, *o, {}, "progress"_L1, false);
        return paths;
    });
}

Parsed<FeaturePage> parseFeaturePage(const QByteArray &body)
{
    Reader r;
    const std::optional<QJsonObject> o = rootObject(body, r);
    return finish<FeaturePage>(r, [&] {
        FeaturePage page;
        if (!o)
            return page;
        page.items = r.objects<Feature>(*o, {}, "items"_L1,
            [&r](const QJsonObject &item, const QString &itemPath) { return readFeature(r, item, itemPath); }, true);
        page.total = r.integer(*o, {}, "total"_L1);
        page.offset = r.integer(*o, {}, "offset"_L1);
        page.limit = r.integer(*o, {}, "limit"_L1);
        if (!r.failed() && (page.total < 0 || page.offset < 0 || page.limit < 0))
            r.fail({}, tr("negative total, offset or limit"));
        return page;
    });
}

Parsed<ExecutionContext> parseExecutionContext(const QByteArray &body)
{
    Reader r;
    const std::optional<QJsonObject> o = rootObject(body, r);
    return finish<ExecutionContext>(r, [&] {
        ExecutionContext context;
        if (!o)
            return context;
        if (const std::optional<QJsonObject> feature = r.object(*o, {}, "feature"_L1, true))
            context.feature = readFeature(r, *feature, QStringLiteral("feature"));
        context.documents = r.objects<LinkedDocument>(*o, {}, "documents"_L1,
            [&r](const QJsonObject &item, const QString &itemPath) { return readLinkedDocument(r, item, itemPath); });
        if (const std::optional<QJsonObject> recs = r.object(*o, {}, "recommendations"_L1, true)) {
            const QString here = QStringLiteral("recommendations");
            if (const std::optional<QJsonObject> primary = r.object(*recs, here, "primary"_L1, true))
                context.recommendations.primary = readRecommendation(r, *primary, here + QStringLiteral(".primary"));
            context.recommendations.alternatives = r.objects<Recommendation>(*recs, here, "alternatives"_L1,
                [&r](const QJsonObject &item, const QString &itemPath) { return readRecommendation(r, item, itemPath); });
            context.recommendations.evidence = r.objects<Evidence>(*recs, here, "evidence"_L1,
                [&r](const QJsonObject &item, const QString &itemPath) { return readEvidence(r, item, itemPath); });
        }
        context.dependencyState = readDependencyState(r, *o, {}, "dependencyState"_L1);
        context.familyPosition = readFamilyPosition(r, *o, {}, "familyPosition"_L1);
        context.executionGate = readExecutionGate(r, *o, {}, "executionGate"_L1);
        if (const std::optional<QJsonObject> item = r.object(*o, {}, "recommendedFamilyItem"_L1)) {
            const QString here = QStringLiteral("recommendedFamilyItem");
            FamilyItem familyItem;
            familyItem.featureId = r.string(*item, here, "featureId"_L1);
            familyItem.featureName = r.string(*item, here, "featureName"_L1);
            familyItem.featureStatus = r.string(*item, here, "featureStatus"_L1);
            familyItem.featureFamily = r.string(*item, here, "featureFamily"_L1);
            familyItem.isExecutable = r.boolean(*item, here, "isExecutable"_L1);
            familyItem.primaryDocPath = r.string(*item, here, "primaryDocPath"_L1);
            context.recommendedFamilyItem = familyItem;
        }
        context.warnings = r.objects<ContextWarning>(*o, {}, "warnings"_L1,
            [&r](const QJsonObject &item, const QString &itemPath) { return readWarning(r, item, itemPath); });
        context.generatedAt = r.string(*o, {}, "generatedAt"_L1);
        return context;
    });
}

QString errorDetailText(const QByteArray &body)
{
    const auto rawText = [&body] {
        QString text = QString::fromUtf8(body.left(4096)).simplified();
        if (text.size() > 300)
            text = text.left(300) + QStringLiteral("…");
        return text;
    };
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !document.isObject()
        || !document.object().contains(QStringLiteral("detail")))
        return rawText();

    const QJsonValue detail = document.object().value(QStringLiteral("detail"));
    if (detail.isString())
        return detail.toString();
    if (detail.isArray()) {
        // pydantic 422: [{"type","loc":["body","command"],"msg","input"}]
        QStringList problems;
        for (const QJsonValue &entry : detail.toArray()) {
            const QJsonObject problem = entry.toObject();
            QStringList location;
            for (const QJsonValue &part : problem.value(QStringLiteral("loc")).toArray())
                location << (part.isDouble() ? QString::number(part.toInt()) : part.toString());
            const QString message = problem.value(QStringLiteral("msg")).toString();
            problems << (location.isEmpty() ? message : location.join(QLatin1Char('.')) + QStringLiteral(": ") + message);
        }
        return problems.isEmpty() ? rawText() : problems.join(QStringLiteral("; "));
    }
    if (detail.isObject()) {
        // {"error","code","reason","action","resource"} or {"error","message","hint"}
        const QJsonObject object = detail.toObject();
        QStringList parts;
        for (const char *key : {"message", "reason", "hint"}) {
            const QString text = object.value(QLatin1StringView(key)).toString();
            if (!text.isEmpty())
                parts << text;
        }
        const QString action = object.value(QStringLiteral("action")).toString();
        const QString resource = object.value(QStringLiteral("resource")).toString();
        if (!action.isEmpty())
            parts << (resource.isEmpty() ? tr("action %1").arg(action) : tr("action %1 on %2").arg(action, resource));
        const QString error = object.value(QStringLiteral("error")).toString();
        const QString code = object.value(QStringLiteral("code")).toString();
        QString head = error;
        if (!code.isEmpty())
            head += (head.isEmpty() ? code : QStringLiteral(" (") + code + QLatin1Char(')'));
        if (!head.isEmpty())
            parts.prepend(head);
        return parts.isEmpty() ? rawText() : parts.join(QStringLiteral(": "));
    }
    return rawText();
}

const QStringList &supportedExecutionEventTypes()
{
    static const QStringList types = {
        QStringLiteral("execution_workbench_opened"),
        QStringLiteral("execution_begin_work_clicked"),
        QStringLiteral("execution_recommendation_generated"),
        QStringLiteral("execution_blocked_state_viewed"),
        QStringLiteral("execution_dependency_navigated"),
        QStringLiteral("execution_family_item_selected"),
        QStringLiteral("execution_command_copied"),
        QStringLiteral("execution_source_link_clicked"),
    };
    return types;
}

bool isSupportedExecutionEventType(const QString &eventType)
{
    return supportedExecutionEventTypes().contains(eventType);
}

bool featureMatches(const Feature &feature, const QString &search)
{
    const QString needle = search.trimmed();
    if (needle.isEmpty())
        return true;
    const auto has = [&needle](const QString &text) { return text.contains(needle, Qt::CaseInsensitive); };
    if (has(feature.id) || has(feature.name) || has(feature.category))
        return true;
    for (const QString &tag : feature.tags) {
        if (has(tag))
            return true;
    }
    return false;
}

QList<Feature> filterFeatures(const QList<Feature> &features, const QString &search)
{
    QList<Feature> matches;
    for (const Feature &feature : features) {
        if (featureMatches(feature, search))
            matches << feature;
    }
    return matches;
}

QJsonObject toJson(const Recommendation &recommendation)
{
    return QJsonObject{
        {QStringLiteral("command"), recommendation.command},
        {QStringLiteral("ruleId"), recommendation.ruleId},
        {QStringLiteral("confidence"), recommendation.confidence},
        {QStringLiteral("explanation"), recommendation.explanation},
        {QStringLiteral("evidenceRefs"), QJsonArray::fromStringList(recommendation.evidenceRefs)},
    };
}

QJsonObject toJson(const ExecutionRecommendation &recommendation)
{
    QJsonArray alternatives;
    for (const Recommendation &alternative : recommendation.alternatives)
        alternatives << toJson(alternative);
    QJsonArray evidence;
    for (const Evidence &item : recommendation.evidence) {
        evidence << QJsonObject{
            {QStringLiteral("id"), item.id},
            {QStringLiteral("label"), item.label},
            {QStringLiteral("value"), item.value},
            {QStringLiteral("sourceType"), item.sourceType},
            {QStringLiteral("sourcePath"), item.sourcePath},
        };
    }
    // CCDash repeats the primary's ruleId, confidence, explanation and evidenceRefs (not its
    // command) at the top level; keep that shape.
    QJsonObject object = toJson(recommendation.primary);
    object.remove(QStringLiteral("command"));
    object.insert(QStringLiteral("primary"), toJson(recommendation.primary));
    object.insert(QStringLiteral("alternatives"), alternatives);
    object.insert(QStringLiteral("evidence"), evidence);
    return object;
}

QJsonObject toJson(const Project &project)
{
    return QJsonObject{
        {QStringLiteral("id"), project.id},
        {QStringLiteral("name"), project.name},
        {QStringLiteral("path"), project.path},
        {QStringLiteral("description"), project.description},
        {QStringLiteral("repoUrl"), project.repoUrl},
        {QStringLiteral("is_active"), project.isActive},
    };
}

namespace {

QJsonValue toJson(const std::optional<DependencyState> &state)
{
    if (!state)
        return QJsonValue::Null;
    return QJsonObject{
        {QStringLiteral("state"), state->state},
        {QStringLiteral("dependencyCount"), state->dependencyCount},
        {QStringLiteral("blockedDependencyCount"), state->blockedDependencyCount},
        {QStringLiteral("blockingFeatureIds"), QJsonArray::fromStringList(state->blockingFeatureIds)},
        {QStringLiteral("blockingReason"), state->blockingReason},
    };
}

QJsonValue toJson(const std::optional<ExecutionGate> &gate)
{
    if (!gate)
        return QJsonValue::Null;
    return QJsonObject{
        {QStringLiteral("state"), gate->state},
        {QStringLiteral("blockingDependencyId"), gate->blockingDependencyId},
        {QStringLiteral("recommendedFamilyItemId"), gate->recommendedFamilyItemId},
        {QStringLiteral("reason"), gate->reason},
        {QStringLiteral("isReady"), gate->isReady},
    };
}

QJsonValue toJson(const std::optional<FamilyPosition> &position)
{
    if (!position)
        return QJsonValue::Null;
    return QJsonObject{
        {QStringLiteral("familyKey"), position->familyKey},
        {QStringLiteral("display"), position->display},
        {QStringLiteral("currentItemId"), position->currentItemId},
        {QStringLiteral("nextItemId"), position->nextItemId},
        {QStringLiteral("nextItemLabel"), position->nextItemLabel},
    };
}

} // namespace

QJsonObject toJson(const Feature &feature)
{
    return QJsonObject{
        {QStringLiteral("id"), feature.id},
        {QStringLiteral("name"), feature.name},
        {QStringLiteral("status"), feature.status},
        {QStringLiteral("category"), feature.category},
        {QStringLiteral("tags"), QJsonArray::fromStringList(feature.tags)},
        {QStringLiteral("priority"), feature.priority},
        {QStringLiteral("totalTasks"), feature.totalTasks},
        {QStringLiteral("completedTasks"), feature.completedTasks},
        {QStringLiteral("featureFamily"), feature.featureFamily},
        {QStringLiteral("updatedAt"), feature.updatedAt},
        {QStringLiteral("dependencyState"), toJson(feature.dependencyState)},
        {QStringLiteral("familyPosition"), toJson(feature.familyPosition)},
        {QStringLiteral("executionGate"), toJson(feature.executionGate)},
    };
}

QJsonObject toJson(const ExecutionContext &context)
{
    QJsonArray warnings;
    for (const ContextWarning &warning : context.warnings) {
        warnings << QJsonObject{
            {QStringLiteral("section"), warning.section},
            {QStringLiteral("message"), warning.message},
            {QStringLiteral("recoverable"), warning.recoverable},
        };
    }
    return QJsonObject{
        {QStringLiteral("feature"), toJson(context.feature)},
        {QStringLiteral("recommendations"), toJson(context.recommendations)},
        {QStringLiteral("dependencyState"), toJson(context.dependencyState)},
        {QStringLiteral("familyPosition"), toJson(context.familyPosition)},
        {QStringLiteral("executionGate"), toJson(context.executionGate)},
        {QStringLiteral("warnings"), warnings},
        {QStringLiteral("generatedAt"), context.generatedAt},
    };
}

QJsonObject toJson(const ExecutionEvent &event)
{
    return QJsonObject{
        {QStringLiteral("eventType"), event.eventType},
        {QStringLiteral("featureId"), event.featureId},
        {QStringLiteral("recommendationRuleId"), event.recommendationRuleId},
        {QStringLiteral("command"), event.command},
        {QStringLiteral("metadata"), QJsonObject::fromVariantMap(event.metadata)},
    };
}

} // namespace workbench::ccdash
