#include "widgets/graph/graph_style.h"

namespace qs::widgets {

GraphFonts graphFonts(const QFont& base)
{
    GraphFonts fonts{base, base, base};
    fonts.title.setBold(true);
    const double size = base.pointSizeF() > 0 ? base.pointSizeF() : 9.0;
    fonts.detail.setPointSizeF(size * 0.85);
    fonts.badge.setPointSizeF(size * 0.75);
    fonts.badge.setBold(true);
    return fonts;
}

QColor nodeFill(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Int8:
        return QColor(0xd4, 0xee, 0xd4);
    case GraphNodeKind::Fp32Island:
        return QColor(0xe8, 0xd0, 0xd0);
    case GraphNodeKind::Input:
    case GraphNodeKind::Output:
        return QColor(0xd8, 0xe4, 0xf2);
    case GraphNodeKind::Float:
        break;
    }
    return QColor(0xf2, 0xf2, 0xf2);
}

QColor nodeOutline(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Int8:
        return QColor(0x3a, 0x8a, 0x3a);
    case GraphNodeKind::Fp32Island:
        return QColor(0xa8, 0x4a, 0x4a);
    case GraphNodeKind::Input:
    case GraphNodeKind::Output:
        return QColor(0x4a, 0x6e, 0x9a);
    case GraphNodeKind::Float:
        break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

QColor nodeText() { return QColor(0x1a, 0x1a, 0x1a); }
QColor nodeDetailText() { return QColor(0x4a, 0x4a, 0x4a); }

QColor groupOutline(GraphNodeKind kind) { return kind == GraphNodeKind::Int8 ? QColor(0x2a, 0x6e, 0x2a) : nodeOutline(kind); }

QColor borderColor(GraphBorder border)
{
    return border == GraphBorder::Quantize ? QColor(0x2a, 0x7a, 0x2a) : border == GraphBorder::Dequantize ? QColor(0xb0, 0x3a, 0x3a) : QColor(Qt::gray);
}

QColor errorColor(double db)
{
    if (db < kErrorPoorDb)
        return QColor(0xd0, 0x3a, 0x3a);
    if (db <= kErrorGoodDb)
        return QColor(0xe0, 0xa8, 0x00);
    return QColor(0x2e, 0x9a, 0x4a);
}

} // namespace qs::widgets
