#include "widgets/plots/activation_histogram_view.h"

#include "widgets/clip_method_style.h"
#include "widgets/plots/plot_message.h"
#include "widgets/plots/plot_text.h"
#include "widgets/plots/plot_theme.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace qs::widgets {

namespace {
const char* const kMethod = "qsMethod";
const char* const kRole = "qsRole";
const char* const kText = "qsText"; // an item's text before wrapping
constexpr int kCaptionPadding = 16;  // the grid caption's padding and distance from the axis rect's edge
constexpr double kActiveWidth = 2.6;
constexpr double kMarkerWidth = 1.3;
constexpr int kMaxTicks = 64;
constexpr double kClickTolerance = 4.0; // pixels between a click and a marker line

QString legendText(const MethodRange& r, int nameWidth)
{
    return QStringLiteral("%1  %2 dB").arg(r.method, -nameWidth).arg(r.sqnrDb, 5, 'f', 1);
}
} // namespace

ActivationHistogramView::ActivationHistogramView(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_log(new QCheckBox(tr("Log count"), this))
{
    m_log->setChecked(true); // post-ReLU data has a spike at 0 that flattens everything else on a linear axis
    m_log->setToolTip(tr("Logarithmic count axis"));
    auto* top = new QHBoxLayout;
    top->addStretch(1);
    top->addWidget(m_log);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    m_message = addPlotWithMessage(this, m_plot, QStringLiteral("histogramPlot"), layout);

    connect(m_log, &QCheckBox::toggled, this, [this] { updateValueAxis(); });
    connect(m_plot, &QCustomPlot::legendClick, this, [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
        if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(item))
            if (const QString method = entry->plottable()->property(kMethod).toString(); !method.isEmpty())
                emit rangeClicked(method);
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, &ActivationHistogramView::onMouseMove);
    connect(m_plot, &QCustomPlot::afterLayout, this, &ActivationHistogramView::wrapTitle);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (event->button() == Qt::LeftButton && m_plot->axisRect()->rect().contains(event->pos()))
            if (const QString method = methodNear(event->pos().x()); !method.isEmpty())
                emit rangeClicked(method);
    });
    clear(tr("Calibrate, then select a layer to see its activation histogram and the range of every method."));
}

ActivationHistogramView::~ActivationHistogramView() = default;

QWidget* ActivationHistogramView::plotWidget() const { return m_plot; }

void ActivationHistogramView::clear(const QString& message)
{
    m_data = {};
    showPlotMessage(m_plot, m_message, message);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ActivationHistogramView::setData(const HistogramData& data)
{
    if (data.empty()) {
        clear(tr("No histogram for this value."));
        return;
    }
    m_data = data;
    showPlot(m_plot, m_message);
    rebuild();
}

void ActivationHistogramView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_data.empty())
        rebuild();
}

bool ActivationHistogramView::logScale() const { return m_log->isChecked(); }
void ActivationHistogramView::setLogScale(bool log) { m_log->setChecked(log); }

