#pragma once
// The analysis results inside a session file, so that reopening a session shows a layer-error analysis or a
// sensitivity sweep (minutes of work) without running it again, and Apply Mixed Precision still applies the last
// automatic mixed-precision search: each result with every number it holds, and the per-layer config it
// measured (or started from), so the workbench can still tell whether the result is current. Measured numbers
// may be NaN (not measured) or +inf (identical to FP32): written as session_json.h does for runs.

#include "app/gui/models/layer_config.h"
#include "core/ptq/autoquant.h"
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
    // The search's result without its trace (each candidate is a run of the session already). Saving takes its
    // numbers from here and its configuration from autoquantChosen; loading fills both, and the result's config
    // (and its chosen and uniform candidates' configs) are toPtqConfig() of autoquantChosen / autoquantConfig.
    std::shared_ptr<const AutoquantResult> autoquant;
    std::map<QString, LayerConfig> autoquantConfig; // by layer name: the table the search started from
    std::map<QString, LayerConfig> autoquantChosen; // the chosen configuration as the table's rows, as a run stores its own
};

// Adds "layer_errors", "sensitivity" and "autoquant" to `root` for the results there are.
void analysesToJson(const SessionAnalyses& analyses, QJsonObject& root);
// The reports `root` holds (none in sessions from before they were saved). Throws qs::Error naming `path` and
// the key on wrong types.
SessionAnalyses analysesFromJson(const QJsonObject& root, const QString& path);

} // namespace qs::gui
