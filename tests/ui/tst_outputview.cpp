// OutputView driven like a user: keys, clicks, the find bar, scrolling; checks what is shown.

#include "models/runoutputmodel.h"
#include "ui/outputview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace workbench;
using models::OutputChunk;
using ui::OutputPosition;

namespace {

struct Fixture
{
    models::RunOutputModel model;
    ui::OutputView view;
    qint64 sequence = 0;

    Fixture()
    {
        view.setModel(&model);
        view.resize(700, 400);
        view.show();
        view.activateWindow();
    }

    void add(const QString &stream, const QString &text, const QString &type = QStringLiteral("output"))
    {
        ++sequence;
        model.append(OutputChunk{sequence, stream, type, text, QDateTime(QDate(2026, 11, 24), QTime(9, 30, 1, 250))});
    }

    ui::OutputTextView *text() const { return view.textView(); }
    QPoint centerOf(qint64 line, qsizetype column) const { return text()->characterRect({line, column}).center(); }
};

QColor pixelAt(QWidget *widget, const QPoint &point)
{
    return widget->grab().toImage().pixelColor(point * widget->devicePixelRatioF());
}

} // namespace

// Stands in for the desktop's URL handlers (QDesktopServices::setUrlHandler), so a test sees what would
// have been opened without starting a browser.
class UrlRecorder : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl &url) { opened << url; }
};

class TestOutputView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void ansiColoursAreRendered();
    void stderrAndSystemLinesAreDistinct();
    void searchCountsAndHighlightsEveryMatch();
    void searchFollowsNewOutput();
    void followTailStopsOnScrollUpAndResumesWithJump();
    void trimmedLinesKeepTheReaderInPlace();
    void wrapToggle();
    void timestampsToggle();
    void fileLinkEmitsResolvedLocation_data();
    void fileLinkEmitsResolvedLocation();
    void fileOpenerReceivesLink();
    void hyperlinksOpenOnlyWebPagesAndFiles_data();
    void hyperlinksOpenOnlyWebPagesAndFiles();
    void selectionAndCopy();
    void darkPaletteKeepsTextReadable();
};

void TestOutputView::init()
{
    QGuiApplication::clipboard()->clear();
}

void TestOutputView::ansiColoursAreRendered()
{
    Fixture f;
    f.add(QStringLiteral("stdout"), QStringLiteral("plain \x1b[31mred\x1b[0m \x1b[1;38;2;0;128;255mtrue\x1b[0m\n"));
    f.model.flush();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));

    const ui::CharacterFormat plain = f.text()->characterFormat({0, 0});
    const ui::CharacterFormat red = f.text()->characterFormat({0, 7});
    const ui::CharacterFormat truecolor = f.text()->characterFormat({0, 11});
    QCOMPARE(plain.foreground, f.text()->colors().text);
    QCOMPARE(red.foreground, f.text()->colors().ansi[1]);
    QCOMPARE(truecolor.foreground, QColor(0, 128, 255));
    QVERIFY(truecolor.font.bold());
    QVERIFY(!plain.font.bold());

    // And the red really reaches the screen.
    const QRect redRect = f.text()->characterRect({0, 6}).united(f.text()->characterRect({0, 8}));
    const QImage image = f.text()->viewport()->grab(redRect).toImage();
    bool sawRed = false;
    for (int y = 0; y < image.height() && !sawRed; ++y)
        for (int x = 0; x < image.width() && !sawRed; ++x)
        {
            const QColor pixel = image.pixelColor(x, y); // antialiased: judge the hue, not the exact value
            sawRed = pixel.red() > pixel.green() + 80 && pixel.red() > pixel.blue() + 80;
        }
    QVERIFY(sawRed);

    // The escape codes are gone from what is shown and copied.
    f.text()->selectAll();
    QCOMPARE(f.text()->selectedText(), QStringLiteral("plain red true"));
}

