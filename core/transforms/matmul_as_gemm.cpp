#include "core/transforms/matmul_as_gemm.h"

#include "core/ops/op.h"
#include "core/transforms/graph_edit.h"

#include <optional>

namespace qs {

namespace {

// The values of a constant added along the last axis of an output whose last dim is `n`: [n], [1, ..., n] or a
// single value, as n floats; nothing for any other constant.
std::optional<std::vector<float>> lastAxisBias(const Tensor& c, std::size_t outputRank, int64_t n)
{
    if (c.dtype() != DataType::Float32 || c.rank() > static_cast<int64_t>(outputRank))
        return std::nullopt;
    const std::vector<float> values = c.toFloat();
    if (values.size() == 1)
        return std::vector<float>(static_cast<std::size_t>(n), values[0]);
    for (int64_t k = 0; k + 1 < c.rank(); ++k)
        if (c.shape()[static_cast<std::size_t>(k)] != 1)
            return std::nullopt;
    if (c.rank() == 0 || c.shape().back() != n)
        return std::nullopt;
    return values;
}

} // namespace

int matMulsAsGemm(Graph& graph)
{
    int rewritten = 0;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const Node matMul = graph.nodes[i];
        if (matMul.opType != "MatMul" || !matMul.domain.empty() || matMul.inputs.size() != 2 || graph.isConstant(matMul.input(0)))
            continue;
        const Tensor* b = graph.constant(matMul.input(1));
        const ValueInfo* a = graph.info(matMul.input(0));
        const ValueInfo* y = graph.info(matMul.outputs[0]);
        if (!b || b->rank() != 2 || b->dtype() != DataType::Float32 || !a || !a->shapeKnown || a->shape.size() < 2 || !y ||
            !y->shapeKnown || y->shape.size() != a->shape.size() || elementCount(a->shape) <= 0)
            continue;
        const int64_t k = b->shape()[0], n = b->shape()[1];
        const int64_t rows = elementCount(a->shape) / k;
        const Shape outShape = y->shape;

        // A bias Add that reads only this product becomes C; the rewrite then ends at the Add's output.
        std::string result = matMul.outputs[0];
        std::optional<std::vector<float>> bias;
        int addIndex = -1;
        const std::vector<int> readers = graph.consumersOf(result);
        if (readers.size() == 1 && !graph.isGraphOutput(result)) {
            const Node& add = graph.nodes[static_cast<std::size_t>(readers[0])];
            const ValueInfo* sum = graph.info(add.outputs[0]);
            if (prepareTraitsOf(add).sumsInputs && add.inputs.size() == 2 && sum && sum->shapeKnown && sum->shape == outShape &&
                add.input(0) != add.input(1)) {
                const std::string& other = add.input(0) == result ? add.input(1) : add.input(0);
                if (const Tensor* c = graph.constant(other))
                    bias = lastAxisBias(*c, outShape.size(), n);
                if (bias) {
                    addIndex = readers[0];
                    result = add.outputs[0];
                }
            }
        }

        const std::string& name = matMul.name;
        Node gemm;
        gemm.name = name;
        gemm.opType = "Gemm";
        gemm.inputs = {matMul.input(0), matMul.input(1)};
        if (bias)
            gemm.inputs.push_back(addConstant(graph, name + ".bias", Tensor::fromFloats({n}, *bias)));
        std::vector<Node> replacement;
        if (a->shape.size() > 2) {
            Node flatten = reshapeNode(graph, name + "/rows", matMul.input(0), name + "/rows_out", {rows, k});
            gemm.inputs[0] = flatten.outputs[0];
            replacement.push_back(std::move(flatten));
            gemm.outputs = {name + "/gemm_out"};
            declareFloatValue(graph, gemm.outputs[0], {rows, n});
            Node unflatten = reshapeNode(graph, name + "/unrows", gemm.outputs[0], result, outShape);
            replacement.push_back(std::move(gemm));
            replacement.push_back(std::move(unflatten));
        } else {
            gemm.outputs = {result};
            replacement.push_back(std::move(gemm));
        }
        declareFloatValue(graph, result, outShape);
        if (result != matMul.outputs[0])
            graph.values.erase(matMul.outputs[0]);
        // The Add sits after the MatMul: erase it first so index i still points at the MatMul.
        if (addIndex >= 0)
            graph.nodes.erase(graph.nodes.begin() + addIndex);
        i = replaceNode(graph, i, replacement);
        ++rewritten;
    }
    if (rewritten)
        graph.removeDeadCode();
    return rewritten;
}

} // namespace qs
