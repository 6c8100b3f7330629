// Automatic mixed precision on ResNet-8 (Fashion-MNIST, 2000 test images): the chosen configuration keeps top-1
// within the budget and is smaller than uniform 8-bit; exported as Distiller YAML and read back, an independent
// evaluation (core/eval, not the search's own loop) gives the same top-1; every kept candidate was within budget
// and every reverted one was not; without labels the budget is the output SQNR. The latency objective times every
// candidate (no timing is compared: speed belongs in benchmarks) and moves layers between int8 and FP32 only.
#include "core/engine/cpu_features.h"
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/distiller/distiller_resolve.h"
#include "core/distiller/distiller_yaml.h"
#include "core/eval/evaluator.h"
#include "core/onnx_export/qdq_model.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/eval/model_feed.h"
#include "core/ptq/autoquant.h"
#include "core/ptq/model_size.h"
#include "core/ptq/sensitivity.h"
#include "core/util/error.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace qs;

namespace {

// The same samples without their labels: what a detector's or an unlabelled folder's data looks like.
class WithoutLabels final : public Dataset {
public:
    explicit WithoutLabels(const Dataset& inner) : m_inner(inner) {}
    std::string name() const override { return m_inner.name(); }
    std::string description() const override { return m_inner.description(); }
    int64_t size() const override { return m_inner.size(); }
    int numClasses() const override { return 0; }
    std::string className(int) const override { return {}; }
    int label(int64_t) const override { return -1; }
    SampleShape sampleShape() const override { return m_inner.sampleShape(); }
    const PreprocessSpec& preprocess() const override { return m_inner.preprocess(); }
    void loadBatch(std::span<const int64_t> indices, float* out) const override { m_inner.loadBatch(indices, out); }

private:
    const Dataset& m_inner;
};

} // namespace

class TestAutoquant : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<PreparedModel> m_model;
    std::unique_ptr<Dataset> m_test;
    std::unique_ptr<Calibration> m_calibration;
    std::vector<int64_t> m_samples;
    PtqConfig m_base;

