// Desktop integration in the UI layer: the application icon, bringing a window forward for a
// second launch, and the --self-test loop (window shown with an icon + database probe => 0).
#include "ui/desktopintegration.h"
#include "ui/selftest.h"

#include <QApplication>
#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>
#include <QtTest>
#include <memory>

using namespace workbench::ui;

class TestDesktopIntegration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        qDeleteAll(QApplication::topLevelWidgets());
        QApplication::setWindowIcon(applicationIcon());
    }

    void applicationIconHasEverySize_data()
    {
        QTest::addColumn<int>("size");
        for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
            QTest::addRow("%dpx", size) << size;
    }
    void applicationIconHasEverySize()
    {
        QFETCH(int, size);
        const QIcon icon = applicationIcon();
        QVERIFY(!icon.isNull());
        const QPixmap pixmap = icon.pixmap(QSize(size, size));
        QCOMPARE(pixmap.size(), QSize(size, size));
        // Not a blank square: the shield is drawn in the middle.
        const QImage image = pixmap.toImage();
        QVERIFY(qAlpha(image.pixel(size / 2, size / 2)) > 0);
    }

    void raiseAndActivateRestoresTheWindow_data()
    {
        QTest::addColumn<bool>("minimized");
        QTest::newRow("minimised") << true;
        QTest::newRow("hidden") << false;
    }
    void raiseAndActivateRestoresTheWindow()
    {
        QFETCH(bool, minimized);
        auto *window = new QMainWindow;
        if (minimized) {
            window->showMinimized();
            QTRY_VERIFY(window->isMinimized());
        }
        raiseAndActivate(window);
        QTRY_VERIFY(window->isVisible());
        QVERIFY(!window->isMinimized());
        QCOMPARE(findMainWindow(), window);
    }

    void selfTestExitStatus_data()
    {
        QTest::addColumn<bool>("showWindow");
        QTest::addColumn<bool>("withIcon");
        QTest::addColumn<QString>("databaseError");
        QTest::addColumn<int>("expectedStatus");
        QTest::newRow("window and database") << true << true << QString() << 0;
        QTest::newRow("database fails") << true << true << QStringLiteral("cannot open") << 1;
        QTest::newRow("window without icon") << true << false << QString() << 1;
        QTest::newRow("no window") << false << true << QString() << 1;
    }
    void selfTestExitStatus()
    {
        QFETCH(bool, showWindow);
        QFETCH(bool, withIcon);
        QFETCH(QString, databaseError);
        QFETCH(int, expectedStatus);
        if (!withIcon)
            QApplication::setWindowIcon(QIcon());
        if (showWindow)
            (new QMainWindow)->show();
        int probes = 0;
        // A short give-up time for the "no window" row; the others finish as soon as the window shows.
        scheduleSelfTest(*qApp, [&probes, databaseError] { ++probes; return databaseError; }, 500);
        QCOMPARE(QApplication::exec(), expectedStatus);
        QCOMPARE(probes, showWindow && withIcon ? 1 : 0);
    }

    void selfTestFailsOnAnExplainedStartupError()
    {
        // The window reports an unusable database in a modal message box before it shows.
        QTimer::singleShot(0, qApp, [] {
            QMessageBox::critical(nullptr, QStringLiteral("CCDash Workbench"), QStringLiteral("Cannot open the database"));
        });
        int probes = 0;
        scheduleSelfTest(*qApp, [&probes] { ++probes; return QString(); });
        QCOMPARE(QApplication::exec(), 1);
        QCOMPARE(probes, 0);
    }

    void noWindowMeansNoMainWindow()
    {
        QCOMPARE(findMainWindow(), nullptr);
        raiseAndActivate(nullptr); // a request before the window exists is ignored, not a crash
    }
};

QTEST_MAIN(TestDesktopIntegration)
#include "tst_desktopintegration.moc"
