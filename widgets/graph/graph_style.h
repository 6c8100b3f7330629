#pragma once
// The graph view's look in one place, shared by its items and its legend: a fill and an outline per kind of
// node (int8 green, FP32 islands grey-red, other operators neutral), the colour of a quantize / dequantize
// marker, and the colour scale of a layer's error (red below 20 dB, amber to 30 dB, green above). Node boxes
// keep their light fills on a dark palette too, with dark text, so the colours mean the same everywhere.

#include "widgets/graph/graph_data.h"

#include <QColor>
#include <QFont>

namespace qs::widgets {

inline constexpr double kErrorPoorDb = 20.0; // below: red
inline constexpr double kErrorGoodDb = 30.0; // above: green; in between: amber

struct GraphFonts {
    QFont title;  // the op type, bold
    QFont detail; // name and shape, smaller
    QFont badge;  // markers and error badges
};
GraphFonts graphFonts(const QFont& base);

QColor nodeFill(GraphNodeKind kind);
QColor nodeOutline(GraphNodeKind kind);
QColor nodeText();       // on any node fill
QColor nodeDetailText(); // name and shape lines
QColor groupOutline(GraphNodeKind kind); // the frame of a fused chain, by the kind of its first node
QColor borderColor(GraphBorder border);  // quantize / dequantize marker
QColor errorColor(double db);

} // namespace qs::widgets