private slots:
    void initTestCase()
    {
        m_model = std::make_unique<PreparedModel>(std::make_shared<const Graph>(importOnnxFile(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx")));
        const auto train = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Train, PreprocessSpec::fashionMnist());
        m_test = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Test, PreprocessSpec::fashionMnist());
        m_calibration = std::make_unique<Calibration>(calibrate(*m_model, *train, firstIndices(train->size(), 512)));
        m_samples = firstIndices(m_test->size(), 2000);
        m_base.defaults.quant.perChannel = true;
        m_base.defaults.quant.modeActivations = QuantMode::Symmetric;
    }

    void topOneBudget()
    {
        AutoquantOptions options;
        options.maxTop1Drop = 0.2;
        options.sensitivitySamples = 500;
        const AutoquantResult r = autoquant(*m_model, *m_test, m_samples, *m_calibration, m_base, options);
        QVERIFY(r.labelled);
        QVERIFY(r.fp32Top1 > 85.0);
        QVERIFY2(r.fp32Top1 - r.chosen.top1 <= 0.2 + 1e-9, qPrintable(QString::number(r.chosen.top1)));
        QVERIFY2(r.chosen.megabytes < 0.85 * r.uniform.megabytes,
                 qPrintable(QString("%1 MB vs uniform %2 MB").arg(r.chosen.megabytes).arg(r.uniform.megabytes)));
        QVERIFY(r.trace.size() >= 3);
        // Size: nothing timed; the chosen one is the last accepted.
        QVERIFY(std::isnan(r.fp32LatencyMs));
        std::size_t lastAccepted = 0;
        for (std::size_t i = 0; i < r.trace.size(); ++i) {
            QVERIFY2(std::isnan(r.trace[i].latencyMs), r.trace[i].change.c_str());
            if (r.trace[i].accepted)
                lastAccepted = i;
        }
        QCOMPARE(r.chosenIndex, lastAccepted);
        for (const AutoquantCandidate& c : r.trace) {
            if (c.clipping) // kept only when closer to FP32: may be reverted within budget
                QVERIFY2(!c.accepted || c.withinBudget, c.change.c_str());
            else
                QVERIFY2(c.accepted == c.withinBudget || (!c.withinBudget && c.change.find("FP32") != std::string::npos), c.change.c_str());
        }

        // Exported and read back as a user's YAML: the independent evaluator gives the chosen top-1 and size.
        InputShapes shapes;
        const Graph& prepared = *m_model->graph(shapes);
        const std::string yaml = writeDistillerConfig(fromPtqConfig(r.config, prepared));
        const PtqConfig loaded = toPtqConfig(parseDistillerConfig(yaml, "autoquant.yaml"), prepared);
        EvalOptions eval;
        eval.indices = m_samples;
        eval.engine.quantization = buildPlan(*m_calibration, loaded);
        const EvalMetrics metrics = evaluate(*m_model, *m_test, eval);
        QCOMPARE(metrics.top1() * 100.0, r.chosen.top1);
        QVERIFY(std::abs(modelSize(prepared, eval.engine.quantization.get()).quantizedMegabytes() - r.chosen.megabytes) < 1e-9);
        // Every candidate carries what it evaluated: one layer changed from the configuration it started from (the
        // clipping candidate: only clip methods, on one layer or more).
        QVERIFY(layerBits(r.chosen.config, prepared) == layerBits(r.config, prepared));
        auto current = layerBits(r.trace.front().config, prepared);
        for (std::size_t i = 1; i < r.trace.size(); ++i) {
            const auto candidate = layerBits(r.trace[i].config, prepared);
            int changed = 0;
            for (std::size_t k = 0; k < candidate.size(); ++k)
                changed += candidate[k].second != current[k].second;
            if (r.trace[i].clipping) {
                QVERIFY2(changed >= 1, r.trace[i].change.c_str());
                for (std::size_t k = 0; k < candidate.size(); ++k)
                    QCOMPARE(candidate[k].second.substr(0, 4), current[k].second.substr(0, 4)); // the bits stay
            } else {
                QVERIFY2(changed == 1, r.trace[i].change.c_str());
            }
            if (r.trace[i].accepted)
                current = candidate;
        }
        const auto bits = layerBits(loaded, prepared);
        QCOMPARE(bits.size(), std::size_t(10));
        QVERIFY(std::any_of(bits.begin(), bits.end(), [](const auto& b) { return b.second != "W8A8"; }));
    }

    // For int8 kernels without VNNI (ONNX Runtime's on AVX2): from 7-bit symmetric weights, stepping 7 -> 4, the
    // result stays within the budget, no layer gets back to 8 bits, and its QDQ file keeps every weight within +-64
    // (nothing for such kernels to saturate on, so no note says so). Widths that do not start at 8 or 7, or do not
    // descend, are refused.
    void sevenBitWeightsForKernelsWithoutVnni()
    {
        PtqConfig base = m_base;
        base.defaults.quant.bitsWeights = 7;
        base.defaults.quant.modeWeights = QuantMode::Symmetric;
        AutoquantOptions options;
        options.maxTop1Drop = 0.3;
        options.weightBits = {7, 4};
        options.clipMethods = {};
        options.sensitivitySamples = 200;
        const std::vector<int64_t> samples(m_samples.begin(), m_samples.begin() + 1000);
        const AutoquantResult r = autoquant(*m_model, *m_test, samples, *m_calibration, base, options);
        QVERIFY2(r.fp32Top1 - r.chosen.top1 <= 0.3 + 1e-9, qPrintable(QString::number(r.chosen.top1)));
        InputShapes shapes;
        const Graph& prepared = *m_model->graph(shapes);
        int atFour = 0;
        for (const Node& node : prepared.nodes) {
            if (!r.config.perLayer.count(node.name) && !base.resolve(node).quantize)
                continue;
            const LayerPtqSettings s = r.config.resolve(node);
            QVERIFY2(!s.quantize || s.quant.bitsWeights <= 7, node.name.c_str());
            atFour += s.quantize && s.quant.bitsWeights == 4 && m_model->source().findNode(node.name) != nullptr;
        }
        QVERIFY2(atFour > 0, "no layer stepped down from 7 bits");
        QVERIFY(r.chosen.megabytes < r.uniform.megabytes);
        const QdqModel qdq = qdqModel(*m_model->graph(m_model->runnableShapes(inputShapesFor(m_model->source(), *m_test, 1))),
                                      *buildPlan(*m_calibration, r.config));
        int int8Weights = 0;
        for (const auto& [name, t] : qdq.graph.initializers)
            if (t.dtype() == DataType::Int8 && t.rank() >= 2) {
                ++int8Weights;
                const auto* v = t.data<int8_t>();
                QVERIFY2(std::all_of(v, v + t.size(), [](int8_t w) { return w >= -64 && w <= 64; }), name.c_str());
            }
        QVERIFY(int8Weights > 0);
        for (const std::string& note : qdq.notes)
            QVERIFY2(note.rfind("8-bit weights:", 0) != 0, note.c_str());

        for (const std::vector<int>& bad : {std::vector<int>{6, 4}, std::vector<int>{8, 8, 4}, std::vector<int>{8, 4, 6}}) {
            options.weightBits = bad;
            QVERIFY_THROWS_EXCEPTION(qs::Error, autoquant(*m_model, *m_test, samples, *m_calibration, base, options));
        }
    }

    // Clip probes: at the base's bits, one per method asked, the base's own method equal to the plain 8-bit
    // probe (the same configuration); autoquant's clipping candidate gives changed layers a method of the list and
    // is kept only when the whole model's output SQNR rises, and the YAML carries the methods (its top-1 again).
    void clipMethodPerLayer()
    {
        SensitivityOptions sweep;
        sweep.bits = {8};
        sweep.clipMethods = {RangeMethod::None, RangeMethod::Mse};
        const std::vector<int64_t> few(m_samples.begin(), m_samples.begin() + 200);
        const SensitivityReport report = measureSensitivity(*m_model, *m_test, few, *m_calibration, m_base, sweep);
        int better = 0;
        for (const LayerSensitivity& l : report.layers) {
            QCOMPARE(l.probes.size(), std::size_t(4)); // W8A8, all but this layer, clip none, clip mse
            const SensitivityProbe& plain = l.probes[0];
            const SensitivityProbe& none = l.probes[2];
            const SensitivityProbe& mse = l.probes[3];
            QVERIFY(!plain.clip && none.clip == RangeMethod::None && mse.clip == RangeMethod::Mse && mse.onlyThisLayer);
            QCOMPARE(none.bitsWeights, 8);
            QCOMPARE(none.outputSqnrDb, plain.outputSqnrDb);
            better += mse.outputSqnrDb > none.outputSqnrDb + 0.1;
        }
        QVERIFY2(better > 0, "MSE clipping helps no layer of ResNet-8 alone");

        PtqConfig perTensor = m_base;
        perTensor.defaults.quant.perChannel = false;
        AutoquantOptions options;
        options.maxTop1Drop = 0.3;
        options.weightBits = {8, 4};
        options.clipMethods = {RangeMethod::None, RangeMethod::Mse};
        options.sensitivitySamples = 300;
        const std::vector<int64_t> samples(m_samples.begin(), m_samples.begin() + 1000);
        const AutoquantResult r = autoquant(*m_model, *m_test, samples, *m_calibration, perTensor, options);
        // The clipping candidates come right after the uniform one, each with half the changes of the one before,
        // until one measures closer to FP32 (kept) or a single change is left.
        std::vector<const AutoquantCandidate*> clipping;
        for (std::size_t i = 1; i < r.trace.size() && r.trace[i].clipping; ++i)
            clipping.push_back(&r.trace[i]);
        QVERIFY(!clipping.empty());
        InputShapes shapes;
        const Graph& prepared = *m_model->graph(shapes);
        int previous = 0;
        for (const AutoquantCandidate* c : clipping) {
            QCOMPARE(c->accepted, c->sqnrDb > r.uniform.sqnrDb && (c->withinBudget || !r.uniform.withinBudget));
            QVERIFY2(!c->accepted || c == clipping.back(), c->change.c_str());
            int clipped = 0;
            for (const auto& [node, bits] : layerBits(c->config, prepared))
                clipped += bits.find(" mse") != std::string::npos;
            QVERIFY2(clipped >= 1, c->change.c_str());
            if (c != clipping.front())
                QCOMPARE(clipped, previous / 2);
            previous = clipped;
        }
        const PtqConfig loaded =
            toPtqConfig(parseDistillerConfig(writeDistillerConfig(fromPtqConfig(r.config, prepared)), "autoquant.yaml"), prepared);
        QVERIFY(layerBits(loaded, prepared) == layerBits(r.config, prepared));

        // 'keep': no clipping candidate.
        options.clipMethods.clear();
        const AutoquantResult kept = autoquant(*m_model, *m_test, samples, *m_calibration, perTensor, options);
        for (const AutoquantCandidate& c : kept.trace)
            QVERIFY2(!c.clipping, c.change.c_str());
    }

    // Latency: every candidate has a measured batch-1 latency, no candidate lowers a weight width (only FP32 versus
    // int8 moves), and the chosen one is within budget and the fastest accepted within budget. The budget is tight
    // enough that uniform 8-bit misses it, so the FP32 walk ordered by gain per measured latency cost runs.
    void latencyObjective()
    {
        if (!cpuFeatures().hasVnni)
            QSKIP("this CPU has no VNNI: 8-bit weights run on a 7-bit grid (core/engine/cpu_features.h), and the budget this test sets is for 8-bit weights");
        AutoquantOptions options;
        options.objective = AutoquantObjective::Latency;
        options.maxTop1Drop = 0.0;
        options.sensitivitySamples = 300;
        options.latency.minRuns = 10;     // a quicker median than the default: this test compares no timing
        options.latency.minSeconds = 0.02;
        const std::vector<int64_t> samples(m_samples.begin(), m_samples.begin() + 1000);
        const AutoquantResult r = autoquant(*m_model, *m_test, samples, *m_calibration, m_base, options);
        QVERIFY2(std::isfinite(r.fp32LatencyMs) && r.fp32LatencyMs > 0.0, qPrintable(QString::number(r.fp32LatencyMs)));
        QVERIFY2(!r.uniform.withinBudget, "uniform 8-bit fits: the FP32 walk is not exercised");
        bool walked = false;
        double fastest = std::numeric_limits<double>::infinity();
        for (const AutoquantCandidate& c : r.trace) {
            QVERIFY2(std::isfinite(c.latencyMs) && c.latencyMs > 0.0, c.change.c_str());
            for (const auto& [layer, s] : c.config.perLayer) {
                const LayerPtqSettings& before = r.uniform.config.perLayer.at(layer);
                QVERIFY2(!s.quantize || (s.quant.bitsWeights == before.quant.bitsWeights && s.quant.bitsActivations == before.quant.bitsActivations),
                         qPrintable(QString::fromStdString(c.change + ": " + layer)));
            }
            walked |= c.accepted && c.change.find(" FP32") != std::string::npos;
            if (c.accepted && c.withinBudget)
                fastest = std::min(fastest, c.latencyMs);
            if (!c.accepted && !c.clipping && c.withinBudget) // reverted within budget: only when not faster
                QVERIFY2(c.change.find("FP32") != std::string::npos, c.change.c_str());
        }
        QVERIFY(walked);
        QVERIFY(r.chosen.withinBudget && r.chosen.accepted);
        QVERIFY2(r.fp32Top1 - r.chosen.top1 <= options.maxTop1Drop + 1e-9, qPrintable(QString::number(r.chosen.top1)));
        QCOMPARE(r.chosen.latencyMs, fastest);
        QVERIFY(r.chosenIndex < r.trace.size());
        QCOMPARE(r.trace[r.chosenIndex].change, r.chosen.change);
        QCOMPARE(r.trace[r.chosenIndex].latencyMs, r.chosen.latencyMs);
        InputShapes shapes;
        const Graph& prepared = *m_model->graph(shapes);
        QVERIFY(layerBits(r.config, prepared) == layerBits(r.chosen.config, prepared));
    }

    void fidelityBudgetWithoutLabels()
    {
        if (!cpuFeatures().hasVnni)
            QSKIP("this CPU has no VNNI: 8-bit weights run on a 7-bit grid (core/engine/cpu_features.h), and uniform 8-bit, which this budget is set to accept, is then below it");
        const WithoutLabels unlabelled(*m_test);
        AutoquantOptions options;
        options.minSqnrDb = 25.0;
        options.weightBits = {8, 4};
        options.sensitivitySamples = 300;
        const std::vector<int64_t> samples(m_samples.begin(), m_samples.begin() + 500);
        const AutoquantResult r = autoquant(*m_model, unlabelled, samples, *m_calibration, m_base, options);
        QVERIFY(!r.labelled);
        QVERIFY(std::isnan(r.chosen.top1));
        QVERIFY2(r.chosen.sqnrDb >= 25.0, qPrintable(QString::number(r.chosen.sqnrDb)));
        QVERIFY(r.chosen.megabytes <= r.uniform.megabytes);
        for (const AutoquantCandidate& c : r.trace)
            if (c.accepted && c.change.find("FP32") == std::string::npos)
                QVERIFY2(c.sqnrDb >= 25.0, c.change.c_str());
    }
};

QTEST_GUILESS_MAIN(TestAutoquant)
#include "test_autoquant.moc"
