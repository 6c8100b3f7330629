#pragma once
// The workbench's state and its jobs, without widgets: the loaded model, the dataset selection, the
// calibration (core's statistics with histograms), the per-layer config (LayerTableModel + QUndoStack) and the runs (RunsTableModel). It
// snapshots state on the GUI thread, hands it to JobRunner and applies results when a job finishes.
// A failed job changes nothing: the previous model and session stay as they were.

#include "app/gui/jobs/job_runner.h"
#include "app/gui/plot_data.h"
#include "app/gui/session/session_file.h"
#include "core/engine/prepared_model.h"

#include <QObject>
#include <QTimer>

#include <functional>

class QUndoStack;

namespace qs { // core/ptq/autoquant.h, layer_error.h, sensitivity.h
struct AutoquantOptions;
struct AutoquantResult;
struct LayerErrorReport;
struct SensitivityReport;
} // namespace qs

namespace qs::gui {

class LayerTableModel;
class RunsTableModel;
struct LoadedModel;
struct AnalysisData;
struct AnalysisInputs;

// The PtqConfig Export writes for the table: defaults = the global configuration, one entry per row (only those
// that differ become overrides), and FP32 for operators without a row that would otherwise quantize on their own.
PtqConfig exportedConfig(const LayerTableModel& table, const Graph& prepared);

class Workbench : public QObject {
    Q_OBJECT
public:
    explicit Workbench(QObject* parent = nullptr);
    ~Workbench() override;

    QUndoStack* undoStack() const { return m_undo; }
    LayerTableModel* layers() const { return m_layers; }
    RunsTableModel* runs() const { return m_runs; }
    JobRunner* jobs() const { return m_jobs; }

    QString modelPath() const { return m_modelPath; }
    bool hasModel() const { return m_graph != nullptr; }
    // The batch-1 graph the layer names refer to (LoadedModel::prepared); null before a model is loaded.
    std::shared_ptr<const Graph> preparedGraph() const { return m_prepared; }
    const DatasetSelection& dataset() const { return m_selection; }
    bool calibrated() const { return m_calibration != nullptr; }
    std::shared_ptr<const Calibration> calibration() const { return m_calibration; }
    bool isDirty() const;
    QString sessionPath() const { return m_sessionPath; }

    // Opens at the input shape remembered for this path (QSettings), if any; asks for one (inputShapeNeeded) when
    // the model leaves dims dynamic that neither the preprocessing nor the data fixes.
    void openModel(const QString& path);
    // The shape for the model's dynamic inputs ("1x3x320x320", "x=1x3x48x192", several separated by ';'):
    // validated against the model, remembered for its path and in the session, and the model is loaded again at
    // it (runs and calibration are cleared: they ran at another shape). False, with the reason in `problem`,
    // for a shape that does not parse or fit; nothing changes then.
    bool setInputShape(const QString& text, QString* problem = nullptr);
    // Why `text` is not a usable input shape for the loaded model; empty when it is.
    QString inputShapeProblem(const QString& text) const;
    // The inputs of the loaded model with dynamic dims ("input: batch×3×height×width").
    QStringList dynamicInputs() const;
    static QString rememberedInputShape(const QString& modelPath);

