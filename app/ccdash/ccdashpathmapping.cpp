#include "app/ccdash/ccdashpathmapping.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

namespace workbench::ccdash {

PathMapping::PathMapping(QSettings *settings)
    : m_settings(settings ? settings : new QSettings)
    , m_ownsSettings(settings == nullptr)
{
}

PathMapping::~PathMapping()
{
    if (m_ownsSettings)
        delete m_settings;
}

QString PathMapping::keyFor(const QString &projectId)
{
    // Project ids may contain '/', which QSettings treats as a group separator.
    return QStringLiteral("ccdash/pathMappings/") + QString::fromLatin1(QUrl::toPercentEncoding(projectId));
}

QString PathMapping::mappedPath(const QString &projectId) const
{
    return m_settings->value(keyFor(projectId)).toString();
}

void PathMapping::setMappedPath(const QString &projectId, const QString &localDirectory)
{
    m_settings->setValue(keyFor(projectId), QDir::cleanPath(QFileInfo(localDirectory).absoluteFilePath()));
    m_settings->sync();
}

void PathMapping::clearMapping(const QString &projectId)
{
    m_settings->remove(keyFor(projectId));
    m_settings->sync();
}

PathMapping::Resolution PathMapping::resolve(const QString &projectId, const QString &remoteRoot) const
{
    Resolution resolution;
    resolution.remotePath = remoteRoot;
    if (!remoteRoot.isEmpty() && QFileInfo(remoteRoot).isDir()) {
        resolution.localPath = QDir::cleanPath(remoteRoot);
        return resolution;
    }
    const QString mapped = mappedPath(projectId);
    if (!mapped.isEmpty() && QFileInfo(mapped).isDir()) {
        resolution.localPath = mapped;
        resolution.fromMapping = true;
        return resolution;
    }
    resolution.needsMapping = true;
    return resolution;
}

} // namespace workbench::ccdash
