#include "widgets/plots/sensitivity_heatmap.h"

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

// From harmless to harmful (ColorBrewer's YlOrRd): pale cells read as "nothing happens", dark red draws the eye.
QCPColorGradient harmGradient()
{
    QCPColorGradient g;
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setColorStopAt(0.0, QColor(0xff, 0xff, 0xcc));
    g.setColorStopAt(0.35, QColor(0xfe, 0xb2, 0x4c));
    g.setColorStopAt(0.7, QColor(0xf0, 0x3b, 0x20));
    g.setColorStopAt(1.0, QColor(0x99, 0x00, 0x0d));
    return g;
}

QString valueText(double value, int decimals)
{
    if (std::isnan(value))
        return {};
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("\u221E") : QStringLiteral("-\u221E");
    // No "-0.0": a value that rounds to zero is written as zero.
    const double rounded = std::round(value * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
    return QString::number(rounded == 0.0 ? 0.0 : rounded, 'f', decimals);
}

} // namespace

SensitivityHeatmap::SensitivityHeatmap(QWidget* parent) : QWidget(parent), m_caption(new QLabel(this)), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    m_caption->setObjectName(QStringLiteral("sensitivityCaption"));
    m_caption->setWordWrap(true);
    m_caption->setContentsMargins(6, 4, 6, 0);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_caption);
    m_message = addPlotWithMessage(this, m_plot, QStringLiteral("sensitivityPlot"), layout);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        int row = -1, column = -1;
        if (event->button() == Qt::LeftButton && cellAt(event->pos(), &row, &column)) {
            emit cellClicked(row, column);
            emit layerClicked(m_data.rows[static_cast<std::size_t>(row)].name);
        }
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, &SensitivityHeatmap::onMouseMove);
    connect(m_plot, &QCustomPlot::afterLayout, this, &SensitivityHeatmap::fitValues);
    clear(tr("Run \u203A Sensitivity Sweep to see how much each layer costs at each bit width."));
}

SensitivityHeatmap::~SensitivityHeatmap() = default;
QWidget* SensitivityHeatmap::plotWidget() const { return m_plot; }
QString SensitivityHeatmap::caption() const { return m_caption->text(); }
double SensitivityHeatmap::scaleLower() const { return m_lower; }
double SensitivityHeatmap::scaleUpper() const { return m_upper; }

void SensitivityHeatmap::clear(const QString& message)
{
    m_data = {};
    m_caption->clear();
    m_caption->setVisible(false);
    showPlotMessage(m_plot, m_message, message);
}

void SensitivityHeatmap::setData(const SensitivityHeatmapData& data)
{
    if (data.rows.empty() || data.columns.isEmpty()) {
        clear(tr("No layer runs in int8: nothing to probe."));
        return;
    }
    m_data = data;
    for (SensitivityRow& row : m_data.rows)
        row.values.resize(static_cast<std::size_t>(m_data.columns.size()), std::nan(""));
    m_caption->setText(m_data.caption);
    m_caption->setVisible(!m_data.caption.isEmpty());
    showPlot(m_plot, m_message);
    rebuild();
}

void SensitivityHeatmap::setSelectedLayer(const QString& name)
{
    if (name == m_selected)
        return;
    m_selected = name;
    if (!m_data.rows.empty())
        rebuild();
}

void SensitivityHeatmap::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_data.rows.empty())
        rebuild();
}

QString SensitivityHeatmap::cellText(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return valueText(m_data.rows[static_cast<std::size_t>(row)].values[static_cast<std::size_t>(column)], m_data.decimals);
}

QColor SensitivityHeatmap::cellColor(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    const double v = m_data.rows[static_cast<std::size_t>(row)].values[static_cast<std::size_t>(column)];
    if (std::isnan(v))
        return {};
    QCPColorGradient g = m_data.higherIsWorse ? harmGradient() : harmGradient().inverted();
    return QColor::fromRgb(g.color(std::clamp(v, m_lower, m_upper), QCPRange(m_lower, m_upper)));
}

