// The settings dialog: bad values keep the dialog open with a clear message and lose nothing;
// good ones come back as AppSettings; the token is handed over separately (for the keychain)
// and a database change says it applies on restart.
#include "ui/settingsdialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QtTest>

using namespace workbench;
using ui::SettingsDialog;

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejectsBadValues_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("launcher");
        QTest::addColumn<QString>("message");
        QTest::newRow("url scheme") << "ftp://ccdash" << "" << "claude -p {command}" << "http:// or https://";
        QTest::newRow("url without host") << "http://" << "" << "claude -p {command}" << "http:// or https://";
        QTest::newRow("database url") << "" << "mysql://db/x" << "claude -p {command}" << "database setting cannot be used";
        QTest::newRow("launcher") << "" << "" << "claude -p" << "{command}";
    }
    void rejectsBadValues()
    {
        QFETCH(QString, url);
        QFETCH(QString, database);
        QFETCH(QString, launcher);
        QFETCH(QString, message);
        SettingsDialog dialog(app::AppSettings{}, QStringLiteral("none"));
        dialog.show();
        dialog.urlEdit()->setText(url);
        dialog.databaseEdit()->setText(database);
        dialog.launcherEdit()->setText(launcher);
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY2(dialog.errorLabel()->text().contains(message), qPrintable(dialog.errorLabel()->text()));
        QCOMPARE(dialog.urlEdit()->text(), url); // nothing typed is lost
    }

    void returnsWhatWasEdited()
    {
        app::AppSettings initial;
        initial.database = QStringLiteral("/tmp/a.db");
        SettingsDialog dialog(initial, QStringLiteral("system keychain"));
        QVERIFY(dialog.tokenEdit()->placeholderText().contains(QLatin1String("system keychain")));
        QCOMPARE(dialog.tokenEdit()->echoMode(), QLineEdit::Password);
        dialog.urlEdit()->setText(QStringLiteral("https://ccdash.example.org"));
        dialog.timeoutBox()->setValue(30);
        dialog.outputCapBox()->setValue(8);
        dialog.expiryBox()->setValue(4);
        dialog.notifyBox()->setChecked(false);
        QVERIFY(!dialog.tokenChanged());
        QTest::keyClicks(dialog.tokenEdit(), QStringLiteral("s3cret"));
        QVERIFY(dialog.tokenChanged());
        QCOMPARE(dialog.token(), QStringLiteral("s3cret"));
        dialog.databaseEdit()->setText(QStringLiteral("postgresql://me@db.example.org/workbench"));
        QVERIFY(dialog.databaseChanged());
        QVERIFY(dialog.findChildren<QLabel *>().size() > 0);
        bool restartNote = false;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            restartNote = restartNote || label->text().contains(QLatin1String("Applies on restart"));
        QVERIFY(restartNote);

        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const app::AppSettings edited = dialog.settings();
        QCOMPARE(edited.ccdashUrl, QStringLiteral("https://ccdash.example.org"));
        QCOMPARE(edited.defaultTimeoutMinutes, 30);
        QCOMPARE(edited.outputCapMiB, 8);
        QCOMPARE(edited.approvalExpiryHours, 4);
        QCOMPARE(edited.notifyWhenDone, false);
        QCOMPARE(edited.database, QStringLiteral("postgresql://me@db.example.org/workbench"));
    }

    void tokenNeverReachesSettings()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        SettingsDialog dialog(app::AppSettings{}, QStringLiteral("none"));
        QTest::keyClicks(dialog.tokenEdit(), QStringLiteral("tok-123"));
        dialog.accept();
        dialog.settings().save(settings);
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("tok-123"));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
