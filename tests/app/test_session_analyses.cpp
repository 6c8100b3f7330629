// Analysis results survive Save Session / Open Session: after Analyze Layers and a sensitivity sweep (few samples,
// so the test stays fast) a session opened in a fresh window holds the same reports, number for number, still
// current (an edit makes them stale), and shows them in the layer table, the layer error chart, the sensitivity
// heat map and the graph's badges. After Auto Mixed Precision, a reopened session's Apply Mixed Precision puts
// the same settings into the table as applying before saving did. NaN and ±inf round-trip; an older session
// without the keys opens with no analyses; wrong types fail with the file and the key named.
#include "app/gui/main_window.h"
#include "workbench_fixture.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/panels/analysis_docks.h"
#include "app/gui/panels/graph_panel.h"
#include "core/ptq/autoquant.h"
#include "app/gui/session/session_file.h"
#include "app/gui/workbench.h"
#include "core/util/error.h"
#include "widgets/graph/graph_scene_items.h"
#include "widgets/graph/graph_view.h"
#include "widgets/plots/layer_error_chart.h"
#include "widgets/plots/sensitivity_heatmap.h"

#include <QAction>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <limits>

using namespace qs::gui;
using namespace qs::gui::testing;

namespace {

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool waitFor(Workbench* w, const QString& kind)
{
    QSignalSpy finished(w, &Workbench::analysisFinished);
    while (finished.wait(kJobTimeoutMs))
        for (const auto& args : finished)
            if (args.first().toString() == kind)
                return true;
    return false;
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool writeJson(const QString& path, const QJsonObject& root)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(root).toJson()) > 0;
}

// Wrong types: `bad` written next to `dir`'s other files fails to load with an error naming the file and `key`.
void expectLoadError(const QTemporaryDir& dir, const QJsonObject& bad, const QString& key)
{
    const QString badPath = dir.filePath(QStringLiteral("bad.qsession"));
    QVERIFY(writeJson(badPath, bad));
    try {
        loadSession(badPath);
        QFAIL("a malformed session loaded");
    } catch (const qs::Error& error) {
        const QString text = QString::fromUtf8(error.what());
        QVERIFY2(text.contains(badPath) && text.contains(key), qPrintable(text));
    }
}

// `root` with `value` at the path `keys` (objects all the way down).
QJsonObject withValue(QJsonObject root, const QStringList& keys, const QJsonValue& value)
{
    if (keys.size() == 1) {
        root[keys.front()] = value;
        return root;
    }
    root[keys.front()] = withValue(root.value(keys.front()).toObject(), keys.mid(1), value);
    return root;
}

std::map<QString, LayerConfig> tableConfigs(const Workbench* w)
{
    std::map<QString, LayerConfig> m;
    for (std::size_t i = 0; i < w->layers()->layers().size(); ++i)
        m[w->layers()->layers()[i].name] = w->layers()->configs()[i];
    return m;
}

// Opens `path` in `window` and waits until the session is applied.
bool openIn(MainWindow& window, const QString& path)
{
    QSignalSpy opened(window.workbench(), &Workbench::sessionOpened);
    window.workbench()->openSession(path);
    return opened.wait(kJobTimeoutMs);
}

} // namespace

