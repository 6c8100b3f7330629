// Measured per-layer error (core/ptq/layer_error.h) on the three shared Fashion-MNIST models at 8 bits: real
// int8 on oneDNN and the fake-quantization twin agree within 1 dB on every layer, isolated and accumulated
// (issue 13's acceptance); the numbers are real measurements (finite, well above 0 dB, isolated at or above
// what the same layer gets with every layer quantized before it, except within measurement noise), a layer
// kept FP32 is not reported, and the rank correlation is Spearman's.
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/layer_error.h"

#include <QtTest>

#include <cmath>

using namespace qs;

class TestLayerError : public QObject {
    Q_OBJECT

private slots:
    void spearman()
    {
        QCOMPARE(spearmanRank({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
        QCOMPARE(spearmanRank({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
        QCOMPARE(spearmanRank({1, 2, 3}, {1, 3, 2}), 0.5);
        QVERIFY(std::isnan(spearmanRank({1, 2}, {1, 2})));
    }

    void realInt8MatchesItsSimulation_data()
    {
        QTest::addColumn<QString>("model");
        for (const char* m : {"fmnist_cnn", "fmnist_cnn_bn", "fmnist_resnet8"})
            QTest::newRow(m) << QString(m);
    }

    void realInt8MatchesItsSimulation()
    {
        QFETCH(QString, model);
        const PreparedModel prepared(std::make_shared<const Graph>(importOnnxFile(QS_TEST_DATA_DIR "/models/" + model.toStdString() + ".onnx")));
        const auto train = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Train, PreprocessSpec::fashionMnist());
        const auto test = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Test, PreprocessSpec::fashionMnist());
        const Calibration calibration = calibrate(prepared, *train, firstIndices(train->size(), 256));
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        const LayerErrorReport report = measureLayerErrors(prepared, *test, firstIndices(test->size(), 16), calibration, config);
        QVERIFY(report.layers.size() >= 4);
        QCOMPARE(report.samples, int64_t(16));
        QString mismatches;
        for (const LayerError& e : report.layers) {
            const QString what = QString::fromStdString(e.node) + QString(" accum %1/%2 isolated %3/%4 predicted %5")
                                                                      .arg(e.accumulatedDb).arg(e.accumulatedTwinDb).arg(e.isolatedDb)
                                                                      .arg(e.isolatedTwinDb).arg(e.predictedDb);
            if (std::abs(e.isolatedDb - e.isolatedTwinDb) >= 1.0 || std::abs(e.accumulatedDb - e.accumulatedTwinDb) >= 1.0)
                mismatches += what + "; ";
            QVERIFY2(e.accumulatedTwinDb > 20.0 && e.accumulatedTwinDb < 80.0 && e.isolatedTwinDb > 25.0 && e.isolatedTwinDb < 80.0, qPrintable(what));
            QVERIFY2(e.isolatedTwinDb > e.accumulatedTwinDb - 1.0, qPrintable(what));
            QVERIFY2(std::isfinite(e.predictedDb) && std::abs(e.predictedDb - e.isolatedTwinDb) < 15.0, qPrintable(what));
        }
        // Found by this test: taps of int8 values read with the slot's scale, storage type and without the zero
        // point (a residual reused in place by a sum post-op; oneDNN 2.6's reorder dropping the source zero point)
        // gave the stem ~16 dB and l3.c2 -18 dB; fixed in dnnl_plan.cpp. Then ResNet-8's shortcut convs measured
        // alone: the block input is made by FP32 layers and read by the int8 shortcut conv and the FP32 first conv;
        // the engine quantizes a copy for the int8 reader, while the twin rounded the value where it was made, so
        // the FP32 branch got the grid too (49.5 vs 44.1 dB, and 49.7 vs 39.5 dB where the fused Add's other
        // operand is float and the engine runs the Add in FP32). The twin now rounds per reader as the engine does.
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches));
        QVERIFY(std::isfinite(report.predictedVsIsolatedRank));

        // A layer kept FP32 is not measured, and the others still are.
        PtqConfig without = config;
        without.noQuantLayers = {report.layers.front().node};
        LayerErrorOptions quick;
        quick.isolated = false;
        quick.twin = false;
        const LayerErrorReport rest = measureLayerErrors(prepared, *test, firstIndices(test->size(), 16), calibration, without, quick);
        QCOMPARE(rest.layers.size(), report.layers.size() - 1);
        for (const LayerError& e : rest.layers)
            QVERIFY(e.node != report.layers.front().node && std::isnan(e.isolatedDb));
    }
};

QTEST_APPLESS_MAIN(TestLayerError)
#include "test_layer_error.moc"
