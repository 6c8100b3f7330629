#pragma once
// Turns per-layer settings and activation ranges into the engine's QuantizationPlan for a prepared graph
// (shapes inferred). It walks the same fused chains as the int8 lowering (integer_flow.h), so every value it
// quantizes is one the engine really stores as integers: a quantized integer layer quantizes its input; the
// value at the end of its fused chain ([residual Add] then activations) is quantized when every reader takes
// integers (another quantized integer layer, a pass-through or requantizing operator); pass-through operators
// hand the quantization on; requantizing ones (Concat, an unfused Add) get their own. What counts as which is
// the operators' traits.

#include "core/quant/activation_grid.h"
#include "core/quant/quantization_plan.h"
#include "core/ir/graph.h"

#include <functional>
#include <optional>

namespace qs {


struct LayerQuantSettings {
    int bitsActivations = 8;
    int bitsWeights = 8;
    QuantMode modeActivations = QuantMode::AsymmetricUnsigned;
    QuantMode modeWeights = QuantMode::Symmetric;
    bool perChannel = true;
};


// nullopt: the layer stays FP32.
using LayerSettingsFn = std::function<std::optional<LayerQuantSettings>(const Node& node)>;
// The range to quantize `value` with, for a reader (or producer) whose settings are given.
using RangeFn = std::function<ValueRange(const std::string& value, const Node& layer, const LayerQuantSettings& settings)>;

QuantizationPlan buildQuantizationPlan(const Graph& prepared, const LayerSettingsFn& settings, const RangeFn& range);

} // namespace qs
