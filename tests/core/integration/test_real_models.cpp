// Real pretrained models (tests/data/realmodels, not trained or exported by us) on real photos
// (tests/data/photos): input shapes for dynamic dims, models that only run at batch 1, unlabelled image data,
// label-free fidelity to FP32 and the share of MACs that runs in int8.
#include "core/engine/cpu_features.h"
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/data/preprocess_spec.h"
#include "core/engine/prepared_model.h"
#include "core/eval/evaluator.h"
#include "core/eval/fidelity.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/layer_error.h"
#include "core/ptq/ptq_config.h"
#include "core/quant/int8_coverage.h"
#include "core/transforms/shape_inference.h"
#include "core/util/error.h"

#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

const std::string kModels = QS_TEST_DATA_DIR "/realmodels/";
const std::string kPhotos = "images:" QS_TEST_DATA_DIR "/photos";

std::shared_ptr<const Graph> load(const std::string& file) { return std::make_shared<const Graph>(importOnnxFile(kModels + file)); }

QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestRealModels : public QObject {
    Q_OBJECT

private slots:
    void inputShapeSpecs()
    {
        QVERIFY(parseInputShapeSpec("1x3x48x192") == (InputShapeSpec{"", {1, 3, 48, 192}}));
        QVERIFY(parseInputShapeSpec("input:0=1X224x224x3") == (InputShapeSpec{"input:0", {1, 224, 224, 3}}));
        QCOMPARE(toString(parseInputShapeSpec("x=1x3x640x640")), std::string("x=1x3x640x640"));
        for (const char* bad : {"", "1x", "1x0x3", "x=", "=1x3", "1x-3", "1x3.5", "axb"})
            QVERIFY2(!errorOf([&] { parseInputShapeSpec(bad); }).isEmpty(), bad);

        // The sidecar key and the compact form, and image data sized to the shape (by layout).
        const PreprocessSpec sidecar = parsePreprocessSidecar("channels: bgr\ninput_shape: [x=1x3x48x192, y=1x10]\n");
        QCOMPARE(sidecar.inputShapes.size(), std::size_t(2));
        QVERIFY(parsePreprocessSidecar(formatPreprocessSidecar(sidecar)) == sidecar);
        QVERIFY(parsePreprocessSpec(formatSpec(sidecar)) == sidecar);
        const PreprocessSpec nhwc = sizedToInputShape(parsePreprocessSpec("layout=nhwc,input_shape=1x257x300x3"));
        QCOMPARE(nhwc.resizeHeight, 257);
        QCOMPARE(nhwc.resizeWidth, 300);
        QCOMPARE(sizedToInputShape(parsePreprocessSpec("resize=100,input_shape=1x3x48x192")).resizeHeight, 0); // its own resize wins
    }

    // YuNet declares [batch, 3, height, width]: it prepares once the shape is given, and the errors name the input.
    void dynamicDimsTakeTheGivenShape()
    {
        const PreparedModel yunet(load("yunet_n_dynamic.onnx"));
        const QString missing = errorOf([&] { yunet.graph(InputShapes{}); });
        QVERIFY2(missing.contains("'input' dim 2 is dynamic ('height')"), qPrintable(missing));
        const InputShapes shapes = inputShapesFrom(yunet.source(), {parseInputShapeSpec("1x3x160x192")});
        const auto g = yunet.graph(shapes);
        QCOMPARE(g->info("input")->shape, (Shape{1, 3, 160, 192}));

        const QString name = errorOf([&] { inputShapesFrom(yunet.source(), {parseInputShapeSpec("image=1x3x160x160")}); });
        QVERIFY2(name.contains("no input 'image'") && name.contains("'input'"), qPrintable(name));
        const QString rank = errorOf([&] { inputShapesFrom(yunet.source(), {parseInputShapeSpec("1x3x160")}); });
        QVERIFY2(rank.contains("does not fit input 'input'"), qPrintable(rank));
        const Graph rfb = importOnnxFile(kModels + "version-RFB-320.onnx"); // fixed 240x320
        const QString fixed = errorOf([&] { inputShapesFrom(rfb, {parseInputShapeSpec("1x3x100x100")}); });
        QVERIFY2(fixed.contains("[1,3,240,320]"), qPrintable(fixed));
    }

    // NanoDet's channel-shuffle Reshapes have batch 1 baked in: it runs at batch 1 whatever batch is asked;
    // a model without such constants keeps the asked batch.
    void batchOneModelsRunAtBatchOne()
    {
        const PreparedModel nanodet(load("nanodet_m_320.onnx"));
        InputShapes eight;
        eight.batch = 8;
        eight.exact["input.1"] = {8, 3, 320, 320};
        QVERIFY(!errorOf([&] { nanodet.graph(eight); }).isEmpty()); // what used to stop --quantize-eval
        const InputShapes runnable = nanodet.runnableShapes(eight);
        QCOMPARE(runnable.batch, int64_t(1));
        QCOMPARE(runnable.exact.at("input.1"), (Shape{1, 3, 320, 320}));

        const PreparedModel rfb(load("version-RFB-320.onnx"));
        InputShapes rfbEight;
        rfbEight.batch = 8;
        rfbEight.exact["input"] = {8, 3, 240, 320};
        QCOMPARE(rfb.runnableShapes(rfbEight).batch, int64_t(8));
    }

    void unlabelledImages()
    {
        const auto images = openDataset(kPhotos, Split::Test, parsePreprocessSpec("channels=rgb,input_shape=1x3x240x320"));
        QCOMPARE(images->size(), int64_t(4));
        QCOMPARE(images->numClasses(), 0);
        QCOMPARE(images->label(0), -1);
        QVERIFY(images->sampleShape() == (SampleShape{3, 240, 320, Layout::Nchw})); // sized to the input shape
        const QString classes = errorOf([&] { openDataset("imagefolder:" QS_TEST_DATA_DIR "/photos", Split::Test, parsePreprocessSpec("resize=32x32")); });
        QVERIFY2(classes.contains("images:DIR"), qPrintable(classes));
    }

    void fidelityArithmetic()
    {
        OutputFidelity o;
        const float reference[] = {1.0f, 2.0f, 3.0f}, test[] = {1.0f, 2.0f, 4.0f};
        accumulateFidelity(o, reference, test);
        QCOMPARE(o.sqnrDb(), 10.0 * std::log10(14.0)); // signal 1+4+9, noise 1
        QCOMPARE(o.cosine(), 17.0 / std::sqrt(14.0 * 21.0));
        QCOMPARE(o.maxAbsError, 1.0);
        OutputFidelity same;
        accumulateFidelity(same, reference, reference);
        QVERIFY(std::isinf(same.sqnrDb()));
        OutputFidelity broken;
        const float nan[] = {1.0f, NAN, 3.0f};
        accumulateFidelity(broken, reference, nan);
        QCOMPARE(broken.nonFinite, int64_t(1));
        QVERIFY(std::isinf(broken.maxAbsError) && broken.sqnrDb() == -std::numeric_limits<double>::infinity());
        const float row[] = {0.1f, NAN, 0.7f, 0.7f};
        QCOMPARE(argmaxOf(row, 4), int64_t(2));
    }

    // The Ultra-Light RFB face detector, 8-bit per-channel, calibrated on two photos and compared with FP32 on the
    // other two: both outputs far above the 30 dB target (49-50 dB measured on this data), every MAC in int8.
    void faceDetectorFidelityOnPhotos()
    {
        const PreparedModel model(load("version-RFB-320.onnx"));
        const auto photos = openDataset(kPhotos, Split::Test, parsePreprocessSpec("resize=240x320,channels=rgb,mean=127,std=128"));
        const Calibration calibration = calibrate(model, *photos, {0, 1}, 2);
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        EngineOptions fp32, int8;
        int8.quantization = buildPlan(calibration, config);
        const FidelityMetrics f = measureFidelity(model, *photos, {2, 3}, 2, fp32, int8);
        QCOMPARE(f.samples, int64_t(2));
        QCOMPARE(f.outputs.size(), std::size_t(2));
        QVERIFY(!f.classifier);
        for (const OutputFidelity& o : f.outputs) {
            QVERIFY2(o.sqnrDb() > 40.0 && o.sqnrDb() < 80.0, qPrintable(QString::fromStdString(o.name) + " " + QString::number(o.sqnrDb())));
            QVERIFY(o.cosine() > 0.9999 && o.maxAbsError > 0.0);
        }
        const FidelityMetrics identical = measureFidelity(model, *photos, {2, 3}, 2, fp32, fp32);
        QVERIFY(std::isinf(identical.worstSqnrDb()));

        const Int8Coverage coverage = int8Coverage(calibration.prepared, int8.quantization.get());
        QCOMPARE(coverage.int8Share(), 1.0);
        QCOMPARE(coverage.int8Layers, static_cast<int>(coverage.layers.size()));
        // The first conv, 16 filters 3x3 over 3 channels at stride 2 on 240x320: 16*120*160 outputs * 27 MACs.
        QCOMPARE(coverage.layers.front().macs, int64_t(16) * 120 * 160 * 27);
    }

    // PP-OCRv4's text detector (paddle2onnx, every dim dynamic): at a given shape every layer with MACs runs
    // int8, its two upsampling ConvTransposes included (they were the FP32 islands before int8 deconvolution);
    // the one FP32 island left is a layer kept FP32 by the configuration, which says so.
    void textDetectorCoverage()
    {
        const PreparedModel model(load("ch_PP-OCRv4_det_infer.onnx"));
        const auto g = model.graph(inputShapesFrom(model.source(), {parseInputShapeSpec("1x3x320x320")}));
        PtqConfig config;
        const Node* first = nullptr;
        for (const Node& node : g->nodes)
            if (!first && node.opType == "Conv")
                first = &node;
        QVERIFY(first);
        config.noQuantLayers = {first->name};
        const QuantizationPlan plan = planLayout(*g, config);
        const Int8Coverage coverage = int8Coverage(*g, &plan);
        QVERIFY2(coverage.int8Share() > 0.97 && coverage.int8Share() < 1.0, qPrintable(QString::number(coverage.int8Share())));
        int transposes = 0;
        for (const LayerCoverage& layer : coverage.layers)
            if (layer.opType == "ConvTranspose") {
                ++transposes;
                QVERIFY2(layer.int8, (layer.node + ": " + layer.fp32Reason).c_str());
            }
        QCOMPARE(transposes, 2);
        const std::vector<LayerCoverage> islands = coverage.fp32Islands();
        QCOMPARE(islands.size(), std::size_t(1));
        QCOMPARE(islands[0].node, first->name);
        QCOMPARE(islands[0].fp32Reason, std::string("kept FP32 by the configuration"));
        QVERIFY(coverageSummary(coverage).find("MACs in int8") != std::string::npos);
    }

    // PP-OCR's en_number recognizer (paddle2onnx): two bidirectional LSTMs hold 20 % of its MACs, four fifths of
    // them in the input projection W x. That runs as an int8 Gemm named after the LSTM (80.0 % of MACs in int8
    // before); the two FP32 islands left are the recurrences, each with that reason.
    void numberRecognizerLstmProjections()
    {
        const PreparedModel model(load("en_number_mobile_v2.0_rec_infer.onnx"));
        const auto g = model.graph(inputShapesFrom(model.source(), {parseInputShapeSpec("1x3x32x320")}));
        const QuantizationPlan plan = planLayout(*g, PtqConfig{});
        const Int8Coverage coverage = int8Coverage(*g, &plan);
        QVERIFY2(coverage.int8Share() > 0.95, qPrintable(QString::number(coverage.int8Share())));
        for (const char* lstm : {"p2o.LSTM.0", "p2o.LSTM.4"}) {
            const Node* projection = g->findNode(lstm);
            QVERIFY(projection && projection->opType == "Gemm" && projection->inputs.size() == 3);
            QVERIFY(plan.layer(lstm));
            const Node* recurrence = g->findNode(std::string(lstm) + "/recurrence");
            QVERIFY(recurrence && recurrence->opType == "LSTM" && !recurrence->hasInput(1));
        }
        const std::vector<LayerCoverage> islands = coverage.fp32Islands();
        QCOMPARE(islands.size(), std::size_t(2));
        int64_t recurrenceMacs = 0;
        for (const LayerCoverage& island : islands) {
            QCOMPARE(island.opType, std::string("LSTM"));
            QVERIFY2(island.fp32Reason.find("recurrence") != std::string::npos, island.fp32Reason.c_str());
            recurrenceMacs += island.macs;
        }
        QCOMPARE(recurrenceMacs, int64_t{2} * 80 * 2 * 192 * 48); // seq 80, both directions, 4H 192, H 48
        // The LSTM without W passes shape inference again (a session reopened re-infers prepared graphs).
        Graph again = *g;
        QCOMPARE(errorOf([&] { inferShapes(again); }), QString());
        QCOMPARE(again.info("p2o.LSTM.1")->shape, (Shape{80, 2, 1, 48}));
    }

    // PP-OCRv4's text recognizer (paddle2onnx, SVTR neck): its Linear layers are MatMul + Add on [1, 40, 120]
    // sequences and run as int8 Gemms (94.1 % of MACs in int8 before); the four FP32 islands left are the
    // attention products of two computed values, each with that reason.
    void textRecognizerCoverage()
    {
        const PreparedModel model(load("ch_PP-OCRv4_rec_infer.onnx"));
        const auto g = model.graph(inputShapesFrom(model.source(), {parseInputShapeSpec("1x3x48x320")}));
        const QuantizationPlan plan = planLayout(*g, PtqConfig{});
        const Int8Coverage coverage = int8Coverage(*g, &plan);
        QVERIFY2(coverage.int8Share() > 0.998, qPrintable(QString::number(coverage.int8Share())));
        const Node* classifier = g->findNode("p2o.MatMul.24");
        QVERIFY(classifier && classifier->opType == "Gemm" && classifier->inputs.size() == 3);
        const std::vector<LayerCoverage> islands = coverage.fp32Islands();
        QCOMPARE(islands.size(), std::size_t(4));
        for (const LayerCoverage& island : islands) {
            QCOMPARE(island.opType, std::string("MatMul"));
            const Node* node = g->findNode(island.node);
            QVERIFY(node && !g->isConstant(node->input(0)) && !g->isConstant(node->input(1)));
            QVERIFY2(island.fp32Reason.find("second operand is a constant matrix") != std::string::npos, island.fp32Reason.c_str());
        }
    }

    // The text direction classifier's convolutions end in HardSwish, which FP32 fuses into the conv and int8 runs
    // as a step of its own: analyze measures the conv output in int8, which FP32 must have too (it stopped with
    // "internal error: map::at" before). Every int8 layer gets a finite accumulated SQNR.
    void layerErrorsWhereFp32FusesMore()
    {
        const PreparedModel model(load("ch_ppocr_mobile_v2.0_cls_infer.onnx"), false);
        PreprocessSpec spec = parsePreprocessSpec("channels=bgr,scale=1/127.5,mean=1,input_shape=1x3x48x192");
        const auto photos = openDataset(kPhotos, Split::Test, sizedToInputShape(spec));
        const Calibration calibration = calibrate(model, *photos, {0, 1}, 2);
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        LayerErrorOptions options;
        options.batch = 2;
        options.isolated = false;
        options.twin = false;
        const LayerErrorReport report = measureLayerErrors(model, *photos, {2, 3}, calibration, config, options);
        QVERIFY(report.layers.size() > 40);
        for (const LayerError& e : report.layers)
            QVERIFY2(std::isfinite(e.accumulatedDb) && e.accumulatedDb > 5.0, qPrintable(QString::fromStdString(e.node) + " " + QString::number(e.accumulatedDb)));
    }

    // YOLOX-nano with its TF-exported decoding and NMS in the graph: the conv backbone and head run int8 (every MAC),
    // the post-processing (ScatterND, NonMaxSuppression, GatherND on int64 indices) FP32 on run-time shapes. FP32
    // selects 4, 0, 0 and 1 low-confidence boxes on the four photos (no hand signs in them; the first photo's equal ONNX
    // Runtime's, test_realmodels_vs_ort). Its one output, [?, 7] detections, is compared only in the runs where int8
    // selected as many boxes as FP32; with no values compared its SQNR is NaN (no number), not +inf.
    void detectorWithNmsQuantizesItsBackbone()
    {
        const PreparedModel model(load("yolox_nano_handsign_with_post.onnx"));
        const auto photos = openDataset(kPhotos, Split::Test, parsePreprocessSpec("resize=416x416,channels=bgr"));
        const Calibration calibration = calibrate(model, *photos, {0, 1, 2, 3}, 1);
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        EngineOptions fp32, int8;
        int8.quantization = buildPlan(calibration, config);
        const Int8Coverage coverage = int8Coverage(calibration.prepared, int8.quantization.get());
        QCOMPARE(coverage.int8Share(), 1.0);
        QCOMPARE(coverage.int8Layers, 113); // every Conv
        for (const LayerCoverage& layer : coverage.layers)
            QVERIFY2(layer.opType != "NonMaxSuppression" && layer.opType != "GatherND" && layer.opType != "ScatterND", layer.node.c_str());

        const InputShapes shapes = model.runnableShapes(inputShapesFor(model.source(), *photos, 1));
        Session a(model.compile(shapes, fp32)), b(model.compile(shapes, int8));
        std::vector<float> x(static_cast<std::size_t>(photos->sampleShape().elements()));
        std::vector<int64_t> boxes;
        int64_t sameCount = 0, elementsCompared = 0;
        for (int64_t i = 0; i < photos->size(); ++i) {
            photos->loadBatch(std::span<const int64_t>(&i, 1), x.data());
            a.run(x.data());
            b.run(x.data());
            qInfo("photo %lld: FP32 %s, int8 %s", static_cast<long long>(i), toString(a.outputShape(0)).c_str(), toString(b.outputShape(0)).c_str());
            QCOMPARE(a.output(0).size(), static_cast<std::size_t>(a.outputShape(0)[0] * 7));
            boxes.push_back(a.outputShape(0)[0]);
            sameCount += a.outputShape(0) == b.outputShape(0);
            if (a.outputShape(0) == b.outputShape(0))
                elementsCompared += a.outputShape(0)[0] * 7;
        }
        QCOMPARE(boxes, (std::vector<int64_t>{4, 0, 0, 1}));
        const FidelityMetrics f = measureFidelity(model, *photos, {}, 1, fp32, int8);
        QCOMPARE(f.outputs.size(), std::size_t(1));
        const OutputFidelity& o = f.outputs[0];
        QVERIFY(o.dataDependent && o.notCompared.empty());
        QCOMPARE(o.runs, int64_t(4));
        QCOMPARE(o.runs - o.shapeMismatches, sameCount);
        // With 8-bit weights on VNNI kernels int8 selects no box on any photo (the FP32 boxes score 0.10-0.14 against a
        // 0.1 threshold): the runs compared are those where neither selected anything, so there is nothing to measure.
        // Without VNNI some layers run 7-bit weights (cpu_features.h) and the selections near the threshold differ;
        // whatever they are, the fidelity compares exactly the runs whose shapes agree.
        if (cpuFeatures().hasVnni)
            QCOMPARE(sameCount, int64_t(2));
        QCOMPARE(o.elements, int64_t(elementsCompared));
        QCOMPARE(std::isnan(o.sqnrDb()), elementsCompared == 0);
    }
};

QTEST_APPLESS_MAIN(TestRealModels)
#include "test_real_models.moc"
