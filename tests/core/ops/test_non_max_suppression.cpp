// NonMaxSuppression's contract beyond ONNX's nine node tests, which pass even with the IoU comparison off by 0.2:
// ONNX Runtime's selection exactly (IoU strictly above the threshold suppresses, a score must be strictly above
// score_threshold, ties go to the lower box index, a box without area never suppresses, no max input means no
// output), both box formats, the output order (batch, then class, then selection), the data-dependent [?, 3] shape
// inference gives, and errors that name the attribute or input at fault.
#include "core/ops/op.h"
#include "core/util/error.h"

#include "../error_message.h"

#include <QtTest>

#include <optional>

using namespace qs;
using qs::testing::errorOf;

namespace {

struct Nms {
    std::vector<float> boxes;  // [batches, n, 4]
    std::vector<float> scores; // [batches, classes, n]
    int64_t batches = 1, classes = 1;
    std::optional<int64_t> maxPerClass = 10;
    std::optional<float> iou = 0.5f;
    std::optional<float> score;
    int64_t centerPointBox = 0;

    Node node() const
    {
        Node n;
        n.name = "nms";
        n.opType = "NonMaxSuppression";
        n.inputs = {"boxes", "scores", maxPerClass ? "max" : "", iou ? "iou" : "", score ? "score" : ""};
        while (!n.inputs.empty() && n.inputs.back().empty())
            n.inputs.pop_back();
        n.outputs = {"selected"};
        n.attributes.set("center_point_box", centerPointBox);
        return n;
    }

    // Selected rows (batch, class, box), flattened.
    std::vector<int64_t> run() const
    {
        const int64_t n = static_cast<int64_t>(boxes.size()) / (4 * batches);
        const Tensor b = Tensor::fromFloats({batches, n, 4}, boxes);
        const Tensor s = Tensor::fromFloats({batches, classes, n}, scores);
        const Tensor m = Tensor::scalarInt64(maxPerClass.value_or(0));
        const Tensor i = Tensor::fromFloats({1}, std::vector<float>{iou.value_or(0.0f)});
        const Tensor t = Tensor::scalarFloat(score.value_or(0.0f));
        const std::vector<const Tensor*> in = {&b, &s, maxPerClass ? &m : nullptr, iou ? &i : nullptr, score ? &t : nullptr};
        const std::vector<Tensor> out = findOp("NonMaxSuppression")->run(node(), in);
        if (out.size() != 1 || out[0].dtype() != DataType::Int64 || out[0].rank() != 2 || out[0].shape()[1] != 3)
            throw Error("the output is not [?, 3] int64");
        return out[0].toInt64();
    }
};

using Rows = std::vector<int64_t>;

} // namespace

class TestNonMaxSuppression : public QObject {
    Q_OBJECT

private slots:
    // A = [y1 0, x1 0, y2 1, x2 2] and B = [0, 0, 1, 1]: intersection 1, union 2, IoU exactly 0.5.
    void iouStrictlyAboveTheThresholdSuppresses()
    {
        Nms nms;
        nms.boxes = {0, 0, 1, 2, 0, 0, 1, 1};
        nms.scores = {0.9f, 0.8f};
        QCOMPARE(nms.run(), (Rows{0, 0, 0, 0, 0, 1})); // 0.5 is not above 0.5
        nms.iou = 0.49f;
        QCOMPARE(nms.run(), (Rows{0, 0, 0}));
        nms.boxes = {1, 2, 0, 0, 1, 1, 0, 0}; // the other diagonal of each box: the same boxes
        QCOMPARE(nms.run(), (Rows{0, 0, 0}));
        nms.iou.reset(); // default 0: any overlap suppresses
        QCOMPARE(nms.run(), (Rows{0, 0, 0}));
    }

    // [x_center, y_center, width, height]: A spans x 0-2, y 0-1; B x 0-1, y 0-1 (IoU 0.5 again).
    void centerPointBoxes()
    {
        Nms nms;
        nms.centerPointBox = 1;
        nms.boxes = {1, 0.5f, 2, 1, 0.5f, 0.5f, 1, 1};
        nms.scores = {0.8f, 0.9f};
        QCOMPARE(nms.run(), (Rows{0, 0, 1, 0, 0, 0})); // higher score first; 0.5 is not above 0.5
        nms.iou = 0.49f;
        QCOMPARE(nms.run(), (Rows{0, 0, 1}));
    }

