#pragma once
// A workbench session on disk (JSON): the model path, the dataset selection with its preprocessing, the
// per-layer config, every run with the config it evaluated and, once calibrated, the calibration statistics
// with their histograms (session_statistics.h), the chosen metric, each run's fidelity numbers, the layer-error
// and sensitivity reports and the automatic mixed-precision result (session_analyses.h), so an opened session
// evaluates, shows histograms and shows its analyses without calibrating or measuring again. Saved atomically
// with QSaveFile, so a failed save never destroys the previous file. Reading throws qs::Error naming the file
// (and the line of a JSON syntax error, or the key of a malformed value); nothing is applied until the whole
// file has been read.

#include "app/gui/jobs/workbench_jobs.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/session/session_analyses.h"
#include "app/gui/session/session_statistics.h"

#include <map>

namespace qs::gui {

struct SessionData {
    QString modelPath;
    DatasetSelection dataset;
    std::map<QString, LayerConfig> configs; // by layer name
    bool hadCalibration = false;            // an older session stored min/max ranges (now ignored)
    // Saving: the workbench's calibration (none: not calibrated). Loading: what the file holds.
    std::shared_ptr<const Calibration> calibration;
    std::shared_ptr<const SessionStatistics> statistics;
    std::vector<RunRecord> runs;
    // The metric the user chose where both apply (a labelled classifier); none: the default (top-1).
    std::optional<QualityMetric> metric;
    // Cross-layer equalization before calibrating (PreparedModel's equalizeChannels); off in older sessions.
    bool equalizeChannels = false;
    // Analyze Layers, the sensitivity sweep and the last mixed-precision search with the configs they measured or
    // started from; none in older sessions.
    SessionAnalyses analyses;
};

void saveSession(const QString& path, const SessionData& session);
SessionData loadSession(const QString& path);

} // namespace qs::gui
