// The quantization jobs on a model of three inputs fed from tensors:DIR (tests/core/multi_input_model.h):
// calibration observes every graph input over exactly the samples (not the padding of a last batch), the
// quantized model's fidelity to FP32 is a finite SQNR, and the per-layer jobs run: layer errors, the
// sensitivity sweep (its cached cut graphs are fed the graph inputs a later layer reads, so cached and
// uncached probes agree) and the mixed-precision search.
#include "core/calibration/calibration.h"
#include "core/data/subset.h"
#include "core/data/tensor_folder_dataset.h"
#include "core/eval/fidelity.h"
#include "core/ptq/autoquant.h"
#include "core/ptq/layer_error.h"
#include "core/ptq/ptq_config.h"
#include "core/ptq/sensitivity.h"

#include "../multi_input_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace qs;
using namespace qs::testing;
namespace fs = std::filesystem;

class TestMultiInputPtq : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::vector<std::vector<NpyArrayData>> m_written;
    std::unique_ptr<TensorFolderDataset> m_data;
    std::unique_ptr<PreparedModel> m_model;
    Calibration m_calibration;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "samples";
        m_written = writeMultiInputSamples(dir, 5);
        m_data = std::make_unique<TensorFolderDataset>(dir, PreprocessSpec{});
        m_model = std::make_unique<PreparedModel>(std::make_shared<const Graph>(multiInputModel()));
        m_calibration = calibrate(*m_model, *m_data, firstIndices(5), /*batch=*/2, /*threads=*/1);
    }

    void calibrationObservesEveryInput()
    {
        for (std::size_t k = 0; k < 3; ++k) {
            const std::string name = m_written[0][k].name;
            const ActivationStats* stats = m_calibration.stats(name);
            QVERIFY2(stats, name.c_str());
            QCOMPARE(stats->samples, int64_t(5));
            float lo = INFINITY, hi = -INFINITY;
            for (const auto& sample : m_written)
                for (float v : sample[k].values) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            QCOMPARE(stats->min, double(lo));
            QCOMPARE(stats->max, double(hi));
        }
    }

    void quantizedFidelityIsFinite()
    {
        EngineOptions fp32, int8;
        int8.quantization = buildPlan(m_calibration, PtqConfig{});
        const FidelityMetrics f = measureFidelity(*m_model, *m_data, {}, 2, fp32, int8);
        QCOMPARE(f.samples, int64_t(5));
        QVERIFY2(std::isfinite(f.worstSqnrDb()) && f.worstSqnrDb() > 15.0, qPrintable(QString::number(f.worstSqnrDb())));
    }

    void layerErrorsRun()
    {
        LayerErrorOptions options;
        options.batch = 2;
        const LayerErrorReport report = measureLayerErrors(*m_model, *m_data, {}, m_calibration, PtqConfig{}, options);
        QCOMPARE(report.samples, int64_t(5));
        QVERIFY(report.layers.size() >= 3);
        for (const LayerError& e : report.layers)
            QVERIFY2(std::isfinite(e.accumulatedDb) && e.accumulatedDb > 10.0, e.node.c_str());
    }

    void sensitivityCachedAgreesWithUncached()
    {
        SensitivityOptions options;
        options.bits = {8};
        options.batch = 2;
        const SensitivityReport cached = measureSensitivity(*m_model, *m_data, {}, m_calibration, PtqConfig{}, options);
        options.useCache = false;
        const SensitivityReport whole = measureSensitivity(*m_model, *m_data, {}, m_calibration, PtqConfig{}, options);
        QCOMPARE(cached.samples, int64_t(5));
        QVERIFY(cached.layers.size() >= 3);
        QCOMPARE(cached.layers.size(), whole.layers.size());
        for (std::size_t i = 0; i < cached.layers.size(); ++i) {
            QVERIFY2(cached.layers[i].cached, cached.layers[i].node.c_str()); // fed from the cache, graph inputs included
            QCOMPARE(cached.layers[i].probes.size(), whole.layers[i].probes.size());
            for (std::size_t p = 0; p < cached.layers[i].probes.size(); ++p) {
                const double a = cached.layers[i].probes[p].outputSqnrDb, b = whole.layers[i].probes[p].outputSqnrDb;
                QVERIFY2(std::isfinite(a) && std::abs(a - b) < 0.5,
                         qPrintable(QString("%1 probe %2: cached %3, whole %4").arg(cached.layers[i].node.c_str()).arg(p).arg(a).arg(b)));
            }
        }
    }

    void autoquantRuns()
    {
        AutoquantOptions options;
        options.weightBits = {8, 4};
        options.batch = 2;
        options.minSqnrDb = 10.0;
        const AutoquantResult result = autoquant(*m_model, *m_data, {}, m_calibration, PtqConfig{}, options);
        QVERIFY(!result.labelled);
        QVERIFY(std::isfinite(result.uniform.sqnrDb));
        QVERIFY(!result.trace.empty());
    }
};

QTEST_APPLESS_MAIN(TestMultiInputPtq)
#include "test_multi_input_ptq.moc"
