// GatherND and ScatterND beyond ONNX's six node tests: negative indices, batch_dims, every ScatterND reduction
// (duplicates combine in order), the opset each reduction needs, unknown dims passing through inference, and
// errors that name what is wrong.
#include "core/ops/op.h"
#include "core/util/error.h"

#include "../synthetic_graph.h"
#include "../error_message.h"

#include <QtTest>

using namespace qs;
using qs::testing::errorOf;

namespace {

Node makeNode(const std::string& type, std::vector<std::string> inputs) { return qs::testing::makeNode("n", type, std::move(inputs), {"y"}); }

Tensor run(const Node& node, const std::vector<const Tensor*>& in) { return findOp(node.opType)->run(node, in).at(0); }

// Shape inference of `node` on these inputs at `opset`: the output, or the error message in `error`.
ValueInfo infer(Node& node, const std::vector<ValueInfo>& in, int64_t opset, std::string* error = nullptr)
{
    InferContext ctx{node, {}, std::vector<const Tensor*>(in.size(), nullptr), opset, {}, std::nullopt};
    for (const ValueInfo& v : in)
        ctx.inputs.push_back(&v);
    try {
        findOp(node.opType)->infer(ctx);
    } catch (const Error& e) {
        if (!error)
            throw;
        *error = e.message();
        return {};
    }
    return ctx.outputs.at(0);
}

ValueInfo info(Shape shape, DataType type = DataType::Float32) { return ValueInfo{"v", type, std::move(shape), {}, true}; }

} // namespace

class TestGatherScatterNd : public QObject {
    Q_OBJECT

private slots:
    void gatherNdNegativeIndicesAndBatchDims()
    {
        const Tensor data = Tensor::fromFloats({2, 3}, std::vector<float>{0, 1, 2, 3, 4, 5});
        const Tensor idx = Tensor::fromInt64({2, 2}, std::vector<int64_t>{-1, -3, 0, 2});
        Node node = makeNode("GatherND", {"data", "indices"});
        QCOMPARE(run(node, {&data, &idx}).toFloat(), (std::vector<float>{3, 2}));
        const Tensor rows = Tensor::fromInt64({1, 1}, std::vector<int64_t>{-2});
        const Tensor row = run(node, {&data, &rows});
        QCOMPARE(row.shape(), (Shape{1, 3}));
        QCOMPARE(row.toFloat(), (std::vector<float>{0, 1, 2}));

        // batch_dims 1: per row of data, its own index: [[1], [2]] -> data[0][1], data[1][2].
        node.attributes.set("batch_dims", int64_t(1));
        const Tensor perRow = Tensor::fromInt64({2, 1}, std::vector<int64_t>{1, 2});
        const Tensor picked = run(node, {&data, &perRow});
        QCOMPARE(picked.shape(), (Shape{2}));
        QCOMPARE(picked.toFloat(), (std::vector<float>{1, 5}));

        const Tensor outside = Tensor::fromInt64({2, 1}, std::vector<int64_t>{3, 0});
        QVERIFY(QString::fromStdString(errorOf([&] { run(node, {&data, &outside}); })).contains("index 3 is out of range for dim 1"));
        node.attributes.set("batch_dims", int64_t(2));
        std::string error;
        infer(node, {info({2, 3}), info({2, 1}, DataType::Int64)}, 13, &error);
        QVERIFY2(QString::fromStdString(error).contains("batch_dims 2"), error.c_str());
    }

    // NonMaxSuppression's [?, 3] selection as indices: the unknown count passes through to the output.
    void gatherNdInfersUnknownRows()
    {
        Node node = makeNode("GatherND", {"data", "indices"});
        QCOMPARE(infer(node, {info({1, 16, 3549}), info({-1, 3}, DataType::Int64)}, 11).shape, (Shape{-1}));
        QCOMPARE(infer(node, {info({1, 3549, 4}), info({-1, 2}, DataType::Int64)}, 11).shape, (Shape{-1, 4}));
    }

