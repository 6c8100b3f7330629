#include "widgets/plots/weight_range_view.h"

#include "widgets/clip_method_style.h"
#include "widgets/plots/plot_message.h"
#include "widgets/plots/plot_text.h"
#include "widgets/plots/plot_theme.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace qs::widgets {

WeightRangeView::WeightRangeView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    m_message = addPlotWithMessage(this, m_plot, QStringLiteral("weightRangePlot"), new QVBoxLayout(this));
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const QString tip = channelToolTip(event->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), tip, m_plot);
    });
    // The two-line title wraps at spaces where the dock is narrower than it (it would overflow both sides).
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        if (m_plot->plotLayout()->rowCount() > 1 && !m_title.isEmpty())
            fitTitle(m_plot, static_cast<QCPTextElement*>(m_plot->plotLayout()->element(0, 0)), m_title, QStringLiteral(" "));
    });
    clear(tr("Select a layer with weights to see the range of each output channel."));
}

WeightRangeView::~WeightRangeView() = default;
QWidget* WeightRangeView::plotWidget() const { return m_plot; }

void WeightRangeView::clear(const QString& message)
{
    m_data = {};
    showPlotMessage(m_plot, m_message, message);
}

void WeightRangeView::setData(const WeightRangeData& data)
{
    if (data.empty()) {
        clear(tr("This layer has no constant weights."));
        return;
    }
    m_data = data;
    showPlot(m_plot, m_message);
    rebuild();
}

void WeightRangeView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_data.empty())
        rebuild();
}

double WeightRangeView::medianRangeFraction(const WeightRangeData& data)
{
    if (data.empty())
        return 0.0;
    const double lo = *std::min_element(data.channelMin.begin(), data.channelMin.end());
    const double hi = *std::max_element(data.channelMax.begin(), data.channelMax.end());
    if (!(hi > lo))
        return 0.0;
    std::vector<double> fractions;
    for (std::size_t i = 0; i < data.channelMin.size(); ++i)
        fractions.push_back((data.channelMax[i] - data.channelMin[i]) / (hi - lo));
    std::nth_element(fractions.begin(), fractions.begin() + static_cast<std::ptrdiff_t>(fractions.size() / 2), fractions.end());
    return fractions[fractions.size() / 2];
}

