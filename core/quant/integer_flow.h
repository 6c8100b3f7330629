#pragma once
// The integer-flow rules of the int8 engine, read from the operators' traits (core/ops/op.h): which nodes are
// integer layers, which operators take integers, and the one walk of the chain the engine fuses after an
// integer layer ([residual Add] then activations) or after an integer Add (activations). The plan builder,
// the int8 lowering, the derived calibration statistics and layerFacts() all use these, so the value a
// layer quantizes is decided in one place.

#include "core/ir/graph.h"
#include "core/ops/op.h"

#include <string>
#include <vector>

namespace qs {

// The node's traits; none (role None) for an operator without a registration or outside the default domain.
OpQuantTraits quantTraitsOf(const Node& node);

// A node that can run on int8 kernels: role IntegerLayer, an int8 kernel for its attributes, constant weights
// and bias (one value per output channel), a computed data input.
bool isIntegerLayer(const Graph& graph, const Node& node);
// Why a node is not an integer layer ("" when it is), for the user.
std::string integerLayerBlocker(const Graph& graph, const Node& node);

// The only reader of `value`, reading it once, when `value` is not a graph output; nullptr otherwise.
const Node* soleReader(const Graph& graph, const std::string& value);

struct FusedChain {
    const Node* residualAdd = nullptr;     // an Add run as a sum post-op inside the layer
    std::string residual;                  // its other operand (computed before the layer)
    std::vector<const Node*> activations;  // post-ops, in order
    std::string end;                       // the value the fused chain produces
    std::vector<std::string> fusedOpTypes() const; // "Add", "Relu", ... in order
};

// After an integer layer: its output, then a residual Add when the layer runs second (the Add's other operand
// is computed earlier in graph order, is not a constant and has the same shape), then every sole reader whose
// traits say fusesAfterIntegerLayer (with its channel operand in a form a post-op takes). `fuse` false: nothing is fused (the engine's fusePostOps option).
FusedChain integerLayerChain(const Graph& graph, const Node& layer, bool fuse = true);
// The constant per-channel operand of a fusable activation (PRelu's slope: one value, or one per output channel
// on axis 1), or nullptr when it has none or it is not of that form (then the activation does not fuse).
const Tensor* channelOperandOf(const Graph& graph, const Node& activation);
// After an Add of two integer values: the activations whose traits say fusesAfterIntegerAdd.
FusedChain integerAddChain(const Graph& graph, const Node& add, bool fuse = true);

// Output channels of weights shaped `weights` for these traits: the weightOutputAxis extent times weightGroups.
int64_t outputChannelCount(const Shape& weights, const OpQuantTraits& traits);
// Weights with output channels on axis 0 (the layout quantizeWeights() takes), float32: the channel axis moved
// to the front, and with groups each group's channels in turn, [C_in, C_out/g, k...] -> [C_out, C_in/g, k...]
// (Conv's and oneDNN's order). `weightsInLayout` undoes it for weights whose own layout is `layout`.
Tensor outputChannelMajor(const Tensor& weights, const OpQuantTraits& traits);
Tensor weightsInLayout(const Tensor& outputChannelMajor, const Shape& layout, const OpQuantTraits& traits);
// An integer layer's constant weights, outputChannelMajor(). Throws qs::Error when the node has none.
Tensor outputChannelMajorWeights(const Graph& graph, const Node& layer);

// Whether `reader` can consume integers of one of its inputs: pass-through and requantizing operators, and
// integer layers (the caller says whether this one is quantized).
bool takesIntegers(const Graph& graph, const Node& reader, bool readerQuantized);

} // namespace qs
