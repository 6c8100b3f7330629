#pragma once
// The Graph dock's wiring: the loaded model's graph under the table's configuration (graph_view_data.h), redrawn
// when a model loads or the configuration is edited (coalesced: a burst of edits redraws once), and its selection
// kept in step with the layer table both ways (a click on a fused Relu selects the layer it runs in). Each layer's
// badge is its measured SQNR from Run › Analyze Layers (accumulated, real int8), shown only while that measurement
// is current: the view has no stale state, and a badge from another configuration would mislead.

#include <QObject>
#include <QTimer>

class QWidget;

namespace qs::widgets {
class GraphView;
}

namespace qs::gui {

class LayerPanel;
class Workbench;

class GraphPanel : public QObject {
    Q_OBJECT
public:
    GraphPanel(Workbench* workbench, LayerPanel* layers, QWidget* parent);

    widgets::GraphView* view() const { return m_view; }

private:
    void scheduleRefresh();
    void refresh();
    void showLayerErrors();
    void showCurrentLayer();
    void selectLayer(const QString& node);

    Workbench* m_workbench;
    LayerPanel* m_layers;
    widgets::GraphView* m_view;
    QTimer m_refresh;
};

} // namespace qs::gui
