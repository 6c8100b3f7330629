#include "widgets/plots/accuracy_size_plot.h"

#include "widgets/clip_method_style.h"
#include "widgets/plots/plot_message.h"
#include "widgets/plots/plot_theme.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace qs::widgets {

std::vector<int> paretoFront(const std::vector<RunPoint>& points)
{
    std::vector<int> order(points.size());
    std::iota(order.begin(), order.end(), 0);
    // Smallest first; among equal sizes the most accurate first; then the earliest.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const RunPoint& p = points[static_cast<std::size_t>(a)];
        const RunPoint& q = points[static_cast<std::size_t>(b)];
        if (p.sizeMB != q.sizeMB)
            return p.sizeMB < q.sizeMB;
        return p.top1 > q.top1;
    });
    // Sweep by size: a point is on the front when it is strictly more accurate than every smaller-or-equal one
    // before it (this drops equal-size less accurate points and exact duplicates).
    std::vector<int> front;
    double best = -std::numeric_limits<double>::infinity();
    for (int i : order) {
        const RunPoint& p = points[static_cast<std::size_t>(i)];
        if (std::isnan(p.sizeMB) || !std::isfinite(p.top1))
            continue;
        if (p.top1 > best) {
            front.push_back(i);
            best = p.top1;
        }
    }
    return front;
}

AccuracySizePlot::AccuracySizePlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    m_message = addPlotWithMessage(this, m_plot, QStringLiteral("accuracySizePlot"), new QVBoxLayout(this));
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (event->button() == Qt::LeftButton)
            if (const int i = runAt(event->pos()); i >= 0)
                emit runClicked(m_runs[static_cast<std::size_t>(i)].id);
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, &AccuracySizePlot::onMouseMove);
    connect(m_plot, &QCustomPlot::afterLayout, this, &AccuracySizePlot::placeLabels);
    m_axisLabel = tr("top-1 accuracy (%)");
    m_valueText = tr("top-1 %1%");
    setRuns({});
}

AccuracySizePlot::~AccuracySizePlot() = default;
QWidget* AccuracySizePlot::plotWidget() const { return m_plot; }

void AccuracySizePlot::setRuns(const std::vector<RunPoint>& runs)
{
    m_runs = runs;
    const bool empty = m_runs.empty();
    m_message->setText(tr("Evaluate configs to compare their accuracy and size here; the first run is the FP32 baseline."));
    m_message->setVisible(empty);
    m_plot->setVisible(!empty);
    rebuild();
}

void AccuracySizePlot::setQualityAxis(const QString& axisLabel, const QString& valueText)
{
    if (axisLabel == m_axisLabel && valueText == m_valueText)
        return;
    m_axisLabel = axisLabel;
    m_valueText = valueText;
    rebuild();
}

void AccuracySizePlot::setSelectedRun(int id)
{
    if (id == m_selected)
        return;
    m_selected = id;
    rebuild();
}

void AccuracySizePlot::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

