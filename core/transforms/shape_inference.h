#pragma once
// Fixes the input shape(s) of a graph, then infers every value's type and shape in one topological sweep,
// folding nodes whose inputs are all constant into initializers (this is what removes the
// Shape -> Gather -> Unsqueeze -> Concat -> Reshape chains exporters emit once shapes are known).

#include "core/ir/graph.h"
#include "core/util/input_shape_spec.h"

#include <map>
#include <string>

namespace qs {

struct InputShapes {
    int64_t batch = 1;                   // replaces an unknown (or symbolic) leading dim
    std::map<std::string, Shape> exact;  // full shapes for named inputs, overriding the model's
};

// The user's shapes (--input-shape, a sidecar's input_shape) for `model`: an unnamed one is the only input's;
// named ones must name inputs; ranks and the dims the model fixes must agree. Throws qs::Error naming the input.
InputShapes inputShapesFrom(const Graph& model, const std::vector<InputShapeSpec>& specs);

// Gives every graph input a fully known shape; throws naming the input and dim that stays unknown.
void fixInputShapes(Graph& graph, const InputShapes& shapes);

// Shape inference + constant folding; throws qs::Error with the node's label on inconsistent shapes.
void inferShapes(Graph& graph);

} // namespace qs
