// foldChannelBiasAdd (core/transforms/cleanup): a per-channel constant Add after a Conv or ConvTranspose (how
// paddle2onnx exports a transposed conv's bias) becomes the layer's bias, the FP32 function unchanged; Adds that
// are not a per-channel shift of a layer's sole output stay.
#include "core/engine/engine.h"
#include "tests/core/synthetic_graph.h"
#include "core/transforms/cleanup.h"
#include "core/transforms/prepare_graph.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace qs;
using qs::testing::makeNode;
using qs::testing::randomTensor;

namespace {



// x [1, 4, 6, 6] -> ConvTranspose 2x2 stride 2 (6 channels, no bias) -> Add(shift0) -> Conv 3x3 (5, bias)
// -> Add(shift1) -> y, with the shift constants' shapes given.
Graph chain(Shape shift0, Shape shift1)
{
    std::mt19937 rng(11);
    Graph g;
    g.opsetVersion = 13;
    g.sourcePath = "synthetic bias adds";
    g.inputs.push_back(ValueInfo{"x", DataType::Float32, {1, 4, 6, 6}, {}, true});
    g.initializers["wt"] = randomTensor({4, 6, 2, 2}, rng);
    g.initializers["s0"] = randomTensor(std::move(shift0), rng);
    g.initializers["wc"] = randomTensor({5, 6, 3, 3}, rng);
    g.initializers["bc"] = randomTensor({5}, rng);
    g.initializers["s1"] = randomTensor(std::move(shift1), rng);
    Node up = makeNode("up", "ConvTranspose", {"x", "wt"}, {"u"});
    up.attributes.set("kernel_shape", std::vector<int64_t>{2, 2});
    up.attributes.set("strides", std::vector<int64_t>{2, 2});
    g.nodes.push_back(up);
    g.nodes.push_back(makeNode("add0", "Add", {"u", "s0"}, {"ub"}));
    Node conv = makeNode("conv", "Conv", {"ub", "wc", "bc"}, {"c"});
    conv.attributes.set("kernel_shape", std::vector<int64_t>{3, 3});
    conv.attributes.set("pads", std::vector<int64_t>{1, 1, 1, 1});
    g.nodes.push_back(conv);
    g.nodes.push_back(makeNode("add1", "Add", {"s1", "c"}, {"y"})); // the constant first
    g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
    return g;
}

std::vector<float> run(const Graph& prepared)
{
    std::vector<float> x(4 * 6 * 6);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = std::sin(0.37f * static_cast<float>(i));
    Session session(CompiledModel::compilePrepared(std::make_shared<const Graph>(prepared), {}));
    session.run(x.data());
    const auto out = session.output(0);
    return {out.begin(), out.end()};
}

Graph prepare(const Graph& g, bool fold)
{
    PrepareOptions options;
    options.shapes.batch = 1;
    options.foldBatchNorm = fold;
    return prepareGraph(g, options);
}

int countOf(const Graph& g, const std::string& type)
{
    int n = 0;
    for (const Node& node : g.nodes)
        n += node.opType == type ? 1 : 0;
    return n;
}

} // namespace

class TestFoldBiasAdd : public QObject {
    Q_OBJECT
private slots:
    void perChannelShiftsBecomeBiases_data()
    {
        QTest::addColumn<Shape>("shift0");
        QTest::addColumn<Shape>("shift1");
        QTest::newRow("[1,C,1,1] and [C,1,1]") << Shape{1, 6, 1, 1} << Shape{5, 1, 1};
        QTest::newRow("one value") << Shape{1} << Shape{};
    }

    void perChannelShiftsBecomeBiases()
    {
        QFETCH(Shape, shift0);
        QFETCH(Shape, shift1);
        const Graph g = chain(shift0, shift1);
        const Graph plain = prepare(g, false), folded = prepare(g, true);
        QCOMPARE(countOf(plain, "Add"), 2);
        QCOMPARE(countOf(folded, "Add"), 0);
        QVERIFY(folded.findNode("up")->hasInput(2) && folded.findNode("conv")->hasInput(2));
        QCOMPARE(folded.findNode("conv")->outputs[0], std::string("y")); // the graph output keeps its name
        const std::vector<float> a = run(plain), b = run(folded);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2(std::fabs(a[i] - b[i]) <= 1e-5f * (1.0f + std::fabs(a[i])), qPrintable(QString::number(i)));
    }

    void otherAddsStay()
    {
        // A spatially varying constant is not a bias; neither is one the conv output shares with another reader.
        Graph spatial = prepare(chain({1, 6, 12, 12}, {5, 1, 1}), false);
        QCOMPARE(foldChannelBiasAdd(spatial), 1); // only the conv's [C,1,1] shift
        QVERIFY(spatial.findNode("add0") != nullptr);
        Graph shared = chain({1, 6, 1, 1}, {5, 1, 1});
        shared.nodes.push_back(makeNode("tap", "Relu", {"u"}, {"tapped"}));
        shared.outputs.push_back(ValueInfo{"tapped", DataType::Float32, {}, {}, false});
        Graph s = prepare(shared, false);
        QCOMPARE(foldChannelBiasAdd(s), 1);
        QVERIFY(s.findNode("add0") != nullptr && s.findNode("add1") == nullptr);
    }
};

QTEST_APPLESS_MAIN(TestFoldBiasAdd)
#include "test_fold_bias_add.moc"
