#pragma once
// Latency of one configuration, measured rather than modelled: the whole model compiled at batch 1 with a
// quantization plan (null: FP32) and run on one real sample of the data; a few warm-up runs (first touch of the
// buffers, oneDNN's caches), then the median wall time of at least `minRuns` timed runs lasting at least
// `minSeconds` together. What autoquant's latency objective compares candidates by. A wall-clock number: it
// means something only next to the CPU it was measured on, and moves by a few percent on a shared machine
// (hence the median of many runs).

#include "core/data/dataset.h"
#include "core/engine/prepared_model.h"
#include "core/util/progress.h"

#include <cstdint>
#include <memory>

namespace qs {

struct LatencyProbeOptions {
    int warmupRuns = 5;
    int minRuns = 30;
    double minSeconds = 0.2; // small models: keep timing until this much has passed (a steadier median)
    int maxRuns = 10000;
    int threads = 0;         // as EngineOptions::threads
};

// Median milliseconds of one batch-1 inference on sample `sample` of `dataset`. Throws qs::Error naming the model
// file (and the sample) when the sample does not exist or the model cannot be compiled or run; Cancelled when
// `progress` is cancelled.
double measureLatencyMs(const PreparedModel& model, const Dataset& dataset, int64_t sample, const std::shared_ptr<const QuantizationPlan>& plan,
                        const LatencyProbeOptions& options = {}, Progress* progress = nullptr);

} // namespace qs
