// The fallback command highlighter: each token class gets its format on exactly its range.

#include "ui/commandhighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using workbench::ui::CommandHighlighter;
using Role = CommandHighlighter::Role;

Q_DECLARE_METATYPE(CommandHighlighter::Role)

namespace {

QTextCharFormat formatAt(const QTextDocument &document, int position)
{
    const QTextBlock block = document.findBlock(position);
    const int inBlock = position - block.position();
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (inBlock >= range.start && inBlock < range.start + range.length)
            return range.format;
    }
    return {};
}

bool sameFormat(const QTextCharFormat &a, const QTextCharFormat &b)
{
    return a.foreground() == b.foreground() && a.fontWeight() == b.fontWeight() && a.fontItalic() == b.fontItalic()
           && a.underlineStyle() == b.underlineStyle();
}

} // namespace

class TestCommandHighlighter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rangesGetTheirFormat_data();
    void rangesGetTheirFormat();
    void plainArgumentsStayPlain();
    void editingRehighlights();
    void darkPaletteChangesColours();
    void factoryReturnsAHighlighter();
};

void TestCommandHighlighter::rangesGetTheirFormat_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("fragment"); // first occurrence in the command
    QTest::addColumn<Role>("role");

    const QString pipeline = QStringLiteral("FOO=1 ls -la 'a b' \"$HOME/x\" | grep -v x > out.txt # note");
    QTest::newRow("assignment") << pipeline << "FOO=" << Role::Variable;
    QTest::newRow("command") << pipeline << "ls" << Role::Command;
    QTest::newRow("option") << pipeline << "-la" << Role::Option;
    QTest::newRow("single quotes") << pipeline << "'a b'" << Role::String;
    QTest::newRow("variable inside double quotes") << pipeline << "$HOME" << Role::Variable;
    QTest::newRow("double-quoted text") << pipeline << "/x\"" << Role::String;
    QTest::newRow("pipe") << pipeline << "|" << Role::Operator;
    QTest::newRow("command after pipe") << pipeline << "grep" << Role::Command;
    QTest::newRow("redirection") << pipeline << ">" << Role::Operator;
    QTest::newRow("comment") << pipeline << "# note" << Role::Comment;

    QTest::newRow("and-list second command")
        << QStringLiteral("make && ctest --output-on-failure") << "ctest" << Role::Command;
    QTest::newRow("long option") << QStringLiteral("make && ctest --output-on-failure") << "--output-on-failure"
                                 << Role::Option;
    QTest::newRow("keyword") << QStringLiteral("for f in *.cpp; do echo $f; done") << "for" << Role::Keyword;
    QTest::newRow("glob") << QStringLiteral("for f in *.cpp; do echo $f; done") << "*" << Role::Glob;
    QTest::newRow("command after do") << QStringLiteral("for f in *.cpp; do echo $f; done") << "echo" << Role::Command;
    QTest::newRow("done") << QStringLiteral("for f in *.cpp; do echo $f; done") << "done" << Role::Keyword;
    QTest::newRow("command substitution") << QStringLiteral("echo $(git rev-parse HEAD)") << "$(git rev-parse HEAD)"
                                          << Role::Substitution;
    QTest::newRow("here-document body") << QStringLiteral("cat <<EOF\nhello there\nEOF\n") << "hello there"
                                        << Role::String;
    QTest::newRow("unterminated quote is an error") << QStringLiteral("echo 'oops") << "'oops" << Role::Error;
}

void TestCommandHighlighter::rangesGetTheirFormat()
{
    QFETCH(QString, command);
    QFETCH(QString, fragment);
    QFETCH(Role, role);
    QTextDocument document(command);
    CommandHighlighter highlighter(&document);
    const int start = int(command.indexOf(fragment));
    QVERIFY(start >= 0);
    const QTextCharFormat expected = highlighter.format(role);
    for (int i = start; i < start + fragment.size(); ++i) {
        if (command.at(i) == u'\n')
            continue;
        QVERIFY2(sameFormat(formatAt(document, i), expected),
                 qPrintable(QStringLiteral("character %1 ('%2') of \"%3\"").arg(i).arg(command.at(i)).arg(command)));
    }
}

void TestCommandHighlighter::plainArgumentsStayPlain()
{
    const QString command = QStringLiteral("git commit -m message");
    QTextDocument document(command);
    CommandHighlighter highlighter(&document);
    const int start = int(command.indexOf(QStringLiteral("commit")));
    for (int i = start; i < start + 6; ++i)
        QVERIFY(!formatAt(document, i).hasProperty(QTextFormat::ForegroundBrush));
    // The space between words has no format either.
    QVERIFY(!formatAt(document, 3).hasProperty(QTextFormat::ForegroundBrush));
}

void TestCommandHighlighter::editingRehighlights()
{
    QPlainTextEdit editor;
    CommandHighlighter highlighter(editor.document());
    editor.setPlainText(QStringLiteral("echo hi"));
    QVERIFY(sameFormat(formatAt(*editor.document(), 0), highlighter.format(Role::Command)));
    QTest::keyClick(&editor, Qt::Key_End);
    QTest::keyClicks(&editor, QStringLiteral(" | wc -l"));
    const QString text = editor.toPlainText();
    QVERIFY(sameFormat(formatAt(*editor.document(), int(text.indexOf(u'|'))), highlighter.format(Role::Operator)));
    QVERIFY(sameFormat(formatAt(*editor.document(), int(text.indexOf(QStringLiteral("wc")))),
                       highlighter.format(Role::Command)));
    // Opening a quote on the first line turns the following line into string text.
    editor.setPlainText(QStringLiteral("echo ok\nls"));
    QVERIFY(sameFormat(formatAt(*editor.document(), 8), highlighter.format(Role::Command)));
    QTextCursor cursor(editor.document());
    cursor.setPosition(5);
    cursor.insertText(QStringLiteral("\""));
    QVERIFY(!sameFormat(formatAt(*editor.document(), 9), highlighter.format(Role::Command)));
}

void TestCommandHighlighter::darkPaletteChangesColours()
{
    QTextDocument document(QStringLiteral("ls -la"));
    CommandHighlighter highlighter(&document);
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    highlighter.setPalette(light);
    const QColor onLight = highlighter.format(Role::Command).foreground().color();
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    highlighter.setPalette(dark);
    const QColor onDark = highlighter.format(Role::Command).foreground().color();
    QVERIFY(onDark.lightness() > onLight.lightness());
    QCOMPARE(formatAt(document, 0).foreground().color(), onDark);
}

void TestCommandHighlighter::factoryReturnsAHighlighter()
{
    QTextDocument document(QStringLiteral("ls"));
    QSyntaxHighlighter *highlighter = workbench::ui::createCommandHighlighter(&document, QGuiApplication::palette());
    QVERIFY(highlighter);
    QCOMPARE(highlighter->document(), &document);
#ifndef WORKBENCH_HAVE_KSYNTAXHIGHLIGHTING
    QVERIFY(qobject_cast<CommandHighlighter *>(highlighter));
#endif
}

QTEST_MAIN(TestCommandHighlighter)
#include "tst_commandhighlighter.moc"