    void scoreThresholdIsStrictAndOptional()
    {
        Nms nms;
        nms.boxes = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}; // three disjoint boxes
        nms.scores = {0.5f, 0.7f, -1.0f};
        nms.score = 0.5f;
        QCOMPARE(nms.run(), (Rows{0, 0, 1}));
        nms.score.reset(); // every box takes part, negative scores too
        QCOMPARE(nms.run(), (Rows{0, 0, 1, 0, 0, 0, 0, 0, 2}));
    }

    void tiesGoToTheLowerBoxIndex()
    {
        Nms nms;
        nms.boxes = {0, 0, 1, 1, 2, 2, 3, 3, 0, 0, 1, 1}; // box 2 equals box 0
        nms.scores = {0.6f, 0.6f, 0.6f};
        QCOMPARE(nms.run(), (Rows{0, 0, 0, 0, 0, 1}));
    }

    void boxesWithoutAreaNeverSuppress()
    {
        Nms nms;
        nms.boxes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        nms.scores = {0.9f, 0.8f, 0.7f};
        nms.iou = 0.0f;
        QCOMPARE(nms.run(), (Rows{0, 0, 0, 0, 0, 1, 0, 0, 2}));
    }

    void maxOutputBoxesPerClass()
    {
        Nms nms;
        nms.boxes = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        nms.scores = {0.1f, 0.3f, 0.2f};
        nms.maxPerClass = 2;
        QCOMPARE(nms.run(), (Rows{0, 0, 1, 0, 0, 2}));
        nms.maxPerClass = -3; // as ONNX Runtime: a negative count is 0
        QCOMPARE(nms.run(), Rows{});
        nms.maxPerClass.reset(); // the default 0 selects nothing
        QCOMPARE(nms.run(), Rows{});
    }

    // Rows go batch by batch, class by class; each class suppresses on its own.
    void batchAndClassOrder()
    {
        Nms nms;
        nms.batches = 2;
        nms.classes = 2;
        nms.boxes = {0, 0, 1, 1, 0, 0, 1, 1, /* batch 1 */ 0, 0, 1, 1, 5, 5, 6, 6};
        nms.scores = {0.9f, 0.8f, 0.1f, 0.2f, /* batch 1 */ 0.3f, 0.4f, 0.6f, 0.5f};
        QCOMPARE(nms.run(), (Rows{0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1}));
    }

    void inferenceAndErrors()
    {
        Nms nms;
        Node node = nms.node();
        const ValueInfo boxes{"boxes", DataType::Float32, {1, 5, 4}, {}, true};
        const ValueInfo scores{"scores", DataType::Float32, {1, 3, 5}, {}, true};
        const ValueInfo max{"max", DataType::Int64, {1}, {}, true};
        const ValueInfo iou{"iou", DataType::Float32, {}, {}, true};
        auto infer = [&](const std::vector<const ValueInfo*>& in) {
            InferContext ctx{node, in, std::vector<const Tensor*>(in.size(), nullptr), 11, {}, std::nullopt};
            findOp("NonMaxSuppression")->infer(ctx);
            return ctx.outputs;
        };
        node.inputs = {"boxes", "scores", "max", "iou"};
        const std::vector<ValueInfo> out = infer({&boxes, &scores, &max, &iou});
        QCOMPARE(out.size(), std::size_t(1));
        QVERIFY(out[0].dtype == DataType::Int64);
        QCOMPARE(out[0].shape, (Shape{-1, 3})); // the count is known at run time only

        const ValueInfo wrongScores{"scores", DataType::Float32, {1, 3, 6}, {}, true};
        QVERIFY(QString::fromStdString(errorOf([&] { infer({&boxes, &wrongScores, &max, &iou}); })).contains("num_classes, spatial_dimension"));
        const ValueInfo floatMax{"max", DataType::Float32, {1}, {}, true};
        QVERIFY(QString::fromStdString(errorOf([&] { infer({&boxes, &scores, &floatMax, &iou}); })).contains("max_output_boxes_per_class must be int64"));
        node.attributes.set("center_point_box", int64_t(2));
        QVERIFY(QString::fromStdString(errorOf([&] { infer({&boxes, &scores, &max, &iou}); })).contains("center_point_box 2"));

        nms.boxes = {0, 0, 1, 1};
        nms.scores = {0.5f};
        nms.iou = 1.5f;
        QVERIFY(QString::fromStdString(errorOf([&] { nms.run(); })).contains("iou_threshold 1.5"));
    }
};

QTEST_APPLESS_MAIN(TestNonMaxSuppression)
#include "test_non_max_suppression.moc"
