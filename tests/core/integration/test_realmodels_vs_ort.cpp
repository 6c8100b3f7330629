// FP32 outputs of the real models (tests/data/realmodels) on a real photo equal ONNX Runtime's within 1e-4 of each
// output's largest magnitude, with the same shape (a detector's NMS selection is data-dependent: it must select as
// many boxes); integer outputs must be equal. ONNX Runtime comes from the npm package onnxruntime-node in bench/ort
// (scripts/test.sh installs it and sets QS_REQUIRE_ORT=1, so in CI a missing runtime fails instead of skipping);
// bench/ort/reference.js runs it on the same preprocessed input we feed our engine. The same models quantized and
// written as QDQ models run there too (qdqExportRunsInOnnxRuntime).
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/engine/cpu_features.h"
#include "core/data/preprocess_spec.h"
#include "core/engine/prepared_model.h"
#include "core/eval/evaluator.h"
#include "core/onnx_export/dynamic_batch.h"
#include "core/onnx_export/onnx_writer.h"
#include "core/onnx_export/qdq_model.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/ptq_config.h"
#include "core/transforms/shape_inference.h"

#include "tests/core/integration/output_sqnr.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace qs;

namespace {
const QString kOrtDir = QS_SOURCE_DIR "/bench/ort";

struct OrtOutput {
    QStringList line; // index, name, dims ("scalar" for none), element type
    QByteArray bytes; // float32 or int64 values
};

// The model's outputs from ONNX Runtime (bench/ort/reference.js) on one input; `optimized`: every graph optimization
// (a QDQ model runs on ONNX Runtime's int8 kernels), else each node as written. Empty with `error` set on failure.
std::vector<OrtOutput> runOnnxRuntime(const QString& model, const std::vector<float>& input, const Shape& dims, bool optimized, QString& error)
{
    QTemporaryDir dir;
    QFile in(dir.filePath("input.bin"));
    if (!in.open(QIODevice::WriteOnly))
        return error = "cannot write " + in.fileName(), std::vector<OrtOutput>{};
    in.write(reinterpret_cast<const char*>(input.data()), static_cast<qint64>(input.size() * sizeof(float)));
    in.close();
    QString dimsText;
    for (int64_t d : dims)
        dimsText += (dimsText.isEmpty() ? "" : "x") + QString::number(d);
    QProcess node;
    QStringList arguments{kOrtDir + "/reference.js", model, in.fileName(), dimsText, dir.filePath("out")};
    if (optimized)
        arguments << "optimized";
    node.start("node", arguments);
    if (!node.waitForFinished(300000) || node.exitCode() != 0)
        return error = "reference.js failed: " + QString::fromUtf8(node.readAllStandardError()), std::vector<OrtOutput>{};
    std::vector<OrtOutput> outputs;
    for (const QString& text : QString::fromUtf8(node.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts)) {
        OrtOutput o;
        o.line = text.split(' ');
        QFile out(dir.filePath("out" + QString::number(outputs.size()) + ".bin"));
        if (o.line.size() != 4 || !out.open(QIODevice::ReadOnly))
            return error = "unexpected output line: " + text, std::vector<OrtOutput>{};
        o.bytes = out.readAll();
        outputs.push_back(o);
    }
    return outputs;
}

// `other` holds as many values as `reference` (checked where the outputs are read).
double sqnrDb(std::span<const float> reference, const float* other) { return testing::sqnrDb(reference, {other, reference.size()}); }
} // namespace

