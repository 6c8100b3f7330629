#pragma once
// The model as a graph, top-down, with its quantization drawn over it: each node a box (op type, name, input
// shape) tinted by how it runs (int8, FP32 island with its reason in the tooltip, other FP32 operators), each
// fused chain (Conv+Add+Relu) one framed unit, a Q / DQ marker where a value crosses between FP32 and int8, and
// a per-layer error badge coloured by its dB. Layout: graph_layout.h, with a fused chain laid out as one box.
// Ctrl+wheel zooms, dragging pans, F fits the graph in view, 1 shows it at 100 %; the legend can be hidden (it
// covers a corner of a small dock). A click on a node emits
// nodeClicked(name); selectNode() highlights a node and centres it.

#include "widgets/graph/graph_data.h"
#include "widgets/graph/graph_layout.h"

#include <QGraphicsView>
#include <QMap>

#include <map>
#include <vector>

class QToolButton;

namespace qs::widgets {

class GraphLegend;
class GraphNodeItem;

class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(QWidget* parent = nullptr);
    ~GraphView() override;

    // Draws `graph`. The layout is computed again only when the structure changed (nodes, their texts and chains,
    // edges); otherwise, as after a configuration edit, only the colours and markers change and the zoom and
    // scroll position stay. The highlighted node stays highlighted while it exists.
    void setGraph(const GraphData& graph);
    // No graph: `message` in the middle.
    void clear(const QString& message = {});
    const GraphData& graph() const { return m_graph; }
    // Per-layer error in dB by node name (a badge on the node, the value in its tooltip); replaces the last map.
    void setLayerErrors(const QMap<QString, double>& errorDb);

    GraphNodeItem* nodeItem(const QString& name) const;
    QString highlightedNode() const { return m_highlighted; }
    // The first node of the fused chain `name` runs in ("" when it runs alone): the layer a click on a fused Relu means.
    QString groupOf(const QString& name) const;
    double zoom() const;
    double lastLayoutMs() const { return m_layoutMs; } // time of the last layout computation

public slots:
    void selectNode(const QString& name); // "" or an unknown name: no highlight
    void fitToView();
    void zoomBy(double factor);
    void showActualSize();

signals:
    void nodeClicked(const QString& name);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Unit; // one box of the layout: a node, or a fused chain stacked in one frame
    std::vector<Unit> units() const;
    void rebuildScene();
    void addEdges(const std::vector<Unit>& units, const std::vector<int>& unitOf, const GraphLayout& layout);
    QString tooltip(const GraphNode& node) const;
    QString title(const GraphNode& node) const;
    void applyErrors();
    void frameInitially();
    void placeOverlays();

    GraphData m_graph;
    QMap<QString, double> m_errors;
    QString m_highlighted;
    QString m_message;
    std::map<QString, GraphNodeItem*> m_nodeItems;
    // The last layout and what it was computed for.
    std::vector<QString> m_layoutKey;
    GraphLayout m_layout;
    double m_layoutMs = 0.0;
    bool m_frameWhenShown = false;
    bool m_autoFramed = false; // framed by frameInitially() and not zoomed or panned since: framed again on resize
    QPoint m_pressPos;
    GraphLegend* m_legend;
    QToolButton* m_fit;
    QToolButton* m_actualSize;
    QToolButton* m_legendButton; // shows or hides the legend
};

} // namespace qs::widgets
