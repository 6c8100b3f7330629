#pragma once
// The parts a oneDNN execution plan (dnnl_plan.cpp) is made of. Values live in "slots": a memory descriptor
// (possibly one of oneDNN's blocked layouts such as nChw16c) that each session backs with a buffer of its
// own. The plan is a list of steps, each a oneDNN primitive over slots or, for a node no lowering takes, the
// node's reference kernel on plain row-major slots. The plan builds both through LoweringContext
// (dnnl_lowering_context.h), which the lowerings (dnnl_lowerings.h) use to turn nodes into primitives,
// keeping blocked layouts between layers and inserting reorders only where a consumer needs another layout.

#include "core/engine/execution_plan.h"
#include "core/ops/op.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qs {

struct DnnlSlot {
    dnnl::memory::desc desc;
    int aliasOf = -1;         // a view over another slot's buffer (reshape without copy)
    dnnl::memory constant;    // set for constant slots (reordered weights), shared by all sessions
    bool graphInput = false;  // backed by the caller's buffer on each run
    std::optional<ActivationQuant> quant; // set when the slot holds u8/s8 integers of a quantized value
};

struct DnnlStep {
    std::string node; // label of the node (or "reorder ...") for error messages
    // A primitive step:
    dnnl::primitive primitive;
    std::vector<std::pair<int, int>> args; // (DNNL_ARG_*, slot)
    // A reference step (primitive empty):
    const Op* op = nullptr;
    const Node* graphNode = nullptr;
    std::vector<int> inputSlots;  // -1: omitted or constant (taken from the graph)
    std::vector<int> outputSlots;
    // Values produced by this step that taps may observe: (value, plain slot or -1 for "reorder first").
    std::vector<std::pair<std::string, int>> produced;
};

} // namespace qs