void AccuracySizePlot::rebuild()
{
    const QPalette pal = palette();
    m_plot->clearItems();
    m_plot->clearPlottables();
    m_labels.clear();
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    applyPlotTheme(m_plot, pal);
    m_plot->xAxis->setLabel(tr("model size (MB, weights)"));
    m_plot->yAxis->setLabel(m_axisLabel);
    if (m_runs.empty()) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    // Colours stay free for the clip methods: the front and the baseline are drawn in shades of the text colour.
    const QColor text = pal.color(QPalette::Text);
    QColor neutral = text;
    neutral.setAlpha(150);

    // Pareto front first (drawn below the points).
    const std::vector<int> front = paretoFront(m_runs);
    QCPGraph* frontLine = m_plot->addGraph();
    frontLine->setObjectName(QStringLiteral("paretoFront"));
    frontLine->setName(tr("Pareto front (smaller and more accurate)"));
    frontLine->setLineStyle(QCPGraph::lsStepLeft);
    frontLine->setPen(QPen(neutral, 1.5, Qt::DashLine));
    frontLine->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(neutral, 1.5), Qt::NoBrush, 16)); // rings the optimal runs
    for (int i : front)
        frontLine->addData(m_runs[static_cast<std::size_t>(i)].sizeMB, m_runs[static_cast<std::size_t>(i)].top1);

    // One graph (and legend entry) per clip method, in the order the runs first use them.
    std::vector<std::pair<QString, QCPGraph*>> byMethod;
    auto quantizedGraph = [&](const QString& method) {
        for (const auto& [m, graph] : byMethod)
            if (m == method)
                return graph;
        QCPGraph* graph = m_plot->addGraph();
        graph->setObjectName(QStringLiteral("runs"));
        graph->setProperty("qsMethod", method);
        graph->setName(method.isEmpty() ? tr("quantized runs") : tr("quantized, clip %1").arg(method));
        graph->setLineStyle(QCPGraph::lsNone);
        const QColor color = method.isEmpty() ? neutral : clipMethodStyle(method, pal).color;
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 9));
        byMethod.emplace_back(method, graph);
        return graph;
    };
    QCPGraph* fp32 = m_plot->addGraph();
    fp32->setObjectName(QStringLiteral("fp32"));
    fp32->setName(tr("FP32 baseline"));
    fp32->setLineStyle(QCPGraph::lsNone);
    fp32->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(text, 1.5), neutral, 12));
    double xmin = m_runs.front().sizeMB, xmax = xmin;
    double ymin = std::numeric_limits<double>::infinity(), ymax = -ymin;
    std::vector<double> references; // sizes of the +inf (reference) runs
    for (const RunPoint& r : m_runs) {
        xmin = std::min(xmin, r.sizeMB);
        xmax = std::max(xmax, r.sizeMB);
        if (!std::isfinite(r.top1)) {
            references.push_back(r.sizeMB);
            continue;
        }
        (r.fp32 ? fp32 : quantizedGraph(r.clipMethod))->addData(r.sizeMB, r.top1);
        ymin = std::min(ymin, r.top1);
        ymax = std::max(ymax, r.top1);
    }
    if (ymin > ymax) // only reference runs
        ymin = ymax = 0.0;
    if (fp32->dataCount() == 0)
        fp32->removeFromLegend();
    for (double size : references) {
        auto* line = new QCPItemStraightLine(m_plot);
        line->setObjectName(QStringLiteral("reference"));
        line->point1->setCoords(size, 0.0);
        line->point2->setCoords(size, 1.0);
        line->setPen(QPen(neutral, 1.5, Qt::DotLine));
        line->setSelectable(false);
        auto* note = new QCPItemText(m_plot);
        note->position->setTypeX(QCPItemPosition::ptPlotCoords);
        note->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(size, 0.02);
        note->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        note->setPadding(QMargins(0, 0, 4, 0));
        note->setText(tr("FP32 (the reference)"));
        note->setColor(text);
        note->setSelectable(false);
    }
    const double dx = std::max(0.08 * (xmax - xmin), 0.02 * std::max(xmax, 1e-3));
    const double dy = std::max(0.12 * (ymax - ymin), 0.25);
    m_plot->xAxis->setRange(std::max(0.0, xmin - dx), xmax + 2.5 * dx);
    m_plot->yAxis->setRange(ymin - 3.0 * dy, ymax + dy);

    for (const RunPoint& r : m_runs)
        if (r.id == m_selected) {
            QCPGraph* selected = m_plot->addGraph();
            selected->setObjectName(QStringLiteral("selected"));
            selected->setLineStyle(QCPGraph::lsNone);
            selected->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(pal.color(QPalette::Highlight), 2.5), Qt::NoBrush, 24));
            selected->addData(r.sizeMB, r.top1);
            selected->removeFromLegend();
        }

    // Labels and their leader lines; placeLabels() puts them where they overlap neither points nor each other
    // once the axes are laid out (it runs on every layout, so resizing re-places them).
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    QColor leaderColor = text;
    leaderColor.setAlpha(120);
    for (const RunPoint& r : m_runs) {
        auto* label = new QCPItemText(m_plot);
        label->position->setType(QCPItemPosition::ptAbsolute);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setPadding(QMargins(0, 0, 0, 0));
        label->setText(r.name);
        QFont f = small;
        f.setBold(r.id == m_selected);
        label->setFont(f);
        label->setColor(text);
        label->setClipToAxisRect(true);
        label->setSelectable(false);
        label->setProperty("qsRole", QStringLiteral("label"));
        label->setVisible((r.labelled || r.id == m_selected) && std::isfinite(r.top1));
        auto* leader = new QCPItemLine(m_plot);
        leader->start->setType(QCPItemPosition::ptAbsolute);
        leader->end->setType(QCPItemPosition::ptAbsolute);
        leader->setPen(QPen(leaderColor, 1));
        leader->setSelectable(false);
        leader->setVisible(false);
        leader->setProperty("qsRole", QStringLiteral("leader"));
        m_labels.push_back({label, leader});
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AccuracySizePlot::placeLabels()
{
    if (m_labels.size() != m_runs.size())
        return;
    const QRectF area = m_plot->axisRect()->rect();
    constexpr double kGap = 11.0;  // from the point's centre to the label
    constexpr double kPoint = 7.0; // half the size of a point marker
    std::vector<QPointF> points;
    std::vector<QRectF> taken;
    for (const RunPoint& r : m_runs) {
        const bool finite = std::isfinite(r.top1);
        points.emplace_back(m_plot->xAxis->coordToPixel(r.sizeMB), finite ? m_plot->yAxis->coordToPixel(r.top1) : area.top());
        if (finite)
            taken.emplace_back(points.back() - QPointF(kPoint, kPoint), QSizeF(2 * kPoint, 2 * kPoint));
    }
    // The front's step line too: a label across it is hard to read.
    const std::vector<int> front = paretoFront(m_runs);
    for (std::size_t k = 0; k + 1 < front.size(); ++k) {
        const QPointF a = points[static_cast<std::size_t>(front[k])], b = points[static_cast<std::size_t>(front[k + 1])];
        taken.emplace_back(QPointF(std::min(a.x(), b.x()), a.y() - 1.0), QPointF(std::max(a.x(), b.x()), a.y() + 1.0)); // horizontal at a
        taken.emplace_back(QPointF(b.x() - 1.0, std::min(a.y(), b.y())), QPointF(b.x() + 1.0, std::max(a.y(), b.y())));  // vertical at b
    }
    // Most accurate first, so the runs a user cares about keep their label beside the point.
    std::vector<std::size_t> order(m_runs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) { return m_runs[a].top1 > m_runs[b].top1; });
    for (std::size_t i : order) {
        QCPItemText* label = m_labels[i].first;
        QCPItemLine* leader = m_labels[i].second;
        if (!label->visible())
            continue; // takes no room
        const QFontMetricsF metrics(label->font());
        const QSizeF size(metrics.horizontalAdvance(label->text()) + 2.0, metrics.height());
        const QPointF p = points[i];
        // Right of the point, left of it, then stepped up and down on either side.
        std::vector<QRectF> candidates;
        for (int step = 0; step <= 4; ++step)
            for (int sign : {1, -1}) {
                if (step == 0 && sign < 0)
                    continue;
                const double dy = sign * step * size.height();
                candidates.emplace_back(QPointF(p.x() + kGap, p.y() - size.height() / 2 + dy), size);
                candidates.emplace_back(QPointF(p.x() - kGap - size.width(), p.y() - size.height() / 2 + dy), size);
            }
        QRectF chosen = candidates.front();
        for (const QRectF& c : candidates) {
            const bool inside = area.contains(c);
            const bool free = std::none_of(taken.begin(), taken.end(), [&c](const QRectF& t) { return t.intersects(c); });
            if (inside && free) {
                chosen = c;
                break;
            }
        }
        taken.push_back(chosen);
        label->position->setCoords(chosen.left(), chosen.center().y());
        const bool beside = std::abs(chosen.center().y() - p.y()) < 1.0;
        leader->setVisible(!beside);
        if (!beside) {
            const double x = chosen.left() > p.x() ? chosen.left() - 1.0 : chosen.right() + 1.0;
            leader->start->setCoords(p);
            leader->end->setCoords(x, chosen.center().y());
        }
    }
}

