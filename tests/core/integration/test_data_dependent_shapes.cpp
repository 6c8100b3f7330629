// Values whose shape is known only at run time: a detector's post-processing after NonMaxSuppression (the number of
// selected boxes depends on the scores). Inference gives such a dim as -1; both plans run the nodes that make or read
// such values (or integers) on tensors of the run, outputs report the run's shape, and fidelity compares a
// data-dependent output only where FP32 and the quantized run agree on its shape, and says so of integer outputs.
#include "core/data/random_dataset.h"
#include "core/engine/prepared_model.h"
#include "core/eval/fidelity.h"
#include "core/ops/op.h"
#include "core/util/error.h"

#include "../synthetic_graph.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace qs;
using qs::testing::makeNode;

namespace {

constexpr int64_t kClasses = 2, kBoxes = 8;

// x [1, 1, 4 + classes, boxes] -> boxes [1, boxes, 4] (rows 0-3, transposed) and scores [1, classes, boxes] (the other
// rows) -> NonMaxSuppression (3 per class, IoU 0.3, score > 0) -> "selected" [?, 3] int64 and
// "detections" [?, 6] = (class, score, box) as floats, the way YOLOX's TF post-processing builds its output.
Graph detectorTail()
{
    Graph g;
    g.name = "nms";
    g.opsetVersion = 13;
    g.inputs.push_back(ValueInfo{"x", DataType::Float32, {1, 1, 4 + kClasses, kBoxes}, {}, true});
    auto constant = [&](const std::string& name, Tensor t) { g.initializers[name] = std::move(t); };
    auto ints = [](std::vector<int64_t> v) { return Tensor::fromInt64({static_cast<int64_t>(v.size())}, v); };
    constant("rows", ints({1, 4 + kClasses, kBoxes}));
    constant("zero", ints({0}));
    constant("four", ints({4}));
    constant("end", ints({4 + kClasses}));
    constant("one", ints({1}));
    constant("two", ints({2}));
    constant("three", ints({3}));
    constant("max", Tensor::fromInt64({1}, std::vector<int64_t>{3}));
    constant("iou", Tensor::fromFloats({1}, std::vector<float>{0.3f}));
    constant("score", Tensor::fromFloats({1}, std::vector<float>{0.0f}));
    constant("column", ints({-1, 1}));
    constant("batchAndBox", ints({0, 2}));
    g.nodes.push_back(makeNode("flat", "Reshape", {"x", "rows"}, {"r"}));
    g.nodes.push_back(makeNode("boxRows", "Slice", {"r", "zero", "four", "one"}, {"br"}));
    Node transpose = makeNode("boxes", "Transpose", {"br"}, {"boxes"});
    transpose.attributes.set("perm", std::vector<int64_t>{0, 2, 1});
    g.nodes.push_back(transpose);
    g.nodes.push_back(makeNode("scores", "Slice", {"r", "four", "end", "one"}, {"scores"}));
    g.nodes.push_back(makeNode("nms", "NonMaxSuppression", {"boxes", "scores", "max", "iou", "score"}, {"selected"}));
    g.nodes.push_back(makeNode("pickScores", "GatherND", {"scores", "selected"}, {"s"}));
    g.nodes.push_back(makeNode("scoreColumn", "Reshape", {"s", "column"}, {"sc"}));
    g.nodes.push_back(makeNode("classColumn", "Slice", {"selected", "one", "two", "one"}, {"ci"}));
    Node cast = makeNode("classFloat", "Cast", {"ci"}, {"cf"});
    cast.attributes.set("to", int64_t(1));
    g.nodes.push_back(cast);
    Node boxIndex = makeNode("boxIndex", "Gather", {"selected", "batchAndBox"}, {"bi"});
    boxIndex.attributes.set("axis", int64_t(1));
    g.nodes.push_back(boxIndex);
    g.nodes.push_back(makeNode("pickBoxes", "GatherND", {"boxes", "bi"}, {"pb"}));
    Node concat = makeNode("detections", "Concat", {"cf", "sc", "pb"}, {"detections"});
    concat.attributes.set("axis", int64_t(1));
    g.nodes.push_back(concat);
    g.outputs.push_back(ValueInfo{"detections", DataType::Float32, {}, {}, false});
    g.outputs.push_back(ValueInfo{"selected", DataType::Int64, {}, {}, false});
    return g;
}

InputShapes shapesOf(const Graph& g)
{
    InputShapes shapes;
    shapes.exact["x"] = g.inputs[0].shape;
    return shapes;
}

} // namespace

class TestDataDependentShapes : public QObject {
    Q_OBJECT

private slots:
    void inferenceLeavesTheSelectionCountUnknown()
    {
        const PreparedModel model(std::make_shared<const Graph>(detectorTail()));
        const auto g = model.graph(shapesOf(model.source()));
        QCOMPARE(g->info("selected")->shape, (Shape{-1, 3}));
        QCOMPARE(g->info("s")->shape, (Shape{-1}));
        QCOMPARE(g->info("sc")->shape, (Shape{-1, 1}));
        QCOMPARE(g->info("pb")->shape, (Shape{-1, 4}));
        QCOMPARE(g->info("detections")->shape, (Shape{-1, 6}));
        QCOMPARE(toString(g->outputs[0].shape), std::string("[?,6]"));
    }

