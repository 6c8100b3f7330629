#include "widgets/plots/observer_comparison_view.h"

#include "widgets/clip_method_style.h"
#include "widgets/plots/plot_message.h"
#include "widgets/plots/plot_theme.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace qs::widgets {

namespace {
constexpr double kRowSpan = 0.8; // fraction of a row the method bars occupy

double scaleOf(const ObserverLayer& l)
{
    const double s = std::max(std::abs(l.observedMin), std::abs(l.observedMax));
    return s > 0.0 ? s : 1.0;
}
} // namespace

ObserverComparisonView::ObserverComparisonView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    m_message = addPlotWithMessage(this, m_plot, QStringLiteral("observerPlot"), new QVBoxLayout(this));
    connect(m_plot, &QCustomPlot::mousePress, this, &ObserverComparisonView::onMousePress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ObserverComparisonView::onMouseMove);
    clear(tr("Calibrate to compare the range every method picks, layer by layer."));
}

ObserverComparisonView::~ObserverComparisonView() = default;
QWidget* ObserverComparisonView::plotWidget() const { return m_plot; }

void ObserverComparisonView::clear(const QString& message)
{
    m_layers.clear();
    m_methods.clear();
    showPlotMessage(m_plot, m_message, message);
}

void ObserverComparisonView::setLayers(const std::vector<ObserverLayer>& layers)
{
    if (layers.empty()) {
        clear(tr("No calibrated layers."));
        return;
    }
    m_layers = layers;
    m_methods.clear();
    for (const ObserverLayer& l : m_layers)
        for (const MethodRange& r : l.ranges)
            if (!m_methods.contains(r.method))
                m_methods << r.method;
    showPlot(m_plot, m_message);
    rebuild();
}

void ObserverComparisonView::setSelectedLayer(const QString& name)
{
    if (name == m_selected)
        return;
    m_selected = name;
    if (!m_layers.empty())
        rebuild();
}

void ObserverComparisonView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_layers.empty())
        rebuild();
}

void ObserverComparisonView::rebuild()
{
    const QPalette pal = palette();
    m_plot->clearItems();
    m_plot->clearPlottables();
    QCPLayoutGrid* layout = m_plot->plotLayout();
    if (layout->columnCount() == 1) {
        m_plot->axisRect()->insetLayout()->take(m_plot->legend);
        auto* side = new QCPLayoutGrid;
        layout->addElement(0, 1, side);
        side->setMargins(QMargins(2, 8, 8, 4)); // keeps the legend's frame off the widget's edges
        auto* caption = new QCPTextElement(m_plot, tr("method\n(bar: lo to hi)"));
        caption->setObjectName(QStringLiteral("legendCaption"));
        side->addElement(0, 0, caption);
        side->addElement(1, 0, m_plot->legend);
        side->addElement(2, 0, new QCPLayoutElement(m_plot)); // keeps the legend compact at the top
        side->setRowStretchFactor(0, 0.001);
        side->setRowStretchFactor(1, 0.001);
        layout->setColumnStretchFactor(1, 0.001);
        m_plot->legend->setVisible(true);
        m_plot->legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
    }
    applyPlotTheme(m_plot, pal);
    if (auto* side = qobject_cast<QCPLayoutGrid*>(layout->element(0, 1)))
        if (auto* caption = qobject_cast<QCPTextElement*>(side->element(0, 0))) {
            caption->setTextColor(pal.color(QPalette::PlaceholderText));
            QFont small = font();
            small.setPointSizeF(font().pointSizeF() * 0.9);
            caption->setFont(small);
        }
    const int rows = static_cast<int>(m_layers.size());
    const int methods = static_cast<int>(m_methods.size());
    // Row r (model order) sits at y = rows - 1 - r so the first layer is at the top.
    auto rowY = [rows](int r) { return static_cast<double>(rows - 1 - r); };

    if (!m_selected.isEmpty())
        for (int r = 0; r < rows; ++r)
            if (m_layers[static_cast<std::size_t>(r)].name == m_selected) {
                auto* band = new QCPItemRect(m_plot);
                band->topLeft->setTypeX(QCPItemPosition::ptAxisRectRatio);
                band->bottomRight->setTypeX(QCPItemPosition::ptAxisRectRatio);
                band->topLeft->setCoords(0.0, rowY(r) + 0.5);
                band->bottomRight->setCoords(1.0, rowY(r) - 0.5);
                band->setPen(Qt::NoPen);
                QColor c = pal.color(QPalette::Highlight);
                c.setAlpha(40);
                band->setBrush(c);
                band->setProperty("qsRole", QStringLiteral("selection"));
            }

    // One error-bar plottable per method: key = row position (+ the method's offset), value = range centre.
    double xmin = 0.0, xmax = 0.0;
    QVector<double> activeKeys, activeValues;
    for (int m = 0; m < methods; ++m) {
        const QString& method = m_methods[m];
        const double offset = methods > 1 ? kRowSpan * (0.5 - (m + 0.5) / methods) : 0.0;
        QVector<double> keys, mid, below, above;
        for (int r = 0; r < rows; ++r) {
            const ObserverLayer& l = m_layers[static_cast<std::size_t>(r)];
            const double s = scaleOf(l);
            for (const MethodRange& range : l.ranges)
                if (range.method == method) {
                    keys << rowY(r) + offset;
                    mid << 0.5 * (range.lo + range.hi) / s;
                    below << 0.5 * (range.hi - range.lo) / s;
                    above << 0.5 * (range.hi - range.lo) / s;
                    xmin = std::min(xmin, range.lo / s);
                    xmax = std::max(xmax, range.hi / s);
                    if (method == l.activeMethod) {
                        activeKeys << rowY(r) + offset;
                        activeValues << range.hi / s;
                    }
                }
        }
        QCPGraph* centers = m_plot->addGraph(m_plot->yAxis, m_plot->xAxis); // key on the vertical axis
        centers->setLineStyle(QCPGraph::lsNone);
        centers->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
        centers->setData(keys, mid, true);
        centers->removeFromLegend();
        auto* bars = new QCPErrorBars(m_plot->yAxis, m_plot->xAxis);
        bars->setDataPlottable(centers);
        bars->setData(below, above);
        bars->setErrorType(QCPErrorBars::etValueError);
        bars->setSymbolGap(0);
        bars->setWhiskerWidth(0);
        const double thickness = std::clamp(220.0 / std::max(1, rows * methods), 2.0, 5.0);
        // The method's colour; solid, since a dash pattern could hide a short thick bar altogether.
        bars->setPen(QPen(clipMethodStyle(method, pal).color, thickness, Qt::SolidLine, Qt::FlatCap));
        bars->setName(method);
        bars->setProperty("qsMethod", method);
    }
    if (!activeKeys.isEmpty()) {
        QCPGraph* active = m_plot->addGraph(m_plot->yAxis, m_plot->xAxis);
        active->setLineStyle(QCPGraph::lsNone);
        active->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, pal.color(QPalette::Text), pal.color(QPalette::Text), 7));
        active->setData(activeKeys, activeValues);
        active->setName(tr("configured (at hi)"));
    }

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int r = 0; r < rows; ++r) {
        const ObserverLayer& l = m_layers[static_cast<std::size_t>(r)];
        ticker->addTick(rowY(r), l.label.isEmpty() ? l.name : l.label);
    }
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setSubTicks(false);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setRange(-0.6, rows - 0.4);
    m_plot->yAxis->setLabel(QString());
    m_plot->xAxis->setLabel(tr("range picked / observed max |x| of the layer"));
    const double pad = 0.04 * (xmax - xmin + 1e-9);
    m_plot->xAxis->setRange(xmin - pad, xmax + pad);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int ObserverComparisonView::rowAt(const QPoint& pos) const
{
    if (m_layers.empty() || !m_plot->axisRect()->rect().contains(pos))
        return -1;
    const int rows = static_cast<int>(m_layers.size());
    const int r = rows - 1 - static_cast<int>(std::lround(m_plot->yAxis->pixelToCoord(pos.y())));
    return r >= 0 && r < rows ? r : -1;
}

