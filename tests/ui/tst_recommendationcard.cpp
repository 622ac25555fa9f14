// The recommendation card over CCDash's recorded execution contexts: heading and notice follow
// the gate, rule and confidence are shown, Run and Copy on the primary command and on each
// alternative, warnings, and evidence documents that open only inside the workspace.
#include "app/ccdash/ccdashparser.h"
#include "ui/recommendationcard.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QtTest>

using namespace workbench;
using ui::RecommendationCard;

namespace {

ccdash::ExecutionContext fixtureContext(const QString &name)
{
    QFile file(QStringLiteral(WORKBENCH_TEST_FIXTURES_DIR "/ccdash/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    auto parsed = ccdash::parseExecutionContext(file.readAll());
    if (!parsed)
        qFatal("fixture %s: %s", qPrintable(name), qPrintable(parsed.error().toString()));
    return parsed.value();
}

} // namespace

class TestRecommendationCard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headingFollowsTheGate_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("heading");
        QTest::addColumn<bool>("notice");
        QTest::newRow("blocked dependency") << "execution-context-r1-plan-from-prd-blocked.json" << "Suggested Command" << true;
        QTest::newRow("ready, phase 1") << "execution-context-r2-start-phase-1.json" << "Recommendation" << false;
        QTest::newRow("ready, advance") << "execution-context-r3-advance-phase.json" << "Recommendation" << false;
    }
    void headingFollowsTheGate()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, heading);
        QFETCH(bool, notice);
        const ccdash::ExecutionContext context = fixtureContext(fixture);
        RecommendationCard card;
        card.show();
        QVERIFY(card.messageLabel()->isVisible());
        card.setContext(context);
        QVERIFY(!card.messageLabel()->isVisible());
        QCOMPARE(card.headingText(), heading);
        QCOMPARE(card.findChild<QLabel *>(QStringLiteral("gateNotice"))->isVisible(), notice);
        QCOMPARE(card.primaryCommandLabel()->text(), context.recommendations.primary.command);
        QVERIFY(card.gateLabel()->text().contains(context.executionGate->state));
        const QString rule = card.findChild<QLabel *>(QStringLiteral("ruleChip"))->text();
        QCOMPARE(rule, context.recommendations.primary.ruleId);
        QCOMPARE(card.findChild<QLabel *>(QStringLiteral("confidenceChip"))->text(),
                 QStringLiteral("confidence %1%").arg(qRound(context.recommendations.primary.confidence * 100)));
        QCOMPARE(card.warningsLabel()->isVisible(), !context.warnings.isEmpty());
        for (const ccdash::ContextWarning &warning : context.warnings)
            QVERIFY(card.warningsLabel()->text().contains(warning.section.toHtmlEscaped()));
        for (const ccdash::Evidence &evidence : context.recommendations.evidence)
            QVERIFY2(card.evidenceLabel()->text().contains(evidence.label.toHtmlEscaped()), qPrintable(evidence.label));
    }

    void runAndCopyPrimaryAndAlternatives()
    {
        const ccdash::ExecutionContext context = fixtureContext(QStringLiteral("execution-context-r3-advance-phase.json"));
        RecommendationCard card;
        card.setContext(context);
        QSignalSpy runs(&card, &RecommendationCard::runRequested);
        QSignalSpy copies(&card, &RecommendationCard::commandCopied);
        QTest::mouseClick(card.runPrimaryButton(), Qt::LeftButton);
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().at(0).toString(), context.recommendations.primary.command);
        QCOMPARE(runs.first().at(1).toString(), context.recommendations.primary.ruleId);
        QTest::mouseClick(card.copyPrimaryButton(), Qt::LeftButton);
        QCOMPARE(copies.size(), 1);
        QCOMPARE(QApplication::clipboard()->text(), context.recommendations.primary.command);
        QCOMPARE(card.copyPrimaryButton()->text(), QStringLiteral("Copied"));

        // Every alternative has its own Run and Copy.
        for (const ccdash::Recommendation &alternative : context.recommendations.alternatives) {
            QPushButton *run = nullptr;
            QPushButton *copy = nullptr;
            for (QPushButton *button : card.findChildren<QPushButton *>()) {
                if (button->accessibleName() == QStringLiteral("Run %1").arg(alternative.command))
                    run = button;
                if (button->accessibleName() == QStringLiteral("Copy %1").arg(alternative.command))
                    copy = button;
            }
            QVERIFY2(run && copy, qPrintable(alternative.command));
            QTest::mouseClick(run, Qt::LeftButton);
            QCOMPARE(runs.last().at(0).toString(), alternative.command);
            QCOMPARE(runs.last().at(1).toString(), alternative.ruleId);
            QTest::mouseClick(copy, Qt::LeftButton);
            QCOMPARE(QApplication::clipboard()->text(), alternative.command);
            QCOMPARE(copies.last().at(1).toString(), alternative.ruleId);
        }
    }

    // CCDash's strings are text: markup in them is shown as typed, never rendered (no hidden spans,
    // no images, no links smuggled into the card).
    void serverTextIsNeverRenderedAsMarkup()
    {
        ccdash::ExecutionContext context = fixtureContext(QStringLiteral("execution-context-r2-start-phase-1.json"));
        context.recommendations.primary.explanation = QStringLiteral("<b>Safe</b><span style=\"display:none\">rm -rf ~</span>");
        context.recommendations.primary.command = QStringLiteral("<i>pytest</i>");
        RecommendationCard card;
        card.setContext(context);
        for (const QLabel *label : card.findChildren<QLabel *>()) {
            if (!label->text().contains(QLatin1String("<b>Safe</b>")) && !label->text().contains(QLatin1String("<i>pytest")))
                continue;
            QVERIFY2(label->textFormat() == Qt::PlainText
                         || (label->textFormat() == Qt::AutoText && !Qt::mightBeRichText(label->text())),
                     qPrintable(label->objectName() + QStringLiteral(" renders server text as markup")));
        }
        QCOMPARE(card.findChild<QLabel *>(QStringLiteral("explanation"))->text(), context.recommendations.primary.explanation);
    }

    void documentsOpenOnlyInsideTheWorkspace_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("create");
        QTest::addColumn<bool>("opens");
        QTest::newRow("inside, exists") << "docs/plan.md" << true << true;
        QTest::newRow("inside, missing") << "docs/missing.md" << false << false;
        QTest::newRow("escapes with ..") << "../outside.md" << false << false;
        QTest::newRow("absolute elsewhere") << "/etc/passwd" << false << false;
    }
    void documentsOpenOnlyInsideTheWorkspace()
    {
        QFETCH(QString, path);
        QFETCH(bool, create);
        QFETCH(bool, opens);
        QTemporaryDir workspace;
        if (create) {
            QDir(workspace.path()).mkpath(QStringLiteral("docs"));
            QFile file(workspace.filePath(path));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        ccdash::ExecutionContext context = fixtureContext(QStringLiteral("execution-context-r2-start-phase-1.json"));
        context.recommendations.evidence = {ccdash::Evidence{QStringLiteral("e1"), QStringLiteral("Plan"), path,
                                                             QStringLiteral("document"), path}};
        RecommendationCard card;
        card.setWorkspace(workspace.path());
        card.setContext(context);
        QVERIFY(card.openDocButton()->isEnabled());
        QSignalSpy opened(&card, &RecommendationCard::openDocumentRequested);
        QSignalSpy refused(&card, &RecommendationCard::documentUnavailable);
        QTest::mouseClick(card.openDocButton(), Qt::LeftButton);
        QCOMPARE(opened.size(), opens ? 1 : 0);
        QCOMPARE(refused.size(), opens ? 0 : 1);
        if (opens)
            QCOMPARE(opened.first().at(0).toString(), QDir(workspace.path()).absoluteFilePath(path));
        // The evidence link does the same.
        QVERIFY(card.evidenceLabel()->text().contains(QLatin1String("href=\"doc:")));
    }
};

QTEST_MAIN(TestRecommendationCard)
#include "tst_recommendationcard.moc"
