#include "widgets/plots/layer_error_chart.h"

#include "widgets/plots/plot_message.h"
#include "widgets/plots/plot_theme.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs::widgets {

namespace {
constexpr double kBarWidth = 0.38; // of a row, per series: accumulated above isolated, each off the row's centre
double seriesOffset(bool isolated) { return (isolated ? -0.5 : 0.5) * (kBarWidth + 0.02); }

// One colour per series that reads on light and dark backgrounds alike.
QColor accumulatedColor() { return QColor(0x3b, 0x6f, 0xb6); }
QColor isolatedColor() { return QColor(0xe0, 0x8a, 0x2c); }

QString dbText(double value)
{
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("\u221E") : QStringLiteral("-\u221E");
    return QString::number(value, 'f', 1);
}
} // namespace

LayerErrorChart::LayerErrorChart(QWidget* parent) : QWidget(parent), m_caption(new QLabel(this)), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    m_caption->setObjectName(QStringLiteral("layerErrorCaption"));
    m_caption->setWordWrap(true);
    m_caption->setContentsMargins(6, 4, 6, 0);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_caption);
    m_message = addPlotWithMessage(this, m_plot, QStringLiteral("layerErrorPlot"), layout);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (event->button() == Qt::LeftButton)
            if (const int r = rowAt(event->pos()); r >= 0)
                emit layerClicked(m_layers[static_cast<std::size_t>(r)].name);
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, &LayerErrorChart::onMouseMove);
    connect(m_plot, &QCustomPlot::afterLayout, this, &LayerErrorChart::fitValues);
    clear(tr("Run \u203A Analyze Layers to measure every layer's SQNR against FP32."));
}

LayerErrorChart::~LayerErrorChart() = default;
QWidget* LayerErrorChart::plotWidget() const { return m_plot; }
QString LayerErrorChart::caption() const { return m_caption->text(); }

void LayerErrorChart::clear(const QString& message)
{
    m_layers.clear();
    m_caption->clear();
    m_caption->setVisible(false);
    showPlotMessage(m_plot, m_message, message);
}

void LayerErrorChart::setLayers(const std::vector<LayerErrorBar>& layers, const QString& caption)
{
    if (layers.empty()) {
        clear(tr("No layer runs in int8: nothing to measure."));
        return;
    }
    m_layers = layers;
    // Worst first. NaN (not measured) sorts last; -inf before everything and +inf after every finite value.
    std::stable_sort(m_layers.begin(), m_layers.end(), [](const LayerErrorBar& a, const LayerErrorBar& b) {
        if (std::isnan(a.accumulatedDb) || std::isnan(b.accumulatedDb))
            return !std::isnan(a.accumulatedDb) && std::isnan(b.accumulatedDb);
        return a.accumulatedDb < b.accumulatedDb;
    });
    m_caption->setText(caption);
    m_caption->setVisible(!caption.isEmpty());
    showPlot(m_plot, m_message);
    rebuild();
}

void LayerErrorChart::setSelectedLayer(const QString& name)
{
    if (name == m_selected)
        return;
    m_selected = name;
    if (!m_layers.empty())
        rebuild();
}

void LayerErrorChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_layers.empty())
        rebuild();
}

