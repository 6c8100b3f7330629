#include "widgets/graph/graph_scene_items.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>

#include <algorithm>
#include <cmath>

namespace qs::widgets {

namespace {
constexpr double kPadX = 10.0, kPadY = 5.0;
constexpr double kMinWidth = 72.0;
constexpr double kMaxNameWidth = 220.0; // longer names are elided in the middle (the tooltip has them whole)
const QColor kHighlight(0x1e, 0x6f, 0xd9);

QString elidedName(const QString& name, const QFont& font)
{
    return QFontMetricsF(font).elidedText(name, Qt::ElideMiddle, kMaxNameWidth);
}

bool isTerminal(GraphNodeKind kind) { return kind == GraphNodeKind::Input || kind == GraphNodeKind::Output; }
} // namespace

// ---- node box

QSizeF GraphNodeItem::boxSize(const QString& title, const QString& name, const QString& shape, const GraphFonts& fonts)
{
    const QFontMetricsF titleMetrics(fonts.title), detailMetrics(fonts.detail);
    double width = titleMetrics.horizontalAdvance(title);
    width = std::max(width, detailMetrics.horizontalAdvance(elidedName(name, fonts.detail)));
    double height = titleMetrics.height() + detailMetrics.height();
    if (!shape.isEmpty()) {
        width = std::max(width, detailMetrics.horizontalAdvance(shape));
        height += detailMetrics.height();
    }
    return {std::ceil(std::max(kMinWidth, width + 2 * kPadX)), std::ceil(height + 2 * kPadY)};
}

GraphNodeItem::GraphNodeItem(const GraphNode& node, const QString& title, const GraphFonts& fonts)
    : m_name(node.name), m_title(title), m_elidedName(elidedName(node.name, fonts.detail)), m_shape(node.inputShape), m_kind(node.kind),
      m_fonts(fonts)
{
    const QSizeF size = boxSize(title, node.name, node.inputShape, fonts);
    m_box = QRectF(-size.width() / 2.0, -size.height() / 2.0, size.width(), size.height());
    setZValue(2);
}

QRectF GraphNodeItem::boundingRect() const
{
    const QRectF around = m_box.adjusted(-6, -6, 6, 6); // the highlight
    return m_errorDb ? around.united(badgeRect().adjusted(-1, -1, 1, 1)) : around;
}

QRectF GraphNodeItem::badgeRect() const
{
    const QFontMetricsF metrics(m_fonts.badge);
    const QString text = QStringLiteral("%1 dB").arg(m_errorDb.value_or(0.0), 0, 'f', 0);
    const double w = metrics.horizontalAdvance(text) + 8.0, h = metrics.height() + 2.0;
    // On the top right corner, mostly outside the box, so it never covers the op type.
    return QRectF(m_box.right() - 16.0, m_box.top() - h / 2.0, w, h);
}

void GraphNodeItem::setHighlighted(bool on)
{
    if (on == m_highlighted)
        return;
    m_highlighted = on;
    update();
}

void GraphNodeItem::setErrorDb(std::optional<double> db)
{
    prepareGeometryChange();
    m_errorDb = db;
    update();
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const double radius = isTerminal(m_kind) ? m_box.height() / 2.0 : 5.0;
    if (m_highlighted) {
        painter->setPen(QPen(kHighlight, 3.0));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(m_box.adjusted(-4, -4, 4, 4), radius + 3.0, radius + 3.0);
    }
    painter->setPen(QPen(nodeOutline(m_kind), m_kind == GraphNodeKind::Fp32Island ? 1.8 : 1.2));
    painter->setBrush(nodeFill(m_kind));
    painter->drawRoundedRect(m_box, radius, radius);

    const QFontMetricsF titleMetrics(m_fonts.title), detailMetrics(m_fonts.detail);
    QRectF line(m_box.left(), m_box.top() + kPadY, m_box.width(), titleMetrics.height());
    painter->setPen(nodeText());
    painter->setFont(m_fonts.title);
    painter->drawText(line, Qt::AlignCenter, m_title);
    line.translate(0, line.height());
    line.setHeight(detailMetrics.height());
    painter->setFont(m_fonts.detail);
    painter->setPen(nodeDetailText());
    painter->drawText(line, Qt::AlignCenter, m_elidedName);
    if (!m_shape.isEmpty()) {
        line.translate(0, line.height());
        painter->drawText(line, Qt::AlignCenter, m_shape);
    }

    if (m_errorDb) {
        const QRectF badge = badgeRect();
        const QColor color = errorColor(*m_errorDb);
        painter->setPen(QPen(color.darker(130), 1.0));
        painter->setBrush(color);
        painter->drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
        painter->setFont(m_fonts.badge);
        painter->setPen(*m_errorDb >= kErrorPoorDb && *m_errorDb <= kErrorGoodDb ? nodeText() : QColor(Qt::white));
        painter->drawText(badge, Qt::AlignCenter, QStringLiteral("%1 dB").arg(*m_errorDb, 0, 'f', 0));
    }
}

// ---- fused chain frame

GraphGroupItem::GraphGroupItem(const QString& head, const QRectF& rect, GraphNodeKind kind) : m_head(head), m_rect(rect), m_kind(kind)
{
    setZValue(0);
}

QRectF GraphGroupItem::boundingRect() const { return m_rect.adjusted(-2, -2, 2, 2); }

void GraphGroupItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = groupOutline(m_kind);
    fill.setAlpha(28);
    painter->setBrush(fill);
    painter->setPen(QPen(groupOutline(m_kind), 1.4, Qt::DashLine));
    painter->drawRoundedRect(m_rect, 8.0, 8.0);
}

