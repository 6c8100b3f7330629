// The evidence for per-layer tuning on the real MainWindow offscreen, with real numbers: after Analyze Layers the
// layer table's measured columns, the bar chart and the Graph dock's badges (accumulated SQNR) hold exactly what
// core's measureLayerErrors() gives for the same config and samples (greyed once an edit makes them stale, the
// badges gone then, all current again after undo); the sensitivity heat map's cells are measureSensitivity()'s;
// clicking a bar or a cell selects the layer in the table; every
// candidate of Auto Mixed Precision becomes a run (the chosen one named so) and a point on the accuracy plot,
// Apply puts layerBits(result.config) into the table as one undoable edit, and Export writes those widths; the
// dialog's objective reaches core, and a search for latency shows each candidate's measured latency as its run's.
// Samples stay small (100-200) so the suite stays fast.
#include "app/gui/main_window.h"
#include "workbench_fixture.h"
#include "app/gui/analysis_plot_data.h"
#include "app/gui/jobs/analysis_jobs.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/analysis_docks.h"
#include "app/gui/panels/autoquant_dialog.h"
#include "app/gui/panels/graph_panel.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/plot_docks.h"
#include "app/gui/session/session_file.h"
#include "app/gui/workbench.h"
#include "core/distiller/distiller_resolve.h"
#include "core/distiller/distiller_yaml.h"
#include "core/util/progress.h"
#include "widgets/graph/graph_scene_items.h"
#include "widgets/graph/graph_view.h"
#include "widgets/plots/accuracy_size_plot.h"
#include "widgets/plots/layer_error_chart.h"
#include "widgets/plots/sensitivity_heatmap.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QItemSelectionModel>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <optional>

using namespace qs::gui;
using namespace qs::gui::testing;
using qs::widgets::GraphNodeItem;
using qs::widgets::GraphView;

namespace {

// What the workbench's jobs work on, opened again here to call core directly.
struct Direct {
    LoadedModel loaded;
    OpenedData data;
    std::vector<int64_t> indices;
};

Direct openDirect(const Workbench* w, qint64 samples)
{
    qs::Progress progress;
    Direct d{qs::gui::loadModel(kModel, progress), openEvaluationData(w->dataset(), kModel, nullptr), {}};
    d.indices = analysisIndices(d.data.dataset->size(), w->dataset(), samples);
    return d;
}

bool waitFor(Workbench* w, const QString& kind)
{
    QSignalSpy finished(w, &Workbench::analysisFinished);
    while (finished.wait(kJobTimeoutMs))
        for (const auto& args : finished)
            if (args.first().toString() == kind)
                return true;
    return false;
}

// Source row of the layer table's current row, -1 if none.
int currentLayerRow(MainWindow& window)
{
    const QModelIndex current = window.layerPanel()->view()->selectionModel()->currentIndex();
    return current.isValid() ? window.layerPanel()->proxy()->mapToSource(current).row() : -1;
}

// "W4A8" or "FP32" for a row, as core's layerBits() writes a layer's setting.
QString rowBits(const LayerTableModel* table, int row)
{
    const LayerInfo& l = table->layers()[static_cast<std::size_t>(row)];
    const LayerConfig& c = table->configs()[static_cast<std::size_t>(row)];
    if (c.noQuant || !l.fp32Reason.isEmpty())
        return QStringLiteral("FP32");
    const QString bits = QStringLiteral("W%1A%2").arg(c.bitsWeights).arg(c.bitsActivations);
    return c.clip == qs::RangeMethod::None ? bits : bits + " " + QString::fromStdString(qs::toString(c.clip)); // as qs::layerBits
}

// NaN-aware equality of two measured numbers (the same computation twice gives the same double).
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

} // namespace