    // The quality metric: top-1 where it applies (labelled data, single-output classifier) unless the user
    // chose fidelity; fidelity to FP32 otherwise (core's chooseMetric()). Evaluations measure it and the
    // accuracy-vs-size plot shows the runs that measured it. The choice is kept in the session.
    QualityMetric metric() const;
    bool metricSelectable() const; // both metrics apply
    void setMetricChoice(QualityMetric metric);
    // Changing the data invalidates the runs and calibration (they are not comparable across datasets). The
    // selection carries the input shape too (the dataset dialog keeps it; setInputShape() changes it).
    void setDataset(const DatasetSelection& selection);
    // Run › Equalize Channels Before Calibrating: the model is prepared with cross-layer equalization
    // (PreparedModel's equalizeChannels). Other weights: like a dataset change, it clears the calibration, the
    // analyses and the runs, and the table's weight columns are listed again (a job; the configs stay). Kept
    // in the session and across model loads.
    void setEqualizeChannels(bool on);
    bool equalizesChannels() const { return m_equalize; }
    void calibrate();
    // Runs the FP32 baseline when the table has none, and the current config in int8 (calibrating first
    // when needed) unless every layer is FP32.
    void evaluate();
    void cancel() { m_jobs->cancel(); }
    void exportRunsCsv(const QString& path) const; // throws qs::Error
    // Sets a layer's clip method through the undo stack (like a table edit). False for an unknown name/row.
    bool setClipMethod(int row, const QString& method);
    // Restores the per-layer config a run evaluated into the table as one undoable step; false when the run
    // has no stored config (the FP32 baseline, or a run from an older session).
    bool restoreRunConfig(int runRow);
    // The table as a Distiller YAML config: the workbench's global settings (LayerTableModel::globalConfig()) as
    // the global section plus one override per layer that differs from them (see exportedConfig()). Throws
    // qs::Error naming the file when it cannot be written.
    void exportConfig(const QString& path) const;
    // The model with the table's quantization (every column, as an evaluation resolves it) as an ONNX QDQ model
    // (core/onnx_export/qdq_model.h), with a dynamic batch where the model allows one (dynamic_batch.h). quantizedModelExport() takes what the file needs on the GUI thread
    // (throws qs::Error when no model is open or it is not calibrated) and returns the work, which may run on any
    // thread: building the plan (a clip search can take seconds on a large model), quantizing every layer's weights
    // and writing the file; it returns the notes on what the file cannot say as the engine runs it and throws
    // qs::Error when the file cannot be written. exportQuantizedModel() does both at once.
    std::function<QStringList()> quantizedModelExport(const QString& path) const;
    QStringList exportQuantizedModel(const QString& path) const { return quantizedModelExport(path)(); }
    // Reads a Distiller YAML config, resolves its overrides on the model's layers and applies the result as one
    // undoable edit. Throws qs::Error (file and YAML line) and leaves the table unchanged on any problem.
    // Returns the reader's warnings (unsupported keys, patterns that match no layer).
    QStringList importConfig(const QString& path);

    // The session holds the calibration statistics too (with histograms), so an opened session evaluates
    // and draws histograms without calibrating again.
    void saveSession(const QString& path); // throws qs::Error
    void openSession(const QString& path); // reads now (throws), loads the model as a job

    // The evidence for per-layer tuning (workbench_analysis.cpp). Each is a job on the first `samples` evaluation
    // samples (the dataset selection's limit caps them; < 0: all it selects) under the table's config, calibrating
    // first when needed. A new model, dataset or calibration clears their results; a config edit leaves them
    // standing but no longer current (analysisCurrent()), since they measured another config.
    static constexpr qint64 kLayerErrorSamples = 32;   // as quantscope-cli analyze: one compile per layer and engine
    static constexpr qint64 kSensitivitySamples = 1000; // as quantscope-cli sensitivity
    // Run › Analyze Layers: measureLayerErrors() (accumulated and isolated SQNR, oneDNN and the twin).
    void analyzeLayers(qint64 samples = kLayerErrorSamples);
    // Run › Sensitivity Sweep: measureSensitivity() at 8, 6 and 4 bits.
    void sweepSensitivity(qint64 samples = kSensitivitySamples);
    // Run › Auto Mixed Precision: autoquant() from the table's config. Every candidate becomes a run (the search's
    // trace on the accuracy-vs-size plot), the chosen one named so; an FP32 baseline comes first when there is none.
    void autoMixedPrecision(const AutoquantOptions& options, qint64 samples = -1);
    // The chosen widths of the last search into the table as one undoable edit; false without a result. The
    // result is kept in the session, so a reopened session applies it too.
    bool applyAutoquant();
    std::shared_ptr<const LayerErrorReport> layerErrors() const { return m_layerErrors; }
    std::shared_ptr<const SensitivityReport> sensitivity() const { return m_sensitivity; }
    std::shared_ptr<const AutoquantResult> autoquantResult() const { return m_autoquant; }
    // Whether the table still has the config the layer errors / the sensitivity sweep measured, or the last
    // mixed-precision search started from.
    bool layerErrorsCurrent() const;
    bool sensitivityCurrent() const;
    bool autoquantCurrent() const;