// ---- edge

GraphEdgeItem::GraphEdgeItem(const QString& from, const QString& to, const QPainterPath& path, const QColor& color)
    : QGraphicsPathItem(path), m_from(from), m_to(to)
{
    setPen(QPen(color, 1.3));
    setZValue(1);
    const double length = path.length();
    if (length > 1.0) {
        const QPointF tip = path.pointAtPercent(1.0);
        const QPointF back = path.pointAtPercent(path.percentAtLength(std::max(0.0, length - 7.0)));
        QPointF dir = tip - back;
        const double norm = std::hypot(dir.x(), dir.y());
        dir = norm > 0 ? dir / norm : QPointF(0, 1);
        const QPointF normal(-dir.y(), dir.x());
        const QPointF base = tip - dir * 7.0;
        m_arrow << tip << base + normal * 3.5 << base - normal * 3.5;
    }
}

QRectF GraphEdgeItem::boundingRect() const { return QGraphicsPathItem::boundingRect().united(m_arrow.boundingRect()).adjusted(-2, -2, 2, 2); }

QPainterPath GraphEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(6.0);
    return stroker.createStroke(path());
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(pen());
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
    painter->setPen(Qt::NoPen);
    painter->setBrush(pen().color());
    painter->drawPolygon(m_arrow);
}

// ---- quantize / dequantize marker

GraphBorderMarkerItem::GraphBorderMarkerItem(GraphBorder border, const QString& from, const QString& to, const GraphFonts& fonts)
    : m_border(border), m_from(from), m_to(to), m_font(fonts.badge)
{
    const QFontMetricsF metrics(m_font);
    const double w = metrics.horizontalAdvance(label(border)) + 8.0, h = metrics.height() + 1.0;
    m_rect = QRectF(-w / 2.0, -h / 2.0, w, h);
    setZValue(3);
}

QString GraphBorderMarkerItem::label(GraphBorder border) { return border == GraphBorder::Quantize ? QStringLiteral("Q") : QStringLiteral("DQ"); }

QRectF GraphBorderMarkerItem::boundingRect() const { return m_rect.adjusted(-1, -1, 1, 1); }

void GraphBorderMarkerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor color = borderColor(m_border);
    painter->setPen(QPen(color, 1.2));
    painter->setBrush(QColor(Qt::white));
    painter->drawRoundedRect(m_rect, 3.0, 3.0);
    painter->setFont(m_font);
    painter->drawText(m_rect, Qt::AlignCenter, label(m_border));
}

// ---- edge geometry

QPainterPath edgePath(const std::vector<QPointF>& route, bool sideEntry)
{
    QPainterPath path;
    if (route.empty())
        return path;
    path.moveTo(route.front());
    for (std::size_t i = 0; i + 1 < route.size(); ++i) {
        const QPointF a = route[i], b = route[i + 1];
        if (sideEntry && i + 2 == route.size()) {
            path.cubicTo(QPointF(a.x(), a.y() + (b.y() - a.y()) * 0.7), QPointF(a.x() + (b.x() - a.x()) * 0.3, b.y()), b);
        } else if (std::abs(a.x() - b.x()) < 0.5) {
            path.lineTo(b);
        } else {
            const double middle = (a.y() + b.y()) / 2.0;
            path.cubicTo(QPointF(a.x(), middle), QPointF(b.x(), middle), b);
        }
    }
    return path;
}

} // namespace qs::widgets