void ActivationHistogramView::rebuild()
{
    const QPalette pal = palette();
    m_plot->clearItems();
    m_plot->clearPlottables();
    // Layout: title row, then the axis rect with the legend (and its caption) to its right.
    QCPLayoutGrid* layout = m_plot->plotLayout();
    if (layout->rowCount() == 1) {
        layout->insertRow(0);
        auto* title = new QCPTextElement(m_plot);
        title->setObjectName(QStringLiteral("title"));
        letTitleWrap(title); // not wider than the column beside the legend: wrapTitle() breaks it into lines
        layout->addElement(0, 0, title);
        m_plot->axisRect()->insetLayout()->take(m_plot->legend);
        auto* side = new QCPLayoutGrid;
        side->setMargins(QMargins(0, 0, 6, 0)); // the legend's border clear of the widget's edge
        layout->addElement(1, 1, side);
        auto* caption = new QCPTextElement(m_plot, tr("method · pred. SQNR\n(click to use)"));
        caption->setObjectName(QStringLiteral("legendCaption"));
        side->addElement(0, 0, caption);
        side->addElement(1, 0, m_plot->legend);
        side->addElement(2, 0, new QCPLayoutElement(m_plot)); // pushes the legend up
        side->setRowStretchFactor(0, 0.001);
        side->setRowStretchFactor(1, 0.001);
        layout->setColumnStretchFactor(1, 0.001);
        m_plot->legend->setVisible(true);
    }
    auto* title = static_cast<QCPTextElement*>(layout->element(0, 0));
    QFont titleFont = font();
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setTextColor(pal.color(QPalette::Text));
    m_title = m_data.subtitle.isEmpty() ? m_data.title : m_data.title + QLatin1Char('\n') + m_data.subtitle;
    title->setText(m_title);
    auto* side = static_cast<QCPLayoutGrid*>(layout->element(1, 1));
    auto* caption = static_cast<QCPTextElement*>(side->element(0, 0));
    caption->setTextColor(pal.color(QPalette::PlaceholderText));
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    caption->setFont(small);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF() * 0.95);
    m_plot->legend->setFont(mono);
    applyPlotTheme(m_plot, pal);

    // The histogram as a filled step line (cheaper than 2048 bars, same picture).
    const int bins = static_cast<int>(m_data.counts.size());
    const double width = (m_data.hi - m_data.lo) / bins;
    QVector<double> keys(bins);
    for (int i = 0; i < bins; ++i)
        keys[i] = m_data.lo + (i + 0.5) * width;
    QCPGraph* hist = m_plot->addGraph();
    hist->setObjectName(QStringLiteral("histogram"));
    hist->setLineStyle(QCPGraph::lsStepCenter);
    QColor fill = pal.color(QPalette::Highlight);
    hist->setPen(QPen(fill, 1));
    fill.setAlpha(90);
    hist->setBrush(fill);
    hist->removeFromLegend();
    hist->setProperty(kRole, QStringLiteral("histogram"));
    hist->setData(keys, QVector<double>(bins, 0.0), true);

    // One legend entry per method, best predicted SQNR first; a pair of lines each.
    std::vector<MethodRange> ranges = m_data.ranges;
    std::stable_sort(ranges.begin(), ranges.end(), [](const MethodRange& a, const MethodRange& b) { return a.sqnrDb > b.sqnrDb; });
    double xlo = m_data.lo, xhi = m_data.hi;
    int nameWidth = 0;
    for (const MethodRange& r : ranges)
        nameWidth = std::max(nameWidth, static_cast<int>(r.method.size()));
    for (const MethodRange& r : ranges) {
        const bool active = r.method == m_data.activeMethod;
        // The active method is thicker but keeps its line style: a method looks the same in every view.
        const QPen pen = clipMethodPen(r.method, pal, active ? kActiveWidth : kMarkerWidth);
        QCPGraph* entry = m_plot->addGraph();
        entry->setPen(pen);
        entry->setName(legendText(r, nameWidth) + (active ? QStringLiteral("  \u25C0") : QString()));
        entry->setProperty(kMethod, r.method);
        entry->setProperty(kRole, QStringLiteral("legend"));
        for (double x : {r.lo, r.hi}) {
            auto* line = new QCPItemStraightLine(m_plot);
            line->point1->setCoords(x, 1.0);
            line->point2->setCoords(x, 10.0); // two positive y: a vertical line on linear and log axes alike
            line->setPen(pen);
            line->setSelectable(false);
            line->setProperty(kMethod, r.method);
            line->setProperty(kRole, QStringLiteral("marker"));
        }
        xlo = std::min(xlo, r.lo);
        xhi = std::max(xhi, r.hi);
    }

    // The quantization grid of the active range.
    const QuantGrid& grid = m_data.grid;
    const double margin = 0.03 * (xhi - xlo);
    QColor gridColor = pal.color(QPalette::Text);
    if (grid.scale > 0.0 && grid.levels() <= kMaxTicks) {
        gridColor.setAlpha(150);
        for (int q = grid.qmin; q <= grid.qmax; ++q) {
            const double x = grid.scale * (q - grid.zeroPoint);
            auto* tick = new QCPItemLine(m_plot);
            tick->start->setTypeY(QCPItemPosition::ptAxisRectRatio);
            tick->end->setTypeY(QCPItemPosition::ptAxisRectRatio);
            tick->start->setCoords(x, 0.0);
            tick->end->setCoords(x, 0.08);
            tick->setPen(QPen(gridColor, 1));
            tick->setSelectable(false);
            tick->setProperty(kRole, QStringLiteral("grid"));
        }
    } else if (grid.scale > 0.0) {
        gridColor.setAlpha(isDarkPalette(pal) ? 40 : 24);
        const double left = std::min(xlo, grid.realMin()) - margin, right = std::max(xhi, grid.realMax()) + margin;
        for (auto [a, b] : {std::pair{left, grid.realMin()}, std::pair{grid.realMax(), right}}) {
            if (!(b > a))
                continue;
            auto* shade = new QCPItemRect(m_plot);
            shade->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
            shade->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
            shade->topLeft->setCoords(a, 0.0);
            shade->bottomRight->setCoords(b, 1.0);
            shade->setPen(Qt::NoPen);
            shade->setBrush(gridColor);
            shade->setSelectable(false);
            shade->setProperty(kRole, QStringLiteral("grid"));
        }
    }

    if (grid.scale > 0.0) {
        // The grid's step in words: what one integer level is worth in real units.
        auto* caption = new QCPItemText(m_plot);
        caption->position->setType(QCPItemPosition::ptAxisRectRatio);
        caption->position->setCoords(0.99, 0.015);
        caption->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        caption->setText(grid.levels() <= kMaxTicks ? tr("%n quantization levels (ticks), step %1", nullptr, grid.levels()).arg(grid.scale, 0, 'g', 3)
                                                    : tr("%n quantization levels, step %1; clipped regions shaded", nullptr, grid.levels())
                                                          .arg(grid.scale, 0, 'g', 3));
        caption->setColor(pal.color(QPalette::Text));
        QColor captionBackground = pal.color(QPalette::Base);
        captionBackground.setAlpha(200);
        caption->setBrush(captionBackground);
        caption->setPadding(QMargins(4, 2, 4, 2));
        caption->setFont(small);
        caption->setSelectable(false);
        caption->setProperty(kRole, QStringLiteral("gridCaption"));
        caption->setProperty(kText, caption->text());
    }

    m_plot->xAxis->setLabel(tr("activation value"));
    m_plot->xAxis->setRange(xlo - margin, xhi + margin);
    updateValueAxis();
}

