#pragma once
// Turns per-layer settings and activation ranges into the engine's QuantizationPlan for a prepared graph.
// It mirrors what the int8 engine can fuse, so that every value it quantizes is one the engine really
// stores as integers: a quantized Conv/Gemm quantizes its input; the value at the end of its fused chain
// ([residual Add] then ReLU/Clip) is quantized when every reader can take integers (another integer layer,
// pooling, Flatten/Reshape, a residual Add); pooling and views pass the quantization through.

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
