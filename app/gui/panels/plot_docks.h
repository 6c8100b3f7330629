#pragma once
// The plot panels and their wiring: the activation histogram of the selected layer (every method's range,
// ranked by predicted SQNR; a click on a method sets the layer's clip method through the undo stack), its
// per-channel weight ranges, the observer comparison of all layers, and accuracy vs size of the runs. It
// listens to the workbench (calibration, config edits, runs) and the two tables, and coalesces refreshes
// with a zero-delay single-shot timer so a burst of edits redraws once.

#include <QObject>
#include <QTimer>

class QComboBox;
class QWidget;

namespace qs::widgets {
class AccuracySizePlot;
class ActivationHistogramView;
class ObserverComparisonView;
class WeightRangeView;
} // namespace qs::widgets

namespace qs::gui {

class LayerPanel;
class RunsPanel;
class Workbench;

class PlotDocks : public QObject {
    Q_OBJECT
public:
    PlotDocks(Workbench* workbench, LayerPanel* layers, RunsPanel* runs, QWidget* parent);

    QWidget* histogramPanel() const { return m_histogramPanel; }
    widgets::ActivationHistogramView* histogram() const { return m_histogram; }
    widgets::WeightRangeView* weights() const { return m_weights; }
    widgets::ObserverComparisonView* observers() const { return m_observers; }
    widgets::AccuracySizePlot* accuracy() const { return m_accuracy; }
    int currentLayer() const; // source row of the layer table's current row, -1 if none

private:
    void scheduleRefresh();
    void refresh();
    void refreshRuns();

    Workbench* m_workbench;
    LayerPanel* m_layers;
    RunsPanel* m_runs;
    QWidget* m_histogramPanel;
    QComboBox* m_which;
    widgets::ActivationHistogramView* m_histogram;
    widgets::WeightRangeView* m_weights;
    widgets::ObserverComparisonView* m_observers;
    widgets::AccuracySizePlot* m_accuracy;
    QTimer m_refresh;
};

} // namespace qs::gui
