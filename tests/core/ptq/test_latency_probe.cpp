// The latency probe alone, on ResNet-8 (Fashion-MNIST): FP32 and int8, each a finite positive median of real
// batch-1 runs on a real sample; bad input (a sample the dataset does not have, a dataset the model cannot take, no
// timed run asked for) throws qs::Error naming the model file and what was wrong. No timing is compared: speed
// belongs in benchmarks, not in pass/fail checks.
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/data/random_dataset.h"
#include "core/data/subset.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/latency_probe.h"
#include "core/ptq/ptq_config.h"
#include "core/util/error.h"
#include "tests/core/error_message.h"

#include <QtTest>

#include <cmath>
#include <functional>
#include <string>

using namespace qs;
using qs::testing::shownErrorOf;

namespace {

const char* const kModel = QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx";

} // namespace

class TestLatencyProbe : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<PreparedModel> m_model;
    std::unique_ptr<Dataset> m_test;
    LatencyProbeOptions m_quick;

private slots:
    void initTestCase()
    {
        m_model = std::make_unique<PreparedModel>(std::make_shared<const Graph>(importOnnxFile(kModel)));
        m_test = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Test, PreprocessSpec::fashionMnist());
        m_quick.minRuns = 5;
        m_quick.minSeconds = 0.0;
    }

    void fp32AndInt8GiveAPositiveMedian()
    {
        const double fp32 = measureLatencyMs(*m_model, *m_test, 0, nullptr, m_quick);
        QVERIFY2(std::isfinite(fp32) && fp32 > 0.0, qPrintable(QString::number(fp32)));

        const Calibration calibration = calibrate(*m_model, *m_test, firstIndices(m_test->size(), 64));
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        const double int8 = measureLatencyMs(*m_model, *m_test, 17, buildPlan(calibration, config), m_quick);
        QVERIFY2(std::isfinite(int8) && int8 > 0.0, qPrintable(QString::number(int8)));
    }

    void errorsNameTheModelAndTheProblem()
    {
        const std::string outside = shownErrorOf([&] { measureLatencyMs(*m_model, *m_test, m_test->size(), nullptr, m_quick); });
        QVERIFY2(outside.find(kModel) != std::string::npos && outside.find("sample " + std::to_string(m_test->size())) != std::string::npos &&
                     outside.find("latency probe") != std::string::npos,
                 outside.c_str());
        const std::string negative = shownErrorOf([&] { measureLatencyMs(*m_model, *m_test, -1, nullptr, m_quick); });
        QVERIFY2(negative.find(kModel) != std::string::npos && negative.find("has 10000 samples") != std::string::npos, negative.c_str());

        // Three channels where the model takes one: the compile at batch 1 fails, the error says where.
        const RandomDataset rgb(SampleShape{3, 28, 28, Layout::Nchw}, 4);
        const std::string shape = shownErrorOf([&] { measureLatencyMs(*m_model, rgb, 0, nullptr, m_quick); });
        QVERIFY2(shape.find(kModel) != std::string::npos && shape.find("latency probe (batch 1, FP32)") != std::string::npos, shape.c_str());

        LatencyProbeOptions none = m_quick;
        none.minRuns = 0;
        const std::string runs = shownErrorOf([&] { measureLatencyMs(*m_model, *m_test, 0, nullptr, none); });
        QVERIFY2(runs.find(kModel) != std::string::npos && runs.find("minRuns") != std::string::npos, runs.c_str());
    }
};

QTEST_GUILESS_MAIN(TestLatencyProbe)
#include "test_latency_probe.moc"
