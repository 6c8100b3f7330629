// matMulsAsGemm (core/transforms/matmul_as_gemm): a MatMul by a constant matrix on a sequence (a Linear layer as
// torch.onnx and paddle2onnx export it, MatMul then a bias Add) runs as Reshape -> Gemm -> Reshape, so it gets the
// int8 kernel; the FP32 function is unchanged, the Gemm keeps the MatMul's name, and a MatMul of two computed
// values stays a MatMul with its reason for staying FP32.
#include "core/calibration/calibration.h"
#include "core/data/random_dataset.h"
#include "core/engine/engine.h"
#include "core/engine/prepared_model.h"
#include "core/eval/fidelity.h"
#include "core/ptq/ptq_config.h"
#include "core/quant/int8_coverage.h"
#include "core/transforms/prepare_graph.h"
#include "tests/core/synthetic_graph.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace qs;
using qs::testing::makeNode;
using qs::testing::randomTensor;

namespace {

// x [1, 1, 6, 16] -> MatMul [16, 10] -> Add(c) -> Relu -> MatMul [10, 4] -> y (a graph output straight from the
// MatMul). `c` shaped as given: [10] and [1, 1, 10] are biases, [6, 10] is not.
Graph linearLayers(Shape biasShape)
{
    std::mt19937 rng(5);
    Graph g;
    g.opsetVersion = 13;
    g.sourcePath = "synthetic linear layers";
    g.inputs.push_back(ValueInfo{"x", DataType::Float32, {1, 1, 6, 16}, {}, true});
    g.initializers["w1"] = randomTensor({16, 10}, rng);
    g.initializers["c"] = randomTensor(std::move(biasShape), rng);
    g.initializers["w2"] = randomTensor({10, 4}, rng);
    g.nodes.push_back(makeNode("fc1", "MatMul", {"x", "w1"}, {"m1"}));
    g.nodes.push_back(makeNode("bias1", "Add", {"m1", "c"}, {"a1"}));
    g.nodes.push_back(makeNode("relu", "Relu", {"a1"}, {"r"}));
    g.nodes.push_back(makeNode("fc2", "MatMul", {"r", "w2"}, {"y"}));
    g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
    return g;
}

// Attention's score product: x [1, 1, 6, 16] times its own transpose, two computed operands.
Graph selfProduct()
{
    Graph g;
    g.opsetVersion = 13;
    g.sourcePath = "synthetic self product";
    g.inputs.push_back(ValueInfo{"x", DataType::Float32, {1, 1, 6, 16}, {}, true});
    Node t = makeNode("t", "Transpose", {"x"}, {"xt"});
    t.attributes.set("perm", std::vector<int64_t>{0, 1, 3, 2});
    g.nodes.push_back(t);
    g.nodes.push_back(makeNode("scores", "MatMul", {"x", "xt"}, {"y"}));
    g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
    return g;
}

Graph prepare(const Graph& g, bool rewrite)
{
    PrepareOptions options;
    options.shapes.batch = 1;
    options.foldBatchNorm = rewrite;
    return prepareGraph(g, options);
}

std::vector<float> run(const Graph& prepared, bool rewritten, bool dnnl)
{
    std::vector<float> x(6 * 16);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = std::sin(0.41f * static_cast<float>(i));
    EngineOptions options;
    options.useDnnl = dnnl;
    options.foldBatchNorm = rewritten; // as prepared
    Session session(CompiledModel::compilePrepared(std::make_shared<const Graph>(prepared), options));
    session.run(x.data());
    const auto out = session.output(0);
    return {out.begin(), out.end()};
}

int countOf(const Graph& g, const std::string& type)
{
    int n = 0;
    for (const Node& node : g.nodes)
        n += node.opType == type ? 1 : 0;
    return n;
}

void compareOutputs(const std::vector<float>& expected, const std::vector<float>& actual)
{
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(std::abs(actual[i] - expected[i]) <= 1e-5f * (1.0f + std::abs(expected[i])),
                 qPrintable(QString("element %1: %2 vs %3").arg(i).arg(actual[i]).arg(expected[i])));
}

} // namespace

