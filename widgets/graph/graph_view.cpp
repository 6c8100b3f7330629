#include "widgets/graph/graph_view.h"

#include "widgets/graph/graph_legend.h"
#include "widgets/graph/graph_scene_items.h"
#include "widgets/graph/graph_style.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolButton>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace qs::widgets {

namespace {
constexpr double kGroupPad = 7.0;  // between a fused chain's frame and its boxes
constexpr double kChainGap = 16.0; // between two boxes of a chain (room for the arrow)
constexpr double kMinZoom = 0.03, kMaxZoom = 4.0;
constexpr double kSceneMargin = 40.0;
} // namespace

struct GraphView::Unit {
    std::vector<int> members; // node indices, in chain order
    QSizeF size;
};

GraphView::GraphView(QWidget* parent)
    : QGraphicsView(parent), m_legend(new GraphLegend(this)), m_fit(new QToolButton(this)), m_actualSize(new QToolButton(this)),
      m_legendButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("graphView"));
    setScene(new QGraphicsScene(this));
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setBackgroundBrush(palette().color(QPalette::Base));
    m_fit->setObjectName(QStringLiteral("graphFitButton"));
    m_actualSize->setObjectName(QStringLiteral("graphActualSizeButton"));
    connect(m_fit, &QToolButton::clicked, this, &GraphView::fitToView);
    connect(m_actualSize, &QToolButton::clicked, this, &GraphView::showActualSize);
    m_legendButton->setObjectName(QStringLiteral("graphLegendButton"));
    m_legendButton->setCheckable(true);
    m_legendButton->setChecked(true);
    connect(m_legendButton, &QToolButton::toggled, m_legend, &QWidget::setVisible);
    changeEvent(nullptr); // texts
    clear();
}

GraphView::~GraphView() = default;

void GraphView::clear(const QString& message)
{
    m_graph = {};
    m_message = message;
    m_layoutKey.clear();
    rebuildScene();
}

void GraphView::setGraph(const GraphData& graph)
{
    m_graph = graph;
    m_message.clear();
    rebuildScene();
}

void GraphView::setLayerErrors(const QMap<QString, double>& errorDb)
{
    m_errors = errorDb;
    applyErrors();
}

GraphNodeItem* GraphView::nodeItem(const QString& name) const
{
    const auto it = m_nodeItems.find(name);
    return it == m_nodeItems.end() ? nullptr : it->second;
}

QString GraphView::groupOf(const QString& name) const
{
    for (const GraphNode& node : m_graph.nodes)
        if (node.name == name)
            return node.group;
    return {};
}

double GraphView::zoom() const { return transform().m11(); }

QString GraphView::title(const GraphNode& node) const
{
    switch (node.kind) {
    case GraphNodeKind::Input:
        return tr("Input");
    case GraphNodeKind::Output:
        return tr("Output");
    default:
        return node.opType;
    }
}

QString GraphView::tooltip(const GraphNode& node) const
{
    QStringList lines{QStringLiteral("<b>%1</b> %2").arg(title(node).toHtmlEscaped(), node.name.toHtmlEscaped())};
    const bool terminal = node.kind == GraphNodeKind::Input || node.kind == GraphNodeKind::Output;
    if (!node.inputShape.isEmpty())
        lines << (terminal ? tr("shape %1") : tr("input %1")).arg(node.inputShape);
    if (node.kind == GraphNodeKind::Int8)
        lines << tr("runs int8");
    else if (node.kind == GraphNodeKind::Fp32Island)
        lines << tr("FP32 island: %1").arg(node.fp32Reason.toHtmlEscaped());
    else if (!terminal)
        lines << tr("runs FP32");
    if (!node.fusedOps.isEmpty())
        lines << tr("fuses %1").arg(node.fusedOps.toHtmlEscaped());
    if (const auto error = m_errors.find(node.name); error != m_errors.end())
        lines << tr("error %1 dB").arg(*error, 0, 'f', 1);
    return lines.join(QStringLiteral("<br>"));
}