void TestOutputView::stderrAndSystemLinesAreDistinct()
{
    Fixture f;
    f.add(QStringLiteral("system"), QStringLiteral("Run started."), QStringLiteral("status"));
    f.add(QStringLiteral("stdout"), QStringLiteral("normal\n"));
    f.add(QStringLiteral("stderr"), QStringLiteral("problem\n"));
    f.add(QStringLiteral("system"), QStringLiteral("Failed to launch process"), QStringLiteral("error"));
    f.model.flush();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    const ui::OutputColors &colors = f.text()->colors();

    const ui::CharacterFormat system = f.text()->characterFormat({0, 0});
    const ui::CharacterFormat out = f.text()->characterFormat({1, 0});
    const ui::CharacterFormat err = f.text()->characterFormat({2, 0});
    const ui::CharacterFormat systemError = f.text()->characterFormat({3, 0});
    QVERIFY(system.font.italic());
    QCOMPARE(system.foreground, colors.systemText);
    QVERIFY(!out.font.italic());
    QCOMPARE(out.foreground, colors.text);
    QCOMPARE(err.foreground, colors.stderrText);
    QVERIFY(err.foreground != out.foreground);
    QCOMPARE(systemError.foreground, colors.systemErrorText);
    QVERIFY(systemError.font.bold());

    // stderr lines carry a marker bar in the margin left of the text; stdout lines do not.
    const QRect errRect = f.text()->characterRect({2, 0});
    const QRect outRect = f.text()->characterRect({1, 0});
    const QImage image = f.text()->viewport()->grab().toImage();
    auto rowHasMarker = [&](const QRect &rect) {
        for (int x = 0; x < rect.left(); ++x)
            if (image.pixelColor(x, rect.center().y()) == colors.stderrMarker)
                return true;
        return false;
    };
    QVERIFY(rowHasMarker(errRect));
    QVERIFY(!rowHasMarker(outRect));
}

