#include "core/transforms/lstm_input_projection.h"

#include "core/transforms/graph_edit.h"

namespace qs {

namespace {

// LSTM inputs: X, W, R, B, sequence_lens, initial_h, initial_c, P.
constexpr std::size_t kX = 0, kW = 1, kB = 3;

} // namespace

int lstmInputProjections(Graph& graph)
{
    int rewritten = 0;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const Node lstm = graph.nodes[i];
        if (lstm.opType != "LSTM" || !lstm.domain.empty() || !lstm.hasInput(kW) || graph.isConstant(lstm.input(kX)))
            continue;
        const Tensor* w = graph.constant(lstm.input(kW));
        const Tensor* b = lstm.hasInput(kB) ? graph.constant(lstm.input(kB)) : nullptr;
        const ValueInfo* x = graph.info(lstm.input(kX));
        if (!w || w->dtype() != DataType::Float32 || w->rank() != 3 || (lstm.hasInput(kB) && (!b || b->dtype() != DataType::Float32)) || !x ||
            !x->shapeKnown || x->shape.size() != 3 || elementCount(x->shape) <= 0 || x->shape[2] != w->shape()[2])
            continue;
        const int64_t dirs = w->shape()[0], gates = w->shape()[1], inputSize = w->shape()[2];
        if (b && (b->rank() != 2 || b->shape()[0] != dirs || b->shape()[1] != 2 * gates))
            continue; // malformed: leave it to the LSTM's own checks, which name what is wrong
        const int64_t rows = x->shape[0] * x->shape[1];
        const std::string& name = lstm.name;

        Node gemm;
        gemm.name = name;
        gemm.opType = "Gemm";
        gemm.attributes.set("transB", int64_t{1});
        gemm.inputs = {name + "/rows_out", addConstant(graph, name + ".input_weights", w->reshaped({dirs * gates, inputSize}))};
        if (b) {
            // Both biases add to every step's gates before the activations: their sum is the Gemm's C.
            const std::vector<float> both = b->toFloat();
            std::vector<float> sum(static_cast<std::size_t>(dirs * gates));
            for (int64_t d = 0; d < dirs; ++d)
                for (int64_t g = 0; g < gates; ++g)
                    sum[static_cast<std::size_t>(d * gates + g)] =
                        both[static_cast<std::size_t>(d * 2 * gates + g)] + both[static_cast<std::size_t>(d * 2 * gates + gates + g)];
            gemm.inputs.push_back(addConstant(graph, name + ".input_bias", Tensor::fromFloats({dirs * gates}, sum)));
        }
        gemm.outputs = {name + "/gates_rows"};
        declareFloatValue(graph, gemm.outputs[0], {rows, dirs * gates});

        Node recurrence = lstm;
        recurrence.name = name + "/recurrence";
        recurrence.inputs[kX] = name + "/gates";
        recurrence.inputs[kW].clear();
        if (recurrence.inputs.size() > kB)
            recurrence.inputs[kB].clear();

        std::vector<Node> replacement;
        replacement.push_back(reshapeNode(graph, name + "/rows", lstm.input(kX), name + "/rows_out", {rows, inputSize}));
        replacement.push_back(std::move(gemm));
        replacement.push_back(reshapeNode(graph, name + "/unrows", name + "/gates_rows", name + "/gates", {x->shape[0], x->shape[1], dirs * gates}));
        replacement.push_back(std::move(recurrence));
        i = replaceNode(graph, i, replacement);
        ++rewritten;
    }
    if (rewritten)
        graph.removeDeadCode();
    return rewritten;
}

} // namespace qs