std::vector<GraphView::Unit> GraphView::units() const
{
    std::vector<Unit> units;
    for (int i = 0; i < static_cast<int>(m_graph.nodes.size()); ++i) {
        const GraphNode& node = m_graph.nodes[static_cast<std::size_t>(i)];
        const bool joins = !node.group.isEmpty() && node.group != node.name && !units.empty() &&
                           m_graph.nodes[static_cast<std::size_t>(units.back().members.front())].name == node.group;
        if (joins)
            units.back().members.push_back(i);
        else
            units.push_back({{i}, {}});
    }
    return units;
}

void GraphView::rebuildScene()
{
    QGraphicsScene* s = scene();
    s->clear();
    m_nodeItems.clear();
    if (m_graph.nodes.empty()) {
        auto* text = s->addSimpleText(m_message);
        text->setBrush(palette().color(QPalette::PlaceholderText));
        s->setSceneRect(text->boundingRect().adjusted(-20, -20, 20, 20));
        for (QWidget* overlay : std::initializer_list<QWidget*>{m_legend, m_fit, m_actualSize, m_legendButton})
            overlay->hide();
        return;
    }
    for (QWidget* overlay : std::initializer_list<QWidget*>{m_fit, m_actualSize, m_legendButton})
        overlay->show();
    m_legend->setVisible(m_legendButton->isChecked());

    // One layout box per unit; a chain's boxes are stacked inside its frame.
    const GraphFonts fonts = graphFonts(font());
    std::vector<Unit> units = this->units();
    std::vector<int> unitOf(m_graph.nodes.size());
    std::vector<QSizeF> boxes(m_graph.nodes.size());
    std::vector<LayoutSize> sizes;
    std::vector<QString> key{font().toString()};
    for (std::size_t u = 0; u < units.size(); ++u) {
        double width = 0.0, height = 0.0;
        for (int m : units[u].members) {
            const GraphNode& node = m_graph.nodes[static_cast<std::size_t>(m)];
            unitOf[static_cast<std::size_t>(m)] = static_cast<int>(u);
            boxes[static_cast<std::size_t>(m)] = GraphNodeItem::boxSize(title(node), node.name, node.inputShape, fonts);
            width = std::max(width, boxes[static_cast<std::size_t>(m)].width());
            height += boxes[static_cast<std::size_t>(m)].height();
            key.push_back(node.name + QChar(0x1f) + title(node) + QChar(0x1f) + node.inputShape + QChar(0x1f) + node.group);
        }
        if (units[u].members.size() > 1) {
            width += 2 * kGroupPad;
            height += 2 * kGroupPad + kChainGap * static_cast<double>(units[u].members.size() - 1);
        }
        units[u].size = QSizeF(width, height);
        sizes.push_back({width, height});
    }
    std::vector<std::pair<int, int>> layoutEdges;
    for (const GraphEdge& e : m_graph.edges) {
        key.push_back(QStringLiteral("%1>%2").arg(e.from).arg(e.to));
        const int from = unitOf[static_cast<std::size_t>(e.from)], to = unitOf[static_cast<std::size_t>(e.to)];
        if (from != to)
            layoutEdges.emplace_back(from, to);
    }
    const bool newStructure = key != m_layoutKey;
    if (newStructure) {
        QElapsedTimer timer;
        timer.start();
        m_layout = layoutLayeredGraph(sizes, layoutEdges);
        m_layoutMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        m_layoutKey = key;
    }

    for (std::size_t u = 0; u < units.size(); ++u) {
        const LayoutPoint c = m_layout.centers[u];
        const QRectF frame(c.x - units[u].size.width() / 2.0, c.y - units[u].size.height() / 2.0, units[u].size.width(), units[u].size.height());
        const bool grouped = units[u].members.size() > 1;
        const GraphNode& head = m_graph.nodes[static_cast<std::size_t>(units[u].members.front())];
        if (grouped) {
            auto* group = new GraphGroupItem(head.name, frame, head.kind);
            group->setToolTip(tr("%1 runs as one layer: %2").arg(head.name.toHtmlEscaped(), head.fusedOps.toHtmlEscaped()));
            s->addItem(group);
        }
        double y = frame.top() + (grouped ? kGroupPad : 0.0);
        for (int m : units[u].members) {
            const GraphNode& node = m_graph.nodes[static_cast<std::size_t>(m)];
            auto* item = new GraphNodeItem(node, title(node), fonts);
            item->setPos(c.x, y + boxes[static_cast<std::size_t>(m)].height() / 2.0);
            y += boxes[static_cast<std::size_t>(m)].height() + kChainGap;
            s->addItem(item);
            m_nodeItems[node.name] = item;
        }
    }
    addEdges(units, unitOf, m_layout);
    s->setSceneRect(QRectF(0, 0, m_layout.width, m_layout.height).adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin));
    applyErrors();
    if (GraphNodeItem* item = nodeItem(m_highlighted))
        item->setHighlighted(true);
    if (newStructure)
        frameInitially();
}

