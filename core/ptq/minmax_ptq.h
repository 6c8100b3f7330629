#pragma once
// The simplest complete PTQ: min/max ranges observed over calibration samples and one setting for every
// Conv/Gemm. The benchmark uses it (random-weight architectures on random input); the configurable
// pipeline with clip methods and per-layer overrides builds on the same pieces.

#include "core/data/dataset.h"
#include "core/engine/engine.h"
#include "core/quant/plan_builder.h"

#include <map>
#include <memory>

namespace qs {

// Min/max of every activation value of the prepared graph over the given samples.
std::map<std::string, ValueRange> observeMinMax(const Graph& model, const Dataset& dataset, const std::vector<int64_t>& indices,
                                                int64_t batch = 32, int threads = 0);

std::shared_ptr<const QuantizationPlan> minMaxPlan(const Graph& model, const InputShapes& shapes,
                                                   const std::map<std::string, ValueRange>& ranges, const LayerQuantSettings& settings);

} // namespace qs
