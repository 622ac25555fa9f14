// AST shapes, source spans and syntax errors of the shell parser.
#include "astdump.h"

#include "policy/shelllexer.h"
#include "policy/shellparser.h"
#include "policy/shellword.h"

#include <QTest>

using namespace workbench::policy;
using workbench::policy::testing::dumpNode;

class TestShellParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shapes_data();
    void shapes();
    void errors_data();
    void errors();
    void spans();
    void hereDocBodies();
    void bashSyntaxIsNoticed_data();
    void bashSyntaxIsNoticed();
    void wordValues_data();
    void wordValues();
    void deepNestingIsAnErrorNotACrash_data();
    void deepNestingIsAnErrorNotACrash();
    void tokenizerCoversComments();
};

void TestShellParser::shapes_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    QTest::newRow("simple") << "ls -la" << "(list (cmd ls -la))";
    QTest::newRow("sequence") << "echo a; echo b" << "(list (cmd echo a) ; (cmd echo b))";
    QTest::newRow("newline list") << "echo a\necho b\n" << "(list (cmd echo a) \\n (cmd echo b) \\n)";
    QTest::newRow("and-or") << "make && make test || echo failed"
                            << "(list (andor (cmd make) && (cmd make test) || (cmd echo failed)))";
    QTest::newRow("pipeline") << "ls|grep foo |& wc -l" << "(list (pipe (cmd ls) | (cmd grep foo) |& (cmd wc -l)))";
    QTest::newRow("negated") << "! grep -q x f" << "(list (pipe ! (cmd grep -q x f)))";
    QTest::newRow("time") << "time make" << "(list (pipe time (cmd make)))";
    QTest::newRow("background") << "sleep 1 & wait" << "(list (cmd sleep 1) & (cmd wait))";
    QTest::newRow("subshell") << "(cd src && make)" << "(list (subshell (list (andor (cmd cd src) && (cmd make)))))";
    QTest::newRow("group with redirect") << "{ ls; } 2>/dev/null" << "(list (group 2>/dev/null (list (cmd ls) ;)))";
    QTest::newRow("if elif else") << "if a; then b; elif c; then d; else e; fi"
                                   << "(list (if (list (cmd a) ;) (list (cmd b) ;) (list (cmd c) ;) (list (cmd d) ;) (list (cmd e) ;)))";
    QTest::newRow("while") << "while read l; do echo $l; done < f"
                           << "(list (while <f (list (cmd read l) ;) (list (cmd echo [(param \"l\")]) ;)))";
    QTest::newRow("until") << "until false; do :; done" << "(list (until (list (cmd false) ;) (list (cmd :) ;)))";
    QTest::newRow("for in") << "for f in a b; do rm $f; done"
                            << "(list (for name=f a b (list (cmd rm [(param \"f\")]) ;)))";
    QTest::newRow("for without in") << "for f; do echo; done" << "(list (for name=f (list (cmd echo) ;)))";
    QTest::newRow("arith for") << "for ((i=0; i<3; i++)); do echo; done"
                               << "(list (arithfor [(arith \"i=0; i<3; i++\" (lit \"i=0; i<3; i++\"))] (list (cmd echo) ;)))";
    QTest::newRow("case") << "case $x in a|b) echo ab;; (*) echo other;; esac"
                          << "(list (case [(param \"x\")] (item a b (list (cmd echo ab)) ;;) (item [(glob \"*\")] (list (cmd echo other)) ;;)))";
    QTest::newRow("case last item without ;;") << "case x in y) z\nesac"
                                               << "(list (case x (item y (list (cmd z) \\n))))";
    QTest::newRow("function") << "f() { echo hi; }" << "(list (function name=f (group (list (cmd echo hi) ;))))";
    QTest::newRow("function keyword") << "function g { :; }" << "(list (function name=g (group (list (cmd :) ;))))";
    QTest::newRow("conditional") << "[[ -f x && $y == z ]]" << "(list (cond -f x && [(param \"y\")] == z))";
    QTest::newRow("arithmetic command") << "(( i++ ))" << "(list (arithcmd [(arith \" i++ \" (lit \" i++ \"))]))";
    QTest::newRow("assignments") << "A=1 B=\"x y\" cmd arg" << "(list (cmd assign=A=1 assign=[(lit \"B=\") (dq (lit \"x y\"))] cmd arg))";
    QTest::newRow("array assignment") << "a=(1 2 3)" << "(list (cmd assign=[(lit \"a=\") (array 1 2 3)]))";
    QTest::newRow("redirections") << "cmd <in >out 2>&1 >>log &>all &>>more 3<>rw >|clobber"
                                  << "(list (cmd cmd <in >out 2>&1 >>log &>all &>>more 3<>rw >|clobber))";
    QTest::newRow("here-string") << "cat <<< \"$x\"" << "(list (cmd cat <<<[(dq (param \"x\"))]))";
    QTest::newRow("quotes") << "echo 'a b' \"c $d\" e\\ f" << "(list (cmd echo [(sq \"a b\")] [(dq (lit \"c \") (param \"d\"))] [(lit \"e\") (esc \" \") (lit \"f\")]))";
    QTest::newRow("ansi-c and locale") << "echo $'\\x72m' $\"hi\"" << "(list (cmd echo [(ansi \"rm\")] [(locale (lit \"hi\"))]))";
    QTest::newRow("command substitution") << "echo $(ls `pwd`)" << "(list (cmd echo [(cmdsub (list (cmd ls [(backtick (list (cmd pwd)))])))]))";
    QTest::newRow("nested substitution in quotes") << "echo \"$(echo \"$(id)\")\""
                                                   << "(list (cmd echo [(dq (cmdsub (list (cmd echo [(dq (cmdsub (list (cmd id))))]))))]))";
    QTest::newRow("parameter with default") << "echo ${x:-$(id)}" << "(list (cmd echo [(param \"x\" (lit \":-\") (cmdsub (list (cmd id))))]))";
    QTest::newRow("arithmetic expansion") << "echo $((1 + $n))" << "(list (cmd echo [(arith \"1 + $n\" (lit \"1 + \") (param \"n\"))]))";
    QTest::newRow("process substitution") << "diff <(ls a) >(cat)" << "(list (cmd diff [(procin (list (cmd ls a)))] [(procout (list (cmd cat)))]))";
    QTest::newRow("globs and braces") << "ls *.txt src/{a,b}.c [ab]?" << "(list (cmd ls [(glob \"*\") (lit \".txt\")] [(lit \"src/\") (brace \"{a,b}\") (lit \".c\")] [(glob \"[ab]\") (glob \"?\")]))";
    QTest::newRow("tilde") << "ls ~ ~/x ~root a~b" << "(list (cmd ls [(tilde)] [(tilde) (lit \"/x\")] [(tilde \"root\")] a~b))";
    QTest::newRow("comment") << "ls # rm -rf /" << "(list (cmd ls))";
    QTest::newRow("line continuation") << "echo a \\\n  b" << "(list (cmd echo a b))";
    QTest::newRow("find exec keeps semicolon word") << "find . -exec rm {} \\;" << "(list (cmd find . -exec rm {} [(esc \";\")]))";
    QTest::newRow("test bracket is literal") << "[ -f x ]" << "(list (cmd [ -f x ]))";
    QTest::newRow("comment only") << "# nothing" << "(list)";
    QTest::newRow("trailing backslash is literal") << "echo \\" << "(list (cmd echo \\))";
}