class TestSessionAnalyses : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    void reportsRoundTrip()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        QVERIFY(w->layers()->setData(w->layers()->index(1, LayerTableModel::BitsWeights), 4)); // not the defaults
        constexpr qint64 samples = 64;
        w->analyzeLayers(samples);
        QVERIFY(waitFor(w, QStringLiteral("analyze")));
        w->sweepSensitivity(samples);
        QVERIFY(waitFor(w, QStringLiteral("sensitivity")));
        QVERIFY(w->layerErrorsCurrent() && w->sensitivityCurrent());
        const auto errors = w->layerErrors();
        const auto sensitivity = w->sensitivity();
        QVERIFY(!errors->layers.empty() && !sensitivity->layers.empty());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("analyzed.qsession"));
        w->saveSession(path);

        MainWindow other;
        other.setAskToSave(false);
        other.resize(1600, 1000);
        other.show();
        QVERIFY(QTest::qWaitForWindowExposed(&other));
        QSignalSpy changed(other.workbench(), &Workbench::analysisChanged);
        QVERIFY(openIn(other, path));
        Workbench* o = other.workbench();
        QVERIFY(changed.count() > 0);
        QVERIFY(o->layerErrors() && o->sensitivity());
        QVERIFY(o->layerErrorsCurrent());
        QVERIFY(o->sensitivityCurrent());

        // Every number as measured.
        const qs::LayerErrorReport& e2 = *o->layerErrors();
        QCOMPARE(e2.samples, errors->samples);
        QVERIFY(same(e2.predictedVsIsolatedRank, errors->predictedVsIsolatedRank));
        QCOMPARE(e2.layers.size(), errors->layers.size());
        for (std::size_t i = 0; i < errors->layers.size(); ++i) {
            const qs::LayerError& a = errors->layers[i];
            const qs::LayerError& b = e2.layers[i];
            QCOMPARE(b.node, a.node);
            QCOMPARE(b.opType, a.opType);
            QCOMPARE(b.value, a.value);
            QVERIFY2(same(b.accumulatedDb, a.accumulatedDb) && same(b.accumulatedTwinDb, a.accumulatedTwinDb) && same(b.isolatedDb, a.isolatedDb) &&
                         same(b.isolatedTwinDb, a.isolatedTwinDb) && same(b.predictedDb, a.predictedDb),
                     a.node.c_str());
        }
        const qs::SensitivityReport& s2 = *o->sensitivity();
        QCOMPARE(s2.samples, sensitivity->samples);
        QCOMPARE(s2.labelled, sensitivity->labelled);
        QCOMPARE(s2.probes, sensitivity->probes);
        QVERIFY(same(s2.fp32Top1, sensitivity->fp32Top1) && same(s2.baseTop1, sensitivity->baseTop1) &&
                same(s2.baseOutputSqnrDb, sensitivity->baseOutputSqnrDb));
        QCOMPARE(s2.layers.size(), sensitivity->layers.size());
        for (std::size_t i = 0; i < sensitivity->layers.size(); ++i) {
            const qs::LayerSensitivity& a = sensitivity->layers[i];
            const qs::LayerSensitivity& b = s2.layers[i];
            QCOMPARE(b.node, a.node);
            QCOMPARE(b.cached, a.cached);
            QCOMPARE(b.probes.size(), a.probes.size());
            for (std::size_t j = 0; j < a.probes.size(); ++j) {
                QCOMPARE(b.probes[j].bitsWeights, a.probes[j].bitsWeights);
                QCOMPARE(b.probes[j].bitsActivations, a.probes[j].bitsActivations);
                QCOMPARE(b.probes[j].onlyThisLayer, a.probes[j].onlyThisLayer);
                QVERIFY2(same(b.probes[j].top1, a.probes[j].top1) && same(b.probes[j].outputSqnrDb, a.probes[j].outputSqnrDb), a.node.c_str());
            }
        }

        // The views show them: the table's measured columns, the chart, the heat map and the graph's badges.
        const LayerTableModel* table = o->layers();
        QVERIFY(table->measuredErrorsCurrent());
        for (const qs::LayerError& e : errors->layers) {
            const int row = table->rowOf(QString::fromStdString(e.node));
            QVERIFY2(row >= 0, e.node.c_str());
            QVERIFY(same(table->index(row, LayerTableModel::SqnrAccumulated).data(Qt::EditRole).toDouble(), e.accumulatedDb));
            QVERIFY(same(table->index(row, LayerTableModel::SqnrIsolated).data(Qt::EditRole).toDouble(), e.isolatedDb));
        }
        auto* chart = other.analysis()->layerErrors();
        QTRY_COMPARE(chart->layers().size(), errors->layers.size());
        for (const qs::LayerError& e : errors->layers)
            QVERIFY(same(chart->barValue(QString::fromStdString(e.node), false), e.accumulatedDb));
        QTRY_COMPARE(other.analysis()->sensitivity()->rowCount(), static_cast<int>(sensitivity->layers.size()));
        qs::widgets::GraphView* graph = other.graphPanel()->view();
        for (const qs::LayerError& e : errors->layers) {
            auto badge = [&] {
                const qs::widgets::GraphNodeItem* item = graph->nodeItem(QString::fromStdString(e.node));
                return item ? item->errorDb() : std::nullopt;
            };
            QTRY_VERIFY2(badge().has_value(), e.node.c_str());
            QVERIFY2(same(*badge(), e.accumulatedDb), e.node.c_str());
        }
        QVERIFY(!o->isDirty());

        // An edit makes both stale, as after measuring.
        QVERIFY(o->layers()->setData(o->layers()->index(0, LayerTableModel::BitsWeights), 4));
        QVERIFY(!o->layerErrorsCurrent());
        QVERIFY(!o->sensitivityCurrent());

        // A session from before the analyses were saved (no keys) opens with none.
        QJsonObject root = readJson(path);
        QVERIFY(root.contains(QStringLiteral("layer_errors")) && root.contains(QStringLiteral("sensitivity")));
        root.remove(QStringLiteral("layer_errors"));
        root.remove(QStringLiteral("sensitivity"));
        const QString older = dir.filePath(QStringLiteral("older.qsession"));
        QVERIFY(writeJson(older, root));
        MainWindow third;
        third.setAskToSave(false);
        QVERIFY(openIn(third, older));
        QVERIFY(!third.workbench()->layerErrors());
        QVERIFY(!third.workbench()->sensitivity());
        QVERIFY(!third.workbench()->layerErrorsCurrent());
        QVERIFY(third.workbench()->calibrated());
    }

    // NaN (not measured) and ±inf (identical to FP32) come back as such; wrong types name the file and the key.
    void specialValuesAndBadTypes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("values.qsession"));
        constexpr double inf = std::numeric_limits<double>::infinity();
        const double nan = std::nan("");
        SessionData s;
        s.modelPath = kModel;
        auto errors = std::make_shared<qs::LayerErrorReport>();
        errors->layers.push_back({"conv", "Conv", "conv_out", inf, -inf, nan, 12.5, nan});
        errors->samples = 3;
        errors->predictedVsIsolatedRank = nan;
        auto sensitivity = std::make_shared<qs::SensitivityReport>();
        sensitivity->layers.push_back({"conv", "Conv", false, {{0, 8, false, nan, inf, 0.25, {}}, {4, 8, true, 97.25, -inf, 1.0, {}}}});
        sensitivity->probedMacShare = 0.625;
        sensitivity->labelled = false;
        sensitivity->fp32Top1 = nan;
        sensitivity->baseOutputSqnrDb = inf;
        sensitivity->probes = 2;
        s.analyses.layerErrors = errors;
        s.analyses.layerErrorsConfig = {{QStringLiteral("conv"), LayerConfig{}}};
        s.analyses.sensitivity = sensitivity;
        saveSession(path, s);

        const SessionData back = loadSession(path);
        QVERIFY(back.analyses.layerErrors && back.analyses.sensitivity);
        const qs::LayerError& e = back.analyses.layerErrors->layers.at(0);
        QVERIFY(e.accumulatedDb == inf && e.accumulatedTwinDb == -inf && std::isnan(e.isolatedDb) && e.isolatedTwinDb == 12.5);
        QVERIFY(std::isnan(back.analyses.layerErrors->predictedVsIsolatedRank));
        QCOMPARE(back.analyses.layerErrorsConfig.size(), std::size_t{1});
        QVERIFY(back.analyses.sensitivityConfig.empty());
        const qs::LayerSensitivity& l = back.analyses.sensitivity->layers.at(0);
        QVERIFY(!l.cached);
        QCOMPARE(l.probes.size(), std::size_t{2});
        QVERIFY(l.probes[0].bitsWeights == 0 && !l.probes[0].onlyThisLayer && std::isnan(l.probes[0].top1) && l.probes[0].outputSqnrDb == inf);
        QVERIFY(l.probes[1].top1 == 97.25 && l.probes[1].outputSqnrDb == -inf);
        QVERIFY(l.probes[0].macShare == 0.25 && l.probes[1].macShare == 1.0 && back.analyses.sensitivity->probedMacShare == 0.625);
        QVERIFY(std::isnan(back.analyses.sensitivity->fp32Top1) && back.analyses.sensitivity->baseOutputSqnrDb == inf);

        // Wrong types: an error naming the file and the key, nothing half-read.
        const QJsonObject root = readJson(path);
        const auto expectError = [&](const QJsonObject& bad, const QString& key) { expectLoadError(dir, bad, key); };
        {
            QJsonObject bad = root;
            QJsonObject le = bad.value(QStringLiteral("layer_errors")).toObject();
            QJsonArray layers = le.value(QStringLiteral("layers")).toArray();
            QJsonObject first = layers.at(0).toObject();
            first[QStringLiteral("isolated_db")] = true;
            layers[0] = first;
            le[QStringLiteral("layers")] = layers;
            bad[QStringLiteral("layer_errors")] = le;
            expectError(bad, QStringLiteral("layer_errors.layers[0].isolated_db"));
        }
        {
            QJsonObject bad = root;
            QJsonObject sens = bad.value(QStringLiteral("sensitivity")).toObject();
            sens[QStringLiteral("samples")] = QStringLiteral("many");
            bad[QStringLiteral("sensitivity")] = sens;
            expectError(bad, QStringLiteral("sensitivity.samples"));
        }
        {
            QJsonObject bad = root;
            bad[QStringLiteral("sensitivity")] = 3;
            expectError(bad, QStringLiteral("sensitivity"));
        }
        {
            // Saved before the sweep counted its work: the shares are unknown (NaN), not 1.
            QJsonObject older = root;
            QJsonObject sens = older.value(QStringLiteral("sensitivity")).toObject();
            sens.remove(QStringLiteral("probed_mac_share"));
            QJsonArray layers = sens.value(QStringLiteral("layers")).toArray();
            QJsonObject first = layers.at(0).toObject();
            QJsonArray probes = first.value(QStringLiteral("probes")).toArray();
            QJsonObject probe = probes.at(0).toObject();
            probe.remove(QStringLiteral("mac_share"));
            probes[0] = probe;
            first[QStringLiteral("probes")] = probes;
            layers[0] = first;
            sens[QStringLiteral("layers")] = layers;
            older[QStringLiteral("sensitivity")] = sens;
            const QString olderPath = dir.filePath(QStringLiteral("before_mac_share.qsession"));
            QVERIFY(writeJson(olderPath, older));
            const SessionData read = loadSession(olderPath);
            QVERIFY(read.analyses.sensitivity && std::isnan(read.analyses.sensitivity->probedMacShare));
            QVERIFY(std::isnan(read.analyses.sensitivity->layers.at(0).probes.at(0).macShare));
            QCOMPARE(read.analyses.sensitivity->layers.at(0).probes.at(1).macShare, 1.0);
        }
    }

    // The mixed-precision result: every number (NaN and ±inf too), the table it started from and its chosen
    // configuration, which comes back as the PtqConfig those rows make; no trace (its candidates are runs).
    void autoquantValuesAndBadTypes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("autoquant.qsession"));
        constexpr double inf = std::numeric_limits<double>::infinity();
        const double nan = std::nan("");
        const QString conv = QStringLiteral("conv"), fc = QStringLiteral("fc"), head = QStringLiteral("head");
        LayerConfig start;
        start.clip = qs::RangeMethod::Avg;
        LayerConfig w4 = start;
        w4.bitsWeights = 4;
        w4.clip = qs::RangeMethod::Mse;
        LayerConfig fp32 = start;
        fp32.noQuant = true;
        auto result = std::make_shared<qs::AutoquantResult>();
        result->labelled = false;
        result->fp32Top1 = nan;
        result->fp32Megabytes = 1.25;
        result->fp32LatencyMs = 1.5;
        result->uniform = {"uniform (asym_u 8/8 pc avg)", nan, inf, 0.3125, true, true, false, {}, 0.75};
        result->chosen = {"conv W8 -> W4", nan, 31.5, 0.25, true, true, false, {}, nan};
        result->trace = {result->uniform, result->chosen};
        result->seconds = 2.5;
        SessionData s;
        s.modelPath = kModel;
        s.analyses.autoquant = result;
        s.analyses.autoquantConfig = {{conv, start}, {fc, start}, {head, start}};
        s.analyses.autoquantChosen = {{conv, w4}, {fc, fp32}, {head, start}};
        saveSession(path, s);

        const SessionData back = loadSession(path);
        QVERIFY(back.analyses.autoquant);
        const qs::AutoquantResult& r = *back.analyses.autoquant;
        QCOMPARE(r.labelled, false);
        QVERIFY(std::isnan(r.fp32Top1));
        QCOMPARE(r.fp32Megabytes, 1.25);
        QCOMPARE(r.fp32LatencyMs, 1.5);
        QCOMPARE(r.uniform.latencyMs, 0.75);
        QVERIFY(std::isnan(r.chosen.latencyMs)); // not measured stays not measured
        QCOMPARE(r.seconds, 2.5);
        QCOMPARE(r.uniform.change, result->uniform.change);
        QVERIFY(std::isnan(r.uniform.top1) && r.uniform.sqnrDb == inf && r.uniform.megabytes == 0.3125);
        QVERIFY(r.uniform.withinBudget && r.uniform.accepted && !r.uniform.clipping);
        QCOMPARE(r.chosen.change, result->chosen.change);
        QVERIFY(std::isnan(r.chosen.top1) && r.chosen.sqnrDb == 31.5 && r.chosen.megabytes == 0.25);
        QVERIFY(r.chosen.withinBudget && r.chosen.accepted && !r.chosen.clipping);
        QVERIFY(r.trace.empty());
        QVERIFY(back.analyses.autoquantConfig == s.analyses.autoquantConfig);
        QVERIFY(back.analyses.autoquantChosen == s.analyses.autoquantChosen);
        // The configs are the PtqConfigs the rows make, as the table's toPtqConfig() makes them.
        for (const auto& [name, row] : s.analyses.autoquantChosen) {
            QVERIFY2(r.config.perLayer.at(name.toStdString()) == toPtqSettings(row), qPrintable(name));
            QVERIFY2(r.chosen.config.perLayer.at(name.toStdString()) == toPtqSettings(row), qPrintable(name));
            QVERIFY2(r.uniform.config.perLayer.at(name.toStdString()) == toPtqSettings(start), qPrintable(name));
        }
        QVERIFY(!r.config.defaults.quantize);

        // Flags come back as written, not as defaults: their opposites too.
        result->labelled = true;
        result->uniform.clipping = true;
        result->chosen.withinBudget = false;
        result->chosen.accepted = false;
        saveSession(path, s);
        const auto flipped = loadSession(path).analyses.autoquant; // owned here: the loaded session is a temporary
        QVERIFY(flipped);
        QVERIFY(flipped->labelled && flipped->uniform.clipping && !flipped->chosen.withinBudget && !flipped->chosen.accepted);

        // A session from before the result was saved opens without one.
        QJsonObject root = readJson(path);
        QVERIFY(root.contains(QStringLiteral("autoquant")));
        QJsonObject older = root;
        older.remove(QStringLiteral("autoquant"));
        const QString olderPath = dir.filePath(QStringLiteral("older.qsession"));
        QVERIFY(writeJson(olderPath, older));
        QVERIFY(!loadSession(olderPath).analyses.autoquant);
        // A session from before the latency objective: no latencies, which read as not measured.
        QJsonObject noLatency = root;
        QJsonObject autoquant = noLatency.value(QStringLiteral("autoquant")).toObject();
        QVERIFY(autoquant.contains(QStringLiteral("fp32_latency_ms")));
        autoquant.remove(QStringLiteral("fp32_latency_ms"));
        for (const QString& candidate : {QStringLiteral("uniform"), QStringLiteral("chosen")}) {
            QJsonObject c = autoquant.value(candidate).toObject();
            QVERIFY(c.contains(QStringLiteral("latency_ms")));
            c.remove(QStringLiteral("latency_ms"));
            autoquant[candidate] = c;
        }
        noLatency[QStringLiteral("autoquant")] = autoquant;
        const QString noLatencyPath = dir.filePath(QStringLiteral("no_latency.qsession"));
        QVERIFY(writeJson(noLatencyPath, noLatency));
        const auto old = loadSession(noLatencyPath).analyses.autoquant;
        QVERIFY(old);
        QVERIFY(std::isnan(old->fp32LatencyMs) && std::isnan(old->uniform.latencyMs) && std::isnan(old->chosen.latencyMs));
        QCOMPARE(old->uniform.megabytes, 0.3125);

        // Wrong types: an error naming the file and the key.
        const QString key = QStringLiteral("autoquant");
        expectLoadError(dir, withValue(root, {key}, 3), key);
        expectLoadError(dir, withValue(root, {key, QStringLiteral("labelled")}, 1), QStringLiteral("autoquant.labelled"));
        expectLoadError(dir, withValue(root, {key, QStringLiteral("seconds")}, QStringLiteral("long")), QStringLiteral("autoquant.seconds"));
        expectLoadError(dir, withValue(root, {key, QStringLiteral("chosen"), QStringLiteral("top1")}, true), QStringLiteral("autoquant.chosen.top1"));
        expectLoadError(dir, withValue(root, {key, QStringLiteral("uniform"), QStringLiteral("latency_ms")}, QStringLiteral("fast")),
                        QStringLiteral("autoquant.uniform.latency_ms"));
        expectLoadError(dir, withValue(root, {key, QStringLiteral("fp32_latency_ms")}, false), QStringLiteral("autoquant.fp32_latency_ms"));
        expectLoadError(dir, withValue(root, {key, QStringLiteral("uniform"), QStringLiteral("change")}, 8), QStringLiteral("autoquant.uniform.change"));
        expectLoadError(dir, withValue(root, {key, QStringLiteral("uniform")}, QJsonArray{}), QStringLiteral("autoquant.uniform"));
        expectLoadError(dir, withValue(root, {key, QStringLiteral("chosen_config")}, QStringLiteral("W4")), QStringLiteral("autoquant.chosen_config"));
        expectLoadError(dir, withValue(root, {key, QStringLiteral("config")}, QJsonValue::Null), QStringLiteral("autoquant.config"));
    }

    // Auto Mixed Precision, saved before applying: a session opened in a fresh window applies the same settings.
    void autoquantResultReopens()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        qs::AutoquantOptions options;
        options.maxTop1Drop = 1.0; // room for lower widths on this small model
        options.weightBits = {8, 6, 4};
        constexpr qint64 samples = 200;
        options.sensitivitySamples = samples;
        const std::map<QString, LayerConfig> start = tableConfigs(w);
        w->autoMixedPrecision(options, samples);
        QVERIFY(waitFor(w, QStringLiteral("autoquant")));
        QVERIFY(w->autoquantResult());
        QVERIFY(w->autoquantCurrent());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("autoquant.qsession"));
        w->saveSession(path);
        const int undoBefore = w->undoStack()->count();
        QVERIFY(w->applyAutoquant());
        QCOMPARE(w->undoStack()->count(), undoBefore + 1); // the search changed something, so the check below says something
        const std::map<QString, LayerConfig> applied = tableConfigs(w);
        QVERIFY(!w->autoquantCurrent()); // the table no longer is the one the search started from

        MainWindow other;
        other.setAskToSave(false);
        QVERIFY(openSessionIn(other, path));
        Workbench* o = other.workbench();
        QVERIFY(o->autoquantResult());
        QVERIFY(tableConfigs(o) == start);
        QVERIFY(o->autoquantCurrent());
        auto* apply = other.findChild<QAction*>(QStringLiteral("applyAutoquantAction"));
        QVERIFY(apply && apply->isEnabled());
        QCOMPARE(o->autoquantResult()->chosen.megabytes, w->autoquantResult()->chosen.megabytes);
        QVERIFY(same(o->autoquantResult()->chosen.top1, w->autoquantResult()->chosen.top1));
        QVERIFY(o->applyAutoquant());
        const std::map<QString, LayerConfig> reapplied = tableConfigs(o);
        QCOMPARE(reapplied.size(), applied.size());
        for (const auto& [name, config] : applied) {
            const LayerConfig& again = reapplied.at(name);
            QVERIFY2(again == config, qPrintable(QStringLiteral("%1: W%2A%3 %4%5 after reopening, W%6A%7 %8%9 before")
                                                     .arg(name)
                                                     .arg(again.bitsWeights)
                                                     .arg(again.bitsActivations)
                                                     .arg(clipName(again.clip), again.noQuant ? QStringLiteral(" FP32") : QString())
                                                     .arg(config.bitsWeights)
                                                     .arg(config.bitsActivations)
                                                     .arg(clipName(config.clip), config.noQuant ? QStringLiteral(" FP32") : QString())));
        }

        // A session from before the result was saved opens with Apply Mixed Precision disabled.
        QJsonObject root = readJson(path);
        QVERIFY(root.contains(QStringLiteral("autoquant")));
        root.remove(QStringLiteral("autoquant"));
        const QString older = dir.filePath(QStringLiteral("older.qsession"));
        QVERIFY(writeJson(older, root));
        MainWindow third;
        third.setAskToSave(false);
        QVERIFY(openSessionIn(third, older));
        QVERIFY(!third.workbench()->autoquantResult());
        QVERIFY(!third.findChild<QAction*>(QStringLiteral("applyAutoquantAction"))->isEnabled());
        QVERIFY(!third.workbench()->applyAutoquant());
    }
};

QTEST_MAIN(TestSessionAnalyses)
#include "test_session_analyses.moc"
