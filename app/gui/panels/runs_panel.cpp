#include "app/gui/panels/runs_panel.h"

#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/run_config_dialog.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace qs::gui {

RunsPanel::RunsPanel(RunsTableModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_view(new QTableView(this)), m_live(new QLabel(this)),
      m_restore(new QPushButton(tr("Restore Config"), this)), m_showConfiguration(new QAction(tr("Show Configuration\u2026"), this)),
      m_compare(new QAction(tr("Compare Runs\u2026"), this)), m_metric(new QComboBox(this))
{
    m_metric->setObjectName(QStringLiteral("runsMetric"));
    m_metric->addItem(tr("Top-1 accuracy"), QVariant::fromValue(static_cast<int>(QualityMetric::Top1)));
    m_metric->addItem(tr("Fidelity to FP32 (SQNR)"), QVariant::fromValue(static_cast<int>(QualityMetric::Fidelity)));
    m_metric->setToolTip(tr("What an evaluation measures and the plot shows: top-1 needs labels and a single-output classifier; "
                            "fidelity compares every output of the quantized model with FP32's"));
    m_restore->setObjectName(QStringLiteral("restoreConfig"));
    m_restore->setToolTip(tr("Load the per-layer config the selected run evaluated into the layer table (undoable)"));
    m_showConfiguration->setObjectName(QStringLiteral("showRunConfiguration"));
    m_showConfiguration->setToolTip(tr("List every layer's settings in the selected run"));
    m_compare->setObjectName(QStringLiteral("compareRuns"));
    m_compare->setToolTip(tr("List the layers whose settings differ between the two selected runs"));
    m_view->setObjectName(QStringLiteral("runsTable"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addAction(m_showConfiguration);
    m_view->addAction(m_compare);
    m_live->setText(tr("Evaluate (Ctrl+E) to add a run; the first run is the FP32 baseline."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    top->addWidget(m_live, 1);
    top->addWidget(new QLabel(tr("Metric:"), this));
    top->addWidget(m_metric);
    top->addWidget(m_restore);
    layout->addLayout(top);
    layout->addWidget(m_view);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (currentRun() >= 0)
            emit restoreRequested(currentRun());
    });
    connect(m_showConfiguration, &QAction::triggered, this, [this] {
        if (currentRun() >= 0)
            showConfiguration(currentRun());
    });
    connect(m_compare, &QAction::triggered, this, [this] {
        if (const std::vector<int> rows = selectedRuns(); rows.size() == 2)
            compareRuns(rows[0], rows[1]);
    });
    // A double-click on the name edits it; anywhere else it shows the run's configuration.
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.isValid() && index.column() != RunsTableModel::Name)
            showConfiguration(index.row());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPanel::updateActions);
    connect(model, &QAbstractItemModel::modelReset, this, &RunsPanel::updateActions);
    connect(model, &QAbstractItemModel::rowsInserted, this, &RunsPanel::updateActions);
    connect(m_metric, &QComboBox::activated, this, [this] {
        emit metricChosen(static_cast<QualityMetric>(m_metric->currentData().toInt()));
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &RunsPanel::updateColumns);
    connect(model, &QAbstractItemModel::modelReset, this, &RunsPanel::updateColumns);
    updateActions();
    updateColumns();
    auto resize = [this] { m_view->resizeColumnsToContents(); };
    connect(model, &QAbstractItemModel::rowsInserted, this, resize);
    connect(model, &QAbstractItemModel::modelReset, this, resize);
}

void RunsPanel::setLive(const QString& text) { m_live->setText(text); }

void RunsPanel::setMetric(QualityMetric metric, bool selectable)
{
    m_shown = metric;
    m_metric->setCurrentIndex(m_metric->findData(static_cast<int>(metric)));
    m_metric->setEnabled(selectable);
    updateColumns();
}

void RunsPanel::updateColumns()
{
    // A metric's columns show when a run measured it or the next evaluation will.
    const bool top1 = m_shown == QualityMetric::Top1 || m_model->hasRunsOf(QualityMetric::Top1);
    const bool fidelity = m_shown == QualityMetric::Fidelity || m_model->hasRunsOf(QualityMetric::Fidelity);
    for (int column : {RunsTableModel::Top1, RunsTableModel::Top5, RunsTableModel::DeltaTop1})
        m_view->setColumnHidden(column, !top1);
    m_view->setColumnHidden(RunsTableModel::WorstSqnr, !fidelity);
    // Top-1 agreement exists for classifiers only: a detector's runs would show a column of dashes.
    const auto& runs = m_model->runs();
    m_view->setColumnHidden(RunsTableModel::Agreement,
                            std::none_of(runs.begin(), runs.end(), [](const RunRecord& r) { return !std::isnan(r.top1Agreement); }));
}

int RunsPanel::currentRun() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

std::vector<int> RunsPanel::selectedRuns() const
{
    std::vector<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.push_back(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

RunConfigDialog* RunsPanel::showConfiguration(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return nullptr;
    RunConfigDialog* dialog = RunConfigDialog::forRun(*m_model, row, this);
    dialog->show();
    return dialog;
}

RunConfigDialog* RunsPanel::compareRuns(int first, int second)
{
    if (first < 0 || second < 0 || first >= m_model->rowCount() || second >= m_model->rowCount())
        return nullptr;
    RunConfigDialog* dialog = RunConfigDialog::comparing(*m_model, first, second, this);
    dialog->show();
    return dialog;
}

void RunsPanel::updateActions()
{
    const int row = currentRun();
    const bool valid = row >= 0 && row < m_model->rowCount();
    m_restore->setEnabled(valid && !m_model->runs()[static_cast<std::size_t>(row)].layerConfigs.empty());
    m_showConfiguration->setEnabled(valid);
    m_compare->setEnabled(selectedRuns().size() == 2);
}

} // namespace qs::gui
