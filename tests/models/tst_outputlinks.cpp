// file:line[:col] detection in output lines and path resolution against the run's cwd.

#include "models/outputlinks.h"

#include <QDir>
#include <QTest>

using namespace workbench::models;

class TestOutputLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detects_data();
    void detects();
    void resolves_data();
    void resolves();
};

void TestOutputLinks::detects_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("linkText"); // the text the link covers, empty when none
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("lineNumber");
    QTest::addColumn<int>("column");

    QTest::newRow("gcc error") << "src/main.cpp:12:5: error: expected ';'" << "src/main.cpp:12:5" << "src/main.cpp" << 12 << 5;
    QTest::newRow("line only") << "README.md:40 trailing spaces" << "README.md:40" << "README.md" << 40 << 0;
    QTest::newRow("absolute in parentheses") << "    at f (/home/u/app.js:10:15)" << "/home/u/app.js:10:15" << "/home/u/app.js" << 10 << 15;
    QTest::newRow("relative with dots") << "../lib/x.py:3: warning" << "../lib/x.py:3" << "../lib/x.py" << 3 << 0;
    QTest::newRow("directory without extension") << "scripts/build:7: oops" << "scripts/build:7" << "scripts/build" << 7 << 0;
    QTest::newRow("python traceback") << "  File \"tests/test_a.py\", line 27, in test_x"
                                      << "File \"tests/test_a.py\", line 27" << "tests/test_a.py" << 27 << 0;
    QTest::newRow("host and port is not a file") << "listening on localhost:8080" << "" << "" << 0 << 0;
    QTest::newRow("URL is not a file") << "see https://example.com:443/a.html" << "" << "" << 0 << 0;
    QTest::newRow("time is not a file") << "12:30:45 started" << "" << "" << 0 << 0;
    QTest::newRow("version is not a file") << "upgrading to v1.2.3:4" << "" << "" << 0 << 0;
    QTest::newRow("line zero is not a link") << "a.c:0: nothing" << "" << "" << 0 << 0;
}

void TestOutputLinks::detects()
{
    QFETCH(QString, line);
    QFETCH(QString, linkText);
    QFETCH(QString, path);
    QFETCH(int, lineNumber);
    QFETCH(int, column);
    const QList<FileLink> links = findFileLinks(line);
    if (linkText.isEmpty()) {
        QVERIFY2(links.isEmpty(), qPrintable(links.value(0).path));
        return;
    }
    QCOMPARE(links.size(), 1);
    const FileLink &link = links.first();
    QCOMPARE(line.mid(link.start, link.length), linkText);
    QCOMPARE(link.path, path);
    QCOMPARE(link.line, lineNumber);
    QCOMPARE(link.column, column);
}

void TestOutputLinks::resolves_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("cwd");
    QTest::addColumn<QString>("expected");
    QTest::newRow("relative") << "src/a.cpp" << "/work/proj" << "/work/proj/src/a.cpp";
    QTest::newRow("dot-dot") << "../lib/b.h" << "/work/proj/build" << "/work/proj/lib/b.h";
    QTest::newRow("absolute ignores cwd") << "/etc/hosts" << "/work/proj" << "/etc/hosts";
    QTest::newRow("home") << "~/notes.md" << "/work/proj" << QDir::homePath() + "/notes.md";
}

void TestOutputLinks::resolves()
{
    QFETCH(QString, path);
    QFETCH(QString, cwd);
    QFETCH(QString, expected);
    QCOMPARE(resolveLinkPath(path, cwd), expected);
}

QTEST_APPLESS_MAIN(TestOutputLinks)
#include "tst_outputlinks.moc"