void TestOutputView::searchCountsAndHighlightsEveryMatch()
{
    Fixture f;
    for (int i = 0; i < 60; ++i)
        f.add(QStringLiteral("stdout"), i % 10 == 5 ? QStringLiteral("line %1 ERROR here\n").arg(i)
                                                    : QStringLiteral("line %1 ok\n").arg(i));
    f.add(QStringLiteral("stderr"), QStringLiteral("fatal error: twice error\n"));
    f.model.flush();
    QVERIFY(QTest::qWaitForWindowActive(&f.view));
    f.text()->setFocus();

    QTest::keyClick(f.text(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(f.view.findBar()->isVisible());
    QLineEdit *edit = f.view.findBar()->lineEdit();
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, QStringLiteral("error"));
    QLabel *result = f.view.findBar()->resultLabel();
    QTRY_COMPARE(f.text()->matchCount(), 8);
    // The search starts at the first match from the top of the view (which follows the tail).
    QTRY_VERIFY(result->text().endsWith(QStringLiteral(" of 8")));
    const int start = f.text()->currentMatch();

    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(result->text(), QStringLiteral("%1 of 8").arg((start + 1) % 8 + 1));
    QTest::keyClick(f.text(), Qt::Key_F3);
    QTRY_COMPARE(result->text(), QStringLiteral("%1 of 8").arg((start + 2) % 8 + 1));
    QTest::keyClick(f.text(), Qt::Key_F3, Qt::ShiftModifier);
    QTRY_COMPARE(result->text(), QStringLiteral("%1 of 8").arg((start + 1) % 8 + 1));

    // Walk to the first match and check it is visible and painted as the current match, while
    // another visible match is painted as a plain match.
    while (f.text()->currentMatch() != 0)
        f.text()->findNext();
    QTRY_COMPARE(result->text(), QStringLiteral("1 of 8"));
    const QRect current = f.text()->characterRect({5, 8});
    QVERIFY(current.isValid());
    QCOMPARE(pixelAt(f.text()->viewport(), current.topLeft() + QPoint(1, 1)), f.text()->colors().currentMatchBackground);
    const QRect other = f.text()->characterRect({15, 9});
    QVERIFY(other.isValid());
    QCOMPARE(pixelAt(f.text()->viewport(), other.topLeft() + QPoint(1, 1)), f.text()->colors().matchBackground);

    // Match case: only the lower-case ones remain.
    QTest::mouseClick(f.view.findBar()->caseButton(), Qt::LeftButton);
    QTRY_COMPARE(f.text()->matchCount(), 2);
    QTRY_VERIFY(result->text().endsWith(QStringLiteral(" of 2")));

    QTest::keyClicks(edit, QStringLiteral("zzz"));
    QTRY_COMPARE(result->text(), QStringLiteral("No results"));

    QTest::keyClick(edit, Qt::Key_Escape);
    QTRY_VERIFY(!f.view.findBar()->isVisible());
    QCOMPARE(f.text()->matchCount(), 0);
}

void TestOutputView::searchFollowsNewOutput()
{
    Fixture f;
    f.add(QStringLiteral("stdout"), QStringLiteral("warning one\n"));
    f.model.flush();
    f.text()->setSearch(QStringLiteral("warning"), Qt::CaseInsensitive);
    QSignalSpy results(f.text(), &ui::OutputTextView::searchResultsChanged);
    QCOMPARE(f.text()->matchCount(), 1);
    f.add(QStringLiteral("stdout"), QStringLiteral("warn"));
    f.model.flush();
    QCOMPARE(f.text()->matchCount(), 1);
    f.add(QStringLiteral("stdout"), QStringLiteral("ing two\nWARNING three\n"));
    QTRY_COMPARE(f.text()->matchCount(), 3); // the partial line completed into a match
    QVERIFY(!results.isEmpty());
    QCOMPARE(results.last().at(1).toInt(), 3);
}

void TestOutputView::followTailStopsOnScrollUpAndResumesWithJump()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowActive(&f.view));
    QScrollBar *scrollBar = f.text()->verticalScrollBar();
    for (int i = 0; i < 500; ++i)
        f.add(QStringLiteral("stdout"), QStringLiteral("line %1\n").arg(i));
    QTRY_COMPARE(f.model.rowCount(), 500);
    QVERIFY(scrollBar->maximum() > 0);
    QCOMPARE(scrollBar->value(), scrollBar->maximum());
    QVERIFY(f.text()->isFollowingTail());
    auto *jump = f.text()->findChild<QToolButton *>(QStringLiteral("outputJumpToLatest"));
    QVERIFY(jump);
    QVERIFY(!jump->isVisible());

    QSignalSpy following(f.text(), &ui::OutputTextView::followTailChanged);
    f.text()->setFocus();
    QTest::keyClick(f.text(), Qt::Key_PageUp);
    QVERIFY(!f.text()->isFollowingTail());
    QCOMPARE(following.count(), 1);
    QTRY_VERIFY(jump->isVisible());
    const int readingAt = scrollBar->value();
    QVERIFY(readingAt < scrollBar->maximum());

    for (int i = 500; i < 700; ++i)
        f.add(QStringLiteral("stdout"), QStringLiteral("line %1\n").arg(i));
    QTRY_COMPARE(f.model.rowCount(), 700);
    QCOMPARE(scrollBar->value(), readingAt); // the reader is not yanked to the bottom
    QVERIFY(scrollBar->value() < scrollBar->maximum());

    QTest::mouseClick(jump, Qt::LeftButton);
    QVERIFY(f.text()->isFollowingTail());
    QCOMPARE(scrollBar->value(), scrollBar->maximum());
    QTRY_VERIFY(!jump->isVisible());

    for (int i = 700; i < 800; ++i)
        f.add(QStringLiteral("stdout"), QStringLiteral("line %1\n").arg(i));
    QTRY_COMPARE(f.model.rowCount(), 800);
    QCOMPARE(scrollBar->value(), scrollBar->maximum());
    QVERIFY(f.text()->characterRect({799, 0}).isValid()); // the newest line is on screen

    // Scrolling back to the bottom by hand resumes following too.
    QTest::keyClick(f.text(), Qt::Key_Up);
    QVERIFY(!f.text()->isFollowingTail());
    QTest::keyClick(f.text(), Qt::Key_Down);
    QVERIFY(f.text()->isFollowingTail());
}

