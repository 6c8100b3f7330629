#include "app/gui/panels/graph_panel.h"

#include "app/gui/graph_view_data.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/workbench.h"
#include "core/ptq/layer_error.h"
#include "widgets/graph/graph_view.h"

#include <QItemSelectionModel>
#include <QMap>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <exception>

namespace qs::gui {

GraphPanel::GraphPanel(Workbench* workbench, LayerPanel* layers, QWidget* parent)
    : QObject(parent), m_workbench(workbench), m_layers(layers), m_view(new widgets::GraphView(parent))
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, &GraphPanel::refresh);
    connect(workbench, &Workbench::stateChanged, this, &GraphPanel::scheduleRefresh);
    connect(workbench->layers(), &LayerTableModel::configEdited, this, &GraphPanel::scheduleRefresh);
    connect(workbench->layers(), &QAbstractItemModel::modelReset, this, &GraphPanel::scheduleRefresh);
    connect(layers->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &GraphPanel::showCurrentLayer);
    connect(m_view, &widgets::GraphView::nodeClicked, this, &GraphPanel::selectLayer);
    connect(workbench, &Workbench::analysisChanged, this, &GraphPanel::showLayerErrors);
    refresh();
    showLayerErrors();
}

void GraphPanel::scheduleRefresh() { m_refresh.start(); }

void GraphPanel::refresh()
{
    const auto prepared = m_workbench->preparedGraph();
    if (!prepared) {
        m_view->clear(tr("Open a model to see its graph."));
        return;
    }
    const LayerTableModel* table = m_workbench->layers();
    try {
        m_view->setGraph(graphViewData(*prepared, quantizedByTable(table->layers(), table->configs())));
    } catch (const std::exception& e) { // a graph the plan builder refuses: say so here, the table still works
        m_view->clear(tr("The graph cannot be shown: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    showCurrentLayer();
}

void GraphPanel::showLayerErrors()
{
    QMap<QString, double> errorDb;
    if (const auto report = m_workbench->layerErrors(); report && m_workbench->layerErrorsCurrent())
        for (const LayerError& e : report->layers)
            errorDb.insert(QString::fromStdString(e.node), e.accumulatedDb);
    m_view->setLayerErrors(errorDb);
}

void GraphPanel::showCurrentLayer()
{
    const QModelIndex current = m_layers->view()->selectionModel()->currentIndex();
    const int row = current.isValid() ? m_layers->proxy()->mapToSource(current).row() : -1;
    const auto& layers = m_workbench->layers()->layers();
    m_view->selectNode(row >= 0 && row < static_cast<int>(layers.size()) ? layers[static_cast<std::size_t>(row)].name : QString());
}

void GraphPanel::selectLayer(const QString& node)
{
    const LayerTableModel* table = m_workbench->layers();
    int row = table->rowOf(node);
    if (row < 0)
        row = table->rowOf(m_view->groupOf(node));
    const QModelIndex index = row >= 0 ? m_layers->proxy()->mapFromSource(table->index(row, 0)) : QModelIndex();
    if (index.isValid())
        m_layers->view()->selectRow(index.row());
}

} // namespace qs::gui
