#pragma once
// Building blocks for tests that assemble small graphs by hand: a node from its inputs and outputs, and a seeded
// uniform random float tensor (weights, inputs).

#include "core/ir/graph.h"

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace qs::testing {

inline Node makeNode(const std::string& name, const std::string& type, std::vector<std::string> in, std::vector<std::string> out)
{
    Node n;
    n.name = name;
    n.opType = type;
    n.inputs = std::move(in);
    n.outputs = std::move(out);
    return n;
}

inline Tensor randomTensor(Shape shape, std::mt19937& rng, float lo = -1.0f, float hi = 1.0f)
{
    std::uniform_real_distribution<float> dist(lo, hi);
    Tensor t(DataType::Float32, std::move(shape));
    for (float& v : t.floats())
        v = dist(rng);
    return t;
}

} // namespace qs::testing
