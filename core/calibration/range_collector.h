#pragma once
// Runs the FP32 model over calibration batches with every value observable and hands each activation to
// an observer callback. The graph is prepared the way the int8 engine prepares it (BatchNorm folded,
// nothing fused), so value names match the QuantizationPlan's.

#include "core/data/dataset.h"
#include "core/engine/engine.h"
#include "core/util/progress.h"

#include <functional>
#include <map>
#include <set>

namespace qs {

using ActivationObserver = std::function<void(const std::string& value, const float* data, const Shape& shape)>;

// Returns the prepared graph the values belong to. The graph inputs are always observed; `skip` names
// values not to hand over.
Graph observeActivations(const Graph& model, const Dataset& dataset, const std::vector<int64_t>& indices, int64_t batch,
                         int threads, const ActivationObserver& observer, Progress* progress = nullptr, const std::set<std::string>& skip = {});
// Same on a graph prepared already for this batch (not prepared again), e.g. calibration's observation graph.
Graph observeActivations(std::shared_ptr<const Graph> prepared, const Dataset& dataset, const std::vector<int64_t>& indices, int64_t batch,
                         int threads, const ActivationObserver& observer, Progress* progress = nullptr, const std::set<std::string>& skip = {});

} // namespace qs
