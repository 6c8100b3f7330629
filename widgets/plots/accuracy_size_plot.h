#pragma once
// The runs as points, model size (MB) against top-1 accuracy (%): each quantized run in the colour of its clip
// method (widgets/clip_method_style.h, as in the histogram), the FP32 baseline drawn distinct, the Pareto front (no other run is both smaller and more accurate) as a step line with its runs ringed, the
// selected run ringed in the highlight colour, each run labelled by name unless it asks not to be (labels are placed clear of the
// points and of each other, with a leader line when moved off their point), a tooltip per point, and a
// click on a point emits runClicked(id). paretoFront() is the pure function behind the line.
// The y axis is top-1 by default; setQualityAxis() names another quality (worst output SQNR vs FP32 in dB). A run
// whose value is +inf (FP32 judged by its fidelity to itself) is the reference: a dashed vertical line at its
// size, not a point, and not on the front.

#include <QColor>
#include <QString>
#include <QWidget>

#include <utility>
#include <vector>

class QCPItemLine;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace qs::widgets {

struct RunPoint {
    int id = 0;          // the caller's key (e.g. the runs table row)
    QString name;
    QString config;      // shown in the tooltip
    QString clipMethod;  // the clip method most of the run's layers use: the point's colour (empty: neutral)
    double sizeMB = 0.0;
    double top1 = 0.0;   // the quality on the y axis: top-1 in percent (default) or what setQualityAxis() names
    bool fp32 = false;
    // false: no name label unless the run is selected (the intermediate candidates of a search, which would
    // otherwise bury the labels of the runs around them); the point and its tooltip stay.
    bool labelled = true;
};

// Indices into `points` of the Pareto-optimal runs (minimise size, maximise top-1), sorted by size ascending.
// A point is dominated when another is no larger and no less accurate and better in one of the two; of
// exact duplicates only the first is kept.
std::vector<int> paretoFront(const std::vector<RunPoint>& points);

class AccuracySizePlot : public QWidget {
    Q_OBJECT
public:
    explicit AccuracySizePlot(QWidget* parent = nullptr);
    ~AccuracySizePlot() override;

    void setRuns(const std::vector<RunPoint>& runs);
    // The y axis label and the tooltip's value text ("%1" = the number, e.g. "top-1 %1%"; 2 decimals).
    void setQualityAxis(const QString& axisLabel, const QString& valueText);
    QString qualityAxisLabel() const { return m_axisLabel; }
    const std::vector<RunPoint>& runs() const { return m_runs; }
    void setSelectedRun(int id); // -1: none

    int pointCount() const;       // run points drawn (FP32 included)
    int frontPointCount() const;  // points on the step line
    QColor runColor(int id) const; // the colour a run's point is drawn in; invalid when unknown
    // Where a run's point is, in plotWidget() coordinates (lays out first).
    QPoint runPosition(int id);
    QWidget* plotWidget() const;
    // Where a run's name label is drawn, in plotWidget() coordinates (lays out first); empty when unknown or unlabelled.
    QRect labelRect(int id);

    bool savePng(const QString& path, int width = 0, int height = 0);
    bool savePdf(const QString& path, int width = 0, int height = 0);

signals:
    void runClicked(int id);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    int runAt(const QPoint& pos) const; // index into m_runs or -1
    void onMouseMove(QMouseEvent* event);
    void placeLabels();

    QCustomPlot* m_plot;
    QLabel* m_message = nullptr;
    std::vector<RunPoint> m_runs;
    QString m_axisLabel;
    QString m_valueText;
    int m_selected = -1;
    std::vector<std::pair<QCPItemText*, QCPItemLine*>> m_labels; // per run: name and leader line (owned by m_plot)
};

} // namespace qs::widgets
