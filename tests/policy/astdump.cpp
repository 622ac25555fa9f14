#include "astdump.h"

#include <QStringList>

namespace workbench::policy::testing {

namespace {

QString partName(PartKind kind)
{
    switch (kind) {
    case PartKind::Literal: return QStringLiteral("lit");
    case PartKind::Escaped: return QStringLiteral("esc");
    case PartKind::SingleQuoted: return QStringLiteral("sq");
    case PartKind::DoubleQuoted: return QStringLiteral("dq");
    case PartKind::AnsiC: return QStringLiteral("ansi");
    case PartKind::LocaleString: return QStringLiteral("locale");
    case PartKind::Parameter: return QStringLiteral("param");
    case PartKind::CommandSubstitution: return QStringLiteral("cmdsub");
    case PartKind::Backtick: return QStringLiteral("backtick");
    case PartKind::Arithmetic: return QStringLiteral("arith");
    case PartKind::ProcessSubstitutionIn: return QStringLiteral("procin");
    case PartKind::ProcessSubstitutionOut: return QStringLiteral("procout");
    case PartKind::Glob: return QStringLiteral("glob");
    case PartKind::Tilde: return QStringLiteral("tilde");
    case PartKind::Brace: return QStringLiteral("brace");
    case PartKind::ArrayLiteral: return QStringLiteral("array");
    }
    return QString();
}

QString dumpPart(const WordPart &part)
{
    QStringList items{partName(part.kind)};
    if (!part.text.isEmpty() || part.kind == PartKind::SingleQuoted)
        items << QLatin1Char('"') + part.text + QLatin1Char('"');
    for (const auto &sub : part.parts)
        items << dumpPart(sub);
    for (const auto &word : part.words)
        items << dumpWord(word);
    if (part.command)
        items << dumpNode(*part.command);
    return QLatin1Char('(') + items.join(QLatin1Char(' ')) + QLatin1Char(')');
}

QString nodeName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::List: return QStringLiteral("list");
    case NodeKind::AndOr: return QStringLiteral("andor");
    case NodeKind::Pipeline: return QStringLiteral("pipe");
    case NodeKind::Simple: return QStringLiteral("cmd");
    case NodeKind::Subshell: return QStringLiteral("subshell");
    case NodeKind::Group: return QStringLiteral("group");
    case NodeKind::If: return QStringLiteral("if");
    case NodeKind::While: return QStringLiteral("while");
    case NodeKind::Until: return QStringLiteral("until");
    case NodeKind::For: return QStringLiteral("for");
    case NodeKind::ArithFor: return QStringLiteral("arithfor");
    case NodeKind::Case: return QStringLiteral("case");
    case NodeKind::CaseItem: return QStringLiteral("item");
    case NodeKind::Function: return QStringLiteral("function");
    case NodeKind::Arithmetic: return QStringLiteral("arithcmd");
    case NodeKind::Conditional: return QStringLiteral("cond");
    }
    return QString();
}

} // namespace

QString dumpWord(const Word &word)
{
    if (word.parts.size() == 1 && word.parts.front().kind == PartKind::Literal)
        return word.parts.front().text;
    QStringList items;
    for (const auto &part : word.parts)
        items << dumpPart(part);
    return QLatin1Char('[') + items.join(QLatin1Char(' ')) + QLatin1Char(']');
}

QString dumpNode(const Node &node)
{
    QStringList items{nodeName(node.kind)};
    if (node.negated)
        items << QStringLiteral("!");
    if (node.timed)
        items << QStringLiteral("time");
    if (!node.name.isEmpty())
        items << QStringLiteral("name=") + node.name;
    for (const auto &word : node.assignments)
        items << QStringLiteral("assign=") + dumpWord(word);
    for (const auto &word : node.words)
        items << dumpWord(word);
    for (const auto &redirect : node.redirects) {
        QString text = (redirect.fd >= 0 ? QString::number(redirect.fd) : QString()) + redirect.op + dumpWord(redirect.target);
        if (redirect.hereDoc)
            text += QStringLiteral("{") + redirect.hereDoc->body.replace(QLatin1Char('\n'), QLatin1Char('|')) + QStringLiteral("}");
        items << text;
    }
    for (size_t i = 0; i < node.children.size(); ++i) {
        items << dumpNode(*node.children[i]);
        if (node.kind != NodeKind::CaseItem && i < node.separators.size() && !node.separators[i].isEmpty())
            items << (node.separators[i] == u"\n" ? QStringLiteral("\\n") : node.separators[i]);
    }
    if (node.kind == NodeKind::CaseItem && !node.separators.empty())
        items << node.separators.front();
    return QLatin1Char('(') + items.join(QLatin1Char(' ')) + QLatin1Char(')');
}

} // namespace workbench::policy::testing
