#include "tests/policy/policycorpus.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace workbench::policytest {

QString CorpusRow::tag() const
{
    // Tags must be unique and printable: file position first, then a readable prefix of the command.
    QString shown = command.left(60);
    shown.replace(QLatin1Char('\n'), QStringLiteral("\\n")).replace(QLatin1Char('\t'), QStringLiteral("\\t"));
    return QStringLiteral("%1:%2 %3").arg(category).arg(line).arg(shown);
}

QString corpusDirectory()
{
    return QStringLiteral(WORKBENCH_POLICY_CORPUS_DIR);
}

namespace {

bool readStringList(const QJsonValue &value, QStringList *out)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return false;
        out->append(item.toString());
    }
    return true;
}

QString parseRow(const QJsonObject &object, CorpusRow *row)
{
    static const QStringList knownKeys = {QStringLiteral("cmd"),  QStringLiteral("cwd"),   QStringLiteral("env"),
                                          QStringLiteral("verdict"), QStringLiteral("risk"), QStringLiteral("codes"),
                                          QStringLiteral("spans"), QStringLiteral("xfail"), QStringLiteral("note")};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!knownKeys.contains(it.key()))
            return QStringLiteral("unknown key '%1'").arg(it.key());
    }
    if (!object.value(QStringLiteral("cmd")).isString())
        return QStringLiteral("'cmd' must be a string");
    row->command = object.value(QStringLiteral("cmd")).toString();
    row->cwd = object.value(QStringLiteral("cwd")).toString(QStringLiteral("."));
    row->envProfile = object.value(QStringLiteral("env")).toString(QStringLiteral("default"));
    row->verdict = object.value(QStringLiteral("verdict")).toString();
    static const QStringList verdicts = {QStringLiteral("allow"), QStringLiteral("requires_approval"),
                                         QStringLiteral("deny"), QStringLiteral("gated")};
    if (!verdicts.contains(row->verdict))
        return QStringLiteral("'verdict' must be one of %1").arg(verdicts.join(QLatin1Char(' ')));
    row->risk = object.value(QStringLiteral("risk")).toString();
    if (!row->risk.isEmpty() && row->risk != QLatin1String("low") && row->risk != QLatin1String("medium")
        && row->risk != QLatin1String("high"))
        return QStringLiteral("'risk' must be low, medium or high");
    // The rubric's two invariants are checked on the labels too, so a typo cannot hide an expectation.
    if (row->verdict == QLatin1String("deny") && !row->risk.isEmpty() && row->risk != QLatin1String("high"))
        return QStringLiteral("a deny row must expect risk high");
    if (row->verdict == QLatin1String("allow") && row->risk == QLatin1String("high"))
        return QStringLiteral("an allow row can never expect risk high");
    if (!readStringList(object.value(QStringLiteral("codes")), &row->codes))
        return QStringLiteral("'codes' must be an array of strings");
    const QJsonValue spans = object.value(QStringLiteral("spans"));
    if (!spans.isUndefined()) {
        if (!spans.isArray())
            return QStringLiteral("'spans' must be an array");
        for (const QJsonValue &item : spans.toArray()) {
            SpanExpectation span;
            span.code = item.toObject().value(QStringLiteral("code")).toString();
            if (span.code.isEmpty() || !readStringList(item.toObject().value(QStringLiteral("texts")), &span.texts)
                || span.texts.isEmpty())
                return QStringLiteral("each span needs a 'code' and non-empty 'texts'");
            row->spans.append(span);
        }
    }
    row->xfail = object.value(QStringLiteral("xfail")).toString();
    row->note = object.value(QStringLiteral("note")).toString();
    return {};
}

} // namespace

CorpusLoad loadCorpus(const QString &directory)
{
    CorpusLoad load;
    const QDir dir(directory);
    const QStringList files = dir.entryList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        load.errors << QStringLiteral("%1: no *.jsonl corpus files").arg(directory);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            load.errors << QStringLiteral("%1: %2").arg(name, file.errorString());
            continue;
        }
        int lineNumber = 0;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine();
            ++lineNumber;
            if (line.trimmed().isEmpty())
                continue;
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
            if (!document.isObject()) {
                load.errors << QStringLiteral("%1:%2: %3").arg(name).arg(lineNumber).arg(parseError.errorString());
                continue;
            }
            CorpusRow row;
            row.file = name;
            row.line = lineNumber;
            row.category = QFileInfo(name).completeBaseName();
            const QString error = parseRow(document.object(), &row);
            if (!error.isEmpty()) {
                load.errors << QStringLiteral("%1:%2: %3").arg(name).arg(lineNumber).arg(error);
                continue;
            }
            load.rows.append(row);
        }
    }
    return load;
}