    // Delay between a config edit and the restart of a running evaluation.
    void setDebounceInterval(int ms) { m_debounce.setInterval(ms); }

signals:
    void modelLoaded(const QString& path);
    void sessionOpened(const QString& path);
    void calibrationFinished();
    void evaluationFinished();
    void errorOccurred(const QString& kind, const qs::gui::JobError& error);
    void message(const QString& text); // for the log
    void liveAccuracy(const QString& text);
    void dirtyChanged(bool dirty);
    void stateChanged(); // model, dataset or calibration changed (enable/disable actions)
    void analysisChanged();                     // an analysis result arrived, was cleared, or stopped being current
    void analysisFinished(const QString& kind); // "analyze", "sensitivity" or "autoquant" has a new result
    void metricChanged();
    // The loaded model needs a shape for its dynamic inputs (`inputs`, see dynamicInputs()); `reason` says why.
    void inputShapeNeeded(const QString& modelPath, const QStringList& inputs, const QString& reason);

private:
    void startLoad(const QString& path, std::optional<SessionData> session, const QString& sessionPath, const QString& inputShape);
    void applyCalibration(std::shared_ptr<const Calibration> calibration);
    void updatePredictions();
    void setExtraDirty(bool dirty);
    std::map<QString, LayerConfig> currentConfigs() const;
    void applySession(const SessionData& session);
    void onConfigEdited();
    // workbench_analysis.cpp
    AnalysisInputs analysisInputs(qint64 samples) const;
    void adoptAnalysisData(const AnalysisData& data);
    void clearAnalyses();
    void listLayersAgain(); // a job: the table's layers from m_model (after equalization was toggled)
    void adoptLayerList(const LoadedModel& listed); // the table's layers from a new preparation, configs kept
    void showCalibratedRanges(); // the table's activation ranges and predictions from m_calibration
    void updateMeasuredColumns(); // the layer table's measured SQNR columns from m_layerErrors
    void restoreAnalyses(const SessionAnalyses& analyses); // a session's reports, once its calibration is back
    void addAutoquantRuns(const AutoquantResult& result, const std::map<QString, LayerConfig>& start, qint64 samples);
    // An autoquant configuration (the result's or a candidate's) as the table's rows by name, starting from the
    // table the search started from (withChosenBits()): what a candidate's run and the session store.
    std::map<QString, LayerConfig> autoquantRows(const PtqConfig& config, const std::map<QString, LayerConfig>& start) const;

    QUndoStack* m_undo;
    LayerTableModel* m_layers;
    RunsTableModel* m_runs;
    JobRunner* m_jobs;
    QTimer m_debounce;

    QString m_modelPath;
    QString m_sessionPath;
    std::shared_ptr<const Graph> m_graph;
    std::shared_ptr<const Graph> m_prepared; // see LoadedModel::prepared
    std::shared_ptr<const PreparedModel> m_model; // see LoadedModel::model
    WeightSqnrCache m_weightSqnr;                 // for the table's pred. SQNR column
    DatasetSelection m_selection;
    std::shared_ptr<const OpenedData> m_data; // cache of the opened evaluation split
    std::shared_ptr<const Calibration> m_calibration;
    bool m_extraDirty = false;
    int m_runCounter = 0;
    QStringList m_saidNotes; // the engine's notes on the last int8 run, said once (cleared by a new model)
    std::shared_ptr<const LayerErrorReport> m_layerErrors;
    std::map<QString, LayerConfig> m_layerErrorsConfig; // the table they measured
    std::shared_ptr<const SensitivityReport> m_sensitivity;
    std::map<QString, LayerConfig> m_sensitivityConfig;
    std::shared_ptr<const AutoquantResult> m_autoquant;
    std::map<QString, LayerConfig> m_autoquantConfig; // the table the search started from
    int m_autoCounter = 0; // names the search's candidates "Auto N"
    std::optional<QualityMetric> m_metricChoice; // the user's, where both metrics apply
    QStringList m_dynamicInputs;
    bool m_equalize = false; // see setEqualizeChannels()
    bool m_relistAfterCancel = false; // listLayersAgain()'s job was cancelled by another: run it again when idle
};

} // namespace qs::gui
