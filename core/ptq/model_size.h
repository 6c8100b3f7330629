#pragma once
// Size of a model's parameters as stored for execution: FP32, and under a quantization plan (each integer
// layer's weights at its bit width, bias as int32, one float scale per channel or tensor). Activations are
// not part of the size. Bit widths below 8 count at their packed size (what an exported model would take),
// even though execution keeps them in int8 registers.

#include "core/quant/quantization_plan.h"
#include "core/ir/graph.h"

namespace qs {

struct ModelSize {
    int64_t fp32Bytes = 0;
    int64_t quantizedBytes = 0;
    double ratio() const { return quantizedBytes ? static_cast<double>(fp32Bytes) / static_cast<double>(quantizedBytes) : 1.0; }
    double quantizedMegabytes() const { return static_cast<double>(quantizedBytes) / 1e6; }
    double fp32Megabytes() const { return static_cast<double>(fp32Bytes) / 1e6; }
};

// `prepared` is the graph the plan refers to (BatchNorm folded); plan may be null (FP32 only).
ModelSize modelSize(const Graph& prepared, const QuantizationPlan* plan);

} // namespace qs