void ActivationHistogramView::updateValueAxis()
{
    if (m_data.empty() || m_plot->graphCount() == 0)
        return;
    const bool log = m_log->isChecked();
    double peak = 0.0, smallest = 0.0;
    for (double c : m_data.counts) {
        peak = std::max(peak, c);
        if (c > 0.0 && (smallest == 0.0 || c < smallest))
            smallest = c;
    }
    // On a log axis empty bins sit on a floor below the smallest count.
    const double floor = smallest > 0.0 ? 0.5 * smallest : 0.5;
    QCPGraph* hist = m_plot->graph(0);
    QVector<double> keys, values;
    keys.reserve(static_cast<int>(m_data.counts.size()));
    const double width = (m_data.hi - m_data.lo) / static_cast<double>(m_data.counts.size());
    for (std::size_t i = 0; i < m_data.counts.size(); ++i) {
        keys << m_data.lo + (static_cast<double>(i) + 0.5) * width;
        values << (log ? std::max(floor, m_data.counts[i]) : m_data.counts[i]);
    }
    hist->setData(keys, values, true);
    if (log) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        m_plot->yAxis->setNumberFormat(QStringLiteral("eb"));
        m_plot->yAxis->setNumberPrecision(0);
        m_plot->yAxis->setRange(floor, std::max(peak, floor) * 3.0);
        m_plot->yAxis->setLabel(tr("count (log scale)"));
        hist->setChannelFillGraph(nullptr);
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        m_plot->yAxis->setNumberFormat(QStringLiteral("gb"));
        m_plot->yAxis->setNumberPrecision(6);
        m_plot->yAxis->setRange(0.0, std::max(peak, 1.0) * 1.08);
        m_plot->yAxis->setLabel(tr("count"));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ActivationHistogramView::onMouseMove(QMouseEvent* event)
{
    if (m_data.empty() || !m_plot->axisRect()->rect().contains(event->pos())) {
        QToolTip::hideText();
        return;
    }
    const double x = m_plot->xAxis->pixelToCoord(event->pos().x());
    const int bins = static_cast<int>(m_data.counts.size());
    const double width = (m_data.hi - m_data.lo) / bins;
    QStringList lines;
    const int bin = static_cast<int>(std::floor((x - m_data.lo) / width));
    if (bin >= 0 && bin < bins)
        lines << tr("bin [%1, %2): %3 values")
                     .arg(m_data.lo + bin * width, 0, 'g', 4)
                     .arg(m_data.lo + (bin + 1) * width, 0, 'g', 4)
                     .arg(m_data.counts[static_cast<std::size_t>(bin)], 0, 'f', 0);
    else
        lines << tr("value %1 (outside the observed data)").arg(x, 0, 'g', 4);
    for (const MethodRange& r : m_data.ranges)
        for (double edge : {r.lo, r.hi})
            if (std::abs(m_plot->xAxis->coordToPixel(edge) - event->pos().x()) <= 3.0)
                lines << tr("%1: range [%2, %3], pred. SQNR %4 dB").arg(r.method).arg(r.lo, 0, 'g', 4).arg(r.hi, 0, 'g', 4).arg(r.sqnrDb, 0, 'f', 1);
    lines.removeDuplicates();
    const QStringList near = methodsNear(event->pos().x());
    if (near.size() == 1)
        lines << tr("click to use %1").arg(near.front());
    else if (near.size() > 1)
        lines << tr("several methods' lines meet here: click the legend to choose");
    QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), m_plot);
}