PolicyWorkspace::PolicyWorkspace()
    : m_dir(std::make_unique<QTemporaryDir>())
{
    if (!m_dir->isValid()) {
        m_error = m_dir->errorString();
        return;
    }
    m_tmp = QFileInfo(m_dir->path()).canonicalFilePath();
    m_valid = build();
}

bool PolicyWorkspace::writeFile(const QString &relative, const QByteArray &content)
{
    const QString path = m_tmp + QLatin1Char('/') + relative;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        m_error = QStringLiteral("cannot create the directory of %1").arg(path);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        m_error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool PolicyWorkspace::build()
{
    const QList<std::pair<const char *, QByteArray>> files = {
        {"ws/README.md", "# Demo project\n"},
        {"ws/Makefile", "all:\n\techo build\ntest:\n\techo test\nclean:\n\trm -rf build/out\n"},
        {"ws/package.json", R"({"name": "demo", "version": "1.2.3", "scripts": {"test": "node test.js", "build": "node build.js"}})"},
        {"ws/package-lock.json", "{}\n"},
        {"ws/requirements.txt", "requests==2.31.0\n"},
        {"ws/pyproject.toml", "[project]\nname = \"demo\"\n"},
        {"ws/Cargo.toml", "[package]\nname = \"demo\"\n"},
        {"ws/go.mod", "module example.com/demo\n"},
        {"ws/CMakeLists.txt", "cmake_minimum_required(VERSION 3.25)\n"},
        {"ws/fix.patch", ""},
        {"ws/.env", "API_KEY=sk-test-not-a-real-key\n"},
        {"ws/.env.example", "API_KEY=\n"},
        {"ws/src/main.py", "def main():\n    pass\n"},
        {"ws/src/a.py", ""},
        {"ws/src/old.py", ""},
        {"ws/src/app.js", "console.log(1)\n"},
        {"ws/src/util.c", "int main(void) { return 0; }\n"},
        {"ws/src/data.txt", "b,2\na,1\n"},
        {"ws/tests/test_app.py", "def test_ok():\n    assert True\n"},
        {"ws/build/log.txt", "ok\n"},
        {"ws/build/app.o", ""},
        {"ws/build/files.txt", "src/main.py\n"},
        {"ws/build/dirs.txt", "build/out\n"},
        {"ws/docs/plan.md", "# Plan\n"},
        {"ws/docs/prd.md", "# PRD\n"},
        {"ws/scripts/build.sh", "#!/bin/sh\necho build\n"},
        {"ws/node_modules/.bin/.keep", ""},
        {"ws/.venv/bin/.keep", ""},
        {"ws2/notes.txt", "sibling\n"},
        {"outside/file.txt", "outside\n"},
        {"home/.ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\n"},
        {"home/.ssh/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\n"},
        {"home/.ssh/authorized_keys", ""},
        {"home/.aws/credentials", "[default]\n"},
        {"home/.kube/config", ""},
        {"home/.bashrc", ""},
        {"home/.profile", ""},
        {"home/.gitconfig", "[user]\n"},
        {"home/.netrc", ""},
        {"home/notes.txt", ""},
        {"home/.cache/.keep", ""},
        {"home/.npm/.keep", ""},
    };
    for (const auto &[relative, content] : files) {
        if (!writeFile(QString::fromLatin1(relative), content))
            return false;
    }
    QFile::setPermissions(m_tmp + QStringLiteral("/ws/scripts/build.sh"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // As in CCDash's fixture: link-out -> <TMP>/outside (absolute target).
    if (!QFile::link(m_tmp + QStringLiteral("/outside"), m_tmp + QStringLiteral("/ws/link-out"))) {
        m_error = QStringLiteral("cannot create the symlink link-out");
        return false;
    }
    return true;
}

QString PolicyWorkspace::substitute(QString text) const
{
    // Longer placeholders first is not needed: none is a prefix of another.
    text.replace(QStringLiteral("@WORKSPACE@"), workspace());
    text.replace(QStringLiteral("@WS2@"), m_tmp + QStringLiteral("/ws2"));
    text.replace(QStringLiteral("@OUTSIDE@"), m_tmp + QStringLiteral("/outside"));
    text.replace(QStringLiteral("@HOME@"), home());
    text.replace(QStringLiteral("@TMP@"), m_tmp);
    text.replace(QStringLiteral("<WORKSPACE>"), workspace());
    text.replace(QStringLiteral("<TMP>"), m_tmp);
    return text;
}

} // namespace workbench::policytest
