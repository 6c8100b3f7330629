// Per-layer sensitivity on ResNet-8 (Fashion-MNIST): where the graph is cut (a residual block's conv needs the
// block input too), the cached sweep gives what the same probes give on the whole model, and the numbers
// behave as quantization must (fewer bits, more error; top-1 from the real labels).
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/data/preprocess_spec.h"
#include "core/data/subset.h"
#include "core/eval/model_feed.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/sensitivity.h"
#include "core/util/error.h"

#include <QtTest>

#include <cmath>

using namespace qs;

class TestSensitivity : public QObject {
    Q_OBJECT

private slots:
    void cutNeedsTheResidual()
    {
        const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx")));
        InputShapes shapes;
        shapes.batch = 4;
        const auto graph = model.graph(shapes);
        const Graph first = graphFrom(*graph, 0);
        QCOMPARE(first.inputs.size(), std::size_t(1));
        QCOMPARE(first.inputs[0].name, graph->inputs[0].name);
        // l1's second conv: its own input and the block input that the residual Add reads later.
        std::size_t at = 0;
        while (at < graph->nodes.size() && graph->nodes[at].name != "/l1/c2/Conv")
            ++at;
        QVERIFY(at < graph->nodes.size());
        const Graph cut = graphFrom(*graph, at);
        QCOMPARE(cut.inputs.size(), std::size_t(2));
        for (const ValueInfo& in : cut.inputs)
            QCOMPARE(in.shape.at(0), int64_t(4));
        QVERIFY_THROWS_EXCEPTION(qs::Error, graphFrom(*graph, graph->nodes.size()));
    }

