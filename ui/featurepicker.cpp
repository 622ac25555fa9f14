#include "ui/featurepicker.h"

#include "app/ccdash/ccdashparser.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace workbench::ui {

namespace {
constexpr int FeatureIdRole = Qt::UserRole + 1;
}

FeaturePicker::FeaturePicker(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("featurePicker"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *projectLabel = new QLabel(tr("&Project:"), this);
    m_projects = new QComboBox(this);
    m_projects->setObjectName(QStringLiteral("projectBox"));
    m_projects->setAccessibleName(tr("Project"));
    projectLabel->setBuddy(m_projects);
    layout->addWidget(projectLabel);
    layout->addWidget(m_projects);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("featureSearch"));
    m_search->setPlaceholderText(tr("Search feature (id, name, category, tags)"));
    m_search->setAccessibleName(tr("Search features"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("featureList"));
    m_list->setAccessibleName(tr("Features"));
    m_list->setUniformItemSizes(true);
    layout->addWidget(m_list, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("featureStatus"));
    m_status->setTextFormat(Qt::PlainText); // may quote a server's error text
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->hide();
    layout->addWidget(m_status);

    connect(m_search, &QLineEdit::textChanged, this, &FeaturePicker::applySearch);
    connect(m_projects, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            Q_EMIT projectChosen(currentProjectId());
    });
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        if (!m_updating && current)
            Q_EMIT featureChosen(current->data(FeatureIdRole).toString());
    });
}

void FeaturePicker::setProjects(const QList<ccdash::Project> &projects, const QString &currentProjectId)
{
    m_updating = true;
    m_projects->clear();
    for (const ccdash::Project &project : projects) {
        m_projects->addItem(project.name.isEmpty() ? project.id : project.name, project.id);
        m_projects->setItemData(m_projects->count() - 1, project.path, Qt::ToolTipRole);
    }
    m_projects->setCurrentIndex(std::max(0, m_projects->findData(currentProjectId)));
    m_updating = false;
}

void FeaturePicker::setFeatures(const QList<ccdash::Feature> &features)
{
    m_features = features;
    std::sort(m_features.begin(), m_features.end(), [](const ccdash::Feature &a, const ccdash::Feature &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    applySearch();
}

void FeaturePicker::setStatusText(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

QString FeaturePicker::statusText() const
{
    return m_status->text();
}

QString FeaturePicker::currentProjectId() const
{
    return m_projects->currentData().toString();
}

QString FeaturePicker::currentFeatureId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(FeatureIdRole).toString() : QString();
}

bool FeaturePicker::selectFeature(const QString &featureId)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(FeatureIdRole).toString() == featureId) {
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

QStringList FeaturePicker::visibleFeatureIds() const
{
    QStringList ids;
    for (int row = 0; row < m_list->count(); ++row)
        ids << m_list->item(row)->data(FeatureIdRole).toString();
    return ids;
}

std::optional<ccdash::Feature> FeaturePicker::feature(const QString &featureId) const
{
    for (const ccdash::Feature &feature : m_features) {
        if (feature.id == featureId)
            return feature;
    }
    return std::nullopt;
}

void FeaturePicker::applySearch()
{
    const QString selected = currentFeatureId();
    m_updating = true;
    m_list->clear();
    for (const ccdash::Feature &feature : m_features) {
        if (!ccdash::featureMatches(feature, m_search->text()))
            continue;
        auto *item = new QListWidgetItem(feature.name.isEmpty() ? feature.id : feature.name, m_list);
        item->setData(FeatureIdRole, feature.id);
        QStringList details{feature.id};
        if (!feature.status.isEmpty())
            details << feature.status;
        if (!feature.category.isEmpty())
            details << feature.category;
        if (!feature.tags.isEmpty())
            details << feature.tags.join(QStringLiteral(", "));
        item->setToolTip(details.join(QStringLiteral(" · ")));
    }
    m_updating = false;
    if (m_list->count() == 0) {
        setStatusText(m_features.isEmpty() ? tr("No features loaded.") : tr("No feature matches “%1”.").arg(m_search->text()));
        return;
    }
    setStatusText(QString());
    if (!selectFeature(selected) && !selected.isEmpty())
        m_list->setCurrentRow(0);
}

} // namespace workbench::ui
