#pragma once
// What each layer with its own quantization settings is, as the int8 engine sees it: the tensor its input
// and output settings quantize, what is fused into it, whether its output stays integer, why it would stay
// FP32, and its weights. Derived from the operators' traits through the same fused-chain walk as the plan
// builder and the int8 lowering (integer_flow.h); the workbench and the CLI only format these.

#include "core/ir/graph.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace qs {

struct LayerFacts {
    std::string node;                      // node name
    std::string opType;
    std::string nodeOutput;                // the node's own output (before anything fused)
    std::string input;                     // the value its input quantization applies to
    // The value whose range sets the input's grid: `input` itself, or, when pooling or a view passes integers
    // through, the value they come from (e.g. the ReLU before a MaxPool); and the node whose settings apply there.
    std::string inputSource;
    std::string inputOwner;
    std::string output;                    // the value its output quantization applies to: the end of its fused chain
    std::vector<std::string> fused;        // op types the engine runs inside it ("Add", "Relu"), in order
    bool outputQuantized = false;          // `output` is stored as integers (every reader takes integers)
    std::string fp32Reason;                // why it runs in FP32 whatever the settings ("" when it can run int8)
    int64_t parameters = 0;                // elements of its constant weight and bias inputs
    // Weights (float32 constants only): overall and per output channel (the traits' weightOutputAxis, with groups).
    bool hasWeights = false;
    float weightMin = 0.0f, weightMax = 0.0f;
    std::vector<float> channelMin, channelMax;
};

// Whether a layer is configured to run int8 (it decides whether its readers take integers); default: all.
using QuantizedLayerFn = std::function<bool(const Node& node)>;
// Derived from the plan the plan builder (plan_builder.h) makes for these choices, so that what is listed as
// quantized is exactly what a plan quantizes.

// Every node with weights whose traits make it an integer layer (Conv, ConvTranspose, Gemm), in node order,
// including those that cannot run int8 (with fp32Reason).
std::vector<LayerFacts> layerFacts(const Graph& prepared, const QuantizedLayerFn& quantized = {});

} // namespace qs