void TestOutputView::trimmedLinesKeepTheReaderInPlace()
{
    Fixture f;
    f.model.setMaxLines(300);
    for (int i = 0; i < 300; ++i)
        f.add(QStringLiteral("stdout"), QStringLiteral("line %1\n").arg(i));
    f.model.flush();
    f.text()->verticalScrollBar()->setValue(150); // the user reads the middle
    QVERIFY(!f.text()->isFollowingTail());
    const QRect before = f.text()->characterRect({160, 0});
    QVERIFY(before.isValid());
    for (int i = 300; i < 350; ++i)
        f.add(QStringLiteral("stdout"), QStringLiteral("line %1\n").arg(i));
    f.model.flush();
    QCOMPARE(f.model.droppedLineCount(), 50);
    QCOMPARE(f.text()->characterRect({160, 0}), before);

    // At the top the banner says what is missing, above the first kept line.
    f.text()->verticalScrollBar()->setValue(0);
    const QRect first = f.text()->characterRect({50, 0});
    QVERIFY(first.isValid());
    QVERIFY(first.top() > 0);
}

void TestOutputView::wrapToggle()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.add(QStringLiteral("stdout"), QString(600, u'x') + QStringLiteral("END\nshort\n"));
    f.model.flush();
    QVERIFY(!f.text()->wordWrap());
    QVERIFY(f.text()->horizontalScrollBar()->maximum() > 0);
    QVERIFY(!f.text()->characterRect({0, 601}).isValid()); // off to the right

    QWidget *wrapButton = f.view.toolBar()->widgetForAction(f.view.wrapAction());
    QVERIFY(wrapButton);
    QTest::mouseClick(wrapButton, Qt::LeftButton);
    QVERIFY(f.view.wrapAction()->isChecked());
    QVERIFY(f.text()->wordWrap());
    QCOMPARE(f.text()->horizontalScrollBar()->maximum(), 0);
    const QRect end = f.text()->characterRect({0, 601});
    QVERIFY(end.isValid());
    QVERIFY(end.top() > f.text()->characterRect({0, 0}).top()); // on a later visual row
    QVERIFY(f.text()->characterRect({1, 0}).top() > end.top());

    QTest::mouseClick(wrapButton, Qt::LeftButton);
    QVERIFY(!f.text()->wordWrap());
    QCOMPARE(f.text()->characterRect({1, 0}).top() - f.text()->characterRect({0, 0}).top(),
             f.text()->characterRect({0, 0}).height());
}

void TestOutputView::timestampsToggle()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.add(QStringLiteral("stdout"), QStringLiteral("hello\n"));
    f.model.flush();
    const int leftWithout = f.text()->characterRect({0, 0}).left();
    QWidget *button = f.view.toolBar()->widgetForAction(f.view.timestampsAction());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(f.text()->timestampsVisible());
    const int leftWith = f.text()->characterRect({0, 0}).left();
    // Room for "HH:mm:ss.zzz" appears left of the text.
    QVERIFY2(leftWith - leftWithout >= f.text()->characterRect({0, 0}).width() * 12,
             qPrintable(QStringLiteral("%1 -> %2").arg(leftWithout).arg(leftWith)));
    // And the timestamp is painted there: the gutter is no longer plain background.
    const QImage image = f.text()->viewport()->grab().toImage();
    bool painted = false;
    for (int x = 0; x < leftWith && !painted; ++x)
        for (int y = 0; y < f.text()->characterRect({0, 0}).height() && !painted; ++y)
            painted = image.pixelColor(x, y) == f.text()->colors().gutterText
                      || (image.pixelColor(x, y) != f.text()->colors().gutterBackground
                          && image.pixelColor(x, y) != f.text()->colors().background);
    QVERIFY(painted);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(f.text()->characterRect({0, 0}).left(), leftWithout);
}

