// quantscope-cli's --export-config and --qe-config-file round-trip every clip method and every mode: a config
// exported from command-line flags, read back and exported again, is the same file, and names the method and
// mode in Distiller's spelling (pytorch_histogram was once written as NONE, sym_restr once ran as sym).
#include "cli_runner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {
using Result = qs::testing::CliResult;
using qs::testing::runCli;

QString readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

const QStringList kSmallRun = {"--model", QS_TEST_DATA_DIR "/models/fmnist_cnn.onnx", "--limit", "20", "--qe-calibration", "32"};
} // namespace

class TestCliConfigRoundtrip : public QObject {
    Q_OBJECT
private slots:
    void everyClipMethodAndModeRoundTrips_data()
    {
        QTest::addColumn<QString>("clip");
        QTest::addColumn<QString>("distillerClip");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("distillerMode");
        const QStringList clips = {"none", "avg", "n_std", "gauss", "laplace", "percentile", "entropy", "mse", "pytorch_histogram", "moving_average"};
        const QStringList modes = {"sym", "sym_restr", "asym_u", "asym_s"};
        const QStringList distillerModes = {"SYMMETRIC", "SYMMETRIC_RESTRICTED", "ASYMMETRIC_UNSIGNED", "ASYMMETRIC_SIGNED"};
        for (int i = 0; i < clips.size(); ++i) // every method once, every mode at least twice
            QTest::newRow(qPrintable(clips[i] + " " + modes[i % 4])) << clips[i] << clips[i].toUpper() << modes[i % 4] << distillerModes[i % 4];
    }

    void everyClipMethodAndModeRoundTrips()
    {
        QFETCH(QString, clip);
        QFETCH(QString, distillerClip);
        QFETCH(QString, mode);
        QFETCH(QString, distillerMode);
        QTemporaryDir dir;
        const QString first = dir.filePath("first.yaml"), second = dir.filePath("second.yaml");
        QStringList args = QStringList{"eval", "--qe", "--qem", mode, "--qeca", clip, "--export-config", first} + kSmallRun;
        if (clip == "n_std")
            args << "--qe-clip-n-stds" << "2.5";
        const Result exported = runCli(args);
        QVERIFY2(exported.code == 0, qPrintable(exported.err));
        const QString text = readAll(first);
        QVERIFY2(text.contains("clip_acts: " + distillerClip), qPrintable(text));
        QVERIFY2(text.contains(distillerMode), qPrintable(text));
        const Result reread = runCli(QStringList{"eval", "--qe", "--qe-config-file", first, "--export-config", second} + kSmallRun);
        QVERIFY2(reread.code == 0, qPrintable(reread.err));
        QCOMPARE(readAll(second), text);
        // Both runs quantized the same way: the same top-1 line.
        const auto top1 = [](const QString& out) { return out.section("top-1:", 1, 1).section('\n', 0, 0); };
        QCOMPARE(top1(reread.out), top1(exported.out));
    }

    // --export-onnx writes the quantized model as a QDQ ONNX file that the CLI itself evaluates again (as a plain
    // model: QuantizeLinear / DequantizeLinear in FP32) to the int8 run's top-1, give or take the int32 biases' rounding;
    // commands that quantize no final model refuse the flag rather than ignore it.
    void quantizedModelExportsAsQdqOnnx()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("cnn_int8.onnx");
        const Result int8 = runCli(QStringList{"eval", "--qe", "--qepc", "--export-onnx", file, "--limit", "200", "--qe-calibration", "64",
                                               "--model", QS_TEST_DATA_DIR "/models/fmnist_cnn.onnx"});
        QVERIFY2(int8.code == 0, qPrintable(int8.err));
        QVERIFY2(int8.err.contains("wrote the quantized model") && int8.err.contains("QDQ, opset 13"), qPrintable(int8.err));
        const Result qdq = runCli(QStringList{"eval", "--model", file, "--limit", "200"});
        QVERIFY2(qdq.code == 0, qPrintable(qdq.err));
        const auto top1 = [](const QString& out) { return out.section("top-1:", 1, 1).section('%', 0, 0).toDouble(); };
        QVERIFY2(std::fabs(top1(qdq.out) - top1(int8.out)) <= 1.0, qPrintable(qdq.out + int8.out)); // 2 of 200 images

        const Result fp32 = runCli(QStringList{"eval", "--export-onnx", file} + kSmallRun.mid(0, 4));
        QCOMPARE(fp32.code, 1);
        QVERIFY2(fp32.err.contains("--export-onnx only applies to a quantized evaluation"), qPrintable(fp32.err));
        const Result analyze = runCli(QStringList{"analyze", "--qe", "--export-onnx", file} + kSmallRun);
        QCOMPARE(analyze.code, 1);
        QVERIFY2(analyze.err.contains("`analyze` quantizes none"), qPrintable(analyze.err));
    }
};

QTEST_GUILESS_MAIN(TestCliConfigRoundtrip)
#include "test_cli_config_roundtrip.moc"
