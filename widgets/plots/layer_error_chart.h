#pragma once
// Measured per-layer quantization error as a bar chart: one row per layer, sorted worst first (lowest
// accumulated SQNR at the top, where the eye starts), with two bars each: the SQNR of the layer's output with
// the whole model quantized (accumulated) and with only that layer quantized (isolated). The predicted SQNR
// stands beside them as a marker, so prediction and measurement are compared on the same axis. Rows where the
// real int8 run and its simulation differ are marked in their label. Clicking a row emits layerClicked(name);
// the selected layer's row is shaded.

#include <QColor>
#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace qs::widgets {

struct LayerErrorBar {
    QString name;                  // layer (node) name, emitted by layerClicked
    QString label;                 // axis label; name when empty
    double accumulatedDb = 0.0;    // NaN: not measured (no bar); +inf: no error at all (bar to the axis' end)
    double isolatedDb = 0.0;
    double predictedDb = 0.0;      // NaN: no prediction (no marker)
    bool simulationDiffers = false; // real int8 and its fake-quantization twin differ by more than 1 dB
    QString tooltip;               // shown when hovering the row (rich text allowed)
};

class LayerErrorChart : public QWidget {
    Q_OBJECT
public:
    explicit LayerErrorChart(QWidget* parent = nullptr);
    ~LayerErrorChart() override;

    // `caption` (a line above the plot) says what was measured: samples, config, when.
    void setLayers(const std::vector<LayerErrorBar>& layers, const QString& caption = {});
    void clear(const QString& message = {});
    void setSelectedLayer(const QString& name);

    // The layers top to bottom: worst accumulated SQNR first (NaN last; ties keep the given order).
    const std::vector<LayerErrorBar>& layers() const { return m_layers; }
    QString caption() const;
    // Whether the bars carry their values as text: not when a bar is thinner than a line of text (many layers in
    // a small dock); the tooltips have them then. Decided on every layout.
    bool valuesShown() const { return m_valuesShown; }
    int barCount(bool isolated) const;        // bars drawn in the accumulated / isolated series
    double barValue(const QString& name, bool isolated) const; // the value drawn (NaN when no bar)
    // Centre of a layer's row in plotWidget() coordinates (lays out first).
    QPoint layerRowCenter(const QString& name);
    QWidget* plotWidget() const;

    bool savePng(const QString& path, int width = 0, int height = 0);

signals:
    void layerClicked(const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    int rowAt(const QPoint& pos) const;
    void onMouseMove(QMouseEvent* event);
    void fitValues();

    QLabel* m_caption;
    QCustomPlot* m_plot;
    QLabel* m_message = nullptr;
    std::vector<LayerErrorBar> m_layers;
    QString m_selected;
    bool m_valuesShown = true;
};

} // namespace qs::widgets
