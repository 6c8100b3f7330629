// Workbench's analysis jobs: measured layer errors, the sensitivity sweep and automatic mixed precision (see
// workbench.h). Like evaluate(), each snapshots the table on the GUI thread, runs core's function on a worker
// and applies the result here when it finished; a result is kept with the table it measured, so the views can
// say when an edit has made it stale.
#include "app/gui/workbench.h"

#include "app/gui/commands/layer_edit_command.h"
#include "app/gui/jobs/analysis_jobs.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "core/ptq/autoquant.h"
#include "core/ptq/layer_error.h"
#include "core/ptq/sensitivity.h"

#include <QUndoStack>

#include <cmath>
#include <limits>

namespace qs::gui {

namespace {

// The same settings take effect (the override key the table shows does not change what runs).
bool sameSettings(const std::map<QString, LayerConfig>& a, const std::map<QString, LayerConfig>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.first == y.first && toPtqSettings(x.second) == toPtqSettings(y.second);
    });
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

AnalysisInputs Workbench::analysisInputs(qint64 samples) const
{
    AnalysisInputs in;
    in.model = m_model;
    in.selection = m_selection;
    in.modelPath = m_modelPath;
    in.data = m_data;
    in.calibration = m_calibration;
    in.config = toPtqConfig(m_layers->layers(), m_layers->configs());
    in.samples = samples;
    return in;
}

void Workbench::adoptAnalysisData(const AnalysisData& data)
{
    m_data = data.data;
    if (!data.calibrated)
        return;
    applyCalibration(data.calibration);
    emit message(tr("Calibrated statistics and histograms on %1 train images").arg(data.calibration->samples));
    setExtraDirty(true);
    emit stateChanged();
    emit calibrationFinished();
}

void Workbench::clearAnalyses()
{
    const bool had = m_layerErrors || m_sensitivity || m_autoquant;
    m_layerErrors.reset();
    m_layerErrorsConfig.clear();
    m_sensitivity.reset();
    m_sensitivityConfig.clear();
    m_autoquant.reset();
    m_autoquantConfig.clear();
    updateMeasuredColumns();
    if (had)
        emit analysisChanged();
}

bool Workbench::layerErrorsCurrent() const { return m_layerErrors && sameSettings(m_layerErrorsConfig, currentConfigs()); }
bool Workbench::sensitivityCurrent() const { return m_sensitivity && sameSettings(m_sensitivityConfig, currentConfigs()); }
bool Workbench::autoquantCurrent() const { return m_autoquant && sameSettings(m_autoquantConfig, currentConfigs()); }

void Workbench::updateMeasuredColumns()
{
    if (!m_layerErrors) {
        m_layers->setMeasuredErrors({});
        return;
    }
    std::vector<std::optional<LayerError>> rows(m_layers->layers().size());
    for (const LayerError& e : m_layerErrors->layers) {
        const int row = m_layers->rowOf(QString::fromStdString(e.node));
        if (row >= 0)
            rows[static_cast<std::size_t>(row)] = e;
    }
    m_layers->setMeasuredErrors(rows, layerErrorsCurrent());
}

// Layers the model does not have (the model file changed since the session was saved) are dropped with a
// message; a config that then differs from the table makes the result not current, as an edit would.
void Workbench::restoreAnalyses(const SessionAnalyses& analyses)
{
    QStringList unknown;
    const auto known = [&](const std::string& node) {
        const QString name = QString::fromStdString(node);
        if (m_layers->rowOf(name) >= 0)
            return true;
        if (!unknown.contains(name))
            unknown << name;
        return false;
    };
    const auto knownConfigs = [&](const std::map<QString, LayerConfig>& configs) {
        std::map<QString, LayerConfig> out;
        for (const auto& [name, config] : configs)
            if (known(name.toStdString()))
                out[name] = config;
        return out;
    };
    if (analyses.layerErrors) {
        auto report = std::make_shared<LayerErrorReport>(*analyses.layerErrors);
        std::erase_if(report->layers, [&](const LayerError& e) { return !known(e.node); });
        m_layerErrors = std::move(report);
        m_layerErrorsConfig = knownConfigs(analyses.layerErrorsConfig);
    }
    if (analyses.sensitivity) {
        auto report = std::make_shared<SensitivityReport>(*analyses.sensitivity);
        std::erase_if(report->layers, [&](const LayerSensitivity& l) { return !known(l.node); });
        m_sensitivity = std::move(report);
        m_sensitivityConfig = knownConfigs(analyses.sensitivityConfig);
    }
    if (analyses.autoquant) {
        auto result = std::make_shared<AutoquantResult>(*analyses.autoquant);
        for (const auto& [name, config] : analyses.autoquantChosen)
            known(name.toStdString());
        // A layer the search did not see (the model changed) keeps its settings when the result is applied,
        // rather than resolving to FP32.
        for (std::size_t row = 0; row < m_layers->layers().size(); ++row) {
            const std::string name = m_layers->layers()[row].name.toStdString();
            if (!result->config.perLayer.count(name))
                result->config.perLayer[name] = toPtqSettings(m_layers->configs()[row]);
        }
        m_autoquant = std::move(result);
        m_autoquantConfig = knownConfigs(analyses.autoquantConfig);
    }
    if (!unknown.isEmpty())
        emit message(tr("The session's analyses name layers the model does not have (%1); ignored").arg(unknown.join(QStringLiteral(", "))));
    updateMeasuredColumns();
    if (m_layerErrors || m_sensitivity || m_autoquant)
        emit analysisChanged();
}

void Workbench::analyzeLayers(qint64 samples)
{
    if (!m_model)
        return;
    const AnalysisInputs inputs = analysisInputs(samples);
    const auto snapshot = currentConfigs();
    m_jobs->start(QStringLiteral("analyze"), tr("Analyzing layers"), [this, inputs, snapshot](Progress& progress) -> JobRunner::Apply {
        auto data = std::make_shared<const AnalysisData>(prepareAnalysis(inputs, progress));
        LayerErrorOptions options;
        options.threads = jobThreads();
        auto report = std::make_shared<const LayerErrorReport>(
            measureLayerErrors(*inputs.model, *data->data->dataset, data->indices, *data->calibration, inputs.config, options, &progress));
        return [this, data, report, snapshot] {
            adoptAnalysisData(*data); // a calibration made here clears older results first
            m_layerErrors = report;
            m_layerErrorsConfig = snapshot;
            updateMeasuredColumns();
            int differing = 0;
            for (const LayerError& e : report->layers)
                if (std::abs(LayerTableModel::simulationGap(e)) > LayerTableModel::kSimulationGapDb)
                    ++differing;
            emit message(tr("Measured the SQNR of %n layers against FP32 on %1 images in %2 s", nullptr, static_cast<int>(report->layers.size()))
                             .arg(report->samples)
                             .arg(report->seconds, 0, 'f', 1));
            if (differing > 0)
                emit message(tr("Real int8 and its simulation differ by more than 1 dB on %n layers (column \"int8 vs sim\")", nullptr, differing));
            emit analysisChanged();
            emit analysisFinished(QStringLiteral("analyze"));
        };
    });
}

void Workbench::sweepSensitivity(qint64 samples)
{
    if (!m_model)
        return;
    const AnalysisInputs inputs = analysisInputs(samples);
    const auto snapshot = currentConfigs();
    m_jobs->start(QStringLiteral("sensitivity"), tr("Sensitivity sweep"), [this, inputs, snapshot](Progress& progress) -> JobRunner::Apply {
        auto data = std::make_shared<const AnalysisData>(prepareAnalysis(inputs, progress));
        SensitivityOptions options;
        options.threads = jobThreads();
        auto report = std::make_shared<const SensitivityReport>(
            measureSensitivity(*inputs.model, *data->data->dataset, data->indices, *data->calibration, inputs.config, options, &progress));
        return [this, data, report, snapshot] {
            adoptAnalysisData(*data);
            m_sensitivity = report;
            m_sensitivityConfig = snapshot;
            emit message(tr("Sensitivity sweep: %n probes on %1 images in %2 s", nullptr, report->probes)
                             .arg(report->samples)
                             .arg(report->seconds, 0, 'f', 1));
            emit analysisChanged();
            emit analysisFinished(QStringLiteral("sensitivity"));
        };
    });
}

void Workbench::autoMixedPrecision(const AutoquantOptions& options, qint64 samples)
{
    if (!m_model)
        return;
    const AnalysisInputs inputs = analysisInputs(samples);
    const auto snapshot = currentConfigs();
    AutoquantOptions o = options;
    o.threads = jobThreads();
    m_jobs->start(QStringLiteral("autoquant"), tr("Auto mixed precision"), [this, inputs, snapshot, o](Progress& progress) -> JobRunner::Apply {
        auto data = std::make_shared<const AnalysisData>(prepareAnalysis(inputs, progress));
        auto result = std::make_shared<const AutoquantResult>(
            autoquant(*inputs.model, *data->data->dataset, data->indices, *data->calibration, inputs.config, o, &progress));
        return [this, data, result, snapshot] {
            adoptAnalysisData(*data);
            m_autoquant = result;
            m_autoquantConfig = snapshot;
            addAutoquantRuns(*result, snapshot, static_cast<qint64>(data->indices.size()));
            const double below = result->uniform.megabytes > 0 ? 100.0 * (1.0 - result->chosen.megabytes / result->uniform.megabytes) : 0.0;
            emit message(tr("Auto mixed precision: %n candidates evaluated in %1 s; the chosen one is %2 % smaller than the uniform "
                            "configuration. Run \u203A Apply Mixed Precision puts its widths into the table.",
                            nullptr, static_cast<int>(result->trace.size()))
                             .arg(result->seconds, 0, 'f', 1)
                             .arg(below, 0, 'f', 1));
            if (!std::isnan(result->chosen.latencyMs))
                emit message(tr("Auto mixed precision: the chosen configuration runs in %1 ms at batch 1 (uniform %2 ms, FP32 %3 ms), "
                                "measured on this CPU.")
                                 .arg(result->chosen.latencyMs, 0, 'f', 3)
                                 .arg(result->uniform.latencyMs, 0, 'f', 3)
                                 .arg(result->fp32LatencyMs, 0, 'f', 3));
            setExtraDirty(true);
            emit stateChanged();
            emit analysisChanged();
            emit analysisFinished(QStringLiteral("autoquant"));
        };
    });
}

void Workbench::addAutoquantRuns(const AutoquantResult& result, const std::map<QString, LayerConfig>& start, qint64 samples)
{
    auto record = [&](double top1Percent, double megabytes, double latencyMs) {
        RunRecord r;
        r.samples = samples;
        r.top1 = result.labelled ? top1Percent / 100.0 : kNaN;
        // The search measures top-1 and size (and, for latency, batch-1 latency): what it did not measure is left
        // empty, not zero.
        r.top5 = r.crossEntropy = r.imagesPerSecond = kNaN;
        r.msPerImage = latencyMs;
        r.sizeMB = megabytes;
        r.compression = megabytes > 0 ? result.fp32Megabytes / megabytes : 1.0;
        r.date = QDateTime::currentDateTime();
        r.equalized = m_equalize; // toggling it starts a job, which cancels a running search
        return r;
    };
    if (m_runs->rowCount() == 0) { // Δ vs FP32 needs a baseline: the search's own FP32 run on the same images
        RunRecord r = record(result.fp32Top1, result.fp32Megabytes, result.fp32LatencyMs);
        r.fp32 = true;
        r.name = tr("FP32 baseline");
        r.config = QStringLiteral("FP32");
        m_runs->append(r);
    }
    const std::size_t chosen = result.chosenIndex;
    for (std::size_t i = 0; i < result.trace.size(); ++i) {
        const AutoquantCandidate& c = result.trace[i];
        RunRecord r = record(c.top1, c.megabytes, c.latencyMs);
        r.name = tr("Auto %1").arg(++m_autoCounter);
        if (i == chosen)
            r.name = tr("%1 (chosen)").arg(r.name);
        else if (!c.accepted)
            r.name = (c.clipping ? tr("%1 (not closer to FP32)") : c.withinBudget ? tr("%1 (not faster)") : tr("%1 (over budget)")).arg(r.name);
        r.searchCandidate = i != chosen;
        r.layerConfigs = autoquantRows(c.config, start); // every candidate carries the configuration it evaluated
        r.config = withEqualization(r.layerConfigs.empty() ? QString::fromStdString(c.change) : runLabel(inLayerOrder(r.layerConfigs, m_runs->layerOrder())),
                                    r.equalized);
        m_runs->append(r);
        emit message(tr("%1: %2, top-1 %3%, %4 MB%5%6")
                         .arg(r.name, QString::fromStdString(c.change))
                         .arg(c.top1, 0, 'f', 2)
                         .arg(c.megabytes, 0, 'f', 4)
                         .arg(std::isnan(c.latencyMs) ? QString() : tr(", %1 ms at batch 1").arg(c.latencyMs, 0, 'f', 3))
                         .arg(c.accepted        ? QString()
                              : c.clipping      ? tr(" (not closer to FP32: reverted)")
                              : c.withinBudget  ? tr(" (not faster: reverted)")
                                                : tr(" (over budget: reverted)")));
    }
}

std::map<QString, LayerConfig> Workbench::autoquantRows(const PtqConfig& config, const std::map<QString, LayerConfig>& start) const
{
    std::map<QString, LayerConfig> out;
    if (!m_prepared)
        return out;
    std::vector<LayerConfig> startRows;
    for (const LayerInfo& layer : m_layers->layers())
        startRows.push_back(start.count(layer.name) ? start.at(layer.name) : m_layers->globalConfig());
    const auto rows = withChosenBits(m_layers->layers(), startRows, config, *m_prepared);
    for (std::size_t i = 0; i < rows.size(); ++i)
        out[m_layers->layers()[i].name] = rows[i];
    return out;
}

bool Workbench::applyAutoquant()
{
    if (!m_autoquant || !m_prepared)
        return false;
    const std::vector<LayerConfig> after = withChosenBits(m_layers->layers(), m_layers->configs(), m_autoquant->config, *m_prepared);
    std::vector<int> rows;
    std::vector<LayerConfig> from, to;
    for (std::size_t row = 0; row < after.size(); ++row)
        if (!(after[row] == m_layers->configs()[row])) {
            rows.push_back(static_cast<int>(row));
            from.push_back(m_layers->configs()[row]);
            to.push_back(after[row]);
        }
    if (!rows.empty())
        m_undo->push(new LayerEditCommand(m_layers, tr("Apply mixed precision"), rows, from, to));
    emit message(tr("Applied the chosen mixed precision: %n layers changed", nullptr, static_cast<int>(rows.size())));
    return true;
}

} // namespace qs::gui
