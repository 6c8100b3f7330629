#pragma once
// Per-output-channel weight ranges of one layer: a vertical bar from each channel's min to its max, with the
// per-tensor min and max as horizontal lines. Shows at a glance how much a per-channel scale gains over one
// scale per tensor (the title gives the median channel range as a fraction of the tensor range and the 8-bit
// levels that leaves it; hovering a channel tells the same for that channel).

#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;

namespace qs::widgets {

struct WeightRangeData {
    QString title;                   // e.g. the layer name
    std::vector<double> channelMin;  // one per output channel
    std::vector<double> channelMax;
    bool empty() const { return channelMin.empty() || channelMin.size() != channelMax.size(); }
};

class WeightRangeView : public QWidget {
    Q_OBJECT
public:
    explicit WeightRangeView(QWidget* parent = nullptr);
    ~WeightRangeView() override;

    void setData(const WeightRangeData& data);
    void clear(const QString& message = {});
    const WeightRangeData& data() const { return m_data; }

    int channelCount() const;   // bars drawn
    int tensorLineCount() const; // per-tensor lines drawn
    // Median over channels of (max - min) / (tensor max - tensor min); 0 when empty.
    static double medianRangeFraction(const WeightRangeData& data);
    // The hover text at `pos` (plotWidget() coordinates), empty off the channels; a channel's bar centre.
    QString channelToolTip(const QPoint& pos) const;
    QPoint channelPosition(int channel); // lays out first
    QWidget* plotWidget() const;
    bool titleFits(); // every line of the (wrapped) title fits the plot's width (lays out first)

    bool savePng(const QString& path, int width = 0, int height = 0);
    bool savePdf(const QString& path, int width = 0, int height = 0);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    QCustomPlot* m_plot;
    QLabel* m_message = nullptr;
    WeightRangeData m_data;
    QString m_title; // unwrapped
};

} // namespace qs::widgets
