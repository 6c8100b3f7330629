#pragma once
// The analysis views and their wiring: the measured layer errors as a bar chart (worst first) and the
// sensitivity sweep as a heat map, with a choice of what colours its cells (top-1 drop or output SQNR). They
// listen to the workbench's analysis results and follow the layer table's current row; clicking a layer in
// either selects it in the table. Refreshes are coalesced like PlotDocks'.

#include <QObject>
#include <QTimer>

class QComboBox;
class QWidget;

namespace qs::widgets {
class LayerErrorChart;
class SensitivityHeatmap;
} // namespace qs::widgets

namespace qs::gui {

class LayerPanel;
class Workbench;

class AnalysisDocks : public QObject {
    Q_OBJECT
public:
    AnalysisDocks(Workbench* workbench, LayerPanel* layers, QWidget* parent);

    widgets::LayerErrorChart* layerErrors() const { return m_errors; }
    QWidget* sensitivityPanel() const { return m_sensitivityPanel; }
    widgets::SensitivityHeatmap* sensitivity() const { return m_sensitivity; }
    QComboBox* sensitivityMetric() const { return m_metric; }

private:
    void scheduleRefresh() { m_refresh.start(); }
    void refresh();
    void selectLayer(const QString& name);
    QString currentLayerName() const;

    Workbench* m_workbench;
    LayerPanel* m_layers;
    widgets::LayerErrorChart* m_errors;
    QWidget* m_sensitivityPanel;
    QComboBox* m_metric;
    widgets::SensitivityHeatmap* m_sensitivity;
    QTimer m_refresh;
};

} // namespace qs::gui
