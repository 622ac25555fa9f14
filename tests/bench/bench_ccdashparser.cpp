// How long the CCDash parsers take on realistic bodies, against bare QJsonDocument parsing of the
// same bytes (the floor). Release build; see docs/performance.md for the command and figures.
#include "app/ccdash/ccdashparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace workbench::ccdash;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(WORKBENCH_BENCH_FIXTURES_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

// A page of 200 features built from the fixture's 4, ids made unique (as CCDash's default page).
QByteArray featurePage200()
{
    const QJsonArray originals = QJsonDocument::fromJson(fixture(QStringLiteral("features-list.json"))).object()
                                     .value(QStringLiteral("items")).toArray();
    QJsonArray items;
    for (int i = 0; i < 200; ++i) {
        QJsonObject feature = originals.at(i % originals.size()).toObject();
        feature.insert(QStringLiteral("id"), QString(feature.value(QStringLiteral("id")).toString() + QString::number(i)));
        items.append(feature);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("total"), 200},
                                     {QStringLiteral("offset"), 0}, {QStringLiteral("limit"), 200}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class BenchCcdashParser : public QObject
{
    Q_OBJECT
    QByteArray m_page;
    QByteArray m_context;

private Q_SLOTS:
    void initTestCase()
    {
        m_page = featurePage200();
        m_context = fixture(QStringLiteral("execution-context-r3-advance-phase.json"));
        qInfo("feature page: %lld bytes; execution context: %lld bytes", qint64(m_page.size()), qint64(m_context.size()));
        QVERIFY(parseFeaturePage(m_page).ok());
    }

    void featurePageJsonOnly()
    {
        QBENCHMARK { QVERIFY(QJsonDocument::fromJson(m_page).isObject()); }
    }
    void featurePageParsed()
    {
        QBENCHMARK { QVERIFY(parseFeaturePage(m_page).ok()); }
    }
    void executionContextJsonOnly()
    {
        QBENCHMARK { QVERIFY(QJsonDocument::fromJson(m_context).isObject()); }
    }
    void executionContextParsed()
    {
        QBENCHMARK { QVERIFY(parseExecutionContext(m_context).ok()); }
    }
    void search200()
    {
        const QList<Feature> features = parseFeaturePage(m_page).value().items;
        QBENCHMARK { QVERIFY(filterFeatures(features, QStringLiteral("terminal")).size() == 50); }
    }
};

QTEST_GUILESS_MAIN(BenchCcdashParser)
#include "bench_ccdashparser.moc"