void ObserverComparisonView::onMousePress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (const int r = rowAt(event->pos()); r >= 0)
        emit layerClicked(m_layers[static_cast<std::size_t>(r)].name);
}

void ObserverComparisonView::onMouseMove(QMouseEvent* event)
{
    const int r = rowAt(event->pos());
    if (r < 0) {
        QToolTip::hideText();
        return;
    }
    const ObserverLayer& l = m_layers[static_cast<std::size_t>(r)];
    QStringList lines;
    lines << tr("<b>%1</b> (observed [%2, %3]; click to select)").arg(l.name.toHtmlEscaped()).arg(l.observedMin, 0, 'g', 4).arg(l.observedMax, 0, 'g', 4);
    std::vector<MethodRange> ranges = l.ranges;
    std::stable_sort(ranges.begin(), ranges.end(), [](const MethodRange& a, const MethodRange& b) { return a.sqnrDb > b.sqnrDb; });
    for (const MethodRange& range : ranges)
        lines << tr("%1%2: [%3, %4], %5 dB")
                     .arg(range.method, range.method == l.activeMethod ? tr(" (configured)") : QString())
                     .arg(range.lo, 0, 'g', 4)
                     .arg(range.hi, 0, 'g', 4)
                     .arg(range.sqnrDb, 0, 'f', 1);
    QToolTip::showText(event->globalPosition().toPoint(), lines.join(QStringLiteral("<br>")), m_plot);
}

QStringList ObserverComparisonView::methods() const
{
    QStringList names;
    for (int i = 0; i < m_plot->legend->itemCount(); ++i)
        if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(m_plot->legend->item(i)))
            if (const QString method = entry->plottable()->property("qsMethod").toString(); !method.isEmpty())
                names << method;
    return names;
}

int ObserverComparisonView::barCount(const QString& method) const
{
    for (int i = 0; i < m_plot->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPErrorBars*>(m_plot->plottable(i)); bars && bars->property("qsMethod").toString() == method)
            return bars->dataCount();
    return 0;
}

QColor ObserverComparisonView::barColor(const QString& method) const
{
    for (int i = 0; i < m_plot->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPErrorBars*>(m_plot->plottable(i)); bars && bars->property("qsMethod").toString() == method)
            return bars->pen().color();
    return {};
}

QPoint ObserverComparisonView::layerRowCenter(const QString& name)
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    const int rows = static_cast<int>(m_layers.size());
    for (int r = 0; r < rows; ++r)
        if (m_layers[static_cast<std::size_t>(r)].name == name)
            return QPoint(m_plot->axisRect()->rect().center().x(), static_cast<int>(m_plot->yAxis->coordToPixel(rows - 1 - r)));
    return {};
}

bool ObserverComparisonView::savePng(const QString& path, int width, int height) { return m_plot->savePng(path, width, height); }
bool ObserverComparisonView::savePdf(const QString& path, int width, int height) { return m_plot->savePdf(path, width, height); }

} // namespace qs::widgets