void SensitivityHeatmap::rebuild()
{
    const QPalette pal = palette();
    m_plot->clearItems();
    m_plot->clearPlottables();
    QCPLayoutGrid* layout = m_plot->plotLayout();
    QCPColorScale* scale = nullptr;
    if (layout->columnCount() == 1) {
        scale = new QCPColorScale(m_plot);
        scale->setType(QCPAxis::atRight);
        scale->setBarWidth(12);
        layout->addElement(0, 1, scale);
        auto* margins = new QCPMarginGroup(m_plot); // the scale as tall as the cells
        m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
        scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
        m_plot->xAxis->setVisible(false);
        m_plot->xAxis2->setVisible(true); // probe names above the columns, where a table has its header
        m_plot->legend->setVisible(false);
    } else {
        scale = qobject_cast<QCPColorScale*>(layout->element(0, 1));
    }
    applyPlotTheme(m_plot, pal);
    const QColor text = pal.color(QPalette::Text);
    scale->axis()->setBasePen(QPen(text, 1));
    scale->axis()->setTickPen(QPen(text, 1));
    scale->axis()->setSubTickPen(QPen(text, 1));
    scale->axis()->setTickLabelColor(text);
    scale->axis()->setLabelColor(text);

    const int rows = rowCount(), columns = columnCount();
    auto rowY = [rows](int r) { return static_cast<double>(rows - 1 - r); }; // the first layer at the top

    // One scale for the whole map, from the harmless end to the harmful one.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const SensitivityRow& row : m_data.rows)
        for (double v : row.values)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    if (!std::isfinite(lo)) // nothing finite: any range will do
        lo = 0.0, hi = 1.0;
    if (std::isfinite(m_data.harmless))
        (m_data.higherIsWorse ? lo : hi) = m_data.harmless;
    const double minimumSpan = std::pow(10.0, -m_data.decimals) * 10.0; // equal values are not "harmful"
    if (hi - lo < minimumSpan) {
        if (m_data.higherIsWorse)
            hi = lo + minimumSpan;
        else
            lo = hi - minimumSpan;
    }
    m_lower = lo;
    m_upper = hi;
    const QCPColorGradient gradient = m_data.higherIsWorse ? harmGradient() : harmGradient().inverted();
    scale->setGradient(gradient);
    scale->setDataRange(QCPRange(m_lower, m_upper));
    scale->setLabel(m_data.metric);

    QFont cellFont = font();
    cellFont.setPointSizeF(font().pointSizeF() * 0.9);
    const QColor empty = pal.color(QPalette::Window);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const QColor fill = cellColor(r, c);
            auto* cell = new QCPItemRect(m_plot);
            cell->topLeft->setCoords(c - 0.5, rowY(r) + 0.5);
            cell->bottomRight->setCoords(c + 0.5, rowY(r) - 0.5);
            cell->setPen(QPen(pal.color(QPalette::Base), 1.5)); // thin gaps between the cells
            cell->setBrush(fill.isValid() ? fill : empty);
            cell->setSelectable(false);
            const QString value = cellText(r, c);
            if (value.isEmpty())
                continue;
            auto* label = new QCPItemText(m_plot);
            label->position->setCoords(c, rowY(r));
            label->setPositionAlignment(Qt::AlignCenter);
            label->setText(value);
            label->setFont(cellFont);
            label->setColor(fill.lightnessF() > 0.55 ? QColor(Qt::black) : QColor(Qt::white));
            label->setSelectable(false);
            label->setProperty("qsRole", QStringLiteral("value"));
        }
    if (!m_selected.isEmpty())
        for (int r = 0; r < rows; ++r)
            if (m_data.rows[static_cast<std::size_t>(r)].name == m_selected) {
                auto* outline = new QCPItemRect(m_plot);
                outline->topLeft->setCoords(-0.5, rowY(r) + 0.5);
                outline->bottomRight->setCoords(columns - 0.5, rowY(r) - 0.5);
                outline->setPen(QPen(pal.color(QPalette::Highlight), 2.5));
                outline->setBrush(Qt::NoBrush);
                outline->setProperty("qsRole", QStringLiteral("selection"));
            }

    QSharedPointer<QCPAxisTickerText> columnTicks(new QCPAxisTickerText);
    for (int c = 0; c < columns; ++c)
        columnTicks->addTick(c, m_data.columns[c]);
    m_plot->xAxis2->setTicker(columnTicks);
    m_plot->xAxis2->setSubTicks(false);
    m_plot->xAxis2->setTickLength(0, 0);
    m_plot->xAxis2->grid()->setVisible(false);
    m_plot->xAxis2->setRange(-0.5, columns - 0.5);
    m_plot->xAxis->setRange(-0.5, columns - 0.5);
    m_plot->xAxis->grid()->setVisible(false);
    QSharedPointer<QCPAxisTickerText> rowTicks(new QCPAxisTickerText);
    for (int r = 0; r < rows; ++r) {
        const SensitivityRow& row = m_data.rows[static_cast<std::size_t>(r)];
        rowTicks->addTick(rowY(r), row.label.isEmpty() ? row.name : row.label);
    }
    m_plot->yAxis->setTicker(rowTicks);
    m_plot->yAxis->setSubTicks(false);
    m_plot->yAxis->setTickLength(0, 0);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setRange(-0.5, rows - 0.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SensitivityHeatmap::fitValues()
{
    if (m_data.rows.empty())
        return;
    QFont cellFont = font();
    cellFont.setPointSizeF(font().pointSizeF() * 0.9);
    const QFontMetricsF metrics(cellFont);
    const double cellHeight = std::abs(m_plot->yAxis->coordToPixel(0.0) - m_plot->yAxis->coordToPixel(1.0));
    const double cellWidth = std::abs(m_plot->xAxis->coordToPixel(0.0) - m_plot->xAxis->coordToPixel(1.0));
    m_valuesShown = cellHeight >= metrics.height() && cellWidth >= metrics.horizontalAdvance(QStringLiteral("-00.00"));
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (QCPAbstractItem* item = m_plot->item(i); item->property("qsRole").toString() == QLatin1String("value"))
            item->setVisible(m_valuesShown);
}

bool SensitivityHeatmap::cellAt(const QPoint& pos, int* row, int* column) const
{
    if (m_data.rows.empty() || !m_plot->axisRect()->rect().contains(pos))
        return false;
    const int rows = rowCount();
    const int r = rows - 1 - static_cast<int>(std::lround(m_plot->yAxis->pixelToCoord(pos.y())));
    const int c = static_cast<int>(std::lround(m_plot->xAxis->pixelToCoord(pos.x())));
    if (r < 0 || r >= rows || c < 0 || c >= columnCount())
        return false;
    *row = r;
    *column = c;
    return true;
}

void SensitivityHeatmap::onMouseMove(QMouseEvent* event)
{
    int row = -1, column = -1;
    if (cellAt(event->pos(), &row, &column)) {
        const SensitivityRow& r = m_data.rows[static_cast<std::size_t>(row)];
        QString text = column < r.tooltips.size() ? r.tooltips[column] : QString();
        if (text.isEmpty())
            text = tr("<b>%1</b>, %2: %3").arg(r.name.toHtmlEscaped(), m_data.columns[column], cellText(row, column));
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
        return;
    }
    // Above the map: what the probe of that column is.
    const QRect rect = m_plot->axisRect()->rect();
    if (event->pos().y() < rect.top() && event->pos().x() >= rect.left() && event->pos().x() <= rect.right()) {
        const int c = static_cast<int>(std::lround(m_plot->xAxis2->pixelToCoord(event->pos().x())));
        if (c >= 0 && c < m_data.columnTooltips.size()) {
            QToolTip::showText(event->globalPosition().toPoint(), m_data.columnTooltips[c], m_plot);
            return;
        }
    }
    QToolTip::hideText();
}

QPoint SensitivityHeatmap::cellCenter(int row, int column)
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return QPoint(static_cast<int>(m_plot->xAxis->coordToPixel(column)), static_cast<int>(m_plot->yAxis->coordToPixel(rowCount() - 1 - row)));
}

bool SensitivityHeatmap::savePng(const QString& path, int width, int height) { return m_plot->savePng(path, width, height); }

} // namespace qs::widgets
