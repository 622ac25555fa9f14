#pragma once
// Programs the tests put in a scratch directory for the code under test to run: a fake tool written
// as a shell script, or a copy of a built helper (the child helper in a workspace's tools/).
// Owner-only permissions, as a user's own script would have. Header-only, Qt Core only.
#include <QByteArray>
#include <QFile>
#include <QString>

namespace workbench::testsupport {

// Writes `script` (starting with its #! line) to `path` and makes it executable by its owner.
inline bool writeExecutable(const QString &path, const QByteArray &script)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(script) != script.size())
        return false;
    file.close();
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

// Copies the executable `from` to `to` (which must not exist yet), executable by its owner.
inline bool copyExecutable(const QString &from, const QString &to)
{
    return QFile::copy(from, to) &&
           QFile::setPermissions(to,
                                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

} // namespace workbench::testsupport
