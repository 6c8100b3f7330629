// layerFacts() on small graphs built by hand: a Gemm whose attributes have no int8 kernel is reported as FP32
// with its reason and gets no plan entry (so the workbench, the plan and the engine agree), weight ranges run
// along the output-channel axis the traits name (Gemm without transB: axis 1; ConvTranspose: axis 1 within each
// group), a ConvTranspose oneDNN has no kernel for stays FP32 with its reason, and an output read only by an
// FP32 operator stays FP32.
#include "core/engine/engine.h"
#include "tests/core/synthetic_graph.h"
#include "core/quant/layer_facts.h"
#include "core/quant/plan_builder.h"
#include "core/transforms/prepare_graph.h"

#include <QtTest>

using namespace qs;
using qs::testing::makeNode;
using qs::testing::randomTensor;

namespace {


// x [2, 3] -> gemm (B [3, 4], no transB) -> relu -> gemm2 (B2 [4, 2]) -> sigmoid -> y
Graph twoGemms(bool transA)
{
    Graph g;
    g.opsetVersion = 13;
    g.sourcePath = "synthetic";
    g.inputs.push_back(ValueInfo{"x", DataType::Float32, {transA ? 3 : 2, transA ? 2 : 3}, {}, true});
    g.initializers["B"] = Tensor::fromFloats({3, 4}, std::vector<float>{1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12});
    g.initializers["B2"] = Tensor::fromFloats({4, 2}, std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8});
    Node gemm = makeNode("gemm", "Gemm", {"x", "B"}, {"h"});
    if (transA)
        gemm.attributes.set("transA", int64_t{1});
    g.nodes = {gemm, makeNode("relu", "Relu", {"h"}, {"r"}), makeNode("gemm2", "Gemm", {"r", "B2"}, {"z"}),
               makeNode("sig", "Sigmoid", {"z"}, {"y"})};
    g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
    PrepareOptions options;
    return prepareGraph(g, options);
}

// x [1, 4, 3, 3] -> ConvTranspose (group 2, w [4, 3, k, k] with w[ic][j] = 10 * ic + j, bias) -> y
Graph groupedConvTranspose(int64_t k, const std::vector<std::pair<std::string, std::vector<int64_t>>>& attributes)
{
    Graph g;
    g.opsetVersion = 13;
    g.sourcePath = "synthetic";
    g.inputs.push_back(ValueInfo{"x", DataType::Float32, {1, 4, 3, 3}, {}, true});
    std::vector<float> w;
    for (int ic = 0; ic < 4; ++ic)
        for (int j = 0; j < 3; ++j)
            w.insert(w.end(), static_cast<std::size_t>(k * k), static_cast<float>(10 * ic + j));
    g.initializers["w"] = Tensor::fromFloats({4, 3, k, k}, w);
    g.initializers["b"] = Tensor::fromFloats({6}, std::vector<float>(6, 0.5f));
    Node deconv = makeNode("deconv", "ConvTranspose", {"x", "w", "b"}, {"y"});
    deconv.attributes.set("group", int64_t{2});
    for (const auto& [name, values] : attributes)
        deconv.attributes.set(name, values);
    g.nodes = {deconv};
    g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
    return prepareGraph(g, PrepareOptions{});
}

const LayerFacts& factsOf(const std::vector<LayerFacts>& facts, const std::string& node)
{
    for (const LayerFacts& f : facts)
        if (f.node == node)
            return f;
    qFatal("no facts for %s", node.c_str());
}

} // namespace

