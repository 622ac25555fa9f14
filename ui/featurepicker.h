#pragma once
// Project and feature choice: a project box, a search field (matches id, name, category and
// tags, as CCDash's web UI does) and the matching features sorted by name.
#include "app/ccdash/ccdashtypes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace workbench::ui {

class FeaturePicker : public QWidget
{
    Q_OBJECT
public:
    explicit FeaturePicker(QWidget *parent = nullptr);

    void setProjects(const QList<ccdash::Project> &projects, const QString &currentProjectId);
    void setFeatures(const QList<ccdash::Feature> &features);
    // Shown instead of the list while loading or when CCDash could not be asked.
    void setStatusText(const QString &text);
    QString statusText() const;

    QString currentProjectId() const;
    QString currentFeatureId() const;
    bool selectFeature(const QString &featureId);
    QStringList visibleFeatureIds() const;
    std::optional<ccdash::Feature> feature(const QString &featureId) const;

    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *projectBox() const { return m_projects; }
    QListWidget *featureList() const { return m_list; }

Q_SIGNALS:
    void projectChosen(const QString &projectId);
    void featureChosen(const QString &featureId);

private:
    void applySearch();

    QList<ccdash::Feature> m_features;
    QComboBox *m_projects;
    QLineEdit *m_search;
    QListWidget *m_list;
    QLabel *m_status;
    bool m_updating = false;
};

} // namespace workbench::ui
