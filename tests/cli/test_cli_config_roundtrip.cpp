// quantscope-cli's --export-config and --qe-config-file round-trip every clip method and every mode: a config
// exported from command-line flags, read back and exported again, is the same file, and names the method and
// mode in Distiller's spelling (pytorch_histogram was once written as NONE, sym_restr once ran as sym).
#include "cli_runner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

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
};

QTEST_GUILESS_MAIN(TestCliConfigRoundtrip)
#include "test_cli_config_roundtrip.moc"
