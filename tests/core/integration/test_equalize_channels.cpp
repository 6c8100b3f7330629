// Cross-layer equalization (core/transforms/equalize_channels): the model's FP32 function is unchanged, the
// channel ranges of each equalized pair become equal, constructs it must not touch are left alone, and on a
// conv -> depthwise -> conv chain with uneven channel gains (the MobileNet pattern) 8-bit int8 gains fidelity.
#include "core/calibration/calibration.h"
#include "tests/core/synthetic_graph.h"
#include "core/data/random_dataset.h"
#include "core/engine/engine.h"
#include "core/engine/prepared_model.h"
#include "core/eval/fidelity.h"
#include "core/ptq/ptq_config.h"
#include "core/transforms/equalize_channels.h"
#include "core/transforms/prepare_graph.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace qs;
using qs::testing::makeNode;
using qs::testing::randomTensor;

namespace {

constexpr int64_t kChannels = 16;


Node conv(const std::string& name, std::vector<std::string> in, const std::string& out, int64_t kernel, int64_t group)
{
    Node n = makeNode(name, "Conv", std::move(in), {out});
    const int64_t pad = kernel / 2;
    n.attributes.set("kernel_shape", std::vector<int64_t>{kernel, kernel});
    n.attributes.set("pads", std::vector<int64_t>{pad, pad, pad, pad});
    n.attributes.set("group", group);
    return n;
}

// Weights [out, in, k, k] uniform in [-1, 1], output channel o scaled by gain(o).
Tensor weights(Shape shape, std::mt19937& rng, const std::function<float(int64_t)>& gain)
{
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    Tensor t(DataType::Float32, shape);
    const int64_t per = t.size() / shape[0];
    for (int64_t o = 0; o < shape[0]; ++o)
        for (int64_t j = 0; j < per; ++j)
            t.data<float>()[o * per + j] = dist(rng) * gain(o);
    return t;
}

// x [N, 8, 12, 12] -> conv A 3x3 (16) -> Relu -> depthwise B 3x3 -> `between` -> conv C 1x1 (8) -> y.
// A's channel gains span 0.01 .. 1 and B's the inverse (1 .. 100): the activation between them has channels
// of very different ranges that B amplifies back, as in the depthwise blocks of real mobile models.
Graph chain(const std::string& between = "LeakyRelu")
{
    std::mt19937 rng(7);
    Graph g;
    g.opsetVersion = 13;
    g.sourcePath = "synthetic chain";
    g.inputs.push_back(ValueInfo{"x", DataType::Float32, {-1, 8, 12, 12}, {}, true});
    auto gainA = [](int64_t o) { return std::pow(10.0f, -2.0f * static_cast<float>(o) / (kChannels - 1)); };
    g.initializers["wa"] = weights({kChannels, 8, 3, 3}, rng, gainA);
    g.initializers["ba"] = weights({kChannels}, rng, [&](int64_t o) { return 0.1f * gainA(o); }).reshaped({kChannels});
    g.initializers["wb"] = weights({kChannels, 1, 3, 3}, rng, [&](int64_t o) { return 1.0f / gainA(o); });
    g.initializers["bb"] = weights({kChannels}, rng, [](int64_t) { return 0.1f; });
    g.initializers["wc"] = weights({8, kChannels, 1, 1}, rng, [](int64_t) { return 0.5f; });
    g.nodes.push_back(conv("A", {"x", "wa", "ba"}, "a", 3, 1));
    g.nodes.push_back(makeNode("relu", "Relu", {"a"}, {"ar"}));
    g.nodes.push_back(conv("B", {"ar", "wb", "bb"}, "b", 3, kChannels));
    if (between == "Clip") { // ReLU6: its upper bound does not scale, so B and C must stay as they are
        g.initializers["lo"] = Tensor::scalarFloat(0.0f);
        g.initializers["hi"] = Tensor::scalarFloat(6.0f);
        g.nodes.push_back(makeNode("act", between, {"b", "lo", "hi"}, {"br"}));
    } else if (between == "MaxPool") { // Relu then MaxPool: both pass a channel's scale through
        g.nodes.push_back(makeNode("act", "Relu", {"b"}, {"bb_relu"}));
        Node pool = makeNode("pool", "MaxPool", {"bb_relu"}, {"br"});
        pool.attributes.set("kernel_shape", std::vector<int64_t>{2, 2});
        pool.attributes.set("strides", std::vector<int64_t>{2, 2});
        g.nodes.push_back(pool);
    } else {
        g.nodes.push_back(makeNode("act", between, {"b"}, {"br"}));
    }
    g.nodes.push_back(conv("C", {"br", "wc"}, "y", 1, 1));
    g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
    return g;
}

Graph prepared(const Graph& g, bool equalize)
{
    PrepareOptions options;
    options.shapes.batch = 2;
    options.equalizeChannels = equalize;
    return prepareGraph(g, options);
}

// max |w| of output channel c of a [O, ...] tensor, and of input channel c of a depthwise / dense conv.
float outputRange(const Tensor& w, int64_t c)
{
    const int64_t per = w.size() / w.shape()[0];
    float r = 0.0f;
    for (int64_t j = 0; j < per; ++j)
        r = std::max(r, std::fabs(w.data<float>()[c * per + j]));
    return r;
}

float inputRange(const Tensor& w, int64_t c, int64_t group)
{
    const int64_t out = w.shape()[0], inPer = w.shape()[1], kernel = w.size() / (out * inPer);
    const int64_t outPer = out / group, g = c / inPer, j = c % inPer;
    float r = 0.0f;
    for (int64_t o = g * outPer; o < (g + 1) * outPer; ++o)
        for (int64_t k = 0; k < kernel; ++k)
            r = std::max(r, std::fabs(w.data<float>()[(o * inPer + j) * kernel + k]));
    return r;
}

const Tensor& weightOf(const Graph& g, const std::string& node) { return *g.constant(g.findNode(node)->input(1)); }

std::vector<float> runFp32(const Graph& g, const std::vector<float>& input)
{
    InputShapes shapes;
    shapes.batch = 2;
    Session session(CompiledModel::compilePrepared(std::make_shared<const Graph>(g), {}));
    session.run(input.data());
    const std::span<const float> out = session.output(0);
    return {out.begin(), out.end()};
}

} // namespace

