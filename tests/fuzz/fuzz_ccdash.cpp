// libFuzzer target: every CCDash response parser in app/ccdash/ccdashparser.h over the same body, as a
// server (or anything answering on its port) could send it. Every input must end in a value or a
// ParseError that says what is wrong (abort() otherwise); a parsed value must survive what the app does
// next with it (--json output, feature search); sanitizers catch the rest.
#include "app/ccdash/ccdashparser.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// A broken promise names itself, then aborts (libFuzzer keeps the input).
#define require(condition)                                                                          \
    do {                                                                                            \
        if (!(condition)) {                                                                         \
            std::fprintf(stderr, "broken promise at %s:%d: %s\n", __FILE__, __LINE__, #condition);   \
            std::abort();                                                                           \
        }                                                                                           \
    } while (false)

using namespace workbench::ccdash;

namespace {

template<typename T>
bool check(const Parsed<T> &parsed)
{
    require(parsed.ok() || !parsed.error().message.isEmpty()); // an error always says what is wrong
    if (!parsed.ok())
        require(!parsed.error().toString().isEmpty());
    return parsed.ok();
}

void serialize(const QJsonObject &json)
{
    require(!QJsonDocument(json).toJson(QJsonDocument::Compact).isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1024 * 1024)
        return -1;
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    check(parseHealth(body));
    if (const Parsed<QList<Project>> projects = parseProjects(body); check(projects)) {
        for (const Project &project : projects.value())
            serialize(toJson(project));
    }
    if (const Parsed<Project> project = parseProject(body); check(project))
        serialize(toJson(project.value()));
    check(parseProjectPaths(body));
    if (const Parsed<FeaturePage> page = parseFeaturePage(body); check(page)) {
        // The search box: a string taken from the body itself, so it matches now and then.
        const QString search = QString::fromUtf8(body.left(qsizetype(size % 5)));
        const QList<Feature> matches = filterFeatures(page.value().items, search);
        require(matches.size() <= page.value().items.size());
        for (const Feature &feature : matches) {
            require(featureMatches(feature, search));
            serialize(toJson(feature));
        }
    }
    if (const Parsed<ExecutionContext> context = parseExecutionContext(body); check(context)) {
        serialize(toJson(context.value()));
        serialize(toJson(context.value().recommendations));
    }
    (void)errorDetailText(body);
    (void)isSupportedExecutionEventType(QString::fromUtf8(body.left(40)));
    return 0;
}
