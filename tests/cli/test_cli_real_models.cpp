// quantscope-cli on real pretrained models (tests/data/realmodels) and unlabelled photos (tests/data/photos):
// --input-shape for dynamic dims, label-free fidelity (text and JSON), the int8 share of MACs with the FP32
// islands, calibration data that is not the evaluated data, and the refusals that name what to do.
#include "cli_runner.h"
#include "core/engine/cpu_features.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

using qs::testing::runCli;

namespace {
const QString kModels = QS_TEST_DATA_DIR "/realmodels/";
const QString kPhotos = "images:" QS_TEST_DATA_DIR "/photos";
const QString kRfbPreprocess = "resize=240x320,channels=rgb,mean=127,std=128";

double number(const QString& text, const QString& pattern)
{
    const auto m = QRegularExpression(pattern).match(text);
    return m.hasMatch() ? m.captured(1).toDouble() : -1.0;
}
} // namespace

class TestCliRealModels : public QObject {
    Q_OBJECT

private slots:
    void fidelityOnUnlabelledPhotos()
    {
        const auto r = runCli({"eval", "--model", kModels + "version-RFB-320.onnx", "--data", kPhotos, "--preprocess", kRfbPreprocess,
                               "--qe", "--qepc", "--limit", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // The metric is fidelity by itself (no labels, two outputs); one line per output.
        const double scores = number(r.out, "output scores: sqnr ([0-9.]+) dB, cosine (?:0\\.99|1\\.00)[0-9]+, max_abs_err [0-9.e-]+");
        const double boxes = number(r.out, "output boxes: sqnr ([0-9.]+) dB");
        QVERIFY2(scores > 40.0 && boxes > 40.0, qPrintable(r.out));
        QVERIFY2(r.out.contains("int8: 100.0% of") && r.out.contains("MACs in int8"), qPrintable(r.out));
        QVERIFY2(!r.out.contains("top-1"), qPrintable(r.out));
        // Two photos evaluated, the other two calibrate, and it says so.
        QVERIFY2(r.err.contains("calibration: 2 images of images photos that are not evaluated"), qPrintable(r.err));

        const auto json = runCli({"eval", "--model", kModels + "version-RFB-320.onnx", "--data", kPhotos, "--preprocess", kRfbPreprocess,
                                  "--qe", "--limit", "2", "--metric", "fidelity", "--json"});
        QVERIFY2(json.code == 0, qPrintable(json.err));
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o["metric"].toString(), QString("fidelity"));
        const QJsonArray outputs = o["outputs"].toArray();
        QCOMPARE(outputs.size(), 2);
        QCOMPARE(outputs[0].toObject()["name"].toString(), QString("scores"));
        QVERIFY(outputs[0].toObject()["sqnr_db"].toDouble() > 30.0 && outputs[1].toObject()["cosine"].toDouble() > 0.999);
        QVERIFY(!o.contains("top1_agreement")); // a detector is not a classifier
    }

    // --equalize (cross-layer equalization) on the slim face detector, whose depthwise blocks amplify the
    // rounding of quiet channels: the boxes output gains ~2 dB (16.6 -> 18.6 dB measured on the four photos).
    void equalizationReachesTheModel()
    {
        if (!qs::cpuFeatures().hasVnni)
            QSKIP("this CPU has no VNNI: 8-bit weights run on a 7-bit grid (core/engine/cpu_features.h), and the gain measured is that of 8-bit weights");
        auto boxesSqnr = [](const QStringList& extra) {
            const auto r = runCli(QStringList{"eval", "--model", kModels + "version-slim-320_without_postprocessing.onnx", "--data", kPhotos,
                                              "--preprocess", kRfbPreprocess, "--qe", "--qepc"} + extra);
            return r.code == 0 ? number(r.out, "output boxes: sqnr ([0-9.]+) dB") : -1.0;
        };
        const double plain = boxesSqnr({}), equalized = boxesSqnr({"--equalize"});
        QVERIFY2(plain > 10.0 && equalized > plain + 1.0, qPrintable(QString("%1 -> %2 dB").arg(plain).arg(equalized)));
    }

    // Every image evaluated: calibration on them is said out loud; --calibration-data takes other images.
    void calibrationDataIsNamed()
    {
        const QStringList common{"eval", "--model", kModels + "version-RFB-320.onnx", "--data", kPhotos, "--preprocess", kRfbPreprocess, "--qe"};
        const auto same = runCli(common);
        QVERIFY2(same.code == 0 && same.err.contains("warning: calibrating on 4 of the evaluated images"), qPrintable(same.err));
        const auto other = runCli(common + QStringList{"--calibration-data", kPhotos, "--qe-calibration", "2"});
        QVERIFY2(other.code == 0 && other.err.contains("calibration: 2 samples of images photos"), qPrintable(other.err));
    }

    // A paddle2onnx classifier with every dim dynamic: --input-shape sizes the images; a 2-class classifier on
    // unlabelled data gets fidelity with top-1 agreement.
    void dynamicClassifierWithInputShape()
    {
        const QString model = kModels + "ch_ppocr_mobile_v2.0_cls_infer.onnx";
        const auto without = runCli({"info", "--model", model});
        QVERIFY2(without.code == 1 && without.err.contains("dim 2 is dynamic"), qPrintable(without.err));
        const auto info = runCli({"info", "--model", model, "--input-shape", "x=1x3x48x192", "--qe"});
        QVERIFY2(info.code == 0 && info.out.contains("int8 with sym 8/8 pt none:"), qPrintable(info.out + info.err));
        const auto eval = runCli({"eval", "--model", model, "--data", kPhotos, "--input-shape", "1x3x48x192", "--preprocess",
                                  "channels=bgr,scale=1/127.5,mean=1", "--qe", "--limit", "2"});
        QVERIFY2(eval.code == 0, qPrintable(eval.err));
        QVERIFY2(eval.out.contains("-> 3x48x192") && eval.out.contains("top-1 agreement with FP32:"), qPrintable(eval.out));
        const auto wrong = runCli({"info", "--model", model, "--input-shape", "image=1x3x48x192"});
        QVERIFY2(wrong.code == 1 && wrong.err.contains("no input 'image'"), qPrintable(wrong.err));
    }

    // NanoDet only runs at batch 1 (batch-1 constants inside): --quantize-eval used to stop at batch 8.
    void batchOneModelQuantizes()
    {
        const auto r = runCli({"eval", "--model", kModels + "nanodet_m_320.onnx", "--data", kPhotos, "--preprocess",
                               "resize=320x320,channels=bgr,mean=103.53:116.28:123.675,std=57.375:57.12:58.395", "--qe", "--qepc",
                               "--limit", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("batch: 1 (the model cannot run batch 64"), qPrintable(r.out));
        QVERIFY2(r.out.count(QRegularExpression("output \\S+: sqnr")) == 6, qPrintable(r.out));
    }

    void refusalsSayWhatToDo()
    {
        const auto noQe = runCli({"eval", "--model", kModels + "version-RFB-320.onnx", "--data", kPhotos, "--preprocess", kRfbPreprocess});
        QVERIFY2(noQe.code == 1 && noQe.err.contains("add --quantize-eval"), qPrintable(noQe.err));
        const auto top1 = runCli({"eval", "--model", kModels + "version-RFB-320.onnx", "--data", kPhotos, "--preprocess", kRfbPreprocess,
                                  "--metric", "top1", "--qe"});
        QVERIFY2(top1.code == 1 && top1.err.contains("top-1 needs labelled data"), qPrintable(top1.err));
        // An input shape whose activations cannot fit: an error naming the shape and the bytes, not bad_alloc.
        const auto huge = runCli({"info", "--model", kModels + "yunet_n_dynamic.onnx", "--input-shape", "1x3x60000x60000"});
        QVERIFY2(huge.code == 1 && huge.err.contains("input shape input [1,3,60000,60000] needs") && huge.err.contains("GiB of memory"),
                 qPrintable(huge.err));
        const auto metric = runCli({"eval", "--metric", "accuracy"});
        QVERIFY2(metric.code == 1 && metric.err.contains("--metric must be top1 or fidelity"), qPrintable(metric.err));
    }
};

QTEST_GUILESS_MAIN(TestCliRealModels)
#include "test_cli_real_models.moc"
