#include "app/gui/panels/analysis_docks.h"

#include "app/gui/analysis_plot_data.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/workbench.h"
#include "widgets/plots/layer_error_chart.h"
#include "widgets/plots/sensitivity_heatmap.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace qs::gui {

AnalysisDocks::AnalysisDocks(Workbench* workbench, LayerPanel* layers, QWidget* parent)
    : QObject(parent), m_workbench(workbench), m_layers(layers), m_errors(new widgets::LayerErrorChart(parent)),
      m_sensitivityPanel(new QWidget(parent)), m_metric(new QComboBox(m_sensitivityPanel)),
      m_sensitivity(new widgets::SensitivityHeatmap(m_sensitivityPanel))
{
    m_errors->setObjectName(QStringLiteral("layerErrors"));
    m_sensitivity->setObjectName(QStringLiteral("sensitivityHeatmap"));
    m_metric->setObjectName(QStringLiteral("sensitivityMetric"));
    m_metric->addItem(tr("Top-1 drop from FP32"), static_cast<int>(SensitivityMetric::Top1Drop));
    m_metric->addItem(tr("Output SQNR against FP32"), static_cast<int>(SensitivityMetric::OutputSqnr));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Cell colour:"), m_sensitivityPanel));
    top->addWidget(m_metric);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(m_sensitivityPanel);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_sensitivity, 1);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, &AnalysisDocks::refresh);
    connect(workbench, &Workbench::analysisChanged, this, &AnalysisDocks::scheduleRefresh);
    connect(workbench->layers(), &QAbstractItemModel::modelReset, this, &AnalysisDocks::scheduleRefresh);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &AnalysisDocks::scheduleRefresh);
    connect(layers->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const QString name = currentLayerName();
        m_errors->setSelectedLayer(name);
        m_sensitivity->setSelectedLayer(name);
    });
    connect(m_errors, &widgets::LayerErrorChart::layerClicked, this, &AnalysisDocks::selectLayer);
    connect(m_sensitivity, &widgets::SensitivityHeatmap::layerClicked, this, &AnalysisDocks::selectLayer);
}

QString AnalysisDocks::currentLayerName() const
{
    const QModelIndex current = m_layers->view()->selectionModel()->currentIndex();
    if (!current.isValid())
        return {};
    const int row = m_layers->proxy()->mapToSource(current).row();
    const auto& all = m_workbench->layers()->layers();
    return row >= 0 && row < static_cast<int>(all.size()) ? all[static_cast<std::size_t>(row)].name : QString();
}

void AnalysisDocks::selectLayer(const QString& name)
{
    const int row = m_workbench->layers()->rowOf(name);
    const QModelIndex index = m_layers->proxy()->mapFromSource(m_workbench->layers()->index(row, 0));
    if (index.isValid()) // a layer the filter hides stays unselected rather than silently unfiltered
        m_layers->view()->selectRow(index.row());
}

void AnalysisDocks::refresh()
{
    if (const auto report = m_workbench->layerErrors())
        m_errors->setLayers(layerErrorBars(*report), layerErrorCaption(*report, m_workbench->layerErrorsCurrent()));
    else
        m_errors->clear(tr("Run \u203A Analyze Layers to measure every layer's SQNR against FP32: with the whole model in int8 "
                           "(accumulated) and with only that layer (isolated), on oneDNN and on its simulation."));
    m_errors->setSelectedLayer(currentLayerName());

    if (const auto report = m_workbench->sensitivity()) {
        m_metric->setEnabled(report->labelled); // without labels there is no top-1 to drop
        if (!report->labelled) {
            const QSignalBlocker quiet(m_metric);
            m_metric->setCurrentIndex(m_metric->findData(static_cast<int>(SensitivityMetric::OutputSqnr)));
        }
        const auto metric = report->labelled ? static_cast<SensitivityMetric>(m_metric->currentData().toInt()) : SensitivityMetric::OutputSqnr;
        m_sensitivity->setData(sensitivityHeatmap(*report, metric, m_workbench->sensitivityCurrent()));
    } else {
        m_sensitivity->clear(tr("Run \u203A Sensitivity Sweep to see what quantizing each layer alone at 8, 6 and 4 bits costs, and what "
                                "keeping it in FP32 while the rest is int8 gains."));
    }
    m_sensitivity->setSelectedLayer(currentLayerName());
}

} // namespace qs::gui