class TestMatMulAsGemm : public QObject {
    Q_OBJECT
private slots:
    void biasShapes_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<bool>("isBias");
        QTest::newRow("[10]") << "10" << true;
        QTest::newRow("[1,1,10]") << "1,1,10" << true;
        QTest::newRow("scalar") << "" << true;
        QTest::newRow("[6,10] is no bias") << "6,10" << false;
    }

    // Both MatMuls become Gemms named like them (a Distiller config naming fc1 still applies); a bias Add is
    // folded into fc1's C, another Add stays after the Gemm; the output equals the unrewritten graph's, on
    // oneDNN and on the reference kernels.
    void biasShapes()
    {
        QFETCH(QString, shape);
        QFETCH(bool, isBias);
        Shape dims;
        for (const QString& d : shape.split(',', Qt::SkipEmptyParts))
            dims.push_back(d.toLongLong());
        const Graph g = linearLayers(dims);
        const Graph plain = prepare(g, false);
        const Graph rewritten = prepare(g, true);
        QCOMPARE(countOf(plain, "MatMul"), 2);
        QCOMPARE(countOf(rewritten, "MatMul"), 0);
        QCOMPARE(countOf(rewritten, "Gemm"), 2);
        QCOMPARE(countOf(rewritten, "Add"), isBias ? 0 : 1);
        QCOMPARE(countOf(rewritten, "Reshape"), 4);
        const Node* fc1 = rewritten.findNode("fc1");
        QVERIFY(fc1 && fc1->opType == "Gemm");
        QCOMPARE(fc1->inputs.size(), std::size_t(isBias ? 3 : 2));
        QVERIFY(rewritten.isGraphOutput("y") && rewritten.producerOf("y") >= 0);
        QCOMPARE(rewritten.info("y")->shape, (Shape{1, 1, 6, 4}));
        const std::vector<float> expected = run(plain, false, false);
        compareOutputs(expected, run(rewritten, true, true));
        compareOutputs(expected, run(rewritten, true, false));
    }

    // A MatMul of a rank-2 input is a Gemm without reshapes.
    void matrixInputNeedsNoReshape()
    {
        std::mt19937 rng(3);
        Graph g;
        g.opsetVersion = 13;
        g.inputs.push_back(ValueInfo{"x", DataType::Float32, {6, 16}, {}, true});
        g.initializers["w"] = randomTensor({16, 10}, rng);
        g.nodes.push_back(makeNode("fc", "MatMul", {"x", "w"}, {"y"}));
        g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
        const Graph rewritten = prepare(g, true);
        QCOMPARE(rewritten.nodes.size(), std::size_t(1));
        QCOMPARE(rewritten.nodes[0].opType, std::string("Gemm"));
        QCOMPARE(rewritten.nodes[0].name, std::string("fc"));
    }

    // In int8: every MAC runs on the int8 Gemm (8-bit per-channel, calibrated on random samples), and the result
    // stays close to FP32 (measured ~40 dB).
    void runsInInt8()
    {
        const PreparedModel model(std::make_shared<const Graph>(linearLayers({10})));
        const RandomDataset data({1, 6, 16, Layout::Nchw}, 16, 9);
        const Calibration calibration = calibrate(model, data, {0, 1, 2, 3, 4, 5, 6, 7}, 4);
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        EngineOptions fp32, int8;
        int8.quantization = buildPlan(calibration, config);
        const Int8Coverage coverage = int8Coverage(calibration.prepared, int8.quantization.get());
        QCOMPARE(coverage.int8Share(), 1.0);
        QCOMPARE(coverage.int8Layers, 2);
        const double db = measureFidelity(model, data, {8, 9, 10, 11, 12, 13, 14, 15}, 4, fp32, int8).worstSqnrDb();
        QVERIFY2(db > 30.0 && std::isfinite(db), qPrintable(QString::number(db)));
    }

    // The Gemm's output holds rows of every sample ([B*6, 10]); its statistics are read at the unfolded view,
    // where dim 0 is the batch, so the padded rows of a last, short batch (bias values, inputs of 0) stay out:
    // 6 samples in batches of 4 (one short) give the statistics of 3 batches of 2.
    void statisticsLeaveOutPaddedRows()
    {
        const PreparedModel model(std::make_shared<const Graph>(linearLayers({10})));
        const RandomDataset data({1, 6, 16, Layout::Nchw}, 6, 4);
        const std::vector<int64_t> indices{0, 1, 2, 3, 4, 5};
        const Calibration padded = calibrate(model, data, indices, 4);
        const Calibration exact = calibrate(model, data, indices, 2);
        for (const char* value : {"fc1/rows_out", "fc1/gemm_out", "a1", "r"}) {
            const ActivationStats* a = padded.stats(value);
            const ActivationStats* b = exact.stats(value);
            QVERIFY2(a && b, value);
            QVERIFY2(std::abs(a->mean - b->mean) < 1e-6 && a->min == b->min && a->max == b->max,
                     qPrintable(QString("%1: mean %2 vs %3, min %4 vs %5").arg(value).arg(a->mean).arg(b->mean).arg(a->min).arg(b->min)));
        }
    }

    // Two computed operands: no rewrite, and the coverage report says why it stays FP32.
    void productOfComputedValuesStays()
    {
        const Graph rewritten = prepare(selfProduct(), true);
        QCOMPARE(countOf(rewritten, "MatMul"), 1);
        QCOMPARE(countOf(rewritten, "Gemm"), 0);
        const PtqConfig config;
        const QuantizationPlan plan = planLayout(rewritten, config);
        const Int8Coverage coverage = int8Coverage(rewritten, &plan);
        const std::vector<LayerCoverage> islands = coverage.fp32Islands();
        QCOMPARE(islands.size(), std::size_t(1));
        QCOMPARE(islands[0].node, std::string("scores"));
        QVERIFY2(islands[0].fp32Reason.find("second operand is a constant matrix") != std::string::npos, islands[0].fp32Reason.c_str());
    }
};

QTEST_APPLESS_MAIN(TestMatMulAsGemm)
#include "test_matmul_as_gemm.moc"
