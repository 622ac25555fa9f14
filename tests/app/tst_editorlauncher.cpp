// Editor command templates: expansion, validation, and a real detached child receiving the
// arguments (a path with spaces stays one argument; nothing goes through a shell).

#include "app/editor/editorlauncher.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace workbench::app;

class TestEditorLauncher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expands_data();
    void expands();
    void rejectsBadTemplates_data();
    void rejectsBadTemplates();
    void startsTheEditorWithTheLocation();
    void reportsAMissingProgram();
};

void TestEditorLauncher::expands_data()
{
    QTest::addColumn<QString>("commandTemplate");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("vscode") << "code --goto {file}:{line}:{column}" << "code"
                            << QStringList{"--goto", "/w/my file.cpp:12:5"};
    QTest::newRow("kate") << "kate --line {line} --column {column} {file}" << "kate"
                          << QStringList{"--line", "12", "--column", "5", "/w/my file.cpp"};
    QTest::newRow("quoted program") << "\"/opt/My Editor/bin/ed\" +{line} {file}" << "/opt/My Editor/bin/ed"
                                    << QStringList{"+12", "/w/my file.cpp"};
    QTest::newRow("single quotes and escapes") << "'my editor' --opt=a\\ b \"x\\\"y\" {file}" << "my editor"
                                               << QStringList{"--opt=a b", "x\"y", "/w/my file.cpp"};
}

void TestEditorLauncher::expands()
{
    QFETCH(QString, commandTemplate);
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QString error;
    const auto command = expandEditorCommand(commandTemplate, QStringLiteral("/w/my file.cpp"), 12, 5, &error);
    QVERIFY2(command.has_value(), qPrintable(error));
    QCOMPARE(command->program, program);
    QCOMPARE(command->arguments, arguments);
}

void TestEditorLauncher::rejectsBadTemplates_data()
{
    QTest::addColumn<QString>("commandTemplate");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("empty") << "  " << "No editor command";
    QTest::newRow("no file placeholder") << "code --goto" << "{file}";
    QTest::newRow("unbalanced quote") << "code '{file}" << "unbalanced quote";
}

void TestEditorLauncher::rejectsBadTemplates()
{
    QFETCH(QString, commandTemplate);
    QFETCH(QString, errorPart);
    QString error;
    QVERIFY(!expandEditorCommand(commandTemplate, QStringLiteral("/x"), 1, 1, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
    QVERIFY(!openInEditor(commandTemplate, QStringLiteral("/x"), 1, 1));
}

void TestEditorLauncher::startsTheEditorWithTheLocation()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString output = dir.filePath(QStringLiteral("received.txt"));
    const QString file = dir.filePath(QStringLiteral("src dir/it's here.cpp"));
    // The "editor" is sh writing the arguments it got; $0 is where it writes (renamed into place,
    // so the file exists only once it is complete).
    const QString commandTemplate =
        QStringLiteral("/bin/sh -c 'printf \"%s|%s|%s\" \"$1\" \"$2\" \"$3\" > \"$0.part\" && mv \"$0.part\" \"$0\"' "
                       "\"%1\" {file} {line} {column}")
            .arg(output);
    QString error;
    QVERIFY2(openInEditor(commandTemplate, file, 42, 7, &error), qPrintable(error));
    QTRY_VERIFY(QFile::exists(output));
    QFile received(output);
    QVERIFY(received.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(received.readAll()), file + QStringLiteral("|42|7"));
}

void TestEditorLauncher::reportsAMissingProgram()
{
    QString error;
    QVERIFY(!openInEditor(QStringLiteral("/nonexistent/editor {file}"), QStringLiteral("/x"), 1, 1, &error));
    QVERIFY2(error.contains(QStringLiteral("/nonexistent/editor")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestEditorLauncher)
#include "tst_editorlauncher.moc"