class TestRealModelsVsOrt : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const bool present = QFile::exists(kOrtDir + "/node_modules/onnxruntime-node/package.json");
        if (!present && qEnvironmentVariableIsSet("QS_REQUIRE_ORT"))
            QFAIL("onnxruntime-node is missing: (cd bench/ort && ONNXRUNTIME_NODE_INSTALL=skip npm install)");
        if (!present)
            QSKIP("onnxruntime-node is not installed in bench/ort (scripts/test.sh installs it)");
    }

    void fp32EqualsOnnxRuntime_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("preprocess");
        const QString paddle = "channels=bgr,scale=1/127.5,mean=1";
        QTest::newRow("RFB-320") << "version-RFB-320.onnx" << "resize=240x320,channels=rgb,mean=127,std=128";
        QTest::newRow("slim-320") << "version-slim-320_without_postprocessing.onnx" << "resize=240x320,channels=rgb,mean=127,std=128";
        QTest::newRow("YuNet") << "yunet_n_dynamic.onnx" << "channels=bgr,input_shape=1x3x160x160";
        QTest::newRow("NanoDet") << "nanodet_m_320.onnx" << "resize=320x320,channels=bgr,mean=103.53:116.28:123.675,std=57.375:57.12:58.395";
        QTest::newRow("PP-OCRv4 det") << "ch_PP-OCRv4_det_infer.onnx"
                                      << "channels=bgr,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225,input_shape=1x3x256x256";
        QTest::newRow("PP-OCRv4 rec") << "ch_PP-OCRv4_rec_infer.onnx" << paddle + ",input_shape=1x3x48x320";
        QTest::newRow("PP-OCR cls") << "ch_ppocr_mobile_v2.0_cls_infer.onnx" << paddle + ",input_shape=1x3x48x192";
        QTest::newRow("en_number rec (LSTM)") << "en_number_mobile_v2.0_rec_infer.onnx" << paddle + ",input_shape=1x3x32x320";
        QTest::newRow("PP-HumanSeg") << "pphumanseg_lite_portrait_398x224.onnx" << "channels=rgb,scale=1/127.5,mean=1,input_shape=1x3x224x398";
        QTest::newRow("DeepLabV3 NHWC") << "deeplab_v3_1_default_1.onnx" << "resize=257x257,layout=nhwc,channels=rgb,scale=1/127.5,mean=1";
        QTest::newRow("road-seg NHWC") << "road_segmentation_adas_0001.onnx" << "resize=512x896,layout=nhwc,channels=bgr";
        QTest::newRow("YOLOX-nano + NMS") << "yolox_nano_handsign_with_post.onnx" << "resize=416x416,channels=bgr";
    }

    void fp32EqualsOnnxRuntime()
    {
        QFETCH(QString, model);
        QFETCH(QString, preprocess);
        const std::string path = QS_TEST_DATA_DIR "/realmodels/" + model.toStdString();
        const PreparedModel prepared(std::make_shared<const Graph>(importOnnxFile(path)));
        const auto photos = openDataset("images:" QS_TEST_DATA_DIR "/photos", Split::Test, parsePreprocessSpec(preprocess.toStdString()));
        const InputShapes shapes = inputShapesFor(prepared.source(), *photos, 1);
        const Shape& dims = shapes.exact.begin()->second;
        std::vector<float> input(static_cast<std::size_t>(photos->sampleShape().elements()));
        const int64_t first = 0;
        photos->loadBatch(std::span<const int64_t>(&first, 1), input.data());
        Session session(prepared.compile(shapes));
        session.run(input.data());

        QString error;
        const std::vector<OrtOutput> ortOutputs = runOnnxRuntime(QString::fromStdString(path), input, dims, false, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ortOutputs.size(), session.outputCount());
        for (std::size_t o = 0; o < session.outputCount(); ++o) {
            const QStringList& line = ortOutputs[o].line;
            QString ourDims;
            for (int64_t d : session.outputShape(o))
                ourDims += (ourDims.isEmpty() ? "" : "x") + QString::number(d);
            QCOMPARE(ourDims.isEmpty() ? QString("scalar") : ourDims, line[2]);
            const QByteArray& bytes = ortOutputs[o].bytes;
            if (line[3] == "int64") { // integers (indices, counts): exactly
                const std::vector<int64_t> ours = session.outputTensor(o).toInt64();
                QCOMPARE(static_cast<std::size_t>(bytes.size()) / sizeof(int64_t), ours.size());
                const auto* ort = reinterpret_cast<const int64_t*>(bytes.constData());
                for (std::size_t i = 0; i < ours.size(); ++i)
                    QVERIFY2(ours[i] == ort[i], qPrintable(line.join(' ') + ": element " + QString::number(i) + " is " +
                                                           QString::number(ours[i]) + ", ONNX Runtime's " + QString::number(ort[i])));
                qInfo("%s output %s: %zu integers equal", qPrintable(model), qPrintable(line.join(' ')), ours.size());
                continue;
            }
            const std::span<const float> ours = session.output(o);
            QCOMPARE(static_cast<std::size_t>(bytes.size()) / sizeof(float), ours.size());
            const auto* ort = reinterpret_cast<const float*>(bytes.constData());
            double largest = 0.0, worst = 0.0;
            for (std::size_t i = 0; i < ours.size(); ++i) {
                largest = std::max(largest, std::abs(static_cast<double>(ort[i])));
                worst = std::max(worst, std::abs(static_cast<double>(ours[i]) - ort[i]));
            }
            qInfo("%s output %s: max |ours - ORT| = %.3g, max |ORT| = %.3g", qPrintable(model), qPrintable(line.join(' ')),
                  worst, largest);
            QVERIFY2(worst <= 1e-4 * largest + 1e-6, qPrintable(line.join(' ')));
        }
    }
    // A quantized model written as QDQ (core/onnx_export) means in ONNX Runtime what it means in QuantScope: run node by
    // node it computes the fake-quant twin's outputs, and on ONNX Runtime's int8 kernels (all optimizations: QLinearConv,
    // QGemm, QLinearAdd...) it stays close to QuantScope's own int8 engine. The SQNRs against FP32 of both int8 engines
    // are printed: the same file, calibrated once, on two runtimes. Models that declare opset 9 or 11 are written at
    // opset 13 (per-axis DequantizeLinear), which ONNX Runtime checks as it loads them.
    void qdqExportRunsInOnnxRuntime_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("data");
        QTest::addColumn<QString>("preprocess");
        QTest::addColumn<bool>("perChannel");
        QTest::addColumn<int>("bitsWeights"); // 7: symmetric, what ONNX Runtime's reduce_range writes
        const QString fashion = "fashion-mnist:/usr/share/datasets/fashion-mnist";
        QTest::newRow("ResNet-8") << "models/fmnist_resnet8.onnx" << fashion << "" << true << 8;
        QTest::newRow("ResNet-8 7-bit weights") << "models/fmnist_resnet8.onnx" << fashion << "" << true << 7;
        QTest::newRow("MobileNetV2") << "models/fmnist_mobilenetv2.onnx" << fashion << "" << true << 8;
        const QString photos = "images:" QS_TEST_DATA_DIR "/photos";
        QTest::newRow("YuNet per tensor") << "realmodels/yunet_n_dynamic.onnx" << photos << "channels=bgr,input_shape=1x3x160x160" << false << 8;
        QTest::newRow("YuNet (opset 11)") << "realmodels/yunet_n_dynamic.onnx" << photos << "channels=bgr,input_shape=1x3x160x160" << true << 8;
        QTest::newRow("RFB-320 (opset 9)") << "realmodels/version-RFB-320.onnx" << photos << "resize=240x320,channels=rgb,mean=127,std=128" << true
                                           << 8;
        QTest::newRow("NanoDet (opset 11)") << "realmodels/nanodet_m_320.onnx" << photos
                                            << "resize=320x320,channels=bgr,mean=103.53:116.28:123.675,std=57.375:57.12:58.395" << true << 8;
    }

    void qdqExportRunsInOnnxRuntime()
    {
        QFETCH(QString, model);
        QFETCH(QString, data);
        QFETCH(QString, preprocess);
        QFETCH(bool, perChannel);
        QFETCH(int, bitsWeights);
        const PreparedModel prepared(std::make_shared<const Graph>(importOnnxFile(QS_TEST_DATA_DIR "/" + model.toStdString())));
        const auto photos = openDataset(data.toStdString(), Split::Test,
                                        preprocess.isEmpty() ? PreprocessSpec::fashionMnist() : parsePreprocessSpec(preprocess.toStdString()));
        const InputShapes shapes = inputShapesFor(prepared.source(), *photos, 1);
        const Calibration calibration = calibrate(prepared, *photos, {0, 1, 2, 3}, 1);
        PtqConfig config;
        config.defaults.quant.perChannel = perChannel;
        config.defaults.quant.bitsWeights = bitsWeights;
        if (bitsWeights < 8)
            config.defaults.quant.modeWeights = QuantMode::Symmetric;
        const auto plan = buildPlan(calibration, config);
        const auto graph = prepared.graph(shapes);
        QTemporaryDir dir;
        const QString file = dir.filePath("qdq.onnx");
        const QdqModel qdq = qdqModel(*graph, *plan);
        for (const std::string& note : qdq.notes) // int8 weights everywhere (on a 7-bit grid without VNNI: noted)
            QVERIFY2(note.find("float weights") == std::string::npos, note.c_str());
        writeOnnxFile(qdq.graph, file.toStdString());
        QdqOptions floatBiases; // the same without rounding the biases to int32: exactly the twin, node by node
        floatBiases.int32Biases = false;
        const QString exactFile = dir.filePath("qdq_float_bias.onnx");
        writeOnnxFile(qdqModel(*graph, *plan, floatBiases).graph, exactFile.toStdString());

        std::vector<float> input(static_cast<std::size_t>(photos->sampleShape().elements()));
        const int64_t first = 0;
        photos->loadBatch(std::span<const int64_t>(&first, 1), input.data());
        auto outputsOf = [&](std::shared_ptr<const QuantizationPlan> quantization, bool dnnl) {
            EngineOptions options;
            options.quantization = std::move(quantization);
            options.useDnnl = dnnl;
            Session session(CompiledModel::compilePrepared(graph, options));
            session.run(input.data());
            std::vector<std::vector<float>> outputs;
            for (std::size_t o = 0; o < session.outputCount(); ++o)
                outputs.emplace_back(session.output(o).begin(), session.output(o).end());
            return outputs;
        };
        const auto fp32 = outputsOf(nullptr, true), twin = outputsOf(plan, false), int8 = outputsOf(plan, true);
        QString error;
        const std::vector<OrtOutput> literal = runOnnxRuntime(file, input, shapes.exact.begin()->second, false, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const std::vector<OrtOutput> fused = runOnnxRuntime(file, input, shapes.exact.begin()->second, true, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const std::vector<OrtOutput> exact = runOnnxRuntime(exactFile, input, shapes.exact.begin()->second, false, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(literal.size(), fp32.size());
        QCOMPARE(fused.size(), fp32.size());
        for (std::size_t o = 0; o < fp32.size(); ++o) {
            QCOMPARE(literal[o].line[3], QString("float32"));
            QCOMPARE(static_cast<std::size_t>(literal[o].bytes.size()), fp32[o].size() * sizeof(float));
            QCOMPARE(static_cast<std::size_t>(fused[o].bytes.size()), fp32[o].size() * sizeof(float));
            const auto* ortLiteral = reinterpret_cast<const float*>(literal[o].bytes.constData());
            const auto* ortInt8 = reinterpret_cast<const float*>(fused[o].bytes.constData());
            const double literalVsTwin = sqnrDb(twin[o], ortLiteral), ortInt8VsOurs = sqnrDb(int8[o], ortInt8);
            const double exactVsTwin = sqnrDb(twin[o], reinterpret_cast<const float*>(exact[o].bytes.constData()));
            const double ortDb = sqnrDb(fp32[o], ortInt8), ourDb = sqnrDb(fp32[o], int8[o].data()), twinDb = sqnrDb(fp32[o], twin[o].data());
            qInfo("%s %s: ORT node by node vs twin %.1f dB (float biases: %.1f dB); ORT int8 vs QuantScope int8 %.1f dB; against "
                  "FP32: ORT int8 %.1f dB, QuantScope int8 %.1f dB, twin %.1f dB",
                  qPrintable(model), qPrintable(literal[o].line[1]), literalVsTwin, exactVsTwin, ortInt8VsOurs, ortDb, ourDb, twinDb);
            // Float rounding alone (ORT's convolutions sum in another order) flips a rounding now and then, and on real
            // models with per-channel grids such flips travel: far below the quantization noise all the same.
            QVERIFY2(exactVsTwin > std::min(60.0, twinDb + 3.0), qPrintable(literal[o].line.join(' ')));
            // Rounding the biases to int32 flips a rounding here and there, far less than quantizing does; the two int8
            // engines agree with each other better than either agrees with FP32 (by how much each is from FP32 varies
            // by a few dB either way on YuNet's small or near-empty maps, so that is printed, not compared).
            QVERIFY2(literalVsTwin > twinDb, qPrintable(literal[o].line.join(' ')));
            // Without VNNI ONNX Runtime's int8 kernels saturate on 8-bit weights that QuantScope's keep exactly (they pair
            // the products otherwise; its reduce_range, 7-bit weights, is the cure): there 8-bit files are only printed.
            if (cpuFeatures().hasVnni || bitsWeights <= 7)
                QVERIFY2(ortInt8VsOurs > ourDb, qPrintable(fused[o].line.join(' ')));
        }
    }

    // A file written for any batch (core/onnx_export/dynamic_batch.h) runs in ONNX Runtime at batch 2, on its int8
    // kernels, and gives each image what the file gives it alone: RFB-320's Reshape targets [1, -1, 2] became
    // [0, -1, 2]. NanoDet's Reshape of a channel shuffle names its batch (1 x 2 x 58 ...): written at batch 1, noted.
    void exportForAnyBatchRunsInOnnxRuntime_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("preprocess");
        QTest::addColumn<bool>("dynamic");
        QTest::newRow("RFB-320") << "realmodels/version-RFB-320.onnx" << "resize=240x320,channels=rgb,mean=127,std=128" << true;
        QTest::newRow("NanoDet") << "realmodels/nanodet_m_320.onnx"
                                 << "resize=320x320,channels=bgr,mean=103.53:116.28:123.675,std=57.375:57.12:58.395" << false;
    }

    void exportForAnyBatchRunsInOnnxRuntime()
    {
        QFETCH(QString, model);
        QFETCH(QString, preprocess);
        QFETCH(bool, dynamic);
        const PreparedModel prepared(std::make_shared<const Graph>(importOnnxFile(QS_TEST_DATA_DIR "/" + model.toStdString())));
        const auto photos = openDataset("images:" QS_TEST_DATA_DIR "/photos", Split::Test, parsePreprocessSpec(preprocess.toStdString()));
        const InputShapes shapes = inputShapesFor(prepared.source(), *photos, 1);
        const Calibration calibration = calibrate(prepared, *photos, {0, 1, 2, 3}, 1);
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        config.defaults.quant.bitsWeights = 7; // nothing for ORT's kernels to saturate on, with or without VNNI
        const QdqModel qdq = qdqModelForAnyBatch(prepared, *prepared.graph(shapes), *buildPlan(calibration, config));
        QCOMPARE(qdq.dynamicBatch, dynamic);
        const bool noted = std::any_of(qdq.notes.begin(), qdq.notes.end(), [](const std::string& n) {
            return n.rfind("written at batch 1", 0) == 0 && n.find("Reshape") != std::string::npos;
        });
        QCOMPARE(noted, !dynamic);
        if (!dynamic)
            return;
        int zeroTargets = 0;
        for (const Node& node : qdq.graph.nodes)
            if (node.opType == "Reshape")
                if (const Tensor* target = qdq.graph.constant(node.input(1)))
                    zeroTargets += target->dtype() == DataType::Int64 && target->data<int64_t>()[0] == 0;
        QVERIFY(zeroTargets >= 2);
        QTemporaryDir dir;
        const QString file = dir.filePath("any_batch.onnx");
        writeOnnxFile(qdq.graph, file.toStdString());

        const int64_t per = photos->sampleShape().elements();
        std::vector<float> two(static_cast<std::size_t>(2 * per));
        const std::vector<int64_t> indices{0, 1};
        photos->loadBatch(indices, two.data());
        Shape dims = shapes.exact.begin()->second;
        dims[0] = 2;
        QString error;
        const std::vector<OrtOutput> together = runOnnxRuntime(file, two, dims, true, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        dims[0] = 1;
        for (int64_t image = 0; image < 2; ++image) {
            const std::vector<float> one(two.begin() + image * per, two.begin() + (image + 1) * per);
            const std::vector<OrtOutput> alone = runOnnxRuntime(file, one, dims, true, error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(alone.size(), together.size());
            for (std::size_t o = 0; o < alone.size(); ++o) {
                const auto count = static_cast<std::size_t>(alone[o].bytes.size()) / sizeof(float);
                QCOMPARE(static_cast<std::size_t>(together[o].bytes.size()) / sizeof(float), 2 * count);
                QVERIFY2(together[o].line[2].startsWith("2x"), qPrintable(together[o].line.join(' ')));
                const auto* a = reinterpret_cast<const float*>(alone[o].bytes.constData());
                const auto* t = reinterpret_cast<const float*>(together[o].bytes.constData()) + image * static_cast<int64_t>(count);
                double worst = 0.0, largest = 0.0;
                for (std::size_t k = 0; k < count; ++k) {
                    worst = std::max(worst, std::abs(static_cast<double>(a[k]) - t[k]));
                    largest = std::max(largest, std::abs(static_cast<double>(a[k])));
                }
                QVERIFY2(worst <= 1e-5 * largest + 1e-6, qPrintable(alone[o].line.join(' ') + QString(": %1").arg(worst)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestRealModelsVsOrt)
#include "test_realmodels_vs_ort.moc"
