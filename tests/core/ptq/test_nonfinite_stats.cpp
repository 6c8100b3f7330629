// Statistics or weights that are not finite must stop quantization where the plan is built or lowered,
// instead of running with infinite scales and scoring NaN logits: buildPlan refuses a non-finite activation
// range (or one whose span overflows the scale), naming the value, the layer, the model and — when the
// statistics came from a file — the stats file; integer lowering refuses non-finite weights naming the layer.
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/calibration/calibration.h"
#include "core/ptq/ptq_config.h"
#include "core/util/error.h"

#include <QtTest>

#include <limits>

using namespace qs;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const char* const kModel = QS_TEST_DATA_DIR "/models/fmnist_cnn.onnx";

QString messageOf(const std::function<void()>& job)
{
    try {
        job();
    } catch (const Error& e) {
        return QString(e.what());
    }
    return {};
}
} // namespace

class TestNonfiniteStats : public QObject {
    Q_OBJECT
    Graph m_model;
    std::unique_ptr<Dataset> m_train;
    Calibration m_calibration;
    LayerStats m_first; // the first quantizable layer: its input's range is the first one the plan picks

private slots:
    void initTestCase()
    {
        m_model = importOnnxFile(kModel);
        m_train = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Train, PreprocessSpec::fashionMnist());
        m_calibration = calibrate(m_model, *m_train, firstIndices(m_train->size(), 64), 32);
        const auto layers = layerStats(m_calibration.prepared);
        QVERIFY(!layers.empty() && !layers.front().inputs.empty());
        m_first = layers.front();
        QVERIFY(m_calibration.stats(m_first.inputs.front().second));
        // The untouched statistics build a plan.
        QVERIFY(buildPlan(m_calibration, PtqConfig{}));
    }

    void nonFiniteRangeIsRefused_data()
    {
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<QString>("source");
        QTest::newRow("max +inf, calibrated") << 0.0 << kInf << QString();
        QTest::newRow("min -inf, from a file") << -kInf << 1.0 << QString("/tmp/bad_stats.yaml");
        QTest::newRow("max 1e308 (inf as float), from a file") << 0.0 << 1e308 << QString("/tmp/huge_stats.yaml");
        QTest::newRow("max NaN") << 0.0 << kNaN << QString("/tmp/nan_stats.yaml");
        // Finite as floats, but max - min overflows: the scale would be infinite.
        QTest::newRow("span overflows") << -3e38 << 3e38 << QString("/tmp/wide_stats.yaml");
    }

    void nonFiniteRangeIsRefused()
    {
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(QString, source);
        Calibration bad = m_calibration;
        bad.source = source.toStdString();
        ActivationStats& s = bad.values.at(m_first.inputs.front().second);
        s.min = s.avgMin = min;
        s.max = s.avgMax = max;
        const QString m = messageOf([&] { buildPlan(bad, PtqConfig{}); });
        QVERIFY2(!m.isEmpty(), "buildPlan accepted a non-finite range");
        qInfo("%s", qPrintable(m));
        QVERIFY2(m.contains(QString::fromStdString(m_first.layer)), qPrintable(m));
        QVERIFY2(m.contains(QString::fromStdString(m_first.inputs.front().second)), qPrintable(m));
        QVERIFY2(m.contains("fmnist_cnn.onnx"), qPrintable(m));
        if (!source.isEmpty())
            QVERIFY2(m.contains(source), qPrintable(m));
    }

    void nonFiniteWeightsAreRefusedNamingTheLayer_data()
    {
        QTest::addColumn<double>("weight");
        QTest::newRow("inf") << kInf;
        QTest::newRow("NaN") << kNaN;
        QTest::newRow("-inf") << -kInf;
    }

    void nonFiniteWeightsAreRefusedNamingTheLayer()
    {
        QFETCH(double, weight);
        const auto plan = buildPlan(m_calibration, PtqConfig{});
        Graph broken = m_model;
        const Node* conv = nullptr;
        for (const Node& node : broken.nodes)
            if (plan->layer(node.name) && node.hasInput(1) && broken.isConstant(node.input(1))) {
                conv = &node;
                break;
            }
        QVERIFY(conv);
        Tensor& w = broken.initializers.at(conv->input(1));
        w.data<float>()[w.size() / 2] = static_cast<float>(weight);
        EngineOptions options; // oneDNN's int8 lowering, as `quantscope-cli eval --qe` runs it
        options.quantization = plan;
        const QString m = messageOf([&] { CompiledModel::compile(broken, inputShapesFor(broken, *m_train, 4), options); });
        QVERIFY2(!m.isEmpty(), "a non-finite weight was quantized");
        qInfo("%s", qPrintable(m));
        QVERIFY2(m.contains(QString::fromStdString(conv->name)) && m.contains("not finite"), qPrintable(m));
    }

    void overflowingWeightScaleIsRefused()
    {
        // Finite weights whose asymmetric span overflows a float: the scale would be infinite.
        WeightQuant spec;
        spec.bits = 7;
        spec.asymmetric = true;
        const float big = 3e38f;
        const Tensor w = Tensor::fromFloats({2, 2}, std::vector<float>{big, -big, 1.0f, -1.0f});
        std::vector<int8_t> q;
        const QString m = messageOf([&] { quantizeWeights(w, spec, q); });
        QVERIFY2(m.contains("channel 0") && m.contains("scale"), qPrintable(m));
        spec.asymmetric = false; // max |w| / 63.5 is finite: fine
        QCOMPARE(static_cast<int>(quantizeWeights(w, spec, q).size()), 2);
    }

    // A channel of denormal weights (road-segmentation-adas-0001 has one) used to be refused with "scale 0":
    // it quantizes to zeros, every other channel as usual, in every mode.
    void denormalChannelQuantizesToZero()
    {
        const Tensor w = Tensor::fromFloats({2, 2}, std::vector<float>{1e-41f, -2e-40f, 0.5f, -1.0f});
        for (bool asymmetric : {false, true}) {
            WeightQuant spec;
            spec.bits = 7;
            spec.asymmetric = asymmetric;
            std::vector<int8_t> q;
            const std::vector<float> scales = quantizeWeights(w, spec, q);
            QCOMPARE(scales[0], 1.0f);
            QVERIFY(q[0] == 0 && q[1] == 0);
            QVERIFY(scales[1] > 0.0f && q[3] != 0);
        }
    }
};

QTEST_APPLESS_MAIN(TestNonfiniteStats)
#include "test_nonfinite_stats.moc"