class TestLayerAnalysis : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    // The analysis views are tabs behind the accuracy plot, which stays in front (the default layout shows the
    // table, the histogram, the runs and the plot at once), also after View › Reset Layout; the Run menu has the
    // actions, enabled once a model is loaded.
    void analysisDocksSitBehindThePlot()
    {
        MainWindow window;
        QVERIFY(showAtDefaultSize(window));
        for (const char* name : {"analyzeLayersAction", "sensitivitySweepAction", "autoquantAction", "applyAutoquantAction"})
            QVERIFY2(!window.findChild<QAction*>(QString::fromLatin1(name))->isEnabled(), name);
        QVERIFY(loadModel(window));
        for (const char* name : {"analyzeLayersAction", "sensitivitySweepAction", "autoquantAction"})
            QVERIFY2(window.findChild<QAction*>(QString::fromLatin1(name))->isEnabled(), name);
        for (int pass = 0; pass < 2; ++pass) {
            auto* accuracy = window.findChild<QDockWidget*>(QStringLiteral("accuracySizeDock"));
            for (const char* name : {"layerErrorDock", "sensitivityDock"}) {
                auto* d = window.findChild<QDockWidget*>(QString::fromLatin1(name));
                QVERIFY2(d, name);
                QCOMPARE(window.dockWidgetArea(d), Qt::BottomDockWidgetArea);
                QVERIFY2(window.tabifiedDockWidgets(accuracy).contains(d), name);
            }
            // On screen: what is not covered (a tab behind another is hidden or has no visible region).
            auto shown = [](const QWidget* w) { return w->isVisible() && !w->visibleRegion().isEmpty(); };
            QTRY_VERIFY(shown(window.plots()->accuracy()));
            QVERIFY(!shown(window.analysis()->layerErrors()));
            QVERIFY(!shown(window.analysis()->sensitivityPanel()));
            // The user brings one forward; Reset Layout puts the plot in front again.
            window.findChild<QDockWidget*>(QStringLiteral("sensitivityDock"))->raise();
            QTRY_VERIFY(shown(window.analysis()->sensitivityPanel()));
            QVERIFY(!shown(window.plots()->accuracy()));
            window.findChild<QAction*>(QStringLiteral("resetLayoutAction"))->trigger();
            QCoreApplication::processEvents();
        }
    }

    void measuredErrorsMatchCore()
    {
        MainWindow window;
        QVERIFY(showAtDefaultSize(window));
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        LayerTableModel* table = w->layers();
        // A mixed config, so the numbers are not those of the defaults.
        QVERIFY(table->setData(table->index(1, LayerTableModel::BitsWeights), 4));
        auto* action = window.findChild<QAction*>(QStringLiteral("analyzeLayersAction"));
        QVERIFY(action && action->isEnabled());
        constexpr qint64 samples = 100;
        w->analyzeLayers(samples);
        QVERIFY(waitFor(w, QStringLiteral("analyze")));

        const Direct d = openDirect(w, samples);
        QCOMPARE(static_cast<qint64>(d.indices.size()), samples);
        qs::LayerErrorOptions options;
        options.threads = jobThreads();
        const qs::LayerErrorReport expected = qs::measureLayerErrors(*d.loaded.model, *d.data.dataset, d.indices, *w->calibration(),
                                                                     toPtqConfig(table->layers(), table->configs()), options);
        QVERIFY(!expected.layers.empty());
        QCOMPARE(w->layerErrors()->samples, samples);
        for (const qs::LayerError& e : expected.layers) {
            const int row = table->rowOf(QString::fromStdString(e.node));
            QVERIFY2(row >= 0, e.node.c_str());
            const double accumulated = table->index(row, LayerTableModel::SqnrAccumulated).data(Qt::EditRole).toDouble();
            const double isolated = table->index(row, LayerTableModel::SqnrIsolated).data(Qt::EditRole).toDouble();
            const double gap = table->index(row, LayerTableModel::SimulationGap).data(Qt::EditRole).toDouble();
            QVERIFY2(same(accumulated, e.accumulatedDb), e.node.c_str());
            QVERIFY2(same(isolated, e.isolatedDb), e.node.c_str());
            QVERIFY2(same(gap, e.isolatedDb - e.isolatedTwinDb), e.node.c_str());
            QCOMPARE(table->index(row, LayerTableModel::SqnrAccumulated).data().toString(), QLocale().toString(e.accumulatedDb, 'f', 1));
            // The predicted SQNR column stands beside them.
            QVERIFY(!table->index(row, LayerTableModel::Sqnr).data(Qt::EditRole).isNull());
        }

        // The chart: the same numbers, worst accumulated first.
        auto* chart = window.analysis()->layerErrors();
        QTRY_COMPARE(chart->layers().size(), expected.layers.size());
        for (std::size_t i = 1; i < chart->layers().size(); ++i)
            QVERIFY(chart->layers()[i - 1].accumulatedDb <= chart->layers()[i].accumulatedDb);
        for (const qs::LayerError& e : expected.layers) {
            QVERIFY(same(chart->barValue(QString::fromStdString(e.node), false), e.accumulatedDb));
            QVERIFY(same(chart->barValue(QString::fromStdString(e.node), true), e.isolatedDb));
        }
        QVERIFY(chart->caption().contains(QString::number(samples)));

        // The graph's badges: each layer's accumulated SQNR (real int8), as the workbench measured it.
        GraphView* graph = window.graphPanel()->view();
        auto badge = [graph](const qs::LayerError& e) {
            const GraphNodeItem* item = graph->nodeItem(QString::fromStdString(e.node));
            return item ? item->errorDb() : std::nullopt;
        };
        for (const qs::LayerError& e : w->layerErrors()->layers) {
            QTRY_VERIFY2(badge(e).has_value(), e.node.c_str());
            QVERIFY2(same(*badge(e), e.accumulatedDb), e.node.c_str());
        }

        // Clicking a bar selects that layer in the table (the worst one, a row other than the current).
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("layerErrorDock"));
        QVERIFY(dock);
        dock->raise();
        QTRY_VERIFY(chart->plotWidget()->isVisible());
        const QString worst = chart->layers().front().name;
        window.layerPanel()->view()->selectRow(table->rowOf(worst) == 0 ? 1 : 0);
        const QPoint at = chart->layerRowCenter(worst);
        QVERIFY(!at.isNull());
        QTest::mouseClick(chart->plotWidget(), Qt::LeftButton, {}, at);
        QCOMPARE(currentLayerRow(window), table->rowOf(worst));

        // An edit makes the measurement stale (greyed, said in the caption); undo makes it current again.
        QVERIFY(table->measuredErrorsCurrent());
        QVERIFY(table->setData(table->index(0, LayerTableModel::BitsActivations), 6));
        QVERIFY(!table->measuredErrorsCurrent());
        QVERIFY(!w->layerErrorsCurrent());
        QTRY_VERIFY(chart->caption() != layerErrorCaption(*w->layerErrors(), true));
        for (const qs::LayerError& e : w->layerErrors()->layers) // a badge from another configuration would mislead
            QTRY_VERIFY2(!badge(e).has_value(), e.node.c_str());
        w->undoStack()->undo();
        QVERIFY(table->measuredErrorsCurrent());
        QTRY_COMPARE(chart->caption(), layerErrorCaption(*w->layerErrors(), true));
        for (const qs::LayerError& e : w->layerErrors()->layers)
            QTRY_VERIFY2(badge(e).has_value() && same(*badge(e), e.accumulatedDb), e.node.c_str());

        // A new calibration clears them.
        QSignalSpy calibrated(w, &Workbench::calibrationFinished);
        w->calibrate();
        QVERIFY(calibrated.wait(kJobTimeoutMs));
        QVERIFY(!w->layerErrors());
        QVERIFY(table->index(0, LayerTableModel::SqnrAccumulated).data(Qt::EditRole).isNull());
        QTRY_VERIFY(!chart->plotWidget()->isVisible());
        for (const qs::LayerError& e : expected.layers)
            QTRY_VERIFY2(!badge(e).has_value(), e.node.c_str());
    }

    void heatMapHoldsTheSweep()
    {
        MainWindow window;
        QVERIFY(showAtDefaultSize(window));
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        constexpr qint64 samples = 200;
        w->sweepSensitivity(samples);
        QVERIFY(waitFor(w, QStringLiteral("sensitivity")));

        const Direct d = openDirect(w, samples);
        qs::SensitivityOptions options;
        options.threads = jobThreads();
        const qs::SensitivityReport expected = qs::measureSensitivity(*d.loaded.model, *d.data.dataset, d.indices, *w->calibration(),
                                                                      toPtqConfig(w->layers()->layers(), w->layers()->configs()), options);
        QVERIFY(expected.labelled);
        auto* map = window.analysis()->sensitivity();
        QTRY_COMPARE(map->rowCount(), static_cast<int>(expected.layers.size()));
        QCOMPARE(map->data().columns, (QStringList{QStringLiteral("W8A8"), QStringLiteral("W6"), QStringLiteral("W4"), QStringLiteral("A6"),
                                                   QStringLiteral("A4"), QStringLiteral("all_but")}));
        // Labelled data: the cells are top-1 drops from FP32 in points, written with two decimals.
        QCOMPARE(window.analysis()->sensitivityMetric()->currentIndex(), 0);
        for (int r = 0; r < map->rowCount(); ++r) {
            const qs::LayerSensitivity& l = expected.layers[static_cast<std::size_t>(r)];
            QCOMPARE(map->data().rows[static_cast<std::size_t>(r)].name, QString::fromStdString(l.node));
            for (int c = 0; c < map->columnCount(); ++c) {
                const double drop = expected.fp32Top1 - l.probes[static_cast<std::size_t>(c)].top1;
                QVERIFY(same(map->data().rows[static_cast<std::size_t>(r)].values[static_cast<std::size_t>(c)], drop));
                const double rounded = std::round(drop * 100.0) / 100.0;
                QCOMPARE(map->cellText(r, c), QString::number(rounded == 0.0 ? 0.0 : rounded, 'f', 2));
            }
        }
        // Output SQNR instead: the probes' own numbers.
        window.analysis()->sensitivityMetric()->setCurrentIndex(1);
        QTRY_VERIFY(!map->data().higherIsWorse);
        for (int r = 0; r < map->rowCount(); ++r)
            for (int c = 0; c < map->columnCount(); ++c)
                QVERIFY(same(map->data().rows[static_cast<std::size_t>(r)].values[static_cast<std::size_t>(c)],
                             expected.layers[static_cast<std::size_t>(r)].probes[static_cast<std::size_t>(c)].outputSqnrDb));
        // The cost line: probes, seconds, and what whole-model probes would take.
        QVERIFY(map->caption().contains(QString::number(expected.probes)));
        QCOMPARE(w->sensitivity()->probes, expected.probes);

        // Clicking a cell selects its layer.
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("sensitivityDock"));
        QVERIFY(dock);
        dock->raise();
        QTRY_VERIFY(map->plotWidget()->isVisible());
        const int last = map->rowCount() - 1;
        window.layerPanel()->view()->selectRow(0);
        QTest::mouseClick(map->plotWidget(), Qt::LeftButton, {}, map->cellCenter(last, 2));
        QCOMPARE(w->layers()->layers()[static_cast<std::size_t>(currentLayerRow(window))].name, map->data().rows[static_cast<std::size_t>(last)].name);
    }

    void autoquantRunsAndApply()
    {
        MainWindow window;
        QVERIFY(showAtDefaultSize(window));
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        QVERIFY(!window.findChild<QAction*>(QStringLiteral("applyAutoquantAction"))->isEnabled());

        // The dialog gives core's options: the budget, the widths (8 always, descending), the images.
        AutoquantDialog dialog(w->dataset().evalLimit, &window);
        dialog.maxDropBox()->setValue(1.0);
        dialog.widthBox(2)->setChecked(false);
        const qs::AutoquantOptions fromDialog = dialog.options();
        QCOMPARE(fromDialog.maxTop1Drop, 1.0);
        QCOMPARE(fromDialog.weightBits, (std::vector<int>{8, 6, 4}));
        QCOMPARE(dialog.samples(), qint64(-1));
        QCOMPARE(fromDialog.objective, qs::AutoquantObjective::Size); // core's default
        // Latency: the objective reaches the options; the widths, which latency does not move, are greyed.
        QComboBox* objective = dialog.objectiveBox();
        objective->setCurrentIndex(objective->findData(static_cast<int>(qs::AutoquantObjective::Latency)));
        QCOMPARE(dialog.options().objective, qs::AutoquantObjective::Latency);
        QVERIFY(!dialog.widthBox(6)->isEnabled());
        objective->setCurrentIndex(objective->findData(static_cast<int>(qs::AutoquantObjective::Size)));
        QCOMPARE(dialog.options().objective, qs::AutoquantObjective::Size);
        QVERIFY(dialog.widthBox(6)->isEnabled());

        constexpr qint64 samples = 200;
        qs::AutoquantOptions options = fromDialog;
        options.sensitivitySamples = samples;
        const std::map<QString, LayerConfig> start = [&] {
            std::map<QString, LayerConfig> m;
            for (std::size_t i = 0; i < w->layers()->layers().size(); ++i)
                m[w->layers()->layers()[i].name] = w->layers()->configs()[i];
            return m;
        }();
        w->autoMixedPrecision(options, samples);
        QVERIFY(waitFor(w, QStringLiteral("autoquant")));
        const auto result = w->autoquantResult();
        QVERIFY(result);
        QVERIFY(result->trace.size() >= 2);

        // Every candidate is a run after the FP32 baseline the search measured; the chosen one is named so.
        RunsTableModel* runs = w->runs();
        QCOMPARE(runs->rowCount(), 1 + static_cast<int>(result->trace.size()));
        QVERIFY(runs->runs().front().fp32);
        QCOMPARE(runs->runs().front().top1, result->fp32Top1 / 100.0);
        int chosen = 0;
        for (std::size_t i = 0; i < result->trace.size(); ++i) {
            const RunRecord& r = runs->runs()[i + 1];
            QCOMPARE(r.top1, result->trace[i].top1 / 100.0);
            QCOMPARE(r.sizeMB, result->trace[i].megabytes);
            QCOMPARE(r.samples, samples);
            QVERIFY(std::isnan(r.top5)); // not measured by the search: shown as "—", not 0
            QCOMPARE(runs->index(static_cast<int>(i) + 1, RunsTableModel::Top5).data().toString(), QStringLiteral("\u2014"));
            QVERIFY(std::isnan(r.msPerImage)); // nor, for size, the latency
            QCOMPARE(runs->index(static_cast<int>(i) + 1, RunsTableModel::Latency).data().toString(), QStringLiteral("\u2014"));
            QVERIFY(!r.layerConfigs.empty()); // so "Restore config" works on any candidate
            QCOMPARE(r.searchCandidate, !r.name.contains(QStringLiteral("chosen"))); // plotted without a label
            if (r.name.contains(QStringLiteral("chosen"))) {
                ++chosen;
                QCOMPARE(r.top1, result->chosen.top1 / 100.0);
                QCOMPARE(r.sizeMB, result->chosen.megabytes);
            }
        }
        QCOMPARE(chosen, 1);
        // The candidates' settings follow the trace: the uniform one is the table the search started from.
        QVERIFY(std::equal(start.begin(), start.end(), runs->runs()[1].layerConfigs.begin(), runs->runs()[1].layerConfigs.end(),
                           [](const auto& a, const auto& b) { return a.first == b.first && toPtqSettings(a.second) == toPtqSettings(b.second); }));
        // The search's trace is on the accuracy-vs-size plot.
        QTRY_COMPARE(window.plots()->accuracy()->pointCount(), runs->rowCount());
        for (const qs::widgets::RunPoint& p : window.plots()->accuracy()->runs())
            QCOMPARE(p.labelled, p.fp32 || p.name.contains(QStringLiteral("chosen")));

        // Apply: the chosen widths into the table, one undoable edit.
        auto* apply = window.findChild<QAction*>(QStringLiteral("applyAutoquantAction"));
        QVERIFY(apply->isEnabled());
        const int undoBefore = w->undoStack()->count();
        apply->trigger();
        QCOMPARE(w->undoStack()->count(), undoBefore + 1);
        qs::Progress progress;
        const LoadedModel loaded = qs::gui::loadModel(kModel, progress);
        const auto bits = qs::layerBits(result->config, *loaded.prepared);
        for (const auto& [node, b] : bits) {
            const int row = w->layers()->rowOf(QString::fromStdString(node));
            if (row >= 0)
                QCOMPARE(rowBits(w->layers(), row), QString::fromStdString(b));
        }
        // The chosen run's stored settings are the applied ones, so restoring it changes nothing now.
        for (int row = 0; row < w->layers()->rowCount(); ++row) {
            const QString name = w->layers()->layers()[static_cast<std::size_t>(row)].name;
            for (const RunRecord& r : runs->runs())
                if (r.name.contains(QStringLiteral("chosen")))
                    QVERIFY(toPtqSettings(r.layerConfigs.at(name)) == toPtqSettings(w->layers()->configs()[static_cast<std::size_t>(row)]));
        }

        // Export writes those widths as Distiller YAML.
        QTemporaryDir dir;
        const QString yaml = dir.filePath(QStringLiteral("mixed.yaml"));
        w->exportConfig(yaml);
        const qs::PtqConfig exported = qs::toPtqConfig(qs::readDistillerConfig(yaml.toStdString()), *loaded.prepared);
        QCOMPARE(qs::layerBits(exported, *loaded.prepared), bits);

        // Undo brings the table back to where the search started.
        w->undoStack()->undo();
        for (int row = 0; row < w->layers()->rowCount(); ++row)
            QCOMPARE(w->layers()->configs()[static_cast<std::size_t>(row)], start.at(w->layers()->layers()[static_cast<std::size_t>(row)].name));

        // A session keeps the candidates' unmeasured values unmeasured.
        const QString session = dir.filePath(QStringLiteral("auto.qsession"));
        w->saveSession(session);
        const SessionData reloaded = loadSession(session);
        QCOMPARE(reloaded.runs.size(), runs->runs().size());
        QVERIFY(std::isnan(reloaded.runs.back().top5));
        QCOMPARE(reloaded.runs.back().searchCandidate, runs->runs().back().searchCandidate);
        QCOMPARE(reloaded.runs.back().top1, runs->runs().back().top1);
    }

    // Auto Mixed Precision for latency: every candidate's run shows its measured batch-1 latency, the FP32 baseline
    // the search's FP32 latency; the chosen run is the result's chosen candidate. No timing is compared.
    void autoquantLatencyRuns()
    {
        MainWindow window;
        QVERIFY(showAtDefaultSize(window));
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        qs::AutoquantOptions options;
        options.objective = qs::AutoquantObjective::Latency;
        options.maxTop1Drop = 1.0;
        constexpr qint64 samples = 100;
        options.sensitivitySamples = samples;
        options.latency.minRuns = 5; // quick: nothing here compares timings
        options.latency.minSeconds = 0.0;
        w->autoMixedPrecision(options, samples);
        QVERIFY(waitFor(w, QStringLiteral("autoquant")));
        const auto result = w->autoquantResult();
        QVERIFY(result);
        RunsTableModel* runs = w->runs();
        QCOMPARE(runs->rowCount(), 1 + static_cast<int>(result->trace.size()));
        QVERIFY(runs->runs().front().fp32);
        QCOMPARE(runs->runs().front().msPerImage, result->fp32LatencyMs);
        for (std::size_t i = 0; i < result->trace.size(); ++i) {
            const RunRecord& r = runs->runs()[i + 1];
            const double ms = result->trace[i].latencyMs;
            QVERIFY2(std::isfinite(ms) && ms > 0.0, result->trace[i].change.c_str());
            QCOMPARE(r.msPerImage, ms);
            const QString shown = runs->index(static_cast<int>(i) + 1, RunsTableModel::Latency).data().toString();
            QCOMPARE(shown, QLocale().toString(ms, 'f', 3));
            QCOMPARE(r.name.contains(QStringLiteral("chosen")), i == result->chosenIndex);
        }
    }
};

QTEST_MAIN(TestLayerAnalysis)
#include "test_layer_analysis.moc"
