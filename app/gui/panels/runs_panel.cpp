#include "app/gui/panels/runs_panel.h"

#include "app/gui/models/runs_table_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace qs::gui {

RunsPanel::RunsPanel(RunsTableModel* model, QWidget* parent)
    : QWidget(parent), m_view(new QTableView(this)), m_live(new QLabel(this)), m_restore(new QPushButton(tr("Restore Config"), this))
{
    m_restore->setObjectName(QStringLiteral("restoreConfig"));
    m_restore->setToolTip(tr("Load the per-layer config the selected run evaluated into the layer table (undoable)"));
    m_view->setObjectName(QStringLiteral("runsTable"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_live->setText(tr("Evaluate (Ctrl+E) to add a run; the first run is the FP32 baseline."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    top->addWidget(m_live, 1);
    top->addWidget(m_restore);
    layout->addLayout(top);
    layout->addWidget(m_view);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (currentRun() >= 0)
            emit restoreRequested(currentRun());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsPanel::updateRestore);
    connect(model, &QAbstractItemModel::modelReset, this, &RunsPanel::updateRestore);
    updateRestore();
    auto resize = [this] { m_view->resizeColumnsToContents(); };
    connect(model, &QAbstractItemModel::rowsInserted, this, resize);
    connect(model, &QAbstractItemModel::modelReset, this, resize);
}

void RunsPanel::setLive(const QString& text) { m_live->setText(text); }

int RunsPanel::currentRun() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void RunsPanel::updateRestore()
{
    const auto* model = static_cast<const RunsTableModel*>(m_view->model());
    const int row = currentRun();
    m_restore->setEnabled(row >= 0 && row < model->rowCount() && !model->runs()[static_cast<std::size_t>(row)].layerConfigs.empty());
}

} // namespace qs::gui
