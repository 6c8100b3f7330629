#pragma once
// The histogram of one activation value with the range every method would pick drawn on it: a dashed pair
// of vertical lines (lo, hi) per method in its colour and line style (widgets/clip_method_style.h), a legend
// entry "method  SQNR dB" per method sorted best first, the active (configured) method thicker, and the quantization grid of the active range (one tick per
// level when there are at most 64 levels, otherwise the clipped regions shaded, with a caption giving the
// level count and step). Clicking a legend entry, or within 4 px of one method's line (where several
// methods' lines coincide the click is ambiguous and ignored), emits rangeClicked(method); hovering shows
// the bin, its count and the lines under the cursor. Redraws are coalesced (queued replot). The title wraps to
// the width beside the legend and the grid caption to the plot's, so a narrow dock cuts none of them.

#include <QPen>
#include <QString>
#include <QWidget>

#include <vector>

class QCheckBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace qs::widgets {

// One method's range on the histogram and its predicted quality.
struct MethodRange {
    QString method; // "none", "avg", ...
    double lo = 0.0, hi = 0.0;
    double sqnrDb = 0.0; // predicted signal-to-quantization-noise ratio
};

// The integer grid of the active range: real = scale * (q - zeroPoint) for q in [qmin, qmax].
struct QuantGrid {
    double scale = 0.0; // 0: no grid
    int zeroPoint = 0;
    int qmin = 0, qmax = 255;
    int levels() const { return qmax - qmin + 1; }
    double realMin() const { return scale * (qmin - zeroPoint); }
    double realMax() const { return scale * (qmax - zeroPoint); }
};

struct HistogramData {
    QString title;                // e.g. "conv1 output"
    QString subtitle;             // e.g. the value name and bits/mode
    double lo = 0.0, hi = 0.0;    // range of the equal-width bins
    std::vector<double> counts;   // bin counts
    std::vector<MethodRange> ranges;
    QString activeMethod;         // drawn solid and thick; empty: none active
    QuantGrid grid;               // of the active range
    bool empty() const { return counts.empty() || !(hi > lo); }
};

class ActivationHistogramView : public QWidget {
    Q_OBJECT
public:
    explicit ActivationHistogramView(QWidget* parent = nullptr);
    ~ActivationHistogramView() override;

    void setData(const HistogramData& data);
    void clear(const QString& message = {}); // shows `message` instead of a plot
    const HistogramData& data() const { return m_data; }

    void setLogScale(bool log);
    bool logScale() const;

    // What is drawn (for tests and accessibility): legend entries top to bottom, marker lines, grid items.
    QStringList legendMethods() const;
    int markerCount() const;
    int gridItemCount() const;
    double markerPenWidth(const QString& method) const; // 0 when the method has no marker
    QPen markerPen(const QString& method) const;        // Qt::NoPen when the method has no marker
    // True when every line of the title and every legend entry is drawn whole inside the plot (lays out first).
    bool textFits();
    bool countAxisLogarithmic() const;                   // the count axis as drawn (logScale() is the toggle)
    QString gridCaption() const;                         // empty without a grid
    // x in plotWidget() coordinates of a method's lo (or hi) line, -1 when unknown (lays out first).
    double markerPixel(const QString& method, bool high);
    // Where a method's legend entry is, in widget coordinates of plotWidget() (lays out first).
    QRect legendItemRect(const QString& method);
    QWidget* plotWidget() const;

    bool savePng(const QString& path, int width = 0, int height = 0);
    bool savePdf(const QString& path, int width = 0, int height = 0);

signals:
    void rangeClicked(const QString& method);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void updateValueAxis();
    void onMouseMove(QMouseEvent* event);
    QStringList methodsNear(double x) const; // methods with a line nearest to pixel x, within the tolerance
    QString methodNear(double x) const;      // the one such method, empty when none or ambiguous
    void wrapTitle();                        // after each layout: the title's lines fit its column

    QCustomPlot* m_plot;
    QCheckBox* m_log;
    QLabel* m_message = nullptr;
    HistogramData m_data;
    QString m_title; // title and subtitle, unwrapped
    std::vector<double> m_displayCounts; // counts as drawn (floored for the log scale)
};

} // namespace qs::widgets