class TestEqualizeChannels : public QObject {
    Q_OBJECT
private slots:
    void balancesEveryPairAndKeepsTheFunction()
    {
        Graph g = prepared(chain(), false);
        const std::vector<float> before = [&] {
            std::vector<float> x(2 * 8 * 12 * 12);
            std::mt19937 rng(3);
            std::normal_distribution<float> dist;
            for (float& v : x)
                v = dist(rng);
            return x;
        }();
        std::vector<float> input = before;
        const std::vector<float> reference = runFp32(g, input);

        const EqualizationReport report = equalizeChannels(g);
        QCOMPARE(report.pairs, 2); // A -> Relu -> B and B -> LeakyRelu -> C
        QVERIFY(report.iterations >= 2 && report.iterations <= 20);
        // After the last sweep, each pair's ranges agree channel by channel (B's output side and input side
        // are the same channels of a depthwise conv, so both pairs settle together).
        const Tensor &wa = weightOf(g, "A"), &wb = weightOf(g, "B"), &wc = weightOf(g, "C");
        for (int64_t c = 0; c < kChannels; ++c) {
            QVERIFY2(std::fabs(outputRange(wa, c) / inputRange(wb, c, kChannels) - 1.0f) < 1e-3f, qPrintable(QString::number(c)));
            QVERIFY2(std::fabs(outputRange(wb, c) / inputRange(wc, c, 1) - 1.0f) < 1e-3f, qPrintable(QString::number(c)));
        }
        // Before, A's ranges spanned two decades; now they are within a few x of each other.
        float lo = 1e30f, hi = 0.0f;
        for (int64_t c = 0; c < kChannels; ++c) {
            lo = std::min(lo, outputRange(wa, c));
            hi = std::max(hi, outputRange(wa, c));
        }
        QVERIFY2(hi / lo < 5.0f, qPrintable(QString::number(hi / lo)));

        const std::vector<float> after = runFp32(g, input);
        QCOMPARE(after.size(), reference.size());
        float peak = 0.0f, diff = 0.0f;
        for (std::size_t i = 0; i < after.size(); ++i) {
            peak = std::max(peak, std::fabs(reference[i]));
            diff = std::max(diff, std::fabs(after[i] - reference[i]));
        }
        QVERIFY(peak > 0.1f);
        QVERIFY2(diff <= 1e-5f * peak, qPrintable(QString::number(diff / peak)));
    }

