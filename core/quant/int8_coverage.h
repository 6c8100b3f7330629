#pragma once
// How much of a model's compute a quantization plan runs in int8: the multiply-accumulates (MACs) of every node
// with a dot-product core (Conv, ConvTranspose, Gemm, MatMul: Op::multiplyAccumulates) and, for each one that
// stays FP32, why. This is what tells a user of a real model whether "quantized" means most of the work or a
// few layers, and which FP32 islands cost the most.

#include "core/ir/graph.h"
#include "core/quant/quantization_plan.h"

#include <string>
#include <vector>

namespace qs {

struct LayerCoverage {
    std::string node;
    std::string opType;
    int64_t macs = 0; // per sample
    bool int8 = false;
    std::string fp32Reason; // why it stays FP32; empty when int8
};

struct Int8Coverage {
    std::vector<LayerCoverage> layers; // nodes with MACs, in node order
    int64_t totalMacs = 0;
    int64_t int8Macs = 0;
    int int8Layers = 0;

    double int8Share() const { return totalMacs > 0 ? static_cast<double>(int8Macs) / static_cast<double>(totalMacs) : 0.0; }
    // The FP32 layers, most MACs first.
    std::vector<LayerCoverage> fp32Islands() const;
};

// Each node's multiply-accumulates per sample (0 for nodes without a dot-product core), in node order.
// `prepared`: shapes known; its first input's dim 0 is the batch the counts are divided by.
std::vector<int64_t> multiplyAccumulatesPerNode(const Graph& prepared);

// `prepared`: the graph the plan was built on (shapes known). `plan`: nullptr means FP32 throughout.
Int8Coverage int8Coverage(const Graph& prepared, const QuantizationPlan* plan);

// "97.4% of 12.3 M MACs in int8 (14 of 15 layers)": one line for reports.
std::string coverageSummary(const Int8Coverage& coverage);

} // namespace qs