class TestLayerFacts : public QObject {
    Q_OBJECT

private slots:
    void gemmFactsAndChannelAxis()
    {
        const Graph g = twoGemms(false);
        const std::vector<LayerFacts> facts = layerFacts(g);
        QCOMPARE(facts.size(), std::size_t(2));
        const LayerFacts& gemm = factsOf(facts, "gemm");
        QVERIFY(gemm.fp32Reason.empty());
        QCOMPARE(gemm.output, std::string("r")); // the ReLU runs inside the Gemm
        QCOMPARE(gemm.fused, std::vector<std::string>{"Relu"});
        QVERIFY(gemm.outputQuantized);            // gemm2 takes integers
        // B is [K = 3, N = 4]: four output channels, each a column.
        QCOMPARE(gemm.channelMin.size(), std::size_t(4));
        QCOMPARE(gemm.channelMin[0], 1.0f);
        QCOMPARE(gemm.channelMax[0], 9.0f);
        QCOMPARE(gemm.channelMin[1], -10.0f);
        QCOMPARE(gemm.parameters, int64_t(12));
        // gemm2's output is read by a Sigmoid (FP32): it stays FP32.
        QVERIFY(!factsOf(facts, "gemm2").outputQuantized);
    }

    // ConvTranspose's weights are [C_in, C_out/group, k...]: with two groups, output channel g * 3 + j is
    // column j of group g's input rows, and the bias (one per output channel) is checked against 6 channels.
    void groupedConvTransposeChannels()
    {
        const Graph g = groupedConvTranspose(1, {});
        const std::vector<LayerFacts> facts = layerFacts(g);
        QCOMPARE(facts.size(), std::size_t(1));
        const LayerFacts& f = facts[0];
        QVERIFY2(f.fp32Reason.empty(), f.fp32Reason.c_str());
        QCOMPARE(f.channelMin.size(), std::size_t(6));
        const float expectedMin[6] = {0, 1, 2, 20, 21, 22}, expectedMax[6] = {10, 11, 12, 30, 31, 32};
        for (std::size_t c = 0; c < 6; ++c) {
            QCOMPARE(f.channelMin[c], expectedMin[c]);
            QCOMPARE(f.channelMax[c], expectedMax[c]);
        }
        QCOMPARE(f.parameters, int64_t(18));
    }

    // Dilations allow output_padding up to a stride past the end pad, for which oneDNN has no deconvolution
    // (its right pad would be -stride): FP32, with the reason, and no plan entry.
    void convTransposeWithoutKernelStaysFp32()
    {
        const Graph g = groupedConvTranspose(3, {{"dilations", {2, 2}}, {"output_padding", {1, 0}}});
        const std::vector<LayerFacts> facts = layerFacts(g);
        const LayerFacts& f = factsOf(facts, "deconv");
        QVERIFY2(f.fp32Reason.find("output_padding") != std::string::npos, f.fp32Reason.c_str());
        const QuantizationPlan plan = buildQuantizationPlan(
            g, [](const Node&) { return std::optional<LayerQuantSettings>(LayerQuantSettings{}); },
            [](const std::string&, const Node&, const LayerQuantSettings&) { return ValueRange{-1.0f, 1.0f}; });
        QVERIFY(!plan.layer("deconv"));
    }

    void noIntegerKernelIsReportedAndNotPlanned()
    {
        const Graph g = twoGemms(true);
        const std::vector<LayerFacts> facts = layerFacts(g);
        const LayerFacts& gemm = factsOf(facts, "gemm");
        QVERIFY2(gemm.fp32Reason.find("transA") != std::string::npos, gemm.fp32Reason.c_str());
        QVERIFY(!gemm.outputQuantized);
        const QuantizationPlan plan = buildQuantizationPlan(
            g, [](const Node&) { return std::optional<LayerQuantSettings>(LayerQuantSettings{}); },
            [](const std::string&, const Node&, const LayerQuantSettings&) { return ValueRange{-1.0f, 1.0f}; });
        QVERIFY(!plan.layer("gemm"));
        QVERIFY(plan.layer("gemm2"));
        // The engine agrees: the first Gemm's input is never held as integers.
        EngineOptions options;
        options.quantization = std::make_shared<const QuantizationPlan>(plan);
        const auto compiled = CompiledModel::compile(g, {}, options);
        QVERIFY(!compiled->integerQuantization().count("x"));
        QVERIFY(compiled->integerQuantization().count("r"));
    }
};

QTEST_GUILESS_MAIN(TestLayerFacts)
#include "test_layer_facts.moc"
