// Each Distiller --qe-* flag has its effect, not only parses: the effective configuration it produces
// (--export-config, read back as a Distiller YAML), what runs in int8 (the int8 line), the accuracy it costs
// (2-bit activations lose accuracy 8-bit keeps), and the calibrate, ranges and info commands' outputs.
#include "cli_runner.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using qs::testing::runCli;

namespace {

const QStringList kQuick{"--limit", "64", "--qe-calibration", "64"};

double top1(const QString& out)
{
    const auto m = QRegularExpression("top-1: ([0-9.]+)%").match(out);
    return m.hasMatch() ? m.captured(1).toDouble() : -1.0;
}

QString readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestCliFlags : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // eval --qe with `flags`, exporting the effective configuration; returns the YAML (and the run's output).
    QString effectiveConfig(const QStringList& flags, qs::testing::CliResult* run = nullptr)
    {
        const QString path = m_dir.filePath("effective.yaml");
        QFile::remove(path);
        const auto r = runCli(QStringList{"eval", "--qe", "--export-config", path} + kQuick + flags);
        if (run)
            *run = r;
        return r.code == 0 ? readAll(path) : "rc " + QString::number(r.code) + ": " + r.err;
    }

private slots:
    void modesAndBitsReachTheConfiguration()
    {
        QString yaml = effectiveConfig({"--qem", "asym_u", "--qeba", "6", "--qebw", "5"});
        QVERIFY2(yaml.contains("bits_activations: 6") && yaml.contains("bits_parameters: 5"), qPrintable(yaml));
        QVERIFY2(yaml.contains("    mode: ASYMMETRIC_UNSIGNED\n"), qPrintable(yaml)); // one mode for both
        yaml = effectiveConfig({"--qe-mode", "sym", "--qema", "asym_s", "--qe-mode-wts", "sym_restr"}); // the split forms override
        QVERIFY2(yaml.contains("activations: ASYMMETRIC_SIGNED") && yaml.contains("weights: SYMMETRIC_RESTRICTED"), qPrintable(yaml));
        QVERIFY2(effectiveConfig({}).contains("per_channel_wts: False"), "per-tensor by default, as Distiller");
        QVERIFY(effectiveConfig({"--qepc"}).contains("per_channel_wts: True"));
    }

    void clipFlagsReachTheConfiguration()
    {
        QVERIFY(effectiveConfig({"--qeca", "laplace"}).contains("clip_acts: LAPLACE"));
        QVERIFY(effectiveConfig({"--qe-clip-acts"}).contains("clip_acts: AVG")); // bare: Distiller's switch
        const QString nstd = effectiveConfig({"--qeca", "n_std", "--qe-clip-n-stds", "2.5"});
        QVERIFY2(nstd.contains("clip_acts: N_STD") && nstd.contains("clip_n_stds: 2.5"), qPrintable(nstd));
        const QString percentile = effectiveConfig({"--qeca", "percentile", "--qe-percentile", "99.9"});
        QVERIFY2(percentile.contains("clip_acts: PERCENTILE") && percentile.contains("clip_percentile: 99.9"), qPrintable(percentile));
        // --qe-no-clip-layers: that layer's override clips nothing while the global method stays.
        const QString noClip = effectiveConfig({"--qeca", "avg", "--qencl", "features.conv3"});
        QVERIFY2(noClip.contains("features\\.conv3:\n        clip_acts: NONE") && noClip.contains("    clip_acts: AVG"), qPrintable(noClip));
    }

    void noQuantLayersRunFp32()
    {
        qs::testing::CliResult run;
        const QString yaml = effectiveConfig({"--qenql", "features.conv2"}, &run);
        QVERIFY2(yaml.contains("features\\.conv2:\n        bits_activations: ~\n        bits_weights: ~"), qPrintable(yaml));
        QVERIFY2(run.out.contains("(3 of 4 layers)") && run.out.contains("FP32 /features/conv2/Conv (Conv, ") &&
                     run.out.contains("kept FP32 by the configuration"),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(", 1 FP32"), qPrintable(run.out)); // the config summary counts it
    }

