// The graph view on real models (widgets/graph/graph_view.h with app/gui/graph_view_data.h): ResNet-8 prepared as
// the workbench prepares it, with one layer kept FP32: every node drawn, every edge going down, no boxes
// overlapping, int8 / FP32 colours as layerFacts() says, the fused residual Add inside its convolution's frame, a
// dequantize marker on the edge into the FP32 layer, error badges, click and selection; what is drawn int8 is what
// the compiled engine stores as integers; real pretrained models (PP-HumanSeg, YuNet, PP-OCRv4 det at the
// --input-shape they need, road-segmentation) laid out without overlap (times printed); and the Graph dock in the
// window: tabbed behind the histogram, in step with the layer table both ways and redrawn on a configuration edit.
// With QS_GRAPH_SCREENSHOT_DIR set, the views are saved there as PNGs.
#include "app/gui/graph_view_data.h"
#include "app/gui/jobs/workbench_jobs.h"
#include "app/gui/panels/graph_panel.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/plot_docks.h"
#include "workbench_fixture.h"
#include "core/engine/engine.h"
#include "core/engine/prepared_model.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/ptq_config.h"
#include "core/quant/integer_flow.h"
#include "core/quant/layer_facts.h"
#include "core/quant/plan_builder.h"
#include "core/transforms/shape_inference.h"
#include "core/util/input_shape_spec.h"
#include "widgets/graph/graph_scene_items.h"
#include "widgets/graph/graph_view.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QPainter>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

#include <cmath>

using namespace qs;
using namespace qs::gui;
using namespace qs::widgets;