QStringList ActivationHistogramView::methodsNear(double x) const
{
    QStringList near;
    if (m_data.empty())
        return near;
    double best = kClickTolerance + 1e-9;
    for (const MethodRange& r : m_data.ranges)
        for (double edge : {r.lo, r.hi}) {
            const double d = std::abs(m_plot->xAxis->coordToPixel(edge) - x);
            if (d > kClickTolerance)
                continue;
            if (d < best - 0.5) { // clearly nearer: start over
                best = d;
                near.clear();
            }
            if (d <= best + 0.5 && !near.contains(r.method))
                near << r.method;
        }
    return near;
}

QString ActivationHistogramView::methodNear(double x) const
{
    const QStringList near = methodsNear(x);
    return near.size() == 1 ? near.front() : QString();
}

double ActivationHistogramView::markerPixel(const QString& method, bool high)
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh); // lays the axes out
    for (const MethodRange& r : m_data.ranges)
        if (r.method == method)
            return m_plot->xAxis->coordToPixel(high ? r.hi : r.lo);
    return -1.0;
}

bool ActivationHistogramView::countAxisLogarithmic() const { return m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic; }

QString ActivationHistogramView::gridCaption() const
{
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(m_plot->item(i)); text && text->property(kRole).toString() == QLatin1String("gridCaption"))
            return text->text();
    return {};
}