    // The oneDNN plan (the Slice/Transpose before NMS lowered, everything from NMS on as reference steps on the run's
    // tensors) equals the reference plan on every sample, whatever the number of boxes selected, and a later run with
    // fewer boxes (none at all) gives its own shape, not the last run's.
    void bothPlansRunOnRunTimeShapes()
    {
        const PreparedModel model(std::make_shared<const Graph>(detectorTail()));
        EngineOptions dnnl, reference;
        reference.useDnnl = false;
        Session fast(model.compile(shapesOf(model.source()), dnnl));
        Session slow(model.compile(shapesOf(model.source()), reference));
        for (const Session* s : {&fast, &slow}) {
            const std::vector<std::string> observable = s->model().observableValues();
            for (const char* runtime : {"selected", "s", "detections"})
                QVERIFY2(std::find(observable.begin(), observable.end(), runtime) == observable.end(), runtime);
        }
        QVERIFY(fast.model().referenceNodes().size() < fast.model().graph().nodes.size()); // the Slices/Transpose lowered

        const RandomDataset data({1, 4 + kClasses, kBoxes, Layout::Nchw}, 6, 7);
        std::set<int64_t> counts;
        std::vector<float> x(static_cast<std::size_t>((4 + kClasses) * kBoxes));
        for (int64_t i = 0; i <= data.size(); ++i) {
            if (i < data.size())
                data.loadBatch(std::span<const int64_t>(&i, 1), x.data());
            else // every score below the threshold: nothing selected
                std::fill(x.begin(), x.end(), -1.0f);
            fast.run(x.data());
            slow.run(x.data());
            const Shape shape = slow.outputShape(0);
            QCOMPARE(fast.outputShape(0), shape);
            QCOMPARE(shape.size(), std::size_t(2));
            QCOMPARE(shape[1], int64_t(6));
            QCOMPARE(fast.outputShape(1), (Shape{shape[0], 3}));
            counts.insert(shape[0]);
            const std::span<const float> a = fast.output(0), b = slow.output(0);
            QCOMPARE(a.size(), static_cast<std::size_t>(shape[0] * 6));
            QVERIFY(std::equal(a.begin(), a.end(), b.begin(), b.end()));
            // The integer output, exactly, and what the float output was built from.
            const Tensor selected = fast.outputTensor(1);
            QVERIFY(selected.dtype() == DataType::Int64);
            QCOMPARE(selected.toInt64(), slow.outputTensor(1).toInt64());
            for (int64_t row = 0; row < shape[0]; ++row) {
                const int64_t cls = selected.toInt64()[static_cast<std::size_t>(row * 3 + 1)];
                const int64_t box = selected.toInt64()[static_cast<std::size_t>(row * 3 + 2)];
                QCOMPARE(a[static_cast<std::size_t>(row * 6)], static_cast<float>(cls));
                QCOMPARE(a[static_cast<std::size_t>(row * 6 + 1)], x[static_cast<std::size_t>((4 + cls) * kBoxes + box)]);
                QCOMPARE(a[static_cast<std::size_t>(row * 6 + 2)], x[static_cast<std::size_t>(box)]); // box row 0
            }
        }
        QVERIFY2(counts.size() >= 3 && counts.count(0), "the samples select different numbers of boxes, none at all included");
        const QString error = [&] {
            try {
                (void)fast.output(1); // int64: read with outputTensor
            } catch (const Error& e) {
                return QString::fromStdString(e.message());
            }
            return QString();
        }();
        QVERIFY2(error.contains("int64, not float32"), qPrintable(error));
    }

    // Fidelity between two FP32 plans: the data-dependent output is compared run by run (identical here), the int64
    // output is not compared and says why.
    void fidelityNotesIntegerAndDataDependentOutputs()
    {
        const PreparedModel model(std::make_shared<const Graph>(detectorTail()));
        const RandomDataset data({1, 4 + kClasses, kBoxes, Layout::Nchw}, 5, 7);
        EngineOptions dnnl, reference;
        reference.useDnnl = false;
        const FidelityMetrics f = measureFidelity(model, data, {}, 1, dnnl, reference);
        QCOMPARE(f.outputs.size(), std::size_t(2));
        const OutputFidelity& detections = f.outputs[0];
        QVERIFY(detections.dataDependent && detections.notCompared.empty());
        QCOMPARE(detections.runs, int64_t(5));
        QCOMPARE(detections.shapeMismatches, int64_t(0));
        QVERIFY(detections.elements > 0);
        QVERIFY(std::isinf(detections.sqnrDb()));
        const OutputFidelity& selected = f.outputs[1];
        QCOMPARE(selected.notCompared, std::string("int64: fidelity compares float outputs"));
        QCOMPARE(selected.elements, int64_t(0));
        QVERIFY(std::isnan(selected.sqnrDb()) && std::isnan(selected.cosine()));
        QVERIFY(!f.classifier);
        QVERIFY(std::isinf(f.worstSqnrDb())); // the int64 output does not count as worst
    }
};

QTEST_GUILESS_MAIN(TestDataDependentShapes)
#include "test_data_dependent_shapes.moc"
