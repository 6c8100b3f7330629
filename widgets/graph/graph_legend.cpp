#include "widgets/graph/graph_legend.h"

#include "widgets/graph/graph_scene_items.h"
#include "widgets/graph/graph_style.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace qs::widgets {

namespace {
constexpr int kPad = 6, kSwatch = 36, kSpacing = 6;
enum Row { Int8, Island, Float, Fused, Borders, ErrorPoor, ErrorFair, ErrorGood, RowCount };
} // namespace

GraphLegend::GraphLegend(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("graphLegend"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
}

QStringList GraphLegend::texts() const
{
    return {tr("int8"),
            tr("FP32 island (the tooltip says why)"),
            tr("other operators (FP32)"),
            tr("fused chain (one layer)"),
            tr("quantize / dequantize"),
            tr("error < %1 dB").arg(kErrorPoorDb),
            tr("error %1\u2013%2 dB").arg(kErrorPoorDb).arg(kErrorGoodDb),
            tr("error > %1 dB").arg(kErrorGoodDb)};
}

QSize GraphLegend::sizeHint() const
{
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetrics metrics(small);
    int width = 0;
    for (const QString& text : texts())
        width = std::max(width, metrics.horizontalAdvance(text));
    const int line = std::max(metrics.height(), 12) + 2;
    return {2 * kPad + kSwatch + kSpacing + width, 2 * kPad + RowCount * line};
}

void GraphLegend::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange)
        adjustSize();
    QWidget::changeEvent(event);
}

void GraphLegend::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor background = palette().color(QPalette::Base);
    background.setAlpha(225);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1.0));
    painter.setBrush(background);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);

    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetrics metrics(small);
    const int line = std::max(metrics.height(), 12) + 2;
    const QStringList labels = texts();
    const GraphFonts fonts = graphFonts(font());
    for (int row = 0; row < RowCount; ++row) {
        const QRectF swatch(kPad, kPad + row * line + 2, kSwatch, line - 4);
        switch (row) {
        case Int8:
        case Island:
        case Float: {
            const GraphNodeKind kind = row == Int8 ? GraphNodeKind::Int8 : row == Island ? GraphNodeKind::Fp32Island : GraphNodeKind::Float;
            painter.setPen(QPen(nodeOutline(kind), 1.2));
            painter.setBrush(nodeFill(kind));
            painter.drawRoundedRect(swatch, 3, 3);
            break;
        }
        case Fused: {
            QColor fill = groupOutline(GraphNodeKind::Int8);
            fill.setAlpha(28);
            painter.setPen(QPen(groupOutline(GraphNodeKind::Int8), 1.2, Qt::DashLine));
            painter.setBrush(fill);
            painter.drawRoundedRect(swatch, 4, 4);
            break;
        }
        case Borders: {
            painter.setFont(fonts.badge);
            const QFontMetricsF badge(fonts.badge);
            const QRectF q(swatch.left(), swatch.top(), badge.horizontalAdvance(QStringLiteral("Q")) + 6, swatch.height());
            const QRectF dq(q.right() + 3, swatch.top(), badge.horizontalAdvance(QStringLiteral("DQ")) + 6, swatch.height());
            for (const auto& [box, border] : {std::pair{q, GraphBorder::Quantize}, std::pair{dq, GraphBorder::Dequantize}}) {
                painter.setPen(QPen(borderColor(border), 1.0));
                painter.setBrush(QColor(Qt::white));
                painter.drawRoundedRect(box, 2, 2);
                painter.drawText(box, Qt::AlignCenter, GraphBorderMarkerItem::label(border));
            }
            break;
        }
        default: {
            const double db = row == ErrorPoor ? kErrorPoorDb - 1 : row == ErrorFair ? (kErrorPoorDb + kErrorGoodDb) / 2 : kErrorGoodDb + 1;
            painter.setPen(Qt::NoPen);
            painter.setBrush(errorColor(db));
            painter.drawRoundedRect(swatch, swatch.height() / 2.0, swatch.height() / 2.0);
            break;
        }
        }
        painter.setFont(small);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(kPad + kSwatch + kSpacing, kPad + row * line, width(), line), Qt::AlignVCenter | Qt::AlignLeft,
                         labels[row]);
    }
}

} // namespace qs::widgets