    void pairsOnlyWhatItCanScale()
    {
        // Relu then MaxPool between B and C: still a pair.
        Graph pooled = prepared(chain("MaxPool"), false);
        QCOMPARE(equalizeChannels(pooled).pairs, 2);
        // ReLU6 between B and C: only A -> Relu -> B qualifies.
        Graph clipped = prepared(chain("Clip"), false);
        QCOMPARE(equalizeChannels(clipped).pairs, 1);
        // Sigmoid is not positively homogeneous either.
        Graph sigmoid = prepared(chain("Sigmoid"), false);
        QCOMPARE(equalizeChannels(sigmoid).pairs, 1);
        // A's output read by a second node as well (a branch): A -> B cannot be rescaled.
        Graph branched = chain();
        branched.nodes.push_back(makeNode("tap", "Relu", {"a"}, {"tapped"}));
        branched.outputs.push_back(ValueInfo{"tapped", DataType::Float32, {}, {}, false});
        Graph b = prepared(branched, false);
        QCOMPARE(equalizeChannels(b).pairs, 1);
        // C's weights shared with another node: B -> C is left alone.
        Graph shared = chain();
        shared.nodes.push_back(conv("C2", {"br", "wc"}, "y2", 1, 1));
        shared.outputs.push_back(ValueInfo{"y2", DataType::Float32, {}, {}, false});
        Graph s = prepared(shared, false);
        QCOMPARE(equalizeChannels(s).pairs, 1);
    }

    // The MobileNet pattern in int8: 8-bit per-channel weights, per-tensor activations calibrated on random
    // inputs. Without equalization the activation between A and B spends its grid on A's loudest channels and B
    // amplifies the quiet ones' rounding 100x; with it, the output keeps far more of its signal.
    void int8FidelityImproves()
    {
        const auto model = std::make_shared<const Graph>(chain());
        const RandomDataset data({8, 12, 12, Layout::Nchw}, 16, 5);
        std::vector<int64_t> calibrationIndices(8), evalIndices(8);
        for (int64_t i = 0; i < 8; ++i) {
            calibrationIndices[i] = i;
            evalIndices[i] = 8 + i;
        }
        auto fidelity = [&](bool equalize) {
            const PreparedModel prepared(model, equalize);
            const Calibration calibration = calibrate(prepared, data, calibrationIndices, 4);
            PtqConfig config;
            config.defaults.quant.perChannel = true;
            EngineOptions fp32, int8;
            int8.quantization = buildPlan(calibration, config);
            return measureFidelity(prepared, data, evalIndices, 4, fp32, int8).worstSqnrDb();
        };
        const double plain = fidelity(false), equalized = fidelity(true);
        qInfo("output SQNR: %.1f dB plain, %.1f dB equalized", plain, equalized);
        QVERIFY2(equalized > plain + 6.0, qPrintable(QString("%1 vs %2").arg(equalized).arg(plain)));
        QVERIFY(equalized > 30.0);
    }
};

QTEST_APPLESS_MAIN(TestEqualizeChannels)
#include "test_equalize_channels.moc"