void TestShellParser::shapes()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    const ParseResult result = parseShell(source);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(dumpNode(*result.root), expected);
}

void TestShellParser::errors_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<qsizetype>("offset");

    QTest::newRow("unterminated single quote") << "echo 'abc" << qsizetype(5);
    QTest::newRow("unterminated double quote") << "echo \"abc" << qsizetype(5);
    QTest::newRow("dangling and") << "ls &&" << qsizetype(5);
    QTest::newRow("dangling pipe") << "ls |" << qsizetype(4);
    QTest::newRow("leading pipe") << "| ls" << qsizetype(0);
    QTest::newRow("leading semicolon") << "; ls" << qsizetype(0);
    QTest::newRow("double semicolon outside case") << "ls ;;" << qsizetype(3);
    QTest::newRow("unclosed subshell") << "(ls" << qsizetype(3);
    QTest::newRow("stray close paren") << "ls )" << qsizetype(3);
    QTest::newRow("unclosed substitution") << "echo $(ls" << qsizetype(9);
    QTest::newRow("unclosed backtick") << "echo `ls" << qsizetype(5);
    QTest::newRow("unclosed parameter") << "echo ${x" << qsizetype(5);
    QTest::newRow("missing fi") << "if a; then b" << qsizetype(12);
    QTest::newRow("missing done") << "while a; do b; " << qsizetype(15);
    QTest::newRow("empty group") << "{ }" << qsizetype(2);
    QTest::newRow("redirect without target") << "ls >" << qsizetype(3);
    QTest::newRow("missing esac") << "case x in a) b;;" << qsizetype(16);
    QTest::newRow("unterminated conditional") << "[[ -f x" << qsizetype(7);
    QTest::newRow("keyword out of place") << "then ls" << qsizetype(0);
}

