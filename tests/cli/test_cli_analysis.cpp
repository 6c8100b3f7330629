// The per-layer evidence commands as a user runs them: analyze, sensitivity and autoquant (JSON parsed, the
// exported configuration evaluated by `eval` to the top-1 autoquant reported; --objective latency times every
// candidate and names the CPU, without any timing compared), and their argument errors.
#include "cli_runner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using qs::testing::parsed;
using qs::testing::runCli;

namespace {

const QString kCnn = QS_TEST_DATA_DIR "/models/fmnist_cnn.onnx";

} // namespace

class TestCliAnalysis : public QObject {
    Q_OBJECT

private slots:
    void analyzeJson()
    {
        const auto r = runCli({"analyze", "--model", kCnn, "--qe", "--qepc", "--limit", "16", "--no-twin", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = parsed(r);
        QCOMPARE(o["samples"].toInt(), 16);
        const QJsonArray layers = o["layers"].toArray();
        QCOMPARE(layers.size(), 4);
        for (const auto& l : layers)
            QVERIFY(l.toObject()["accumulated_db"].toDouble() > 20.0 && l.toObject()["isolated_db"].toDouble() > 20.0);
    }

    void sensitivityJson()
    {
        const auto r = runCli({"sensitivity", "--model", kCnn, "--qe", "--qepc", "--limit", "300", "--bits", "8,4", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = parsed(r);
        QCOMPARE(o["samples"].toInt(), 300);
        QVERIFY(o["fp32_top1"].toDouble() > 85.0);
        const QJsonArray layers = o["layers"].toArray();
        QCOMPARE(layers.size(), 4);
        QCOMPARE(o["probes"].toInt(), 4 * 4); // W8A8, W4, A4, all_but
        for (const auto& l : layers) {
            const QJsonArray probes = l.toObject()["probes"].toArray();
            QCOMPARE(probes.size(), 4);
            QCOMPARE(probes[0].toObject()["probe"].toString(), QString("W8A8"));
            QCOMPARE(probes[1].toObject()["probe"].toString(), QString("W4"));
            QCOMPARE(probes[2].toObject()["probe"].toString(), QString("A4"));
            QCOMPARE(probes[3].toObject()["probe"].toString(), QString("all_but"));
            QVERIFY(probes[0].toObject()["output_sqnr_db"].toDouble() > probes[1].toObject()["output_sqnr_db"].toDouble());
            for (const auto& p : probes)
                QVERIFY(p.toObject()["mac_share"].toDouble() > 0.0 && p.toObject()["mac_share"].toDouble() <= 1.0);
        }
        // The first layer's single-layer probes run the whole model; the mean share is below 1 (later probes skip).
        QCOMPARE(layers[0].toObject()["probes"].toArray()[0].toObject()["mac_share"].toDouble(), 1.0);
        QVERIFY(o["probed_mac_share"].toDouble() > 0.0 && o["probed_mac_share"].toDouble() < 1.0);
    }

    // Widths from 7 (int8 kernels without VNNI): started from 7-bit weights the size line names them; started from 8
    // bits, which --weight-bits 7,4 does not list, a note says those layers cannot step down.
    void autoquantFromSevenBits()
    {
        const QStringList common{"autoquant", "--model", kCnn, "--qe", "--qepc", "--limit", "200", "--max-drop", "0.5", "--weight-bits", "7,4",
                                 "--sensitivity-samples", "100", "--clip-methods", "keep"};
        const auto fromSeven = runCli(common + QStringList{"--qe-bits-wts", "7", "--qe-mode-wts", "sym"});
        QVERIFY2(fromSeven.code == 0, qPrintable(fromSeven.err));
        QVERIFY2(fromSeven.out.contains("uniform 7-bit"), qPrintable(fromSeven.out));
        QVERIFY2(!fromSeven.err.contains("does not list"), qPrintable(fromSeven.err));
        const auto fromEight = runCli(common);
        QVERIFY2(fromEight.code == 0, qPrintable(fromEight.err));
        QVERIFY2(fromEight.err.contains("the starting weights are 8-bit and --weight-bits does not list 8"), qPrintable(fromEight.err));
        QVERIFY2(fromEight.out.contains("uniform 8-bit"), qPrintable(fromEight.out));
    }

    void autoquantExportsWhatItMeasured()
    {
        QTemporaryDir dir;
        const QString yaml = dir.filePath("mixed.yaml");
        const auto r = runCli({"autoquant", "--model", kCnn, "--qe", "--qepc", "--limit", "1000", "--max-drop", "0.3", "--weight-bits", "8,4",
                               "--export-config", yaml, "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = parsed(r);
        QCOMPARE(o["metric"].toString(), QString("top1"));
        QCOMPARE(o["objective"].toString(), QString("size"));
        QVERIFY(o["fp32_latency_ms"].isNull()); // not measured for size
        for (const auto& c : o["trace"].toArray())
            QVERIFY(c.toObject().contains("latency_ms") && c.toObject()["latency_ms"].isNull());
        const QJsonObject chosen = o["chosen"].toObject();
        QVERIFY(o["fp32_top1"].toDouble() - chosen["top1"].toDouble() <= 0.3 + 1e-9);
        QVERIFY(chosen["megabytes"].toDouble() <= o["uniform"].toObject()["megabytes"].toDouble());
        QVERIFY(o["trace"].toArray().size() >= 2);
        QVERIFY(QFile::exists(yaml));

        const auto e = runCli({"eval", "--model", kCnn, "--qe", "--qe-config-file", yaml, "--limit", "1000"});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        const auto m = QRegularExpression("top-1: ([0-9.]+)%").match(e.out);
        QVERIFY2(m.hasMatch(), qPrintable(e.out));
        QCOMPARE(m.captured(1).toDouble(), chosen["top1"].toDouble());
    }

    void autoquantLatencyJson()
    {
        const auto r = runCli({"autoquant", "--model", kCnn, "--qe", "--qepc", "--limit", "300", "--max-drop", "0.5", "--objective", "latency",
                               "--sensitivity-samples", "100", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = parsed(r);
        QCOMPARE(o["objective"].toString(), QString("latency"));
        QVERIFY(o["fp32_latency_ms"].toDouble() > 0.0);
        QVERIFY(!o["cpu"].toString().isEmpty() && !o["cpu_isa"].toString().isEmpty());
        const QJsonArray trace = o["trace"].toArray();
        QVERIFY(!trace.isEmpty());
        for (const auto& c : trace) {
            const QJsonValue ms = c.toObject()["latency_ms"];
            QVERIFY2(ms.isDouble() && std::isfinite(ms.toDouble()) && ms.toDouble() > 0.0, qPrintable(c.toObject()["change"].toString()));
        }
        QVERIFY(o["chosen"].toObject()["latency_ms"].toDouble() > 0.0);
        for (const auto& l : o["layers"].toArray()) { // only FP32 versus int8: the weights keep their 8 bits
            const QString bits = l.toObject()["bits"].toString();
            QVERIFY2(bits.startsWith("W8") || bits == "FP32", qPrintable(bits));
        }

        // The text names the CPU the latencies were measured on.
        const auto text = runCli({"autoquant", "--model", kCnn, "--qe", "--qepc", "--limit", "200", "--max-drop", "0.5", "--objective", "latency",
                                  "--sensitivity-samples", "100", "--clip-methods", "keep"});
        QVERIFY2(text.code == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains(QRegularExpression("latency [0-9.]+ ms at batch 1: .*on " + QRegularExpression::escape(o["cpu"].toString()))),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains("latency ms"), qPrintable(text.out));
    }

    void argumentErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("bits 9") << QStringList{"sensitivity", "--bits", "9"} << "--bits takes bit widths from 2 to 8";
        QTest::newRow("weight bits text") << QStringList{"autoquant", "--weight-bits", "8,x"} << "--weight-bits takes bit widths";
        QTest::newRow("objective") << QStringList{"autoquant", "--objective", "speed"} << "--objective takes size or latency, got 'speed'";
        QTest::newRow("latency widths") << QStringList{"autoquant", "--objective", "latency", "--weight-bits", "8,4"}
                                        << "--weight-bits does not apply to --objective latency";
        QTest::newRow("weight bits order") << QStringList{"autoquant", "--model", kCnn, "--qe", "--limit", "64", "--weight-bits", "4,8"}
                                           << "must start at 8 (or 7, for int8 kernels without VNNI) and descend";
    }
    void argumentErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = runCli(args);
        QVERIFY2(r.code == 1 && r.err.contains(message), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliAnalysis)
#include "test_cli_analysis.moc"
