#pragma once
// Every layer's range under every method, side by side: one row per layer (top to bottom in model order),
// one thin horizontal bar per method from its lo to its hi, normalised by the layer's observed max |x| so
// layers of very different scales share one axis. The configured method of each layer is marked, the
// selected layer's row is shaded, and clicking a row emits layerClicked(name).

#include "widgets/plots/activation_histogram_view.h" // MethodRange

#include <QColor>
#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace qs::widgets {

struct ObserverLayer {
    QString name;                  // layer (node) name, emitted by layerClicked
    QString label;                 // short label for the axis (module path); name when empty
    double observedMin = 0.0, observedMax = 0.0;
    std::vector<MethodRange> ranges;
    QString activeMethod;
};

class ObserverComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ObserverComparisonView(QWidget* parent = nullptr);
    ~ObserverComparisonView() override;

    void setLayers(const std::vector<ObserverLayer>& layers);
    void clear(const QString& message = {});
    void setSelectedLayer(const QString& name);
    const std::vector<ObserverLayer>& layers() const { return m_layers; }

    QStringList methods() const;     // legend entries
    int barCount(const QString& method) const;
    QColor barColor(const QString& method) const; // invalid when the method has no bars
    // Centre of a layer's row in plotWidget() coordinates (lays out first).
    QPoint layerRowCenter(const QString& name);
    QWidget* plotWidget() const;

    bool savePng(const QString& path, int width = 0, int height = 0);
    bool savePdf(const QString& path, int width = 0, int height = 0);

signals:
    void layerClicked(const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    int rowAt(const QPoint& pos) const;

    QCustomPlot* m_plot;
    QLabel* m_message = nullptr;
    std::vector<ObserverLayer> m_layers;
    QString m_selected;
    QStringList m_methods; // column order
};

} // namespace qs::widgets
