#pragma once
// Parsing of CCDash response bodies, kept apart from networking so it can be unit-tested and
// fuzzed. Every function takes the raw body and returns either the value or a ParseError that
// names the offending field ("items[3].tags[1]: expected a string but got a number").
// Unknown fields are ignored; missing optional fields take their defaults.
#include "app/ccdash/ccdashtypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <utility>
#include <variant>

namespace workbench::ccdash {

struct ParseError
{
    QString field;   // JSON path of the offending value; empty for whole-document errors
    QString message; // what was wrong with it

    QString toString() const { return field.isEmpty() ? message : field + QStringLiteral(": ") + message; }
};

// Either a parsed value or the reason there is none.
template<typename T>
class Parsed
{
public:
    Parsed(T value) : m_state(std::move(value)) {}
    Parsed(ParseError error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_state); }
    T &value() { return std::get<T>(m_state); }
    const ParseError &error() const { return std::get<ParseError>(m_state); }

private:
    std::variant<T, ParseError> m_state;
};

Parsed<Health> parseHealth(const QByteArray &body);
Parsed<QList<Project>> parseProjects(const QByteArray &body);
Parsed<Project> parseProject(const QByteArray &body);
Parsed<ProjectPaths> parseProjectPaths(const QByteArray &body);
Parsed<FeaturePage> parseFeaturePage(const QByteArray &body);
Parsed<ExecutionContext> parseExecutionContext(const QByteArray &body);

// The human-readable part of an error body in any of CCDash's `{"detail": ...}` shapes
// (a string, a pydantic 422 list, or an authorization object). Falls back to a shortened,
// single-line copy of the raw text when the body is not one of those.
QString errorDetailText(const QByteArray &body);

// The eight event types CCDash's telemetry endpoint accepts, in its own spelling.
const QStringList &supportedExecutionEventTypes();
bool isSupportedExecutionEventType(const QString &eventType);

// Case-insensitive substring match on id, name, category and tags (CCDash ignores `q`).
bool featureMatches(const Feature &feature, const QString &search);
QList<Feature> filterFeatures(const QList<Feature> &features, const QString &search);

// JSON for the CLI's --json output. The recommendation keeps CCDash's field names.
QJsonObject toJson(const Recommendation &recommendation);
QJsonObject toJson(const ExecutionRecommendation &recommendation);
QJsonObject toJson(const Project &project);
QJsonObject toJson(const Feature &feature);
QJsonObject toJson(const ExecutionContext &context);
QJsonObject toJson(const ExecutionEvent &event);

} // namespace workbench::ccdash