    // Fewer bits cost accuracy: the flags reach the kernels, not only the printed summary.
    void bitsChangeAccuracy()
    {
        const QStringList data{"--limit", "500", "--qe-calibration", "256"};
        const auto eight = runCli(QStringList{"eval", "--qe", "--qepc"} + data);
        const auto two = runCli(QStringList{"eval", "--qe", "--qepc", "--qeba", "2"} + data);
        QVERIFY2(eight.code == 0 && two.code == 0, qPrintable(eight.err + two.err));
        QVERIFY2(top1(eight.out) > 85.0 && top1(two.out) < top1(eight.out) - 5.0, qPrintable(eight.out + two.out));
        QVERIFY(eight.out.contains("config: sym 8/8 pc none") && two.out.contains("config: sym 2/8 pc none"));
    }

    void notesForFlagsWithoutEffect()
    {
        const auto sab = runCli(QStringList{"eval", "--qe", "--qesab", "16"} + kQuick);
        QVERIFY2(sab.code == 0 && sab.err.contains("--qe-scale-approx-bits: oneDNN applies float32 output scales"), qPrintable(sab.err));
        const auto zero = runCli(QStringList{"eval", "--qe", "--qeba", "0"} + kQuick);
        QVERIFY2(zero.code == 1 && zero.err.contains("weights-only or activations-only fake quantization"), qPrintable(zero.err));
        const auto accum = runCli(QStringList{"eval", "--qe", "--qe-bits-accum", "16"} + kQuick);
        QVERIFY2(accum.code == 1 && accum.err.contains("accumulates in 32 bits"), qPrintable(accum.err));
        const auto pt = runCli({"eval", "--qe", "--qept"});
        QVERIFY2(pt.code == 1 && pt.err.contains("Distiller's --qept"), qPrintable(pt.err));
    }

    // calibrate writes Distiller's stats schema for every layer; eval from that file gives the same top-1 as
    // calibrating in the same run on the same samples.
    void calibrateThenStatsFile()
    {
        const QString stats = m_dir.filePath("stats.yaml");
        const auto cal = runCli({"calibrate", "--qe-calibration", "128", "-o", stats});
        QVERIFY2(cal.code == 0, qPrintable(cal.err));
        const QString text = readAll(stats);
        for (const char* layer : {"/features/conv1/Conv:", "/features/conv2/Conv:", "/features/conv3/Conv:", "/fc/Gemm:"})
            QVERIFY2(text.contains(layer), layer);
        QVERIFY(text.contains("avg_min:") && text.contains("b:") && QFile::exists(stats + ".hist.yaml"));
        const auto fromFile = runCli({"eval", "--qe", "--qe-stats-file", stats, "--limit", "300"});
        const auto inRun = runCli({"eval", "--qe", "--qe-calibration", "128", "--limit", "300"});
        QVERIFY2(fromFile.code == 0 && inRun.code == 0, qPrintable(fromFile.err + inRun.err));
        QCOMPARE(top1(fromFile.out), top1(inRun.out));
        QVERIFY2(fromFile.err.contains("statistics: 10 of 10 layers from"), qPrintable(fromFile.err));
    }

    void rangesAndInfo()
    {
        const auto ranges = runCli({"ranges", "--qe-calibration", "64", "--qeba", "4", "--layer", "features.conv2"});
        QVERIFY2(ranges.code == 0, qPrintable(ranges.err));
        QVERIFY2(ranges.out.contains("ranges for 4-bit sym activations") && ranges.out.contains("/features/conv2/Conv"), qPrintable(ranges.out));
        QVERIFY(!ranges.out.contains("/features/conv3/Conv")); // --layer selects one
        for (const char* method : {"none", "avg", "laplace", "mse", "entropy", "percentile", "pytorch_histogram", "moving_average"})
            QVERIFY2(ranges.out.contains(QRegularExpression(QString("\\n  %1 +[-0-9.e]+ +[-0-9.e]+ +[-0-9.]+").arg(method))), method);

        const auto info = runCli({"info", "--qe", "--qenql", "fc"});
        QVERIFY2(info.code == 0, qPrintable(info.err));
        QVERIFY2(info.out.contains("input:  input float32 [?,1,28,28]") || info.out.contains("input: "), qPrintable(info.out));
        QVERIFY2(info.out.contains("layer /features/conv1/Conv") && info.out.contains("oneDNN:"), qPrintable(info.out));
        QVERIFY2(info.out.contains("(3 of 4 layers)") && info.out.contains("FP32 /fc/Gemm"), qPrintable(info.out));
    }
};

QTEST_GUILESS_MAIN(TestCliFlags)
#include "test_cli_flags.moc"
