#pragma once
// The analysis results inside a session file, so that reopening a session shows a layer-error analysis or a
// sensitivity sweep (minutes of work) without running it again: each report with every number it holds, and
// the per-layer config it measured, so the workbench can still tell whether the result is current. Measured
// numbers may be NaN (not measured) or +inf (identical to FP32): written as session_json.h does for runs.

#include "app/gui/models/layer_config.h"
#include "core/ptq/layer_error.h"
#include "core/ptq/sensitivity.h"

#include <QJsonObject>
#include <QString>

#include <map>
#include <memory>

namespace qs::gui {

struct SessionAnalyses {
    std::shared_ptr<const LayerErrorReport> layerErrors; // none: not analyzed
    std::map<QString, LayerConfig> layerErrorsConfig;    // by layer name: the table it measured
    std::shared_ptr<const SensitivityReport> sensitivity;
    std::map<QString, LayerConfig> sensitivityConfig;
};

// Adds "layer_errors" and "sensitivity" to `root` for the reports there are.
void analysesToJson(const SessionAnalyses& analyses, QJsonObject& root);
// The reports `root` holds (none in sessions from before they were saved). Throws qs::Error naming `path` and
// the key on wrong types.
SessionAnalyses analysesFromJson(const QJsonObject& root, const QString& path);

} // namespace qs::gui
