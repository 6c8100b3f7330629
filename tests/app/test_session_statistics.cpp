// Sessions keep the calibration: calibrate and evaluate in one window, save, open the session in a fresh
// window, and the statistics (every field and histogram bin), the histogram dock's data and an int8
// evaluation are identical, with no calibration run in the second window. Malformed statistics are an
// error naming the session file.
#include "app/gui/main_window.h"
#include "workbench_fixture.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/plot_docks.h"
#include "app/gui/plot_data.h"
#include "app/gui/session/session_file.h"
#include "app/gui/session/session_statistics.h"
#include "app/gui/workbench.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/util/error.h"
#include "widgets/plots/activation_histogram_view.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace qs::gui;
using namespace qs::gui::testing;

namespace {

bool sameStats(const qs::ActivationStats& a, const qs::ActivationStats& b)
{
    return a.min == b.min && a.max == b.max && a.avgMin == b.avgMin && a.avgMax == b.avgMax && a.mean == b.mean && a.std == b.std &&
           a.b == b.b && a.shape == b.shape && a.samples == b.samples && a.elements == b.elements &&
           a.histogramSamplesPerBatch == b.histogramSamplesPerBatch && a.m_sum == b.m_sum && a.m_sumSquares == b.m_sumSquares &&
           a.m_bSum == b.m_bSum && a.m_batches == b.m_batches && a.histogram.empty() == b.histogram.empty() &&
           a.histogram.lo() == b.histogram.lo() && a.histogram.hi() == b.histogram.hi() && a.histogram.counts() == b.histogram.counts();
}

bool sameHistogram(const qs::widgets::HistogramData& a, const qs::widgets::HistogramData& b)
{
    if (a.lo != b.lo || a.hi != b.hi || a.counts != b.counts || a.activeMethod != b.activeMethod || a.ranges.size() != b.ranges.size() ||
        a.grid.scale != b.grid.scale || a.grid.zeroPoint != b.grid.zeroPoint)
        return false;
    for (std::size_t i = 0; i < a.ranges.size(); ++i)
        if (a.ranges[i].method != b.ranges[i].method || a.ranges[i].lo != b.ranges[i].lo || a.ranges[i].hi != b.ranges[i].hi)
            return false;
    return true;
}
} // namespace