    void scatterNdReductions()
    {
        const Tensor data = Tensor::fromFloats({4}, std::vector<float>{1, 2, 3, 4});
        const Tensor idx = Tensor::fromInt64({3, 1}, std::vector<int64_t>{-1, 0, 3}); // the last element twice
        const Tensor upd = Tensor::fromFloats({3}, std::vector<float>{10, 5, 0.5f});
        Node node = makeNode("ScatterND", {"data", "indices", "updates"});
        QCOMPARE(run(node, {&data, &idx, &upd}).toFloat(), (std::vector<float>{5, 2, 3, 0.5f})); // none: in order
        const std::vector<std::pair<const char*, std::vector<float>>> expected = {
            {"add", {6, 2, 3, 14.5f}}, {"mul", {5, 2, 3, 20}}, {"max", {5, 2, 3, 10}}, {"min", {1, 2, 3, 0.5f}}};
        for (const auto& [reduction, values] : expected) {
            node.attributes.set("reduction", std::string(reduction));
            QCOMPARE(run(node, {&data, &idx, &upd}).toFloat(), values);
        }
        // Integers too (int64 data): add.
        node.attributes.set("reduction", std::string("add"));
        const Tensor ints = Tensor::fromInt64({4}, std::vector<int64_t>{1, 2, 3, 4});
        const Tensor intUpd = Tensor::fromInt64({3}, std::vector<int64_t>{10, 5, 7});
        QCOMPARE(run(node, {&ints, &idx, &intUpd}).toInt64(), (std::vector<int64_t>{6, 2, 3, 21}));
    }

    // A slice per index tuple (k < rank), as YOLOX's box decoding writes [1, 3549, 2] values into [1, 3549, 21].
    void scatterNdSlices()
    {
        const Tensor data = Tensor::fromFloats({2, 3}, std::vector<float>{0, 0, 0, 0, 0, 0});
        const Tensor idx = Tensor::fromInt64({1, 1}, std::vector<int64_t>{1});
        const Tensor upd = Tensor::fromFloats({1, 3}, std::vector<float>{7, 8, 9});
        const Node node = makeNode("ScatterND", {"data", "indices", "updates"});
        QCOMPARE(run(node, {&data, &idx, &upd}).toFloat(), (std::vector<float>{0, 0, 0, 7, 8, 9}));
    }

    void scatterNdErrors()
    {
        Node node = makeNode("ScatterND", {"data", "indices", "updates"});
        const std::vector<ValueInfo> in = {info({4, 3}), info({2, 1}, DataType::Int64), info({2, 3})};
        QCOMPARE(infer(node, in, 11).shape, (Shape{4, 3}));
        std::string error;
        node.attributes.set("reduction", std::string("max"));
        infer(node, in, 16, &error);
        QVERIFY2(QString::fromStdString(error).contains("reduction 'max' needs opset 18"), error.c_str());
        QCOMPARE(infer(node, in, 18).shape, (Shape{4, 3}));
        node.attributes.set("reduction", std::string("sum"));
        infer(node, in, 18, &error);
        QVERIFY2(QString::fromStdString(error).contains("reduction 'sum' is not one of"), error.c_str());
        node.attributes.set("reduction", std::string("none"));
        infer(node, {info({4, 3}), info({2, 1}, DataType::Int64), info({2, 2})}, 11, &error);
        QVERIFY2(QString::fromStdString(error).contains("updates [2,2] should be [2,3]"), error.c_str());
        const Tensor data = Tensor::fromFloats({4}, std::vector<float>{1, 2, 3, 4});
        const Tensor idx = Tensor::fromInt64({1, 1}, std::vector<int64_t>{-5});
        const Tensor upd = Tensor::fromFloats({1}, std::vector<float>{1});
        QVERIFY(QString::fromStdString(errorOf([&] { run(node, {&data, &idx, &upd}); })).contains("index -5 is out of range"));
    }
};

QTEST_APPLESS_MAIN(TestGatherScatterNd)
#include "test_gather_scatter_nd.moc"