void TestShellParser::errors()
{
    QFETCH(QString, source);
    QFETCH(qsizetype, offset);
    const ParseResult result = parseShell(source);
    QVERIFY2(!result.ok(), qPrintable(source));
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(result.errorSpan.offset, offset);
    QVERIFY(result.errorSpan.offset + result.errorSpan.length <= source.size());
}

void TestShellParser::spans()
{
    const QString source = QStringLiteral("cd src && FOO=1 make -j4 > build.log 2>&1; echo \"$(id -u)\"");
    const ParseResult result = parseShell(source);
    QVERIFY(result.ok());
    auto text = [&](SourceSpan span) { return source.mid(span.offset, span.length); };
    const Node &list = *result.root;
    QCOMPARE(list.children.size(), size_t(2));
    const Node &andOr = *list.children[0];
    QCOMPARE(text(andOr.span), QStringLiteral("cd src && FOO=1 make -j4 > build.log 2>&1"));
    const Node &make = *andOr.children[1];
    QCOMPARE(text(make.span), QStringLiteral("FOO=1 make -j4 > build.log 2>&1"));
    QCOMPARE(text(make.assignments.front().span), QStringLiteral("FOO=1"));
    QCOMPARE(text(make.words[1].span), QStringLiteral("-j4"));
    QCOMPARE(make.redirects.size(), size_t(2));
    QCOMPARE(text(make.redirects[0].span), QStringLiteral("> build.log"));
    QCOMPARE(text(make.redirects[0].target.span), QStringLiteral("build.log"));
    QCOMPARE(text(make.redirects[1].span), QStringLiteral("2>&1"));
    QCOMPARE(make.redirects[1].fd, 2);
    const Node &echo = *list.children[1];
    const WordPart &quoted = echo.words[1].parts.front();
    QCOMPARE(text(quoted.span), QStringLiteral("\"$(id -u)\""));
    const WordPart &substitution = quoted.parts.front();
    QCOMPARE(text(substitution.span), QStringLiteral("$(id -u)"));
    const Node &inner = *substitution.command->children.front();
    QCOMPARE(text(inner.span), QStringLiteral("id -u"));
    QCOMPARE(text(inner.words[1].span), QStringLiteral("-u"));
}

void TestShellParser::hereDocBodies()
{
    const QString source = QStringLiteral("cat <<EOF; cat <<-'END' | sh\nhello $(whoami)\nEOF\n\tliteral $x\n\tEND\necho after");
    const ParseResult result = parseShell(source);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const Node &list = *result.root;
    QCOMPARE(list.children.size(), size_t(3));
    const Redirect &first = list.children[0]->redirects.front();
    QVERIFY(first.hereDoc);
    QCOMPARE(first.hereDoc->body, QStringLiteral("hello $(whoami)\n"));
    QVERIFY(!first.hereDoc->quoted);
    QVERIFY(first.hereDoc->terminated);
    // The unquoted body's substitution is parsed so it can be judged.
    bool sawSubstitution = false;
    for (const auto &part : first.hereDoc->expansions.parts)
        sawSubstitution = sawSubstitution || part.kind == PartKind::CommandSubstitution;
    QVERIFY(sawSubstitution);
    QCOMPARE(source.mid(first.hereDoc->bodySpan.offset, first.hereDoc->bodySpan.length), QStringLiteral("hello $(whoami)\n"));
    const Node &pipeline = *list.children[1];
    QCOMPARE(pipeline.kind, NodeKind::Pipeline);
    const Redirect &second = pipeline.children[0]->redirects.front();
    QVERIFY(second.hereDoc->quoted);
    QVERIFY(second.hereDoc->stripTabs);
    QCOMPARE(second.hereDoc->body, QStringLiteral("literal $x\n"));
    QCOMPARE(dumpNode(*list.children[2]), QStringLiteral("(cmd echo after)"));
}

void TestShellParser::bashSyntaxIsNoticed_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("bash");
    QTest::newRow("posix") << "ls -la | grep x > out 2>&1" << false;
    QTest::newRow("[[") << "[[ -n x ]]" << true;
    QTest::newRow("((") << "(( x ))" << true;
    QTest::newRow("ansi-c") << "echo $'x'" << true;
    QTest::newRow("process substitution") << "cat <(ls)" << true;
    QTest::newRow("&>") << "ls &> f" << true;
    QTest::newRow("here-string") << "cat <<< x" << true;
    QTest::newRow("|&") << "ls |& cat" << true;
    QTest::newRow("array") << "a=(1)" << true;
    QTest::newRow("pattern substitution") << "echo ${x/a/b}" << true;
}

