// The feature picker: search by id, name, category and tags (case-insensitive, as CCDash's web
// UI), sorted by name, with an explained empty state, and selection signals.
#include "ui/featurepicker.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QtTest>

using namespace workbench;
using ui::FeaturePicker;

namespace {

ccdash::Feature feature(const QString &id, const QString &name, const QString &category, const QStringList &tags)
{
    ccdash::Feature f;
    f.id = id;
    f.name = name;
    f.category = category;
    f.tags = tags;
    return f;
}

QList<ccdash::Feature> features()
{
    return {feature(QStringLiteral("exec-phase-2"), QStringLiteral("Local Terminal"), QStringLiteral("enhancements"), {QStringLiteral("execution")}),
            feature(QStringLiteral("family-views"), QStringLiteral("Dependency-Aware Views"), QStringLiteral("ui"), {QStringLiteral("planning")}),
            feature(QStringLiteral("sdk-orch"), QStringLiteral("SDK Orchestration"), QStringLiteral("platform"), {QStringLiteral("agents"), QStringLiteral("execution")})};
}

} // namespace

class TestFeaturePicker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void search_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("empty: all, by name") << "" << QStringList{"family-views", "exec-phase-2", "sdk-orch"};
        QTest::newRow("id") << "SDK-ORCH" << QStringList{"sdk-orch"};
        QTest::newRow("name") << "terminal" << QStringList{"exec-phase-2"};
        QTest::newRow("category") << "platform" << QStringList{"sdk-orch"};
        QTest::newRow("tag") << "execution" << QStringList{"exec-phase-2", "sdk-orch"};
        QTest::newRow("nothing") << "zzz" << QStringList{};
    }
    void search()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, ids);
        FeaturePicker picker;
        picker.show();
        picker.setFeatures(features());
        picker.searchEdit()->setText(search);
        QCOMPARE(picker.visibleFeatureIds(), ids);
        auto *status = picker.findChild<QLabel *>(QStringLiteral("featureStatus"));
        QCOMPARE(status->isVisible(), ids.isEmpty());
        if (ids.isEmpty())
            QVERIFY(status->text().contains(search));
    }

    void selectionSignals()
    {
        FeaturePicker picker;
        picker.setProjects({ccdash::Project{QStringLiteral("p1"), QStringLiteral("One"), QStringLiteral("/p1"), {}, {}, false, false},
                            ccdash::Project{QStringLiteral("p2"), QStringLiteral("Two"), QStringLiteral("/p2"), {}, {}, true, false}},
                           QStringLiteral("p2"));
        QCOMPARE(picker.currentProjectId(), QStringLiteral("p2"));
        QSignalSpy projects(&picker, &FeaturePicker::projectChosen);
        QSignalSpy chosen(&picker, &FeaturePicker::featureChosen);
        picker.setFeatures(features());
        QCOMPARE(chosen.size(), 0); // filling the list is not a choice
        QVERIFY(picker.selectFeature(QStringLiteral("sdk-orch")));
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.last().at(0).toString(), QStringLiteral("sdk-orch"));
        QCOMPARE(picker.currentFeatureId(), QStringLiteral("sdk-orch"));
        // Narrowing the search keeps a still-visible selection.
        picker.searchEdit()->setText(QStringLiteral("agents"));
        QCOMPARE(picker.currentFeatureId(), QStringLiteral("sdk-orch"));
        picker.projectBox()->setCurrentIndex(0);
        QCOMPARE(projects.size(), 1);
        QCOMPARE(projects.first().at(0).toString(), QStringLiteral("p1"));
    }
};

QTEST_MAIN(TestFeaturePicker)
#include "tst_featurepicker.moc"
