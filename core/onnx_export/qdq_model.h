#pragma once
// A quantization plan written into the graph as ONNX QDQ (QuantizeLinear -> DequantizeLinear pairs), the format
// ONNX Runtime's quantize_static writes and runs on its int8 kernels: the model QuantScope's int8 engine computes,
// as a file to ship. It is the fake-quant twin (core/engine/reference_plan.cpp) in ONNX:
//  - a value the engine makes as integers gets Q -> DQ where it is made, so every reader reads the rounded value;
//    a planned value made as floats (a graph input, an FP32 node's output) is rounded in a copy for the int8
//    layers that read it, and its FP32 readers read the float;
//  - an int8 layer's weights become an int8 initializer on their integer grid with a DequantizeLinear (per output
//    channel on the weights' output axis, opset 13), its bias an int32 initializer with scale input scale x
//    weight scale (ONNX Runtime's QLinearConv/QGemm form; rounding the bias moves an output by at most half of
//    input scale x weight scale, far below one step of the output grid);
//  - a grid narrower than the u8/s8 storage (fewer than 8 bits, sym_restr's missing lowest level) adds a Clip
//    after the DequantizeLinear, so the values are exactly those of the grid (ONNX Runtime then runs the
//    neighbouring ops in FP32: its int8 kernels know only full 8-bit grids).
// Fused chains need nothing: a Conv -> Add -> Relu chain the engine fuses has no rounding inside, and neither has
// the QDQ model. What ONNX cannot say is refused or written in a form with the same values, and each case is noted.

#include "core/ir/graph.h"
#include "core/quant/quantization_plan.h"

#include <string>
#include <vector>

namespace qs {

struct QdqModel {
    Graph graph;
    std::vector<std::string> notes; // what the file cannot say as the plan does, one line per kind, naming nodes
    int quantizedLayers = 0;        // layers with int8 weights
    int quantizedValues = 0;        // activation values with Q -> DQ
    bool dynamicBatch = false;      // dim 0 of the inputs and outputs is "batch" (qdqModelForAnyBatch, dynamic_batch.h)
};

struct QdqOptions {
    // The biases of int8 layers as int32 on the accumulator grid (what ONNX Runtime fuses into QLinearConv / QGemm);
    // false keeps them float, so the file computes exactly what the twin computes (ONNX Runtime then runs those
    // layers on float kernels between the quantize/dequantize pairs).
    bool int32Biases = true;
};

// `prepared` is the graph the plan was built for (PreparedModel::graph(), shapes fixed). Throws qs::Error when
// the graph cannot be written as a QDQ model (an opset before 10, an LSTM whose input projection QuantScope split
// off), naming the node.
QdqModel qdqModel(const Graph& prepared, const QuantizationPlan& plan, const QdqOptions& options = {});

} // namespace qs