void GraphView::addEdges(const std::vector<Unit>& units, const std::vector<int>& unitOf, const GraphLayout& layout)
{
    const GraphFonts fonts = graphFonts(font());
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.55);
    std::size_t route = 0;
    for (const GraphEdge& e : m_graph.edges) {
        const GraphNode &from = m_graph.nodes[static_cast<std::size_t>(e.from)], &to = m_graph.nodes[static_cast<std::size_t>(e.to)];
        const GraphNodeItem *fromItem = nodeItem(from.name), *toItem = nodeItem(to.name);
        const int fromUnit = unitOf[static_cast<std::size_t>(e.from)], toUnit = unitOf[static_cast<std::size_t>(e.to)];
        std::vector<QPointF> points;
        bool side = false;
        if (fromUnit == toUnit) { // within a fused chain: straight down to the next box
            const QRectF a = fromItem->sceneBox(), b = toItem->sceneBox();
            points = {QPointF(a.center().x(), a.bottom()), QPointF(b.center().x(), b.top())};
        } else {
            for (const LayoutPoint& p : layout.routes[route])
                points.emplace_back(p.x, p.y);
            ++route;
            const std::vector<int>& members = units[static_cast<std::size_t>(toUnit)].members;
            if (members.front() != e.to && points.size() >= 2) {
                // Into a later box of a chain (the residual of a fused Add): around the frame, into the box's side.
                const QRectF box = toItem->sceneBox();
                const QPointF top = points.back();
                const double frameHalf = units[static_cast<std::size_t>(toUnit)].size.width() / 2.0;
                const bool left = points[points.size() - 2].x() <= box.center().x();
                points.pop_back();
                points.emplace_back(box.center().x() + (left ? -1 : 1) * (frameHalf + 12.0), top.y() - 4.0);
                points.emplace_back(left ? box.left() : box.right(), box.center().y());
                side = true;
            }
        }
        if (points.size() < 2)
            continue;
        const QPainterPath path = edgePath(points, side);
        auto* edge = new GraphEdgeItem(from.name, to.name, path, color);
        edge->setToolTip(e.value.toHtmlEscaped());
        scene()->addItem(edge);
        if (e.border == GraphBorder::None)
            continue;
        // Near the reader, where the conversion happens.
        auto* marker = new GraphBorderMarkerItem(e.border, from.name, to.name, fonts);
        const double length = path.length();
        marker->setPos(path.pointAtPercent(path.percentAtLength(length > 48.0 ? length - 24.0 : length / 2.0)));
        marker->setToolTip((e.border == GraphBorder::Quantize ? tr("Quantize: %1 enters int8 here") : tr("Dequantize: %1 leaves int8 here"))
                               .arg(e.value.toHtmlEscaped()));
        scene()->addItem(marker);
    }
}

void GraphView::applyErrors()
{
    for (const GraphNode& node : m_graph.nodes) {
        GraphNodeItem* item = nodeItem(node.name);
        if (!item)
            continue;
        const auto error = m_errors.find(node.name);
        item->setErrorDb(error == m_errors.end() ? std::nullopt : std::optional<double>(*error));
        item->setToolTip(tooltip(node));
    }
}

void GraphView::selectNode(const QString& name)
{
    if (name == m_highlighted && (name.isEmpty() || (nodeItem(name) && nodeItem(name)->isHighlighted())))
        return;
    if (GraphNodeItem* old = nodeItem(m_highlighted))
        old->setHighlighted(false);
    m_highlighted = name;
    if (GraphNodeItem* item = nodeItem(name)) {
        item->setHighlighted(true);
        centerOn(item);
    }
}

