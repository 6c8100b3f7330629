// quantscope-cli as a user runs it: the eval line the README promises, int8 evaluation, JSON output, and
// clear errors (exit code 1, message naming the file or flag) for bad input.
#include "cli_runner.h"
#include "app/cli/ptq_arguments.h"
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace qs;

namespace {
using Result = qs::testing::CliResult;
using qs::testing::runCli;
} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void evalPrintsTop1OfTheWholeTestSet()
    {
        const Result r = runCli({"eval", "--model", QS_TEST_DATA_DIR "/models/fmnist_cnn.onnx"});
        QCOMPARE(r.code, 0);
        // ONNX Runtime's number for this model (tests/data/models/reference.json): 0.9164.
        QVERIFY2(r.out.contains(QRegularExpression("^top-1: 91\\.64%$", QRegularExpression::MultilineOption)), qPrintable(r.out));
        QVERIFY(r.out.contains("10000 samples"));
    }

    void defaultModelIsTheDemoAndJsonMatchesCore()
    {
        const Result r = runCli({"eval", "--limit", "1000", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["samples"].toInt(), 1000);
        QVERIFY(j["model"].toString().endsWith("fmnist_demo.onnx"));
        const auto test = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Test, PreprocessSpec::fashionMnist());
        EvalOptions options;
        options.indices = firstIndices(test->size(), 1000);
        const EvalMetrics m = evaluate(importOnnxFile(QS_SOURCE_DIR "/resources/models/fmnist_demo.onnx"), *test, options);
        QCOMPARE(j["top1"].toDouble(), std::round(m.top1() * 1e6) / 1e6);
    }

    void quantizedEvalStaysCloseToFloat()
    {
        const Result f = runCli({"eval", "--limit", "2000", "--json"});
        const Result q = runCli({"eval", "--limit", "2000", "--json", "--quantize-eval", "--qem", "asym_u", "--qepc"});
        QCOMPARE(q.code, 0);
        const double fp32 = QJsonDocument::fromJson(f.out.toUtf8()).object()["top1"].toDouble();
        const double int8 = QJsonDocument::fromJson(q.out.toUtf8()).object()["top1"].toDouble();
        QVERIFY2(std::fabs(fp32 - int8) <= 0.005, qPrintable(QString("fp32 %1 int8 %2").arg(fp32).arg(int8)));
    }

    // A Distiller YAML config: global settings plus a per-layer override (fc in FP32 via bits null) must give the
    // same result as the equivalent flags; --export-config writes a file that reproduces the run.
    void distillerConfigFileAndExport()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath("ptq.yaml");
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("quantizers:\n"
                   "  post_train_quantizer:\n"
                   "    class: PostTrainLinearQuantizer\n"
                   "    bits_activations: 6\n"
                   "    bits_parameters: 6\n"
                   "    mode: ASYMMETRIC_UNSIGNED\n"
                   "    per_channel_wts: true\n"
                   "    clip_acts: AVG\n"
                   "    overrides:\n"
                   "      fc:\n"
                   "        bits_activations: null\n"
                   "        bits_weights: null\n");
        file.close();
        const QStringList common{"eval", "--limit", "2000", "--json"};
        const Result flags = runCli(common + QStringList{"--qe", "--qem", "asym_u", "--qeba", "6", "--qebw", "6", "--qepc", "--qeca", "avg", "--qenql", "fc"});
        const QString exported = dir.filePath("exported.yaml");
        const Result yaml = runCli(common + QStringList{"--qe", "--qe-config-file", config, "--export-config", exported});
        QCOMPARE(flags.code, 0);
        QVERIFY2(yaml.code == 0, qPrintable(yaml.err));
        const double a = QJsonDocument::fromJson(flags.out.toUtf8()).object()["top1"].toDouble();
        const double b = QJsonDocument::fromJson(yaml.out.toUtf8()).object()["top1"].toDouble();
        QCOMPARE(b, a);
        QVERIFY(QFile::exists(exported));
        const Result again = runCli(common + QStringList{"--qe", "--qe-config-file", exported});
        QVERIFY2(again.code == 0, qPrintable(again.err));
        QCOMPARE(QJsonDocument::fromJson(again.out.toUtf8()).object()["top1"].toDouble(), a);
        // A bad line is reported with its number.
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("quantizers:\n  q:\n    class: PostTrainLinearQuantizer\n    mode: SYMETRIC\n");
        file.close();
        const Result bad = runCli(common + QStringList{"--qe", "--qe-config-file", config});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains("ptq.yaml:4") && bad.err.contains("SYMETRIC"), qPrintable(bad.err));
    }

    void badInputGivesClearErrors()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.onnx");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\x08\x07\x12\x04junk and then nothing useful");
        file.close();
        Result r = runCli({"eval", "--model", broken});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("broken.onnx") && r.err.contains("not a valid ONNX model"), qPrintable(r.err));
        r = runCli({"eval", "--frobnicate"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("--frobnicate"), qPrintable(r.err));
        r = runCli({"eval", "--data", "nosuchkind:/tmp"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("nosuchkind"), qPrintable(r.err));
        r = runCli({"frobnicate"});
        QCOMPARE(r.code, 2);
    }

    // A stats file with an infinite (or float-overflowing) statistic once gave infinite scales, NaN logits and
    // "top-1: 100.00%". It must fail with the file, the line and the layer, and print no accuracy.
    // A typo in a layer list, or a count that makes no sense, is an error naming it, not silently ignored.
    void silentAcceptanceIsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no-quant typo") << QStringList{"eval", "--qe", "--qe-no-quant-layers", "fc", "conv9"} << "no layer 'conv9'";
        QTest::newRow("no-clip typo") << QStringList{"eval", "--qe", "--qencl", "fcc"} << "--qe-no-clip-layers: the model has no layer 'fcc'";
        QTest::newRow("ranges --layer typo") << QStringList{"ranges", "--layer", "features.conv9", "--qe-calibration", "8"} << "--layer: the model has no layer";
        QTest::newRow("limit 0") << QStringList{"eval", "--limit", "0"} << "--limit must be a positive";
        QTest::newRow("limit -5") << QStringList{"eval", "--limit", "-5"} << "--limit must be a positive";
        QTest::newRow("threads -1") << QStringList{"eval", "--threads", "-1", "--limit", "10"} << "--threads must be 0";
        QTest::newRow("scale approx bits abc") << QStringList{"eval", "--qe", "--qesab", "abc"} << "expects an integer, got 'abc'";
        QTest::newRow("calibration without qe") << QStringList{"eval", "--qe-calibration", "64", "--limit", "10"} << "add --quantize-eval";
        QTest::newRow("distiller lapq") << QStringList{"eval", "--qe", "--qe-lapq"} << "Distiller's --qe-lapq: LAPQ";
        QTest::newRow("distiller dynamic") << QStringList{"eval", "--qe-dynamic"} << "Distiller's --qe-dynamic: dynamic quantization";
    }

    void silentAcceptanceIsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!r.out.contains("top-1"));
    }

    // Distiller's meaning for Distiller's flags: a bare --qe-clip-acts is the original switch (avg), and
    // --qe-calibration 1 is the whole split (a portion), not one sample.
    void distillersMeaning()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("bare.yaml");
        const Result r = runCli({"eval", "--qe", "--qe-clip-acts", "--export-config", out, "--limit", "20", "--qe-calibration", "32"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(f.readAll().contains("clip_acts: AVG"), "a bare --qe-clip-acts is not avg");
        const SampleAmount all = cli::calibrationAmount("1");
        QVERIFY(all.isFraction && all.fraction == 1.0);
        QCOMPARE(cli::calibrationAmount("512").count, int64_t(512));
        QVERIFY(cli::calibrationAmount("0.05").isFraction);
    }

    void noClipOnTheLogitsSaysItDoesNothing()
    {
        // The demo model's fc output is the logits, which stay FP32: excluding it from clipping changes nothing.
        const Result r = runCli({"eval", "--qe", "--qeca", "avg", "--qencl", "fc", "--limit", "20", "--qe-calibration", "32"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("--qe-no-clip-layers fc has no effect"), qPrintable(r.err));
        const Result conv = runCli({"eval", "--qe", "--qeca", "avg", "--qencl", "features.conv1", "--limit", "20", "--qe-calibration", "32"});
        QVERIFY2(!conv.err.contains("has no effect"), qPrintable(conv.err));
    }

    void knownLayerNamesAreAccepted()
    {
        // Node names and module paths both name a layer (the demo model's last layer is /fc/Gemm).
        for (const QString& name : {QStringLiteral("fc"), QStringLiteral("/fc/Gemm")}) {
            const Result r = runCli({"eval", "--qe", "--qenql", name, "--limit", "50", "--qe-calibration", "32"});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
    }

    void nonFiniteStatsFileIsRefused_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow(".inf") << ".inf";
        QTest::newRow("1e308") << "1e308";
    }

    void nonFiniteStatsFileIsRefused()
    {
        QFETCH(QString, value);
        QTemporaryDir dir;
        const QString good = dir.filePath("good.yaml");
        const Result calibrated = runCli({"calibrate", "--qe-calibration", "64", "-o", good});
        QVERIFY2(calibrated.code == 0, qPrintable(calibrated.err));
        QFile in(good);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QStringList lines = QString::fromUtf8(in.readAll()).split('\n');
        // The first layer's first max: the layer is the first unindented key.
        QString layer;
        int badLine = 0;
        for (int i = 0; i < lines.size() && !badLine; ++i) {
            if (layer.isEmpty() && !lines[i].startsWith('#') && !lines[i].startsWith(' ') && lines[i].endsWith(':'))
                layer = lines[i].chopped(1);
            else if (!layer.isEmpty() && lines[i].trimmed().startsWith("max:")) {
                lines[i] = lines[i].left(lines[i].indexOf("max:")) + "max: " + value;
                badLine = i + 1;
            }
        }
        QVERIFY(badLine > 0);
        const QString badPath = dir.filePath("bad.yaml");
        QFile out(badPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(lines.join('\n').toUtf8());
        out.close();
        const Result r = runCli({"eval", "--qe", "--qe-stats-file", badPath, "--limit", "200"});
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QVERIFY2(!r.out.contains("top-1"), qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("bad.yaml:%1").arg(badLine)) && r.err.contains(layer), qPrintable(r.err));
    }

    void benchPrintsOneJsonLine()
    {
        const Result r = runCli({"bench", "--model", QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx", "--batch", "4", "--iterations", "3", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["engine"].toString(), QString("quantscope"));
        QCOMPARE(j["batch"].toInt(), 4);
        QVERIFY(j["median_ms"].toDouble() > 0);
        QCOMPARE(j["reference_nodes"].toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
