#pragma once
// Classification evaluation of a model over (a subset of) a dataset: top-1, top-5, mean cross-entropy
// and throughput. Runs in fixed-size batches on one compiled model; the last partial batch is padded and
// the padding ignored, so results do not depend on the batch size beyond float rounding.

#include "core/data/dataset.h"
#include "core/engine/engine.h"
#include "core/engine/prepared_model.h"
#include "core/eval/model_feed.h"
#include "core/util/progress.h"

#include <functional>
#include <vector>

namespace qs {

struct EvalOptions {
    int64_t batch = 64;
    std::vector<int64_t> indices; // empty = the whole dataset
    EngineOptions engine;
};

struct EvalMetrics {
    int64_t samples = 0;
    int64_t correctTop1 = 0;
    int64_t correctTop5 = 0;
    double crossEntropySum = 0.0;
    double seconds = 0.0;      // wall time of the whole evaluation (data + inference)
    double inferSeconds = 0.0; // time inside the engine
    int64_t batch = 0;         // the batch it ran at (1 for models that cannot run another)

    double top1() const { return samples ? static_cast<double>(correctTop1) / samples : 0.0; }
    double top5() const { return samples ? static_cast<double>(correctTop5) / samples : 0.0; }
    double meanCrossEntropy() const { return samples ? crossEntropySum / samples : 0.0; }
    double imagesPerSecond() const { return seconds > 0 ? samples / seconds : 0.0; }
};

// Called after each batch with the metrics so far (live accuracy in the GUI).
using EvalCallback = std::function<void(const EvalMetrics& soFar, int64_t total)>;

// Compiles `model` for the dataset's samples and the batch size, then evaluates. Throws qs::Error
// when the model's inputs do not fit the dataset (see model_feed.h); qs::Cancelled when progress is cancelled.
EvalMetrics evaluate(const Graph& model, const Dataset& dataset, const EvalOptions& options, Progress* progress = nullptr,
                     const EvalCallback& onBatch = {});

// Same on a prepared model (its graph for this batch is prepared once and shared).
EvalMetrics evaluate(const PreparedModel& model, const Dataset& dataset, const EvalOptions& options, Progress* progress = nullptr,
                     const EvalCallback& onBatch = {});

// Same with an already compiled model (its batch size is the compiled input's first dim).
EvalMetrics evaluate(std::shared_ptr<const CompiledModel> compiled, const Dataset& dataset, const std::vector<int64_t>& indices,
                     Progress* progress = nullptr, const EvalCallback& onBatch = {});

// inputShapesFor(model, dataset, batch), the shapes a model runs at for a dataset: see model_feed.h.

// Adds one batch of logits (rows of `classes` floats) with their labels to metrics.
void accumulateLogits(EvalMetrics& metrics, const float* logits, int64_t rows, int64_t classes, std::span<const int> labels);

} // namespace qs