namespace {

const QString kResNet8 = QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx");
const std::string kFp32Layer = "/l2/c1/Conv"; // reads the first block's int8 output, feeds an int8 conv

std::shared_ptr<const Graph> preparedResNet8()
{
    Progress progress;
    return loadModel(kResNet8, progress).prepared;
}

template <typename Item>
std::vector<Item*> itemsOf(const GraphView& view)
{
    std::vector<Item*> found;
    for (QGraphicsItem* item : view.scene()->items())
        if (auto* cast = qgraphicsitem_cast<Item*>(item))
            found.push_back(cast);
    return found;
}

// Nodes drawn, edges downward, boxes and chain frames apart.
void verifyLayout(const GraphView& view, const GraphData& data)
{
    for (const GraphNode& node : data.nodes)
        QVERIFY2(view.nodeItem(node.name), qPrintable(node.name));
    QCOMPARE(itemsOf<GraphNodeItem>(view).size(), data.nodes.size());
    for (const GraphEdge& e : data.edges) {
        const QRectF from = view.nodeItem(data.nodes[static_cast<std::size_t>(e.from)].name)->sceneBox();
        const QRectF to = view.nodeItem(data.nodes[static_cast<std::size_t>(e.to)].name)->sceneBox();
        QVERIFY2(to.center().y() > from.center().y(), qPrintable(e.value));
    }
    const std::vector<GraphNodeItem*> nodes = itemsOf<GraphNodeItem>(view);
    for (std::size_t i = 0; i < nodes.size(); ++i)
        for (std::size_t j = i + 1; j < nodes.size(); ++j)
            QVERIFY2(!nodes[i]->sceneBox().intersects(nodes[j]->sceneBox()), qPrintable(nodes[i]->name() + " / " + nodes[j]->name()));
    for (GraphGroupItem* group : itemsOf<GraphGroupItem>(view))
        for (GraphNodeItem* node : nodes)
            if (view.groupOf(node->name()) != group->head())
                QVERIFY2(!group->frame().intersects(node->sceneBox()), qPrintable(group->head() + " / " + node->name()));
}

double distanceToPath(const QPainterPath& path, const QPointF& p)
{
    double best = 1e9;
    for (int i = 0; i <= 400; ++i) {
        const QPointF q = path.pointAtPercent(i / 400.0);
        best = std::min(best, std::hypot(q.x() - p.x(), q.y() - p.y()));
    }
    return best;
}

void saveScreenshot(GraphView& view, const QString& name)
{
    const QString dir = qEnvironmentVariable("QS_GRAPH_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QVERIFY(view.grab().save(dir + QLatin1Char('/') + name));
    qInfo("saved %s/%s", qPrintable(dir), qPrintable(name));
}

// The whole scene at 60 %, for looking at all of a large graph at a readable size.
void saveSceneImage(GraphView& view, const QString& name)
{
    const QString dir = qEnvironmentVariable("QS_GRAPH_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    const QRectF r = view.scene()->sceneRect();
    QImage image((r.size() * 0.6).toSize(), QImage::Format_ARGB32);
    image.fill(view.palette().color(QPalette::Base));
    QPainter painter(&image);
    view.scene()->render(&painter, QRectF(QPointF(0, 0), image.size()), r);
    painter.end();
    QVERIFY(image.save(dir + QLatin1Char('/') + name));
}

} // namespace

class TestGraphView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    void resnet8WithOneFp32Layer()
    {
        const auto prepared = preparedResNet8();
        const QuantizedLayerFn quantized = [](const Node& node) { return node.name != kFp32Layer; };
        const GraphData data = graphViewData(*prepared, quantized);
        QCOMPARE(data.nodes.size(), prepared->nodes.size() + prepared->inputs.size() + prepared->outputs.size());

        GraphView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setGraph(data);
        qInfo("ResNet-8: %zu nodes, %zu edges, layout %.2f ms", data.nodes.size(), data.edges.size(), view.lastLayoutMs());
        verifyLayout(view, data);

        // Colours follow layerFacts() for the same choice of layers.
        int int8 = 0;
        for (const LayerFacts& f : layerFacts(*prepared, quantized)) {
            const bool runsInt8 = f.node != kFp32Layer && f.fp32Reason.empty();
            const GraphNodeItem* item = view.nodeItem(QString::fromStdString(f.node));
            QCOMPARE(item->kind(), runsInt8 ? GraphNodeKind::Int8 : GraphNodeKind::Fp32Island);
            QCOMPARE(item->fillColor(), nodeFill(item->kind()));
            int8 += runsInt8 ? 1 : 0;
        }
        QVERIFY(int8 >= 8);
        const GraphNodeItem* fp32 = view.nodeItem(QString::fromStdString(kFp32Layer));
        QVERIFY(nodeFill(GraphNodeKind::Fp32Island) != nodeFill(GraphNodeKind::Int8));
        QVERIFY2(fp32->toolTip().contains(QLatin1String("kept FP32 by the configuration")), qPrintable(fp32->toolTip()));

        // The residual Add that runs inside /l1/c2/Conv (with its Relu) is inside that conv's frame.
        const Node* conv = prepared->findNode("/l1/c2/Conv");
        const FusedChain chain = integerLayerChain(*prepared, *conv);
        QVERIFY(chain.residualAdd && !chain.activations.empty());
        GraphGroupItem* frame = nullptr;
        for (GraphGroupItem* g : itemsOf<GraphGroupItem>(view))
            if (g->head() == QLatin1String("/l1/c2/Conv"))
                frame = g;
        QVERIFY(frame);
        for (const Node* member : {conv, chain.residualAdd, chain.activations.back()}) {
            QVERIFY(frame->frame().contains(view.nodeItem(QString::fromStdString(member->name))->sceneBox()));
            QCOMPARE(view.groupOf(QString::fromStdString(member->name)), QStringLiteral("/l1/c2/Conv"));
        }
        QCOMPARE(view.nodeItem(QString::fromStdString(chain.residualAdd->name))->kind(), GraphNodeKind::Int8);

        // A dequantize marker sits on the edge into the FP32 layer, a quantize marker on the edge out of it.
        const QString fp32Name = QString::fromStdString(kFp32Layer);
        int dequantize = 0, quantize = 0;
        for (GraphBorderMarkerItem* marker : itemsOf<GraphBorderMarkerItem>(view)) {
            const bool into = marker->to() == fp32Name, outOf = view.groupOf(marker->from()) == fp32Name; // from its fused Relu
            if (!into && !outOf)
                continue;
            QCOMPARE(marker->border(), into ? GraphBorder::Dequantize : GraphBorder::Quantize);
            for (GraphEdgeItem* edge : itemsOf<GraphEdgeItem>(view))
                if (edge->from() == marker->from() && edge->to() == marker->to())
                    QVERIFY2(distanceToPath(edge->path(), marker->pos()) < 1.0, qPrintable(marker->from() + " -> " + marker->to()));
            (into ? dequantize : quantize) += 1;
        }
        QCOMPARE(dequantize, 1);
        QCOMPARE(quantize, 1);
        // The model's input enters int8 at the first conv, the logits leave it at the output.
        int borders = 0;
        for (const GraphEdge& e : data.edges)
            borders += e.border != GraphBorder::None ? 1 : 0;
        QCOMPARE(static_cast<int>(itemsOf<GraphBorderMarkerItem>(view).size()), borders);
        QVERIFY(borders >= 4);

        // Error badges: the dB in the tooltip, the colour from the scale.
        view.setLayerErrors({{QStringLiteral("/l1/c1/Conv"), 14.2}, {QStringLiteral("/l1/c2/Conv"), 24.0}, {QStringLiteral("/l3/c2/Conv"), 36.5}});
        QCOMPARE(view.nodeItem(QStringLiteral("/l1/c1/Conv"))->errorDb(), std::optional<double>(14.2));
        QVERIFY(view.nodeItem(QStringLiteral("/l3/c2/Conv"))->toolTip().contains(QLatin1String("36.5 dB")));
        QVERIFY(!view.nodeItem(fp32Name)->errorDb());
        QCOMPARE(errorColor(14.2), errorColor(0.0));
        QVERIFY(errorColor(14.2) != errorColor(24.0) && errorColor(24.0) != errorColor(36.5));

        // A click on a node says which; selectNode() highlights one node only and brings it into view.
        const QString target = QStringLiteral("/l3/c1/Conv");
        view.centerOn(view.nodeItem(target));
        QSignalSpy clicked(&view, &GraphView::nodeClicked);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(view.nodeItem(target)->sceneBox().center()));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), target);
        QVERIFY(view.nodeItem(target)->isHighlighted());
        const QString input = data.nodes.front().name;
        view.selectNode(input);
        QVERIFY(view.nodeItem(input)->isHighlighted() && !view.nodeItem(target)->isHighlighted());
        QVERIFY(view.viewport()->rect().contains(view.mapFromScene(view.nodeItem(input)->sceneBox().center())));
        view.selectNode(QString::fromStdString(chain.residualAdd->name));
        saveScreenshot(view, QStringLiteral("graph_resnet8.png"));
        view.fitToView();
        saveScreenshot(view, QStringLiteral("graph_resnet8_fit.png"));

        // A configuration edit keeps the layout, the zoom and the highlight; only the colours change.
        const double zoom = view.zoom();
        const QPointF before = view.nodeItem(fp32Name)->scenePos();
        view.setGraph(graphViewData(*prepared));
        QCOMPARE(view.nodeItem(fp32Name)->kind(), GraphNodeKind::Int8);
        QCOMPARE(view.nodeItem(fp32Name)->scenePos(), before);
        QCOMPARE(view.zoom(), zoom);
        QVERIFY(view.nodeItem(QString::fromStdString(chain.residualAdd->name))->isHighlighted());
        QVERIFY(itemsOf<GraphBorderMarkerItem>(view).size() < static_cast<std::size_t>(borders));
    }

    // What the view calls int8 beyond the layers (pooling, Flatten, an unfused Add) stores integers in the compiled
    // model: asked of the engine (CompiledModel::integerQuantization()), with the same layer kept FP32.
    void int8NodesStoreIntegers()
    {
        Progress progress;
        const LoadedModel loaded = loadModel(kResNet8, progress);
        DatasetSelection selection;
        selection.calibrationSamples = 64;
        const Calibration calibration = calibrateStats(*loaded.model, selection, kResNet8, progress);
        std::vector<LayerConfig> configs(loaded.layers.size());
        for (std::size_t i = 0; i < configs.size(); ++i)
            configs[i].noQuant = loaded.layers[i].name.toStdString() == kFp32Layer;
        EngineOptions options;
        options.quantization = buildPlan(calibration, toPtqConfig(loaded.layers, configs));
        InputShapes shapes;
        shapes.batch = 1;
        const auto stored = CompiledModel::compile(*loaded.graph, shapes, options)->integerQuantization();

        const GraphData data = graphViewData(*loaded.prepared, quantizedByTable(loaded.layers, configs));
        int checked = 0;
        for (const GraphNode& node : data.nodes) {
            const Node* n = loaded.prepared->findNode(node.name.toStdString());
            if (!n || node.kind != GraphNodeKind::Int8 || !node.group.isEmpty() || quantTraitsOf(*n).role == QuantRole::IntegerLayer)
                continue;
            QVERIFY2(stored.count(n->outputs[0]), qPrintable(node.name + " is drawn int8, but the engine does not store its output as integers"));
            ++checked;
        }
        qInfo("%d pass-through / requantizing nodes checked", checked);
        QVERIFY(checked >= 2); // GlobalAveragePool and Flatten
    }

    // Real pretrained models, prepared at the shape they were made for (as --input-shape gives it).
    void realModelLaysOutCleanly_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("shape");
        QTest::newRow("pphumanseg") << QStringLiteral("pphumanseg_lite_portrait_398x224.onnx") << QStringLiteral("1x3x224x398");
        QTest::newRow("yunet") << QStringLiteral("yunet_n_dynamic.onnx") << QStringLiteral("1x3x320x320");
        QTest::newRow("ppocr_det") << QStringLiteral("ch_PP-OCRv4_det_infer.onnx") << QStringLiteral("1x3x640x640");
        QTest::newRow("road") << QStringLiteral("road_segmentation_adas_0001.onnx") << QStringLiteral("1x512x896x3");
    }

    void realModelLaysOutCleanly()
    {
        QFETCH(QString, file);
        QFETCH(QString, shape);
        const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(QS_TEST_DATA_DIR "/realmodels/" + file.toStdString())));
        const auto prepared = model.graph(inputShapesFrom(model.source(), {parseInputShapeSpec(shape.toStdString())}));
        QElapsedTimer timer;
        timer.start();
        const GraphData data = graphViewData(*prepared);
        const double dataMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

        GraphView view;
        view.resize(1000, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        timer.restart();
        view.setGraph(data);
        const double setMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        int int8 = 0, islands = 0, groups = static_cast<int>(itemsOf<GraphGroupItem>(view).size());
        for (const GraphNode& node : data.nodes) {
            int8 += node.kind == GraphNodeKind::Int8 ? 1 : 0;
            islands += node.kind == GraphNodeKind::Fp32Island ? 1 : 0;
        }
        qInfo("%s: %zu nodes (%d int8, %d FP32 islands, %d fused chains), %zu edges; data %.1f ms, layout %.1f ms, setGraph %.1f ms; scene "
              "%.0f x %.0f",
              qPrintable(file), data.nodes.size(), int8, islands, groups, data.edges.size(), dataMs, view.lastLayoutMs(), setMs,
              view.scene()->sceneRect().width(), view.scene()->sceneRect().height());
        QVERIFY(int8 > 0);
        verifyLayout(view, data);

        // What is drawn int8 beyond the layers stores integers when this model is compiled for int8 (ranges do
        // not matter for which values do).
        EngineOptions options;
        options.quantization = std::make_shared<const QuantizationPlan>(buildQuantizationPlan(
            *prepared, [](const Node&) { return std::optional<LayerQuantSettings>(LayerQuantSettings{}); },
            [](const std::string&, const Node&, const LayerQuantSettings&) { return ValueRange{-1.0f, 1.0f}; }));
        const auto stored = CompiledModel::compilePrepared(prepared, options)->integerQuantization();
        int checked = 0;
        for (const GraphNode& node : data.nodes) {
            const Node* n = prepared->findNode(node.name.toStdString());
            if (!n || node.kind != GraphNodeKind::Int8 || !node.group.isEmpty() || quantTraitsOf(*n).role == QuantRole::IntegerLayer)
                continue;
            QVERIFY2(stored.count(n->outputs[0]), qPrintable(node.name + " is drawn int8, but the engine does not store its output as integers"));
            ++checked;
        }
        qInfo("%d int8 pass-through / requantizing nodes store integers in the compiled model", checked);
        saveScreenshot(view, QStringLiteral("graph_%1.png").arg(QTest::currentDataTag()));
        saveSceneImage(view, QStringLiteral("graph_%1_scene.png").arg(QTest::currentDataTag()));
        view.fitToView();
        saveScreenshot(view, QStringLiteral("graph_%1_fit.png").arg(QTest::currentDataTag()));
    }

    // The Graph dock: behind the histogram by default, in step with the table both ways, redrawn on an edit.
    void dockFollowsTheTable()
    {
        MainWindow window;
        window.setAskToSave(false);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(testing::loadModel(window, kResNet8));
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("graphDock"));
        QVERIFY(dock);
        QVERIFY(window.tabifiedDockWidgets(window.findChild<QDockWidget*>(QStringLiteral("histogramDock"))).contains(dock));
        QVERIFY(window.plots()->histogramPanel()->isVisible());
        GraphView* view = window.findChild<GraphView*>(QStringLiteral("graphView"));
        QVERIFY(view);
        LayerTableModel* table = window.workbench()->layers();
        QTRY_VERIFY(view->nodeItem(QStringLiteral("/l1/c1/Conv")));

        // Table -> graph.
        QTableView* rows = window.layerPanel()->view();
        rows->selectRow(window.layerPanel()->proxy()->mapFromSource(table->index(table->rowOf(QStringLiteral("/l2/c2/Conv")), 0)).row());
        QCOMPARE(view->highlightedNode(), QStringLiteral("/l2/c2/Conv"));

        // Graph -> table, also from a node fused into a layer.
        dock->raise();
        QTRY_VERIFY(view->isVisible());
        auto click = [&](const QString& node) {
            view->centerOn(view->nodeItem(node));
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(view->nodeItem(node)->sceneBox().center()));
        };
        auto currentLayer = [&] { return table->layers()[static_cast<std::size_t>(window.layerPanel()->proxy()->mapToSource(rows->currentIndex()).row())].name; };
        click(QStringLiteral("/l3/c1/Conv"));
        QCOMPARE(currentLayer(), QStringLiteral("/l3/c1/Conv"));
        const QString fusedRelu = view->graph().nodes[static_cast<std::size_t>(
                                                          std::find_if(view->graph().nodes.begin(), view->graph().nodes.end(),
                                                                       [](const GraphNode& n) { return n.group == QLatin1String("/l1/c1/Conv") && n.opType == QLatin1String("Relu"); }) -
                                                          view->graph().nodes.begin())]
                                      .name;
        click(fusedRelu);
        QCOMPARE(currentLayer(), QStringLiteral("/l1/c1/Conv"));
        QCOMPARE(view->highlightedNode(), QStringLiteral("/l1/c1/Conv"));

        // An edit (no quant on a layer) redraws it as an FP32 island.
        QCOMPARE(view->nodeItem(QStringLiteral("/l2/c1/Conv"))->kind(), GraphNodeKind::Int8);
        QVERIFY(table->setDataForRows({table->rowOf(QStringLiteral("/l2/c1/Conv"))}, LayerTableModel::NoQuant, true));
        QTRY_COMPARE(view->nodeItem(QStringLiteral("/l2/c1/Conv"))->kind(), GraphNodeKind::Fp32Island);
        saveScreenshot(*view, QStringLiteral("graph_dock.png"));
    }
};

QTEST_MAIN(TestGraphView)
#include "test_graph_view.moc"