void TestOutputView::fileLinkEmitsResolvedLocation_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("clickColumn");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("lineNumber");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("plainColumn");
    QTest::newRow("relative with column") << "src/main.cpp:12:5: error: x" << 4 << "/tmp/proj/src/main.cpp" << 12 << 5 << 20;
    QTest::newRow("absolute") << "  at f (/opt/lib/a.js:3:9)" << 12 << "/opt/lib/a.js" << 3 << 9 << 3;
    QTest::newRow("line only") << "warning in config/app.json:3" << 15 << "/tmp/proj/config/app.json" << 3 << 0 << 2;
}

void TestOutputView::fileLinkEmitsResolvedLocation()
{
    QFETCH(QString, line);
    QFETCH(int, clickColumn);
    QFETCH(QString, path);
    QFETCH(int, lineNumber);
    QFETCH(int, column);
    QFETCH(int, plainColumn);
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.setWorkingDirectory(QStringLiteral("/tmp/proj"));
    f.view.setFileOpener([](const QString &, int, int) { return true; }); // do not launch anything
    f.add(QStringLiteral("stdout"), line + u'\n');
    f.model.flush();
    QVERIFY(f.text()->characterFormat({0, clickColumn}).link);
    QSignalSpy activated(f.text(), &ui::OutputTextView::fileLinkActivated);
    QTest::mouseClick(f.text()->viewport(), Qt::LeftButton, {}, f.centerOf(0, clickColumn));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().at(0).toString(), path);
    QCOMPARE(activated.first().at(1).toInt(), lineNumber);
    QCOMPARE(activated.first().at(2).toInt(), column);

    // Clicking plain text is not a link.
    QVERIFY(!f.text()->characterFormat({0, plainColumn}).link);
    QTest::mouseClick(f.text()->viewport(), Qt::LeftButton, {}, f.centerOf(0, plainColumn));
    QCOMPARE(activated.count(), 1);
}

void TestOutputView::fileOpenerReceivesLink()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.setWorkingDirectory(QStringLiteral("/w"));
    QString openedPath;
    int openedLine = 0, openedColumn = 0;
    f.view.setFileOpener([&](const QString &path, int line, int column) {
        openedPath = path;
        openedLine = line;
        openedColumn = column;
        return true;
    });
    f.add(QStringLiteral("stderr"), QStringLiteral("lib/x.rs:7:2: borrow error\n"));
    f.model.flush();
    QTest::mouseClick(f.text()->viewport(), Qt::LeftButton, {}, f.centerOf(0, 2));
    QCOMPARE(openedPath, QStringLiteral("/w/lib/x.rs"));
    QCOMPARE(openedLine, 7);
    QCOMPARE(openedColumn, 2);
}

void TestOutputView::hyperlinksOpenOnlyWebPagesAndFiles_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("toDesktop");
    QTest::addColumn<QString>("toFileOpener");
    QTest::newRow("https") << QStringLiteral("https://example.org/docs") << true << QString();
    QTest::newRow("http") << QStringLiteral("http://localhost:8000/x") << true << QString();
    QTest::newRow("file") << QStringLiteral("file:///w/src/main.cpp") << false << QStringLiteral("/w/src/main.cpp");
    QTest::newRow("file on this host") << QStringLiteral("file://localhost/w/a%20b.txt") << false << QStringLiteral("/w/a b.txt");
    QTest::newRow("custom handler") << QStringLiteral("vscode://vscode.git/clone?url=https://x") << false << QString();
    QTest::newRow("ssh") << QStringLiteral("ssh://attacker.example/") << false << QString();
    QTest::newRow("file on another host") << QStringLiteral("file://attacker.example/share/x") << false << QString();
    QTest::newRow("no scheme") << QStringLiteral("/etc/passwd") << false << QString();
}