QRect AccuracySizePlot::labelRect(int id)
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    for (std::size_t i = 0; i < m_runs.size() && i < m_labels.size(); ++i)
        if (m_runs[i].id == id) {
            QCPItemText* label = m_labels[i].first;
            if (!label->visible())
                return {};
            const QFontMetricsF metrics(label->font());
            const QPointF at = label->position->pixelPosition();
            const QSizeF size(metrics.horizontalAdvance(label->text()), metrics.height());
            return QRectF(QPointF(at.x(), at.y() - size.height() / 2), size).toAlignedRect();
        }
    return {};
}

int AccuracySizePlot::runAt(const QPoint& pos) const
{
    int best = -1;
    double bestDistance = 12.0; // pixels
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        if (!std::isfinite(m_runs[i].top1))
            continue; // the reference line
        const double dx = m_plot->xAxis->coordToPixel(m_runs[i].sizeMB) - pos.x();
        const double dy = m_plot->yAxis->coordToPixel(m_runs[i].top1) - pos.y();
        const double d = std::hypot(dx, dy);
        if (d < bestDistance) {
            bestDistance = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

void AccuracySizePlot::onMouseMove(QMouseEvent* event)
{
    const int i = runAt(event->pos());
    if (i < 0) {
        QToolTip::hideText();
        return;
    }
    const RunPoint& r = m_runs[static_cast<std::size_t>(i)];
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("<b>%1</b><br>%2<br>%3, %4 MB<br>click to select the run")
                           .arg(r.name.toHtmlEscaped(), r.config.toHtmlEscaped(), m_valueText.arg(r.top1, 0, 'f', 2).toHtmlEscaped())
                           .arg(r.sizeMB, 0, 'f', 3),
                       m_plot);
}

int AccuracySizePlot::pointCount() const
{
    int n = 0;
    for (int i = 0; i < m_plot->graphCount(); ++i)
        if (m_plot->graph(i)->objectName() == QLatin1String("runs") || m_plot->graph(i)->objectName() == QLatin1String("fp32"))
            n += m_plot->graph(i)->dataCount();
    return n;
}

int AccuracySizePlot::frontPointCount() const
{
    for (int i = 0; i < m_plot->graphCount(); ++i)
        if (m_plot->graph(i)->objectName() == QLatin1String("paretoFront"))
            return m_plot->graph(i)->dataCount();
    return 0;
}

QColor AccuracySizePlot::runColor(int id) const
{
    const auto run = std::find_if(m_runs.begin(), m_runs.end(), [id](const RunPoint& r) { return r.id == id; });
    if (run == m_runs.end())
        return {};
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        const QCPGraph* graph = m_plot->graph(i);
        const bool fp32 = graph->objectName() == QLatin1String("fp32");
        if ((run->fp32 && fp32) || (!run->fp32 && graph->objectName() == QLatin1String("runs") && graph->property("qsMethod").toString() == run->clipMethod))
            return graph->scatterStyle().brush().color();
    }
    return {};
}

QPoint AccuracySizePlot::runPosition(int id)
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    for (const RunPoint& r : m_runs)
        if (r.id == id)
            return QPoint(static_cast<int>(std::lround(m_plot->xAxis->coordToPixel(r.sizeMB))),
                          static_cast<int>(std::lround(m_plot->yAxis->coordToPixel(r.top1))));
    return {};
}

bool AccuracySizePlot::savePng(const QString& path, int width, int height) { return m_plot->savePng(path, width, height); }
bool AccuracySizePlot::savePdf(const QString& path, int width, int height) { return m_plot->savePdf(path, width, height); }

} // namespace qs::widgets
