#pragma once
// The items the graph view puts in its scene: a node box (op type, name, input shape; fill by how it runs; an
// error badge; a highlight when selected), the frame around a fused chain, an edge (a curve through the layers
// with an arrowhead) and the small Q / DQ marker where a value crosses between FP32 and int8. Each has its own
// item type, so tests and the view find them with qgraphicsitem_cast. Texts come in translated from the view.

#include "widgets/graph/graph_data.h"
#include "widgets/graph/graph_style.h"

#include <QGraphicsItem>
#include <QGraphicsPathItem>

#include <optional>

namespace qs::widgets {

class GraphNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 701 };
    // `title`: the op type (or "Input"/"Output"); the box is sized to the texts (see boxSize()).
    GraphNodeItem(const GraphNode& node, const QString& title, const GraphFonts& fonts);

    static QSizeF boxSize(const QString& title, const QString& name, const QString& shape, const GraphFonts& fonts);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const QString& name() const { return m_name; }
    GraphNodeKind kind() const { return m_kind; }
    QColor fillColor() const { return nodeFill(m_kind); }
    // The box in scene coordinates (without badge and highlight).
    QRectF sceneBox() const { return mapRectToScene(m_box); }
    QRectF box() const { return m_box; } // in item coordinates, centred on (0, 0)

    void setHighlighted(bool on);
    bool isHighlighted() const { return m_highlighted; }
    void setErrorDb(std::optional<double> db);
    std::optional<double> errorDb() const { return m_errorDb; }

private:
    QRectF badgeRect() const;

    QString m_name, m_title, m_elidedName, m_shape;
    GraphNodeKind m_kind;
    GraphFonts m_fonts;
    QRectF m_box;
    bool m_highlighted = false;
    std::optional<double> m_errorDb;
};

class GraphGroupItem : public QGraphicsItem {
public:
    enum { Type = UserType + 702 };
    GraphGroupItem(const QString& head, const QRectF& rect, GraphNodeKind kind);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    const QString& head() const { return m_head; }
    QRectF frame() const { return m_rect; }

private:
    QString m_head;
    QRectF m_rect;
    GraphNodeKind m_kind;
};

class GraphEdgeItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 703 };
    // `path` ends at the consumer; the arrowhead points along its last direction.
    GraphEdgeItem(const QString& from, const QString& to, const QPainterPath& path, const QColor& color);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override; // the stroke only (not the area the curve encloses), for its tooltip
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    const QString& from() const { return m_from; }
    const QString& to() const { return m_to; }

private:
    QString m_from, m_to;
    QPolygonF m_arrow;
};

class GraphBorderMarkerItem : public QGraphicsItem {
public:
    enum { Type = UserType + 704 };
    GraphBorderMarkerItem(GraphBorder border, const QString& from, const QString& to, const GraphFonts& fonts);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    GraphBorder border() const { return m_border; }
    const QString& from() const { return m_from; }
    const QString& to() const { return m_to; }
    static QString label(GraphBorder border); // "Q" or "DQ"

private:
    GraphBorder m_border;
    QString m_from, m_to;
    QFont m_font;
    QRectF m_rect;
};

// A curve through a layout route: vertical tangents where it leaves a box and where it meets the next, straight
// where it passes a layer. `sideEntry`: the last point is on a box's side, reached horizontally.
QPainterPath edgePath(const std::vector<QPointF>& route, bool sideEntry = false);

} // namespace qs::widgets