void TestOutputView::hyperlinksOpenOnlyWebPagesAndFiles()
{
    QFETCH(QString, target);
    QFETCH(bool, toDesktop);
    QFETCH(QString, toFileOpener);
    UrlRecorder recorder;
    const QStringList schemes = {QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("vscode"),
                                 QStringLiteral("ssh"), QStringLiteral("file")};
    for (const QString &scheme : schemes)
        QDesktopServices::setUrlHandler(scheme, &recorder, "open");
    auto restoreHandlers = qScopeGuard([&] {
        for (const QString &scheme : schemes)
            QDesktopServices::unsetUrlHandler(scheme);
    });
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QStringList openedFiles;
    f.view.setFileOpener([&](const QString &path, int, int) {
        openedFiles << path;
        return true;
    });
    f.add(QStringLiteral("stdout"), QStringLiteral("see \x1b]8;;%1\x1b\\the docs\x1b]8;;\x1b\\ now\n").arg(target));
    f.model.flush();
    QCOMPARE(f.model.line(0).content.text, QStringLiteral("see the docs now"));
    QSignalSpy activated(f.text(), &ui::OutputTextView::hyperlinkActivated);
    QTest::mouseClick(f.text()->viewport(), Qt::LeftButton, {}, f.centerOf(0, 6));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().at(0).toString(), target);
    QCOMPARE(recorder.opened, toDesktop ? QList<QUrl>{QUrl(target)} : QList<QUrl>{});
    QCOMPARE(openedFiles, toFileOpener.isEmpty() ? QStringList{} : QStringList{toFileOpener});
}

void TestOutputView::selectionAndCopy()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowActive(&f.view));
    f.add(QStringLiteral("stdout"), QStringLiteral("alpha beta\ngamma delta\n"));
    f.model.flush();
    QSignalSpy selection(f.text(), &ui::OutputTextView::selectionChanged);

    // Drag from "beta" on line 0 to the middle of "delta" on line 1.
    QWidget *viewport = f.text()->viewport();
    const QPoint from = f.text()->characterRect({0, 6}).topLeft() + QPoint(1, 4);
    const QPoint to = f.text()->characterRect({1, 8}).topLeft() + QPoint(1, 4);
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, to, viewport->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
    QVERIFY(!selection.isEmpty());
    QCOMPARE(f.text()->selectedText(), QStringLiteral("beta\ngamma de"));

    f.text()->setFocus();
    QTest::keyClick(f.text(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("beta\ngamma de"));

    // Double click selects a word.
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, f.centerOf(1, 2));
    QCOMPARE(f.text()->selectedText(), QStringLiteral("gamma"));

    f.text()->copyAllAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("alpha beta\ngamma delta\n"));

    QTest::keyClick(f.text(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(f.text()->selectedText(), QStringLiteral("alpha beta\ngamma delta"));
}

void TestOutputView::darkPaletteKeepsTextReadable()
{
    Fixture f;
    QPalette dark = f.view.palette();
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xdc, 0xdc, 0xdc));
    f.view.setPalette(dark);
    f.add(QStringLiteral("stdout"), QStringLiteral("\x1b[30mblack\x1b[0m \x1b[34mblue\x1b[0m\n"));
    f.model.flush();
    QTRY_VERIFY(f.text()->colors().dark);
    QCOMPARE(f.text()->colors().background, QColor(0x1e, 0x1e, 0x1e));
    // Black text on a dark background would vanish: it is lifted to something readable.
    const QColor black = f.text()->characterFormat({0, 0}).foreground;
    QVERIFY2(black.lightness() > 100, qPrintable(black.name()));
    QVERIFY(f.text()->characterFormat({0, 7}).foreground.lightness() > 80);
}

QTEST_MAIN(TestOutputView)
#include "tst_outputview.moc"