QStringList ActivationHistogramView::legendMethods() const
{
    QStringList methods;
    for (int i = 0; i < m_plot->legend->itemCount(); ++i)
        if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(m_plot->legend->item(i)))
            methods << entry->plottable()->property(kMethod).toString();
    return methods;
}

int ActivationHistogramView::markerCount() const
{
    int n = 0;
    for (int i = 0; i < m_plot->itemCount(); ++i)
        n += m_plot->item(i)->property(kRole).toString() == QLatin1String("marker");
    return n;
}

int ActivationHistogramView::gridItemCount() const
{
    int n = 0;
    for (int i = 0; i < m_plot->itemCount(); ++i)
        n += m_plot->item(i)->property(kRole).toString() == QLatin1String("grid");
    return n;
}

double ActivationHistogramView::markerPenWidth(const QString& method) const
{
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (auto* line = qobject_cast<QCPItemStraightLine*>(m_plot->item(i)); line && line->property(kMethod).toString() == method)
            return line->pen().widthF();
    return 0.0;
}

void ActivationHistogramView::wrapTitle()
{
    QCPLayoutGrid* layout = m_plot->plotLayout();
    if (layout->rowCount() < 2 || m_title.isEmpty())
        return;
    // The grid caption (an item: it does not take part in the layout) fits the axis rect it is drawn in.
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (auto* caption = qobject_cast<QCPItemText*>(m_plot->item(i)); caption && caption->property(kRole).toString() == QLatin1String("gridCaption"))
            caption->setText(wrapText(caption->property(kText).toString(), QFontMetrics(caption->font()),
                                      m_plot->axisRect()->width() - kCaptionPadding, QStringLiteral("; ")));
    fitTitle(m_plot, static_cast<QCPTextElement*>(layout->element(0, 0)), m_title, QStringLiteral(" \u00B7 "));
}

bool ActivationHistogramView::textFits()
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh); // lays out (and wraps the title)
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    const QRect plot = m_plot->rect();
    QCPLayoutGrid* layout = m_plot->plotLayout();
    if (layout->rowCount() < 2)
        return true;
    if (!titleFits(m_plot, static_cast<QCPTextElement*>(layout->element(0, 0))))
        return false;
    if (!plot.contains(m_plot->legend->outerRect()))
        return false;
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (auto* caption = qobject_cast<QCPItemText*>(m_plot->item(i)); caption && caption->property(kRole).toString() == QLatin1String("gridCaption")) {
            const QFontMetrics captionMetrics(caption->font());
            for (const QString& line : caption->text().split(QLatin1Char('\n')))
                if (captionMetrics.horizontalAdvance(line) > m_plot->axisRect()->width() - kCaptionPadding)
                    return false;
        }
    for (int i = 0; i < m_plot->legend->itemCount(); ++i) {
        const QCPAbstractLegendItem* item = m_plot->legend->item(i);
        if (item->outerRect().width() < item->minimumOuterSizeHint().width())
            return false; // squeezed: its text is cut
    }
    return true;
}

QPen ActivationHistogramView::markerPen(const QString& method) const
{
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (auto* line = qobject_cast<QCPItemStraightLine*>(m_plot->item(i)); line && line->property(kMethod).toString() == method)
            return line->pen();
    return QPen(Qt::NoPen);
}

QRect ActivationHistogramView::legendItemRect(const QString& method)
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh); // lays the legend out
    for (int i = 0; i < m_plot->legend->itemCount(); ++i)
        if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(m_plot->legend->item(i));
            entry && entry->plottable()->property(kMethod).toString() == method)
            return entry->outerRect();
    return {};
}

bool ActivationHistogramView::savePng(const QString& path, int width, int height)
{
    return m_plot->savePng(path, width, height);
}

bool ActivationHistogramView::savePdf(const QString& path, int width, int height)
{
    return m_plot->savePdf(path, width, height);
}

} // namespace qs::widgets
