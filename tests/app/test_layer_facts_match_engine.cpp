// The workbench shows what runs: for every layer of every bundled model, each mode at 8 and 4 bits, the tensor
// the layer table reports for a layer's output (and input), and the grid its histogram draws for the active
// clip method, equal what the compiled int8 model stores as integers. The compiled model is asked directly
// (CompiledModel::integerQuantization(), read off its slots), not the helpers the workbench uses.

#include "app/gui/jobs/workbench_jobs.h"
#include "app/gui/models/layer_config.h"
#include "app/gui/plot_data.h"
#include "core/engine/engine.h"
#include "core/ptq/ptq_config.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <memory>

using namespace qs;
using namespace qs::gui;

namespace {

struct Loaded {
    LoadedModel model;
    Calibration calibration;
};

Loaded loadAndCalibrate(const QString& path)
{
    Progress progress;
    Loaded l;
    l.model = loadModel(path, progress);
    DatasetSelection selection;
    selection.calibrationSamples = 64;
    l.calibration = calibrateStats(*l.model.model, selection, path, progress);
    return l;
}

QString describe(const ActivationQuant& q)
{
    return QStringLiteral("scale %1 zp %2 [%3, %4]").arg(q.scale, 0, 'g', 9).arg(q.zeroPoint).arg(q.qmin()).arg(q.qmax());
}

// The grid the histogram view draws for `layer` (input or output) under `config`.
ActivationQuant drawnGrid(const Calibration& calibration, const LayerInfo& layer, const LayerConfig& config, bool input)
{
    const widgets::HistogramData data = histogramData(calibration, layer, config, input);
    ActivationQuant q;
    q.scale = static_cast<float>(data.grid.scale);
    q.zeroPoint = data.grid.zeroPoint;
    q.bits = config.bitsActivations;
    q.isSigned = data.grid.qmin < 0;
    q.restricted = q.isSigned && data.grid.qmin == -(data.grid.qmax);
    return q;
}

bool sameGrid(const ActivationQuant& a, const ActivationQuant& b)
{
    return a.scale == b.scale && a.zeroPoint == b.zeroPoint && a.qmin() == b.qmin() && a.qmax() == b.qmax();
}

} // namespace

