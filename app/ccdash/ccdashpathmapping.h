#pragma once
// CCDash reports each project's root as a path on the CCDash host. When that path does not exist
// here, the user maps it to a local directory once; the mapping is remembered per project id.
#include <QString>

class QSettings;

namespace workbench::ccdash {

class PathMapping
{
public:
    // Uses `settings` when given (not owned), else the application's default QSettings.
    explicit PathMapping(QSettings *settings = nullptr);
    ~PathMapping();

    QString mappedPath(const QString &projectId) const;
    void setMappedPath(const QString &projectId, const QString &localDirectory);
    void clearMapping(const QString &projectId);

    struct Resolution
    {
        QString localPath;  // the directory to use as the workspace; empty when needsMapping
        bool needsMapping = false;
        bool fromMapping = false;
        QString remotePath; // what CCDash reported
    };
    // CCDash's root when it exists on this machine, else the remembered mapping when that exists.
    Resolution resolve(const QString &projectId, const QString &remoteRoot) const;

private:
    static QString keyFor(const QString &projectId);
    QSettings *m_settings;
    bool m_ownsSettings;
};

} // namespace workbench::ccdash
