#pragma once
// The evidence behind per-layer tuning, as plain functions for JobRunner's worker thread (no widgets): what the
// analysis jobs (measured layer errors, the sensitivity sweep, automatic mixed precision) share to get their
// data, and how an autoquant search trace becomes the per-layer settings of each of its candidates.
// The core functions they call are core/ptq/layer_error.h, sensitivity.h and autoquant.h, exactly as the CLI's
// analyze, sensitivity and autoquant commands call them.

#include "app/gui/jobs/workbench_jobs.h"
#include "core/ptq/autoquant.h"

#include <map>
#include <memory>
#include <vector>

namespace qs::gui {

// What an analysis job starts from, snapshotted on the GUI thread.
struct AnalysisInputs {
    std::shared_ptr<const PreparedModel> model;
    DatasetSelection selection;
    QString modelPath;
    std::shared_ptr<const OpenedData> data;         // the evaluation split opened before (reused when it still fits)
    std::shared_ptr<const Calibration> calibration; // null: the job calibrates first, as Evaluate does
    PtqConfig config;                               // the table (toPtqConfig())
    qint64 samples = -1;                            // the first this many evaluation samples; < 0: the selection's
};

// What the job worked on: the opened split, the calibration (made here when `calibrated`) and the samples.
struct AnalysisData {
    std::shared_ptr<const OpenedData> data;
    std::shared_ptr<const Calibration> calibration;
    bool calibrated = false;
    std::vector<int64_t> indices;
};

// Opens the evaluation split unless `inputs.data` is that split already, calibrates when there is no
// calibration, and picks the first min(samples, the selection's limit) evaluation samples.
AnalysisData prepareAnalysis(const AnalysisInputs& inputs, Progress& progress);

// The first `samples` of the selection's evaluation samples (the selection's limit caps it; < 0: that limit).
std::vector<int64_t> analysisIndices(int64_t datasetSize, const DatasetSelection& selection, qint64 samples);

// The table's configs with the bits of an autoquant configuration (its result or any candidate's): for every
// row, the weight and activation widths and the activation clip method of `chosen` for that layer, or FP32
// where `chosen` does not quantize it. Mode and per-channel stay the table's (autoquant does not change them). Rows whose layer is not in `prepared` keep their config.
std::vector<LayerConfig> withChosenBits(const std::vector<LayerInfo>& layers, const std::vector<LayerConfig>& configs,
                                        const PtqConfig& chosen, const Graph& prepared);

} // namespace qs::gui