void LayerErrorChart::rebuild()
{
    const QPalette pal = palette();
    m_plot->clearItems();
    m_plot->clearPlottables();
    QCPLayoutGrid* layout = m_plot->plotLayout();
    if (layout->rowCount() == 1) { // the legend in a row of its own above the bars, which it would otherwise cover
        m_plot->axisRect()->insetLayout()->take(m_plot->legend);
        layout->insertRow(0);
        layout->addElement(0, 0, m_plot->legend);
        layout->setRowStretchFactor(0, 0.001);
        m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        m_plot->legend->setMargins(QMargins(6, 3, 6, 3));
        m_plot->legend->setVisible(true);
    }
    applyPlotTheme(m_plot, pal);
    m_plot->legend->setBorderPen(Qt::NoPen);

    const int rows = static_cast<int>(m_layers.size());
    auto rowY = [rows](int r) { return static_cast<double>(rows - 1 - r); }; // the worst row at the top

    // Infinite SQNR (a layer without error) is drawn to the end of the axis and labelled as such.
    double top = 0.0;
    for (const LayerErrorBar& l : m_layers)
        for (double v : {l.accumulatedDb, l.isolatedDb, l.predictedDb})
            if (std::isfinite(v))
                top = std::max(top, v);
    const double cap = std::max(10.0, top * 1.08);
    auto drawn = [cap](double v) { return std::isinf(v) ? (v > 0 ? cap : 0.0) : v; };

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

    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    for (const bool isolated : {false, true}) {
        auto* bars = new QCPBars(m_plot->yAxis, m_plot->xAxis); // key on the vertical axis: horizontal bars
        bars->setName(isolated ? tr("isolated") : tr("accumulated"));
        bars->setProperty("qsSeries", isolated ? QStringLiteral("isolated") : QStringLiteral("accumulated"));
        const QColor color = isolated ? isolatedColor() : accumulatedColor();
        bars->setPen(QPen(color.darker(115), 1));
        bars->setBrush(color);
        bars->setWidth(kBarWidth);
        QVector<double> keys, values;
        for (int r = 0; r < rows; ++r) {
            const LayerErrorBar& l = m_layers[static_cast<std::size_t>(r)];
            const double v = isolated ? l.isolatedDb : l.accumulatedDb;
            if (std::isnan(v))
                continue;
            keys << rowY(r) + seriesOffset(isolated);
            values << drawn(v);
        }
        bars->setData(keys, values, true);
    }
    // Value labels at the bar ends (fitValues() hides them where the bars are too thin).
    for (int r = 0; r < rows; ++r)
        for (const bool isolated : {false, true}) {
            const LayerErrorBar& l = m_layers[static_cast<std::size_t>(r)];
            const double v = isolated ? l.isolatedDb : l.accumulatedDb;
            if (std::isnan(v))
                continue;
            auto* text = new QCPItemText(m_plot);
            text->setClipToAxisRect(false);
            text->position->setAxes(m_plot->xAxis, m_plot->yAxis);
            text->position->setCoords(drawn(v), rowY(r) + seriesOffset(isolated));
            text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            text->setText(QStringLiteral(" ") + dbText(v));
            text->setFont(small);
            text->setColor(pal.color(QPalette::Text));
            text->setProperty("qsRole", QStringLiteral("value"));
        }

    QVector<double> predictedKeys, predictedValues;
    for (int r = 0; r < rows; ++r)
        if (const double p = m_layers[static_cast<std::size_t>(r)].predictedDb; !std::isnan(p)) {
            predictedKeys << rowY(r);
            predictedValues << drawn(p);
        }
    if (!predictedKeys.isEmpty()) {
        QCPGraph* predicted = m_plot->addGraph(m_plot->yAxis, m_plot->xAxis);
        predicted->setLineStyle(QCPGraph::lsNone);
        predicted->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, pal.color(QPalette::Text), pal.color(QPalette::Base), 9));
        predicted->setData(predictedKeys, predictedValues);
        predicted->setName(tr("predicted"));
    }

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int r = 0; r < rows; ++r) {
        const LayerErrorBar& l = m_layers[static_cast<std::size_t>(r)];
        const QString label = l.label.isEmpty() ? l.name : l.label;
        ticker->addTick(rowY(r), l.simulationDiffers ? tr("%1 (int8 \u2260 sim)").arg(label) : label);
    }
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setSubTicks(false);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setRange(-0.6, rows - 0.4);
    m_plot->yAxis->setLabel(QString());
    m_plot->xAxis->setLabel(tr("SQNR of the layer's output against FP32 (dB; higher is better)"));
    m_plot->xAxis->setRange(0.0, cap * 1.12); // room for the value labels
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LayerErrorChart::fitValues()
{
    if (m_layers.empty())
        return;
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const double barHeight = kBarWidth * std::abs(m_plot->yAxis->coordToPixel(0.0) - m_plot->yAxis->coordToPixel(1.0));
    m_valuesShown = barHeight >= 0.9 * QFontMetricsF(small).height();
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (QCPAbstractItem* item = m_plot->item(i); item->property("qsRole").toString() == QLatin1String("value"))
            item->setVisible(m_valuesShown);
}

int LayerErrorChart::rowAt(const QPoint& pos) const
{
    if (m_layers.empty() || !m_plot->axisRect()->rect().contains(pos))
        return -1;
    const int rows = static_cast<int>(m_layers.size());
    const int r = rows - 1 - static_cast<int>(std::lround(m_plot->yAxis->pixelToCoord(pos.y())));
    return r >= 0 && r < rows ? r : -1;
}

void LayerErrorChart::onMouseMove(QMouseEvent* event)
{
    const int r = rowAt(event->pos());
    if (r < 0) {
        QToolTip::hideText();
        return;
    }
    const LayerErrorBar& l = m_layers[static_cast<std::size_t>(r)];
    const QString text = !l.tooltip.isEmpty() ? l.tooltip
                                              : tr("<b>%1</b><br>accumulated %2 dB, isolated %3 dB (click to select)")
                                                    .arg(l.name.toHtmlEscaped(), dbText(l.accumulatedDb), dbText(l.isolatedDb));
    QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

int LayerErrorChart::barCount(bool isolated) const
{
    const QString series = isolated ? QStringLiteral("isolated") : QStringLiteral("accumulated");
    for (int i = 0; i < m_plot->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPBars*>(m_plot->plottable(i)); bars && bars->property("qsSeries").toString() == series)
            return bars->dataCount();
    return 0;
}

double LayerErrorChart::barValue(const QString& name, bool isolated) const
{
    const QString series = isolated ? QStringLiteral("isolated") : QStringLiteral("accumulated");
    const int rows = static_cast<int>(m_layers.size());
    for (int r = 0; r < rows; ++r) {
        if (m_layers[static_cast<std::size_t>(r)].name != name)
            continue;
        for (int i = 0; i < m_plot->plottableCount(); ++i)
            if (auto* bars = qobject_cast<QCPBars*>(m_plot->plottable(i)); bars && bars->property("qsSeries").toString() == series)
                for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
                    if (std::abs(it->key - (rows - 1 - r + seriesOffset(isolated))) < 1e-9)
                        return it->value;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QPoint LayerErrorChart::layerRowCenter(const QString& name)
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    const int rows = static_cast<int>(m_layers.size());
    for (int r = 0; r < rows; ++r)
        if (m_layers[static_cast<std::size_t>(r)].name == name)
            return QPoint(m_plot->axisRect()->rect().center().x(), static_cast<int>(m_plot->yAxis->coordToPixel(rows - 1 - r)));
    return {};
}

bool LayerErrorChart::savePng(const QString& path, int width, int height) { return m_plot->savePng(path, width, height); }

} // namespace qs::widgets