void TestShellParser::bashSyntaxIsNoticed()
{
    QFETCH(QString, source);
    QFETCH(bool, bash);
    const ParseResult result = parseShell(source);
    QVERIFY(result.ok());
    QCOMPARE(result.usesBashSyntax, bash);
}

void TestShellParser::wordValues_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("isStatic");
    QTest::addColumn<bool>("obfuscated");

    QTest::newRow("plain") << "rm" << "rm" << true << false;
    QTest::newRow("backslash prefix is normal") << "\\rm" << "rm" << true << false;
    QTest::newRow("split by quotes") << "r''m" << "rm" << true << true;
    QTest::newRow("split by double quotes") << "\"r\"m" << "rm" << true << true;
    QTest::newRow("whole word quoted") << "'rm'" << "rm" << true << false;
    QTest::newRow("ansi-c hex") << "$'\\x72\\x6d'" << "rm" << true << true;
    QTest::newRow("variable") << "$X" << "" << false << false;
    QTest::newRow("ifs") << "rm${IFS}-rf" << "rm -rf" << false << false;
    QTest::newRow("home") << "~/x" << "/home/t/x" << true << false;
    QTest::newRow("zero width") << QString::fromUtf8("r\u200bm") << "rm" << true << true;
}

void TestShellParser::wordValues()
{
    QFETCH(QString, source);
    QFETCH(QString, value);
    QFETCH(bool, isStatic);
    QFETCH(bool, obfuscated);
    const ParseResult result = parseShell(source);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const Word &word = result.root->children.front()->words.front();
    const WordValue resolved = resolveWord(word, ResolveContext{QStringLiteral("/home/t"), QStringLiteral("/w"), nullptr});
    QCOMPARE(resolved.value, value);
    QCOMPARE(resolved.isStatic, isStatic);
    QCOMPARE(resolved.quoteSplit || resolved.encoded || resolved.invisible, obfuscated);
}

void TestShellParser::deepNestingIsAnErrorNotACrash_data()
{
    QTest::addColumn<QString>("source");
    const int depth = 5000;
    QTest::newRow("subshells") << QStringLiteral("( ").repeated(depth) + QStringLiteral("ls") + QStringLiteral(" )").repeated(depth);
    QString substitutions;
    for (int i = 0; i < depth; ++i)
        substitutions += QStringLiteral("$(");
    QTest::newRow("substitutions") << substitutions + QStringLiteral("ls") + QString(depth, u')');
    QString parameters;
    for (int i = 0; i < depth; ++i)
        parameters += QStringLiteral("${x:-");
    QTest::newRow("parameters") << parameters + QString(depth, u'}');
    QString ifs;
    for (int i = 0; i < depth; ++i)
        ifs += QStringLiteral("if a; then ");
    QTest::newRow("ifs") << ifs;
}

void TestShellParser::deepNestingIsAnErrorNotACrash()
{
    QFETCH(QString, source);
    const ParseResult result = parseShell(source);
    QVERIFY(!result.ok());
    QVERIFY(!result.error.isEmpty());
}

void TestShellParser::tokenizerCoversComments()
{
    const QString source = QStringLiteral("ls -la | grep x # trailing\n");
    const QList<ShellToken> tokens = tokenizeShell(source);
    QStringList kinds;
    for (const ShellToken &token : tokens) {
        switch (token.kind) {
        case TokenKind::Word: kinds << QStringLiteral("w:") + source.mid(token.span.offset, token.span.length); break;
        case TokenKind::Operator: kinds << QStringLiteral("op:") + token.op; break;
        case TokenKind::Comment: kinds << QStringLiteral("c:") + source.mid(token.span.offset, token.span.length); break;
        case TokenKind::Newline: kinds << QStringLiteral("nl"); break;
        default: kinds << QStringLiteral("?"); break;
        }
    }
    QCOMPARE(kinds, QStringList({QStringLiteral("w:ls"), QStringLiteral("w:-la"), QStringLiteral("op:|"), QStringLiteral("w:grep"),
                                 QStringLiteral("w:x"), QStringLiteral("c:# trailing"), QStringLiteral("nl")}));
}

QTEST_GUILESS_MAIN(TestShellParser)
#include "tst_shellparser.moc"