    // NanoDet-m (a real detector, tests/data/realmodels) has six outputs, one per head, finished one after the
    // other: a probe cut after a head's last node reads that output from the cache (the cut used to be refused:
    // "output 'cls_pred_stride_8' is computed before node Conv_402"), and every head counts: the worst output's
    // SQNR is what a probe reports, so each layer's probe is finite (scored on the first output only, a layer of
    // another head measured +inf). Cached and whole-model probes agree.
    void detectorHeadsAreScoredAndCut()
    {
        const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(QS_TEST_DATA_DIR "/realmodels/nanodet_m_320.onnx")));
        const auto photos = openDataset("images:" QS_TEST_DATA_DIR "/photos", Split::Test,
                                        parsePreprocessSpec("resize=320x320,channels=bgr,mean=103.53:116.28:123.675,std=57.375:57.12:58.395"));
        const Calibration calibration = calibrate(model, *photos, {0, 1}, 1);
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        SensitivityOptions options;
        options.bits = {8};
        options.clipMethods = {};
        options.batch = 1;
        const SensitivityReport cached = measureSensitivity(model, *photos, {2}, calibration, config, options);
        options.useCache = false;
        const SensitivityReport whole = measureSensitivity(model, *photos, {2}, calibration, config, options);
        QVERIFY(!cached.labelled);
        QVERIFY(cached.layers.size() > 60);
        QCOMPARE(whole.layers.size(), cached.layers.size());
        int cutAfterAnOutput = 0;
        const auto graph = model.graph(model.runnableShapes(inputShapesFor(model.source(), *photos, 1)));
        for (std::size_t i = 0; i < cached.layers.size(); ++i) {
            const LayerSensitivity& c = cached.layers[i];
            QVERIFY2(c.cached, c.node.c_str());
            std::size_t at = 0;
            while (graph->nodes[at].name != c.node)
                ++at;
            cutAfterAnOutput += graphFrom(*graph, at).outputs.size() < graph->outputs.size();
            const SensitivityProbe& only = c.probes[0];
            QVERIFY2(only.onlyThisLayer && std::isfinite(only.outputSqnrDb) && only.outputSqnrDb > 10.0,
                     qPrintable(QString::fromStdString(c.node) + " " + QString::number(only.outputSqnrDb)));
            for (std::size_t k = 0; k < c.probes.size(); ++k)
                QVERIFY2(std::abs(c.probes[k].outputSqnrDb - whole.layers[i].probes[k].outputSqnrDb) < 0.5,
                         qPrintable(QString("%1 probe %2: cached %3 dB, whole %4 dB").arg(QString::fromStdString(c.node)).arg(k)
                                        .arg(c.probes[k].outputSqnrDb).arg(whole.layers[i].probes[k].outputSqnrDb)));
        }
        QVERIFY2(cutAfterAnOutput >= 10, qPrintable(QString::number(cutAfterAnOutput)));
    }

    void cachedSweepMatchesWholeModelProbes()
    {
        const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx")));
        const auto train = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Train, PreprocessSpec::fashionMnist());
        const auto test = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Test, PreprocessSpec::fashionMnist());
        const Calibration calibration = calibrate(model, *train, firstIndices(train->size(), 256));
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        SensitivityOptions options;
        options.bits = {8, 4};
        const auto samples = firstIndices(test->size(), 200);
        const SensitivityReport cached = measureSensitivity(model, *test, samples, calibration, config, options);
        options.useCache = false;
        const SensitivityReport whole = measureSensitivity(model, *test, samples, calibration, config, options);

        QVERIFY(cached.labelled);
        QCOMPARE(cached.layers.size(), std::size_t(10)); // 9 convs and the classifier
        QCOMPARE(cached.probes, 10 * 4);                 // W8A8, W4, A4, all_but
        QVERIFY(cached.fp32Top1 > 85.0 && cached.fp32Top1 == whole.fp32Top1);
        QVERIFY(cached.cacheBytes > 0 && whole.cacheBytes == 0);
        for (std::size_t i = 0; i < cached.layers.size(); ++i) {
            const LayerSensitivity& c = cached.layers[i];
            const LayerSensitivity& w = whole.layers[i];
            QVERIFY2(c.cached, c.node.c_str());
            QCOMPARE(c.probes.size(), std::size_t(4));
            for (std::size_t k = 0; k < c.probes.size(); ++k) {
                const QString what = QString("%1 probe %2: cached %3 %% %4 dB, whole %5 %% %6 dB")
                                         .arg(QString::fromStdString(c.node)).arg(k).arg(c.probes[k].top1).arg(c.probes[k].outputSqnrDb)
                                         .arg(w.probes[k].top1).arg(w.probes[k].outputSqnrDb);
                // Same integers; the cut graph may pick other kernels, so a borderline sample may flip.
                QVERIFY2(std::abs(c.probes[k].top1 - w.probes[k].top1) <= 1.0, qPrintable(what));
                QVERIFY2(std::abs(c.probes[k].outputSqnrDb - w.probes[k].outputSqnrDb) < 0.5, qPrintable(what));
            }
            const auto& p = c.probes; // W8A8, W4A8, W8A4, all_but
            const QString dbs = QString("%1: W8A8 %2 dB, W4 %3, A4 %4").arg(QString::fromStdString(c.node)).arg(p[0].outputSqnrDb)
                                    .arg(p[1].outputSqnrDb).arg(p[2].outputSqnrDb);
            QVERIFY2(p[0].outputSqnrDb > p[1].outputSqnrDb + 1.0 && p[0].outputSqnrDb > p[2].outputSqnrDb + 1.0, qPrintable(dbs));
            QVERIFY2(p[0].outputSqnrDb > 20.0 && p[0].outputSqnrDb < 80.0, c.node.c_str());
            QVERIFY(!p[3].onlyThisLayer && p[3].bitsWeights == 0);
        }
        // 4-bit activations on the stem cost real accuracy; 8 bits on one layer costs next to nothing.
        QVERIFY(cached.fp32Top1 - cached.layers[0].probes[2].top1 > 1.0);
        QVERIFY(std::abs(cached.fp32Top1 - cached.layers[0].probes[0].top1) < 1.5);

        // The work each probe ran, against ResNet-8's MACs counted here from its weights and the output size of
        // each stage (28x28 stem and l1, 14x14 l2, 7x7 l3, the classifier once): an "only this layer" probe runs
        // its layer and everything after it; an all_but probe starts at its layer or before; --no-cache runs all.
        const Graph& source = model.source();
        auto weightsOf = [&](const std::string& layer) {
            const Node* node = source.findNode(layer);
            return node ? elementCount(source.initializers.at(node->inputs.at(1)).shape()) : int64_t(0);
        };
        std::vector<double> macs;
        double total = 0.0;
        for (const LayerSensitivity& l : cached.layers) {
            const int64_t pixels = l.node.rfind("/stem", 0) == 0 || l.node.rfind("/l1", 0) == 0 ? 28 * 28
                                   : l.node.rfind("/l2", 0) == 0                               ? 14 * 14
                                   : l.node.rfind("/l3", 0) == 0                               ? 7 * 7
                                                                                               : 1;
            macs.push_back(static_cast<double>(weightsOf(l.node) * pixels));
            QVERIFY2(macs.back() > 0, l.node.c_str());
            total += macs.back();
        }
        double shareSum = 0.0;
        double tail = total;
        for (std::size_t i = 0; i < cached.layers.size(); ++i) {
            const auto& p = cached.layers[i].probes;
            const QString what = QString("%1: %2 of the MACs, expected %3").arg(QString::fromStdString(cached.layers[i].node))
                                     .arg(p[0].macShare).arg(tail / total);
            for (int k = 0; k < 3; ++k)
                QVERIFY2(std::abs(p[static_cast<std::size_t>(k)].macShare - tail / total) < 1e-9, qPrintable(what));
            QVERIFY2(p[3].macShare >= tail / total - 1e-9 && p[3].macShare <= 1.0, qPrintable(what));
            for (const SensitivityProbe& probe : p)
                shareSum += probe.macShare;
            for (const SensitivityProbe& probe : whole.layers[i].probes)
                QCOMPARE(probe.macShare, 1.0);
            tail -= macs[i];
        }
        QVERIFY(std::abs(cached.probedMacShare - shareSum / cached.probes) < 1e-12);
        // Skipping prefixes cannot save 3x on ResNet-8: the stem's and l1's probes run nearly all of it.
        QVERIFY2(cached.probedMacShare > 0.4 && cached.probedMacShare < 0.6, qPrintable(QString::number(cached.probedMacShare)));
        QCOMPARE(whole.probedMacShare, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestSensitivity)
#include "test_sensitivity.moc"