class TestSessionStatistics : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    void calibrationSurvivesSaveAndOpen()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("calibrated.qsession"));
        std::shared_ptr<const qs::Calibration> saved;
        std::vector<qs::widgets::HistogramData> histograms;
        RunRecord firstInt8;
        int layerCount = 0;
        {
            MainWindow window;
            window.setAskToSave(false);
            Workbench* w = window.workbench();
            QVERIFY(loadAndCalibrate(window));
            // Histogram-based clip methods on two layers, so the evaluation depends on the histograms too.
            QVERIFY(w->setClipMethod(0, QStringLiteral("mse")));
            QVERIFY(w->setClipMethod(1, QStringLiteral("entropy")));
            QSignalSpy evaluated(w, &Workbench::evaluationFinished);
            w->evaluate();
            QVERIFY(evaluated.wait(kJobTimeoutMs));
            QCOMPARE(w->runs()->rowCount(), 2);
            firstInt8 = w->runs()->runs()[1];
            saved = w->calibration();
            layerCount = w->layers()->rowCount();
            for (int row = 0; row < layerCount; ++row)
                histograms.push_back(histogramData(*saved, w->layers()->layers()[row], w->layers()->configs()[row], false));
            w->saveSession(path);
            QVERIFY(!w->isDirty());
        }
        QVERIFY(saved);
        QVERIFY(!saved->values.empty());

        MainWindow window;
        window.setAskToSave(false);
        Workbench* w = window.workbench();
        QSignalSpy opened(w, &Workbench::sessionOpened);
        window.openSession(path);
        QVERIFY2(opened.wait(kJobTimeoutMs), qPrintable(window.lastError()));
        QVERIFY(w->calibrated());
        QVERIFY(!w->isDirty());

        // The statistics: every value, every field, every bin.
        const auto restored = w->calibration();
        QCOMPARE(restored->samples, saved->samples);
        QCOMPARE(restored->values.size(), saved->values.size());
        for (const auto& [name, stats] : saved->values) {
            const qs::ActivationStats* other = restored->stats(name);
            QVERIFY2(other, name.c_str());
            QVERIFY2(sameStats(stats, *other), name.c_str());
        }
        QCOMPARE(restored->prepared.nodes.size(), saved->prepared.nodes.size());

        // What the histogram dock draws, and the table's ranges and predicted SQNR.
        QCOMPARE(w->layers()->rowCount(), layerCount);
        for (int row = 0; row < layerCount; ++row) {
            const auto data = histogramData(*restored, w->layers()->layers()[row], w->layers()->configs()[row], false);
            QVERIFY2(sameHistogram(data, histograms[static_cast<std::size_t>(row)]), qPrintable(w->layers()->layers()[row].name));
        }
        QVERIFY(w->layers()->calibrated());
        QVERIFY(w->layers()->predictedSqnr(0).has_value());
        window.layerPanel()->view()->selectRow(0);
        QTRY_VERIFY(!window.plots()->histogram()->data().empty());
        QVERIFY(sameHistogram(window.plots()->histogram()->data(), histograms[0]));

        // An int8 evaluation without calibrating again gives the same numbers as before saving.
        QSignalSpy calibrations(w, &Workbench::calibrationFinished);
        QSignalSpy evaluated(w, &Workbench::evaluationFinished);
        w->evaluate(); // the session's runs include the FP32 baseline: int8 only
        QVERIFY(evaluated.wait(kJobTimeoutMs));
        QCOMPARE(calibrations.count(), 0);
        QCOMPARE(w->runs()->rowCount(), 3);
        const RunRecord& again = w->runs()->runs()[2];
        QVERIFY(!again.fp32);
        QCOMPARE(again.samples, firstInt8.samples);
        QCOMPARE(again.top1, firstInt8.top1);
        QCOMPARE(again.top5, firstInt8.top5);
        QCOMPARE(again.crossEntropy, firstInt8.crossEntropy);
        QCOMPARE(again.sizeMB, firstInt8.sizeMB);
    }

    void statisticsAStatsFileLackedStayMissing()
    {
        // A Distiller stats file without b gives NaN; the session stores it as null and reads it back as
        // missing (a null used to make the whole session fail to open).
        qs::Calibration c;
        qs::ActivationStats s;
        s.min = -1.0;
        s.max = 2.0;
        s.avgMin = -0.5;
        s.avgMax = 1.5;
        s.mean = 0.25;
        s.std = 0.5;
        s.b = std::numeric_limits<double>::quiet_NaN();
        s.shape = {32, 4};
        c.values["x"] = s;
        c.prepared.inputs.push_back(qs::ValueInfo{"input", qs::DataType::Float32, {32, 4}, {}, true});
        const QJsonObject json = QJsonDocument::fromJson(QJsonDocument(statisticsToJson(c)).toJson()).object();
        const SessionStatistics back = statisticsFromJson(json, QStringLiteral("t.qsession"));
        QVERIFY(std::isnan(back.values.at("x").b));
        QCOMPARE(back.values.at("x").std, 0.5);
        QCOMPARE(back.values.at("x").max, 2.0);
    }

    // Every graph input's shape is kept (a model of three inputs prepares again with all of them); a session written
    // before multi-input models, with its one "input", still opens.
    void everyInputShapeIsKept()
    {
        const qs::Graph model = qs::importOnnxFile(QS_TEST_DATA_DIR "/multi_input/multi_input.onnx");
        qs::Calibration c;
        c.prepared.inputs = {qs::ValueInfo{"image", qs::DataType::Float32, {4, 3, 6, 6}, {}, true},
                             qs::ValueInfo{"aux", qs::DataType::Float32, {4, 3, 6, 6}, {}, true},
                             qs::ValueInfo{"bias", qs::DataType::Float32, {4, 5}, {}, true}};
        c.samples = 4;
        const QJsonObject json = QJsonDocument::fromJson(QJsonDocument(statisticsToJson(c)).toJson()).object();
        const SessionStatistics back = statisticsFromJson(json, QStringLiteral("m.qsession"));
        QCOMPARE(back.inputs.size(), std::size_t(3));
        QCOMPARE(back.inputs[2].first, std::string("bias"));
        QCOMPARE(back.inputs[2].second, (qs::Shape{4, 5}));
        const qs::Calibration restored = restoreCalibration(model, back);
        QCOMPARE(restored.prepared.inputs.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i)
            QCOMPARE(restored.prepared.inputs[i].shape, c.prepared.inputs[i].shape);

        QJsonObject old = json;
        old.remove(QStringLiteral("inputs"));
        const SessionStatistics one = statisticsFromJson(old, QStringLiteral("old.qsession"));
        QCOMPARE(one.inputs.size(), std::size_t(1));
        QCOMPARE(one.inputs[0].first, std::string("image"));
    }

    void malformedStatisticsNameTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.qsession"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QJsonObject value{{"min", 0.0}, {"max", 1.0}, {"avg_min", 0.0}, {"avg_max", 1.0}, {"mean", 0.5}, {"std", 0.1}, {"b", 0.1},
                                    {"shape", QJsonArray{32, 4}}, {"samples", 32}, {"elements", 128}, {"histogram_samples_per_batch", 8192},
                                    {"sum", 64.0}, {"sum_squares", 40.0}, {"b_sum", 3.2}, {"batches", 1},
                                    {"histogram", QJsonObject{{"lo", 0.0}, {"hi", 1.0}, {"bins", 2048}, {"counts_f64le", "AAAA"}}}};
            const QJsonObject root{{"format", "quantscope-session"},
                                   {"version", 1},
                                   {"model", kModel},
                                   {"statistics", QJsonObject{{"samples", 32},
                                                              {"input", QJsonObject{{"name", "input"}, {"shape", QJsonArray{32, 1, 28, 28}}}},
                                                              {"values", QJsonObject{{"x", value}}}}}};
            f.write(QJsonDocument(root).toJson());
        }
        try {
            loadSession(path);
            QFAIL("a histogram with the wrong number of counts was accepted");
        } catch (const qs::Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(QStringLiteral("s.qsession")) && message.contains(QStringLiteral("'x'")), qPrintable(message));
        }
    }
};

QTEST_MAIN(TestSessionStatistics)
#include "test_session_statistics.moc"