void GraphView::fitToView()
{
    m_autoFramed = false;
    if (scene()->sceneRect().isEmpty())
        return;
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
}

void GraphView::showActualSize()
{
    m_autoFramed = false;
    const QPointF center = mapToScene(viewport()->rect().center());
    resetTransform();
    centerOn(center);
}

void GraphView::zoomBy(double factor)
{
    m_autoFramed = false;
    const double now = zoom();
    const double next = std::clamp(now * factor, kMinZoom, kMaxZoom);
    if (now > 0.0)
        scale(next / now, next / now);
}

// A new graph: whole when it is readable that way (60 % or more), otherwise as wide as the view allows (at least
// half size) from the top, or centred on the highlighted node.
void GraphView::frameInitially()
{
    if (!isVisible() || viewport()->width() < 50 || viewport()->height() < 50) {
        m_frameWhenShown = true;
        return;
    }
    m_frameWhenShown = false;
    m_autoFramed = true;
    const QRectF r = scene()->sceneRect();
    const double vw = viewport()->width(), vh = viewport()->height();
    const double whole = std::min(vw / r.width(), vh / r.height());
    resetTransform();
    if (whole >= 0.6) {
        const double z = std::min(1.0, whole);
        scale(z, z);
        centerOn(r.center());
        return;
    }
    const double z = std::clamp(vw / r.width(), 0.5, 1.0);
    scale(z, z);
    if (GraphNodeItem* item = nodeItem(m_highlighted))
        centerOn(item);
    else
        centerOn(r.center().x(), r.top() + vh / (2.0 * z));
}

void GraphView::placeOverlays()
{
    const QRect area = viewport()->geometry();
    m_legend->adjustSize();
    m_legend->move(area.left() + 8, area.bottom() - m_legend->height() - 8);
    int right = area.right() - 8;
    for (QToolButton* button : {m_legendButton, m_actualSize, m_fit}) {
        button->adjustSize();
        button->move(right - button->width(), area.top() + 8);
        right = button->x() - 4;
    }
}

void GraphView::wheelEvent(QWheelEvent* event)
{
    m_autoFramed = false;
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void GraphView::mousePressEvent(QMouseEvent* event)
{
    m_pressPos = event->pos();
    QGraphicsView::mousePressEvent(event);
}

// A click (not the end of a drag) on a node: highlight it here and say so; the caller selects its layer.
void GraphView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    if ((event->pos() - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_autoFramed = false; // panned
        return;
    }
    for (QGraphicsItem* item : items(event->pos())) {
        if (auto* node = qgraphicsitem_cast<GraphNodeItem*>(item)) {
            if (GraphNodeItem* old = nodeItem(m_highlighted))
                old->setHighlighted(false);
            m_highlighted = node->name();
            node->setHighlighted(true);
            emit nodeClicked(node->name());
            return;
        }
    }
}

void GraphView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_F:
        fitToView();
        return;
    case Qt::Key_1:
        showActualSize();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(0.8);
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void GraphView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    placeOverlays();
    if (m_frameWhenShown || m_autoFramed)
        frameInitially();
}

void GraphView::showEvent(QShowEvent* event)
{
    QGraphicsView::showEvent(event);
    placeOverlays();
    if (m_frameWhenShown)
        frameInitially();
}

void GraphView::changeEvent(QEvent* event)
{
    if (!event || event->type() == QEvent::LanguageChange) {
        m_fit->setText(tr("Fit"));
        m_fit->setToolTip(tr("Show the whole graph (F); Ctrl+wheel zooms, dragging pans"));
        m_actualSize->setText(tr("100 %"));
        m_actualSize->setToolTip(tr("Actual size (1)"));
        m_legendButton->setText(tr("Legend"));
        m_legendButton->setToolTip(tr("Show or hide the legend"));
    }
    if (!event)
        return;
    if (event->type() == QEvent::PaletteChange)
        setBackgroundBrush(palette().color(QPalette::Base));
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        rebuildScene();
    QGraphicsView::changeEvent(event);
}

} // namespace qs::widgets
