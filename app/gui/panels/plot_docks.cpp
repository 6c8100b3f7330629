#include "app/gui/panels/plot_docks.h"

#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/runs_panel.h"
#include "app/gui/plot_data.h"
#include "app/gui/workbench.h"
#include "widgets/plots/accuracy_size_plot.h"
#include "widgets/plots/activation_histogram_view.h"
#include "widgets/plots/observer_comparison_view.h"
#include "widgets/plots/weight_range_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace qs::gui {

PlotDocks::PlotDocks(Workbench* workbench, LayerPanel* layers, RunsPanel* runs, QWidget* parent)
    : QObject(parent), m_workbench(workbench), m_layers(layers), m_runs(runs), m_histogramPanel(new QWidget(parent)),
      m_which(new QComboBox(m_histogramPanel)), m_histogram(new widgets::ActivationHistogramView(m_histogramPanel)),
      m_weights(new widgets::WeightRangeView(parent)), m_observers(new widgets::ObserverComparisonView(parent)),
      m_accuracy(new widgets::AccuracySizePlot(parent))
{
    m_histogram->setObjectName(QStringLiteral("activationHistogram"));
    m_weights->setObjectName(QStringLiteral("weightRanges"));
    m_observers->setObjectName(QStringLiteral("observerComparison"));
    m_accuracy->setObjectName(QStringLiteral("accuracySize"));
    m_which->addItem(tr("Output (what the layer's activation settings quantize)"), false);
    m_which->addItem(tr("Input"), true);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Histogram of the selected layer's"), m_histogramPanel));
    top->addWidget(m_which);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(m_histogramPanel);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_histogram, 1);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, &PlotDocks::refresh);
    connect(m_which, &QComboBox::currentIndexChanged, this, &PlotDocks::scheduleRefresh);
    connect(workbench, &Workbench::calibrationFinished, this, &PlotDocks::scheduleRefresh);
    connect(workbench, &Workbench::stateChanged, this, &PlotDocks::scheduleRefresh);
    connect(workbench->layers(), &LayerTableModel::configEdited, this, &PlotDocks::scheduleRefresh);
    connect(workbench->layers(), &QAbstractItemModel::modelReset, this, &PlotDocks::scheduleRefresh);
    connect(layers->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PlotDocks::scheduleRefresh);

    // A click on a method in the histogram's legend sets the clip method of the shown layer (undoable).
    connect(m_histogram, &widgets::ActivationHistogramView::rangeClicked, this, [this](const QString& method) {
        m_workbench->setClipMethod(currentLayer(), method);
    });
    // A click on a row of the observer comparison selects that layer in the table.
    connect(m_observers, &widgets::ObserverComparisonView::layerClicked, this, [this](const QString& name) {
        const int row = m_workbench->layers()->rowOf(name);
        const QModelIndex index = m_layers->proxy()->mapFromSource(m_workbench->layers()->index(row, 0));
        if (index.isValid())
            m_layers->view()->selectRow(index.row());
    });

    RunsTableModel* runsModel = workbench->runs();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(runsModel, signal, this, &PlotDocks::refreshRuns);
    connect(runsModel, &QAbstractItemModel::modelReset, this, &PlotDocks::refreshRuns);
    connect(runsModel, &QAbstractItemModel::dataChanged, this, &PlotDocks::refreshRuns);
    connect(workbench, &Workbench::metricChanged, this, &PlotDocks::refreshRuns);
    connect(workbench, &Workbench::stateChanged, this, &PlotDocks::refreshRuns);
    connect(m_accuracy, &widgets::AccuracySizePlot::runClicked, this, [this](int row) { m_runs->view()->selectRow(row); });
    connect(runs->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { m_accuracy->setSelectedRun(current.isValid() ? current.row() : -1); });
}

int PlotDocks::currentLayer() const
{
    const QModelIndex current = m_layers->view()->selectionModel()->currentIndex();
    return current.isValid() ? m_layers->proxy()->mapToSource(current).row() : -1;
}

void PlotDocks::scheduleRefresh() { m_refresh.start(); }

void PlotDocks::refresh()
{
    const LayerTableModel* model = m_workbench->layers();
    const auto calibration = m_workbench->calibration();
    const int row = currentLayer();
    const bool haveRow = row >= 0 && row < model->rowCount();
    const LayerInfo* layer = haveRow ? &model->layers()[static_cast<std::size_t>(row)] : nullptr;
    const LayerConfig* config = haveRow ? &model->configs()[static_cast<std::size_t>(row)] : nullptr;

    if (!calibration)
        m_histogram->clear(tr("Calibrate (Ctrl+L), then select a layer to see its activation histogram with the range every method picks."));
    else if (!layer)
        m_histogram->clear(tr("Select a layer in the table to see its activation histogram."));
    else
    {
        const bool input = m_which->currentData().toBool();
        m_histogram->setData(histogramData(*calibration, *layer, input ? inputConfig(model->layers(), model->configs(), static_cast<std::size_t>(row)) : *config,
                                           input));
    }

    if (layer)
        m_weights->setData(weightRangeData(*layer));
    else
        m_weights->clear(tr("Select a layer in the table to see the range of each output channel of its weights."));

    if (calibration) {
        m_observers->setLayers(observerLayers(*calibration, model->layers(), model->configs()));
        m_observers->setSelectedLayer(layer ? layer->name : QString());
    } else {
        m_observers->clear(tr("Calibrate (Ctrl+L) to compare the range every method picks, layer by layer."));
    }
}

void PlotDocks::refreshRuns()
{
    const QualityMetric metric = m_workbench->metric();
    const auto [axis, value] = qualityAxisTexts(metric);
    m_accuracy->setQualityAxis(axis, value);
    m_accuracy->setRuns(runPoints(m_workbench->runs()->runs(), metric));
}

} // namespace qs::gui
