#pragma once
// A workbench session on disk (JSON): the model path, the dataset selection with its preprocessing, the
// per-layer config and every run with the config it evaluated. Calibration statistics (histograms of every
// activation) are not stored: Calibrate again after opening a session. Saved atomically with QSaveFile, so a
// failed save never destroys the previous file. Reading throws qs::Error naming the file (and the line of
// a JSON syntax error); nothing is applied until the whole file has been read.

#include "app/gui/jobs/workbench_jobs.h"
#include "app/gui/models/runs_table_model.h"

#include <map>

namespace qs::gui {

struct SessionData {
    QString modelPath;
    DatasetSelection dataset;
    std::map<QString, LayerConfig> configs; // by layer name
    bool hadCalibration = false;            // an older session stored min/max ranges (now ignored)
    std::vector<RunRecord> runs;
};

void saveSession(const QString& path, const SessionData& session);
SessionData loadSession(const QString& path);

} // namespace qs::gui
