// Workbench::evaluate(): the FP32 baseline and the table's config over the evaluation data, measured by the
// metric core's chooseMetric() picks (top-1, or fidelity to FP32 where top-1 does not apply or the user chose
// it), calibrating first when needed; each result becomes a run.
#include "app/gui/workbench.h"

#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "core/data/subset.h"
#include "core/util/error.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace qs::gui {

void Workbench::evaluate()
{
    m_debounce.stop();
    if (!m_graph)
        return;
    EvalRequest request;
    request.graph = m_graph;
    request.prepared = m_prepared;
    request.model = m_model;
    request.config = toPtqConfig(m_layers->layers(), m_layers->configs());
    request.quantized = std::any_of(m_layers->configs().begin(), m_layers->configs().end(), [](const LayerConfig& c) { return !c.noQuant; });
    request.calibration = m_calibration;
    const bool needCalibration = request.quantized && !m_calibration;
    // Top-1 needs an FP32 top-1 run to compare with; fidelity compares with FP32 itself, so any FP32 row will do.
    const bool haveTop1Baseline = m_runs->baselineRow(QualityMetric::Top1) >= 0;
    const bool haveBaseline = m_runs->baselineRow(QualityMetric::Fidelity) >= 0;
    const QualityMetric wanted = metric();
    const auto snapshot = currentConfigs();
    const DatasetSelection selection = m_selection;
    const QString modelPath = m_modelPath;
    auto cached = m_data;
    const bool equalized = m_equalize;
    const QString summary = withEqualization(runLabel(inLayerOrder(snapshot, m_runs->layerOrder())), equalized);

    // Live accuracy is posted to the GUI thread.
    auto live = [this](bool quantized, const EvalMetrics* top1, const FidelityMetrics* fidelity, int64_t total) {
        const QString stage = quantized ? tr("int8") : tr("FP32");
        const QString text = top1 ? tr("%1: top-1 %2% after %3 of %4 images").arg(stage, QLocale().toString(100.0 * top1->top1(), 'f', 2)).arg(top1->samples).arg(total)
                                  : tr("%1: worst output SQNR %2 dB vs FP32 after %3 of %4 images")
                                        .arg(stage, QLocale().toString(fidelity->worstSqnrDb(), 'f', 1))
                                        .arg(fidelity->samples)
                                        .arg(total);
        QMetaObject::invokeMethod(this, [this, text] { emit liveAccuracy(text); }, Qt::QueuedConnection);
    };
    m_jobs->start(QStringLiteral("evaluate"), tr("Evaluating"),
                  [this, request, needCalibration, selection, modelPath, cached, summary, snapshot, live, wanted, haveTop1Baseline,
                   haveBaseline, equalized](Progress& progress) mutable -> JobRunner::Apply {
                      std::shared_ptr<const OpenedData> data = cached;
                      if (!data || !(data->selection == selection) || data->modelPath != modelPath)
                          data = std::make_shared<const OpenedData>(openEvaluationData(selection, modelPath, &progress));
                      // The same decision as quantscope-cli eval: fidelity where top-1 does not apply.
                      request.metric = chooseMetric(*request.graph, *data->dataset, wanted);
                      const bool fidelity = request.metric == QualityMetric::Fidelity;
                      request.baseline = fidelity ? !haveBaseline : !haveTop1Baseline;
                      if (fidelity && !request.quantized)
                          throw Error(tr("every layer is FP32: fidelity compares a quantized model with FP32, so there is nothing to measure")
                                          .toStdString());
                      std::shared_ptr<const Calibration> calibration = request.calibration;
                      auto source = std::make_shared<QString>();
                      if (needCalibration) {
                          calibration = std::make_shared<const Calibration>(calibrateStats(*request.model, selection, modelPath, progress, source.get()));
                          request.calibration = calibration;
                      }
                      request.dataset = data->dataset;
                      request.indices = firstIndices(data->dataset->size(), selection.evalLimit);
                      auto outcome = std::make_shared<EvalOutcome>(evaluateRuns(request, progress, live));
                      const QualityMetric measured = request.metric;
                      return [this, data, calibration, needCalibration, source, outcome, summary, snapshot, measured, equalized] {
                          m_data = data;
                          if (needCalibration) {
                              applyCalibration(calibration);
                              emit message(tr("Calibrated statistics and histograms of %n values on %1", nullptr,
                                              static_cast<int>(calibration->values.size()))
                                               .arg(*source));
                              emit calibrationFinished();
                          }
                          auto record = [measured, equalized](const EvalRun& run) {
                              RunRecord r;
                              r.metric = measured;
                              r.equalized = equalized;
                              r.samples = run.metrics.samples;
                              r.sizeMB = run.sizeMB;
                              r.compression = run.sizeMB > 0 ? run.fp32SizeMB / run.sizeMB : 1.0;
                              r.date = QDateTime::currentDateTime();
                              if (measured == QualityMetric::Fidelity) {
                                  // Top-1 was not measured, nor the latency (the comparison runs FP32 and int8 side by side).
                                  r.top1 = r.top5 = r.crossEntropy = r.msPerImage = r.imagesPerSecond = std::nan("");
                                  if (run.fidelity)
                                      setFidelity(r, *run.fidelity);
                                  return r;
                              }
                              r.top1 = run.metrics.top1();
                              r.top5 = run.metrics.top5();
                              r.crossEntropy = run.metrics.meanCrossEntropy();
                              r.msPerImage = run.metrics.samples ? 1000.0 * run.metrics.inferSeconds / static_cast<double>(run.metrics.samples) : 0.0;
                              r.imagesPerSecond = run.metrics.imagesPerSecond();
                              return r;
                          };
                          if (outcome->baseline) {
                              RunRecord r = record(*outcome->baseline);
                              r.fp32 = true;
                              r.name = tr("FP32 baseline");
                              r.config = QStringLiteral("FP32");
                              if (measured == QualityMetric::Fidelity)
                                  r.worstSqnrDb = std::numeric_limits<double>::infinity();
                              m_runs->append(r);
                              if (measured == QualityMetric::Top1)
                                  emit message(tr("FP32 baseline: top-1 %1% on %2 images").arg(100.0 * r.top1, 0, 'f', 2).arg(r.samples));
                          }
                          if (outcome->quantized) {
                              RunRecord r = record(*outcome->quantized);
                              r.name = tr("Run %1").arg(++m_runCounter);
                              r.config = summary;
                              r.layerConfigs = snapshot;
                              m_runs->append(r);
                              // A note on how the engine runs the config (8-bit asymmetric weights on the symmetric
                              // grid, ...) is said once, and again only when a changed config changes what it says.
                              for (const QString& note : outcome->quantized->notes)
                                  if (!m_saidNotes.contains(note))
                                      emit message(note);
                              m_saidNotes = outcome->quantized->notes;
                              if (measured == QualityMetric::Top1)
                                  emit message(tr("%1 (%2): top-1 %3% on %4 images").arg(r.name, r.config).arg(100.0 * r.top1, 0, 'f', 2).arg(r.samples));
                              else
                                  emit message(tr("%1 (%2): worst output SQNR %3 dB vs FP32 on %4 images (%5)")
                                                   .arg(r.name, r.config)
                                                   .arg(r.worstSqnrDb, 0, 'f', 2)
                                                   .arg(r.samples)
                                                   .arg(RunsTableModel::fidelityText(r).split(QLatin1Char('\n')).mid(1).join(QStringLiteral("; ")).simplified()));
                          }
                          setExtraDirty(true);
                          emit stateChanged();
                          emit evaluationFinished();
                      };
                  });
}

} // namespace qs::gui
