#pragma once
// Small edits the graph rewrites share: new constants, new float values and Reshape nodes between them.

#include "core/ir/graph.h"

#include <string>

namespace qs {

// Adds `value` as an initializer named `name` (with its ValueInfo); returns the name.
std::string addConstant(Graph& graph, const std::string& name, Tensor value);

// Declares a float32 value of known shape (the output of a node a rewrite adds).
void declareFloatValue(Graph& graph, const std::string& name, const Shape& shape);

// A Reshape node `name` from `input` to `output` of `shape`: adds the shape constant and declares `output`.
// The caller inserts the node.
Node reshapeNode(Graph& graph, const std::string& name, const std::string& input, const std::string& output, const Shape& shape);

// Replaces the node at `index` by `replacement` (in order, at the same place); returns the index of the last node
// inserted, so a loop over the nodes goes on after them.
std::size_t replaceNode(Graph& graph, std::size_t index, const std::vector<Node>& replacement);

} // namespace qs