class TestLayerFactsMatchEngine : public QObject {
    Q_OBJECT

private slots:
    void reportedTensorAndGridAreWhatRuns_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("fmnist_cnn") << QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_cnn.onnx");
        QTest::newRow("fmnist_cnn_bn") << QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_cnn_bn.onnx");
        QTest::newRow("fmnist_resnet8") << QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx");
        QTest::newRow("demo") << QStringLiteral(QS_SOURCE_DIR "/resources/models/fmnist_demo.onnx");
    }

    void reportedTensorAndGridAreWhatRuns()
    {
        QFETCH(QString, model);
        const Loaded l = loadAndCalibrate(model);
        QVERIFY(!l.model.layers.empty());
        int checkedOutputs = 0, checkedFp32Outputs = 0, checkedInputs = 0;
        for (QuantMode mode : allQuantModes()) {
            for (int bits : {8, 4}) {
                LayerConfig config;
                config.bitsActivations = config.bitsWeights = bits;
                config.mode = mode;
                config.perChannel = true;
                config.clip = bits == 8 ? RangeMethod::None : RangeMethod::Mse;
                const std::vector<LayerConfig> configs(l.model.layers.size(), config);
                EngineOptions options;
                options.quantization = buildPlan(l.calibration, toPtqConfig(l.model.layers, configs));
                InputShapes shapes;
                shapes.batch = 1;
                const auto compiled = CompiledModel::compile(*l.model.graph, shapes, options);
                const std::map<std::string, ActivationQuant> stored = compiled->integerQuantization();
                const QString where = QStringLiteral("%1 %2-bit").arg(modeName(mode)).arg(bits);
                for (std::size_t row = 0; row < l.model.layers.size(); ++row) {
                    const LayerInfo& layer = l.model.layers[row];
                    const auto out = stored.find(layer.outputValue.toStdString());
                    if (!layer.outputQuantized) {
                        QVERIFY2(out == stored.end(), qPrintable(where + ": " + layer.name + " reports its output " + layer.outputValue +
                                                                 " as FP32, but the engine stores it as integers"));
                        ++checkedFp32Outputs;
                    } else {
                        QVERIFY2(out != stored.end(), qPrintable(where + ": " + layer.name + " reports output " + layer.outputValue +
                                                                 " as quantized, but the compiled model does not store it as integers"));
                        const ActivationQuant drawn = drawnGrid(l.calibration, layer, config, false);
                        QVERIFY2(sameGrid(drawn, out->second), qPrintable(where + ": " + layer.name + " draws " + describe(drawn) + ", runs " +
                                                                          describe(out->second)));
                        ++checkedOutputs;
                    }
                    const auto in = stored.find(layer.inputValue.toStdString());
                    QVERIFY2(in != stored.end(), qPrintable(where + ": the input " + layer.inputValue + " of " + layer.name + " is not quantized"));
                    const ActivationQuant drawnIn = drawnGrid(l.calibration, layer, inputConfig(l.model.layers, configs, row), true);
                    QVERIFY2(sameGrid(drawnIn, in->second), qPrintable(where + ": " + layer.name + " input draws " + describe(drawnIn) + ", runs " +
                                                                       describe(in->second)));
                    ++checkedInputs;
                }
            }
        }
        qInfo("%d quantized outputs, %d FP32 outputs, %d inputs checked", checkedOutputs, checkedFp32Outputs, checkedInputs);
        QVERIFY(checkedOutputs > 0);
    }

    // pred. SQNR includes the weights: W4 lowers every layer's number, and the histogram legend's number for the
    // active method is the column's.
    void predictedSqnrIncludesWeightsAndMatchesTheLegend()
    {
        const Loaded l = loadAndCalibrate(QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx"));
        LayerConfig w8;
        w8.mode = QuantMode::Symmetric;
        LayerConfig w4 = w8;
        w4.bitsWeights = 4;
        WeightSqnrCache cache; // what the workbench's column uses: the same numbers, per weight grid
        for (const LayerInfo& layer : l.model.layers) {
            const auto at8 = predictedSqnr(l.calibration, layer, w8), at4 = predictedSqnr(l.calibration, layer, w4);
            QVERIFY2(at8 && at4 && *at4 < *at8 - 1.0, qPrintable(layer.name));
            QCOMPARE(predictedSqnr(l.calibration, layer, w8, &cache), at8);
            QCOMPARE(predictedSqnr(l.calibration, layer, w4, &cache), at4);
            QCOMPARE(predictedSqnr(l.calibration, layer, w8, &cache), at8);
            if (!layer.outputQuantized)
                continue;
            const widgets::HistogramData data = histogramData(l.calibration, layer, w4, false);
            bool found = false;
            for (const widgets::MethodRange& r : data.ranges)
                if (r.method == data.activeMethod) {
                    QVERIFY2(std::abs(r.sqnrDb - *at4) < 1e-9, qPrintable(layer.name));
                    found = true;
                }
            QVERIFY(found);
        }
    }

    // ResNet-8's residual pairs: the conv that runs first ends at its own output (the Add fuses into the
    // second), so that is the tensor the layer table and the histogram describe.
    void residualPairReportsOwnOutput()
    {
        Progress progress;
        const LoadedModel loaded = loadModel(QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx"), progress);
        const std::map<QString, QString> expectedFused = {
            {QStringLiteral("/l1/c2/Conv"), QStringLiteral("Add+Relu")},     // the shortcut (the block input) exists already
            {QStringLiteral("/l2/c2/Conv"), QString()},                      // runs before its shortcut conv
            {QStringLiteral("/l2/sc/sc.0/Conv"), QStringLiteral("Add+Relu")}, // the Add fuses into the second
            {QStringLiteral("/l3/c2/Conv"), QString()},
            {QStringLiteral("/l3/sc/sc.0/Conv"), QStringLiteral("Add+Relu")},
            {QStringLiteral("/l1/c1/Conv"), QStringLiteral("Relu")},
        };
        int found = 0;
        for (const LayerInfo& layer : loaded.layers) {
            const auto it = expectedFused.find(layer.name);
            if (it == expectedFused.end())
                continue;
            ++found;
            QCOMPARE(layer.fusedOps, it->second);
            QVERIFY(layer.outputQuantized);
        }
        QCOMPARE(found, static_cast<int>(expectedFused.size()));
    }
};

QTEST_GUILESS_MAIN(TestLayerFactsMatchEngine)
#include "test_layer_facts_match_engine.moc"
