// FP32 outputs of the real models (tests/data/realmodels) on a real photo equal ONNX Runtime's within 1e-4 of each
// output's largest magnitude, with the same shape (a detector's NMS selection is data-dependent: it must select as
// many boxes); integer outputs must be equal. ONNX Runtime comes from the npm package onnxruntime-node in bench/ort
// (scripts/test.sh installs it and sets QS_REQUIRE_ORT=1, so in CI a missing runtime fails instead of skipping);
// bench/ort/reference.js runs it on the same preprocessed input we feed our engine.
#include "core/data/dataset_factory.h"
#include "core/data/preprocess_spec.h"
#include "core/engine/prepared_model.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/transforms/shape_inference.h"

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
}

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

        QTemporaryDir dir;
        QFile in(dir.filePath("input.bin"));
        QVERIFY(in.open(QIODevice::WriteOnly));
        in.write(reinterpret_cast<const char*>(input.data()), static_cast<qint64>(input.size() * sizeof(float)));
        in.close();
        QString dimsText;
        for (int64_t d : dims)
            dimsText += (dimsText.isEmpty() ? "" : "x") + QString::number(d);
        QProcess node;
        node.start("node", {kOrtDir + "/reference.js", QString::fromStdString(path), in.fileName(), dimsText, dir.filePath("out")});
        QVERIFY(node.waitForFinished(300000));
        QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
        const QStringList lines = QString::fromUtf8(node.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(static_cast<std::size_t>(lines.size()), session.outputCount());
        for (std::size_t o = 0; o < session.outputCount(); ++o) {
            const QStringList line = lines[static_cast<int>(o)].split(' '); // index, name, dims, element type
            QCOMPARE(line.size(), 4);
            QString ourDims;
            for (int64_t d : session.outputShape(o))
                ourDims += (ourDims.isEmpty() ? "" : "x") + QString::number(d);
            QCOMPARE(ourDims.isEmpty() ? QString("scalar") : ourDims, line[2]);
            QFile out(dir.filePath("out" + QString::number(o) + ".bin"));
            QVERIFY(out.open(QIODevice::ReadOnly));
            const QByteArray bytes = out.readAll();
            if (line[3] == "int64") { // integers (indices, counts): exactly
                const std::vector<int64_t> ours = session.outputTensor(o).toInt64();
                QCOMPARE(static_cast<std::size_t>(bytes.size()) / sizeof(int64_t), ours.size());
                const auto* ort = reinterpret_cast<const int64_t*>(bytes.constData());
                for (std::size_t i = 0; i < ours.size(); ++i)
                    QVERIFY2(ours[i] == ort[i], qPrintable(lines[static_cast<int>(o)] + ": element " + QString::number(i) + " is " +
                                                           QString::number(ours[i]) + ", ONNX Runtime's " + QString::number(ort[i])));
                qInfo("%s output %s: %zu integers equal", qPrintable(model), qPrintable(lines[static_cast<int>(o)]), ours.size());
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
            qInfo("%s output %s: max |ours - ORT| = %.3g, max |ORT| = %.3g", qPrintable(model), qPrintable(lines[static_cast<int>(o)]),
                  worst, largest);
            QVERIFY2(worst <= 1e-4 * largest + 1e-6, qPrintable(lines[static_cast<int>(o)]));
        }
    }
};

QTEST_GUILESS_MAIN(TestRealModelsVsOrt)
#include "test_realmodels_vs_ort.moc"
