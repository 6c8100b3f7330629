// A model of three inputs fed from tensors:DIR (tests/data/multi_input: .npz files written by NumPy, one array
// per input named after it) through the commands a user runs: eval's fidelity (the default for unlabelled
// data) with --qe, analyze, sensitivity, autoquant and bench; and a model whose input the arrays do not name,
// refused with the input, the arrays and the model in the message.
#include "cli_runner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using qs::testing::parsed;
using qs::testing::runCli;

namespace {

const QString kModel = QS_TEST_DATA_DIR "/multi_input/multi_input.onnx";
const QString kData = "tensors:" QS_TEST_DATA_DIR "/multi_input/samples";

} // namespace

class TestCliMultiInput : public QObject {
    Q_OBJECT

private slots:
    void evalFidelityOfTheQuantizedModel()
    {
        for (const QStringList& metric : {QStringList{"--metric", "fidelity"}, QStringList{}}) { // fidelity is the default here
            const auto r = runCli(QStringList{"eval", "--model", kModel, "--data", kData, "--qe", "--json"} + metric);
            QVERIFY2(r.code == 0, qPrintable(r.err));
            const QJsonObject o = parsed(r);
            QCOMPARE(o["metric"].toString(), QString("fidelity"));
            QCOMPARE(o["samples"].toInt(), 4);
            const QJsonArray outputs = o["outputs"].toArray();
            QCOMPARE(outputs.size(), 1);
            const double sqnr = outputs[0].toObject()["sqnr_db"].toDouble();
            QVERIFY2(std::isfinite(sqnr) && sqnr > 20.0, qPrintable(r.out));
        }
        const auto text = runCli({"eval", "--model", kModel, "--data", kData, "--metric", "fidelity", "--qe"});
        QVERIFY2(text.code == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains("arrays 'aux' [3, 6, 6], 'bias' [5], 'image' [1, 3, 6, 6]"), qPrintable(text.out));
    }

    void perLayerCommandsRun()
    {
        for (const QStringList& command : {QStringList{"analyze", "--no-twin"}, QStringList{"sensitivity", "--bits", "8,4"},
                                           QStringList{"autoquant", "--weight-bits", "8,4"}}) {
            const auto r = runCli(command + QStringList{"--model", kModel, "--data", kData, "--qe", "--json"});
            QVERIFY2(r.code == 0, qPrintable(command.front() + ": " + r.err));
            const QJsonObject o = parsed(r);
            QCOMPARE(o["samples"].toInt(), 4);
        }
    }

    void benchQuantizedOnTheData()
    {
        const auto r = runCli({"bench", "--model", kModel, "--data", kData, "--qe", "--iterations", "2", "--warmup", "1", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(parsed(r)["precision"].toString(), QString("int8"));
        const auto calibration = runCli({"bench", "--model", kModel, "--data", kData, "--calibration", "4", "--batch", "2", "--json"});
        QVERIFY2(calibration.code == 0, qPrintable(calibration.err));
        QCOMPARE(parsed(calibration)["samples"].toInt(), 4);
    }

    void arraysThatNameNoInputAreRefused()
    {
        const auto r = runCli({"eval", "--model", QS_TEST_DATA_DIR "/models/fmnist_cnn.onnx", "--data", kData, "--qe"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("fmnist_cnn.onnx") && r.err.contains("the model input 'input' has no array in the data") &&
                     r.err.contains("'aux', 'bias', 'image' the model does not take"),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliMultiInput)
#include "test_cli_multi_input.moc"