void WeightRangeView::rebuild()
{
    const QPalette pal = palette();
    m_plot->clearItems();
    m_plot->clearPlottables();
    QCPLayoutGrid* layout = m_plot->plotLayout();
    if (layout->rowCount() == 1) {
        layout->insertRow(0);
        auto* title = new QCPTextElement(m_plot);
        letTitleWrap(title);
        layout->addElement(0, 0, title);
        m_plot->legend->setVisible(true);
        m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    }
    applyPlotTheme(m_plot, pal);
    const int channels = static_cast<int>(m_data.channelMin.size());
    const double tensorMin = *std::min_element(m_data.channelMin.begin(), m_data.channelMin.end());
    const double tensorMax = *std::max_element(m_data.channelMax.begin(), m_data.channelMax.end());

    auto* title = static_cast<QCPTextElement*>(layout->element(0, 0));
    QFont titleFont = font();
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setTextColor(pal.color(QPalette::Text));
    const double median = medianRangeFraction(m_data);
    m_title = tr("%1 weights: %n output channels\nmedian channel range = %2% of the tensor range "
                 "(with one 8-bit scale per tensor: ~%3 of 256 levels)",
                 nullptr, channels)
                  .arg(m_data.title)
                  .arg(100.0 * median, 0, 'f', median < 0.1 ? 1 : 0)
                  .arg(std::round(255.0 * median) + 1.0, 0, 'f', 0);
    title->setText(m_title);

    // Each channel's [min, max] as an error bar around its midpoint (the midpoint itself is not drawn).
    QVector<double> keys(channels), mid(channels), below(channels), above(channels);
    for (int c = 0; c < channels; ++c) {
        const double lo = m_data.channelMin[static_cast<std::size_t>(c)], hi = m_data.channelMax[static_cast<std::size_t>(c)];
        keys[c] = c;
        mid[c] = 0.5 * (lo + hi);
        below[c] = mid[c] - lo;
        above[c] = hi - mid[c];
    }
    QCPGraph* centers = m_plot->addGraph();
    centers->setLineStyle(QCPGraph::lsNone);
    centers->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
    centers->setData(keys, mid, true);
    centers->removeFromLegend();
    auto* bars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
    bars->setObjectName(QStringLiteral("channelRanges"));
    bars->setDataPlottable(centers);
    bars->setData(below, above);
    bars->setErrorType(QCPErrorBars::etValueError);
    bars->setSymbolGap(0);
    bars->setWhiskerWidth(channels > 64 ? 0 : 5);
    const double barWidth = std::clamp(300.0 / std::max(channels, 1), 1.0, 6.0);
    bars->setPen(QPen(pal.color(QPalette::Highlight), barWidth, Qt::SolidLine, Qt::FlatCap));
    bars->setName(tr("per-channel [min, max]"));

    // The per-tensor min / max is what the method "none" picks: drawn in its style, as in the histogram.
    const QPen tensorPen = clipMethodPen(QStringLiteral("none"), pal, 1.5);
    QCPGraph* legendLine = m_plot->addGraph();
    legendLine->setPen(tensorPen);
    legendLine->setName(tr("per-tensor min / max"));
    for (double y : {tensorMin, tensorMax}) {
        auto* line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(0.0, y);
        line->point2->setCoords(1.0, y);
        line->setPen(tensorPen);
        line->setProperty("qsRole", QStringLiteral("tensor"));
    }

    m_plot->xAxis->setLabel(tr("output channel"));
    m_plot->yAxis->setLabel(tr("weight value (BatchNorm folded)"));
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(-1.0, channels);
    const double pad = 0.12 * (tensorMax - tensorMin + 1e-12);
    m_plot->yAxis->setRange(tensorMin - pad, tensorMax + 2.0 * pad); // room for the legend above the bars
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString WeightRangeView::channelToolTip(const QPoint& pos) const
{
    if (m_data.empty() || !m_plot->isVisible() || !m_plot->axisRect()->rect().contains(pos))
        return {};
    const int c = static_cast<int>(std::lround(m_plot->xAxis->pixelToCoord(pos.x())));
    if (c < 0 || c >= static_cast<int>(m_data.channelMin.size()))
        return {};
    const double tensorMin = *std::min_element(m_data.channelMin.begin(), m_data.channelMin.end());
    const double tensorMax = *std::max_element(m_data.channelMax.begin(), m_data.channelMax.end());
    const double lo = m_data.channelMin[static_cast<std::size_t>(c)], hi = m_data.channelMax[static_cast<std::size_t>(c)];
    const double fraction = tensorMax > tensorMin ? (hi - lo) / (tensorMax - tensorMin) : 0.0;
    return tr("<b>channel %1</b><br>[%2, %3]<br>range = %4% of the tensor's [%5, %6]<br>"
              "8-bit levels it spans: ~%7 per tensor, 256 per channel")
        .arg(c)
        .arg(lo, 0, 'g', 4)
        .arg(hi, 0, 'g', 4)
        .arg(100.0 * fraction, 0, 'g', 3)
        .arg(tensorMin, 0, 'g', 4)
        .arg(tensorMax, 0, 'g', 4)
        .arg(std::round(255.0 * fraction) + 1.0, 0, 'f', 0);
}

QPoint WeightRangeView::channelPosition(int channel)
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    if (m_data.empty() || channel < 0 || channel >= static_cast<int>(m_data.channelMin.size()))
        return {};
    const double mid = 0.5 * (m_data.channelMin[static_cast<std::size_t>(channel)] + m_data.channelMax[static_cast<std::size_t>(channel)]);
    return QPoint(static_cast<int>(std::lround(m_plot->xAxis->coordToPixel(channel))), static_cast<int>(std::lround(m_plot->yAxis->coordToPixel(mid))));
}

int WeightRangeView::channelCount() const
{
    for (int i = 0; i < m_plot->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPErrorBars*>(m_plot->plottable(i)))
            return bars->dataCount();
    return 0;
}

int WeightRangeView::tensorLineCount() const
{
    int n = 0;
    for (int i = 0; i < m_plot->itemCount(); ++i)
        n += m_plot->item(i)->property("qsRole").toString() == QLatin1String("tensor");
    return n;
}

bool WeightRangeView::titleFits()
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh); // lays out (and wraps the title)
    return m_plot->plotLayout()->rowCount() < 2 || qs::widgets::titleFits(m_plot, static_cast<QCPTextElement*>(m_plot->plotLayout()->element(0, 0)));
}

bool WeightRangeView::savePng(const QString& path, int width, int height) { return m_plot->savePng(path, width, height); }
bool WeightRangeView::savePdf(const QString& path, int width, int height) { return m_plot->savePdf(path, width, height); }

} // namespace qs::widgets
