#include "core/calibration/derived_statistics.h"

#include "core/quant/integer_flow.h"

namespace qs {

namespace {

// A view's input and output as known shapes with the same element count, or false.
bool viewShapes(const Node& node, const Graph& g, Shape& in, Shape& out)
{
    if (!quantTraitsOf(node).view || !node.hasInput(0) || node.outputs.empty())
        return false;
    const ValueInfo* i = g.info(node.inputs[0]);
    const ValueInfo* o = g.info(node.outputs[0]);
    if (!i || !o || !i->shapeKnown || !o->shapeKnown || i->shape.empty() || o->shape.empty() || i->shape[0] <= 0 || o->shape[0] <= 0 ||
        elementCount(i->shape) != elementCount(o->shape) || elementCount(i->shape) <= 0)
        return false;
    in = i->shape;
    out = o->shape;
    return true;
}

// Per-sample statistics (avg_min / avg_max) stay the same only if each sample's numbers stay together at the
// front: dim 0 is still the batch, or the batch folded into rows ([B, T, K] -> [B*T, K], row-major, as a MatMul
// run as Gemm reads its input: core/transforms/matmul_as_gemm.h).
bool sameNumbersAsInput(const Node& node, const Graph& g)
{
    Shape in, out;
    return viewShapes(node, g, in, out) && out[0] % in[0] == 0;
}

// The view that unfolds rows back into the batch ([B*T, N] -> [B, T, N]) holds its input's numbers with dim 0 the
// batch again: the input's statistics are read there, where the padded rows of a last batch can be told apart.
bool unfoldsBatch(const Node& node, const Graph& g)
{
    Shape in, out;
    return viewShapes(node, g, in, out) && in[0] > out[0] && in[0] % out[0] == 0;
}

bool isUnfolded(const std::vector<std::pair<std::string, std::string>>& unfolded, const std::string& value)
{
    for (const auto& [rows, view] : unfolded)
        if (rows == value)
            return true;
    return false;
}

} // namespace

DerivedStatistics planDerivedStatistics(const Graph& prepared)
{
    std::set<std::string> read; // handed over by the running model (or the pass itself, for inputs)
    for (const auto& input : prepared.inputs)
        read.insert(input.name);
    DerivedStatistics plan;
    std::vector<std::pair<std::string, std::string>> unfolded; // (rows value, its unfolded view)
    for (const Node& node : prepared.nodes)
        if (unfoldsBatch(node, prepared) && prepared.producerOf(node.inputs[0]) >= 0 && !plan.derived.count(node.inputs[0])) {
            unfolded.emplace_back(node.inputs[0], node.outputs[0]);
            plan.derived.insert(node.inputs[0]);
        }
    for (const Node& node : prepared.nodes) {
        if (node.outputs.empty() || node.outputs[0].empty())
            continue;
        const std::string& out = node.outputs[0];
        if (quantTraitsOf(node).reluOfInput && node.hasInput(0) && read.count(node.inputs[0]) && !plan.reluOf.count(node.inputs[0])) {
            plan.reluOf[node.inputs[0]] = out;
            plan.derived.insert(out);
        } else if (sameNumbersAsInput(node, prepared) && !unfoldsBatch(node, prepared) &&
                   (read.count(node.inputs[0]) || (plan.derived.count(node.inputs[0]) && !isUnfolded(unfolded, node.inputs[0])))) {
            plan.copies.emplace_back(out, node.inputs[0]);
            plan.derived.insert(out);
        }
        for (const auto& value : node.outputs)
            if (!plan.derived.count(value))
                read.insert(value);
    }
    // After every forward copy: an unfolded view may itself be a copy of something read.
    for (const auto& [rows, view] : unfolded)
        plan.copies.emplace_back(rows, view);
    return plan;
}

Graph graphForObservation(const Graph& prepared, const DerivedStatistics& plan)
{
    Graph g = prepared;
    for (const auto& [input, reluOutput] : plan.reluOf) {
        const int relu = g.producerOf(reluOutput);
        const std::vector<int> readers = g.consumersOf(reluOutput);
        if (relu < 0 || readers.size() != 1 || g.isGraphOutput(reluOutput))
            continue;
        Node& pool = g.nodes[static_cast<std::size_t>(readers[0])];
        const bool onlyPooledOutput = pool.outputs.size() == 1 || (pool.outputs.size() == 2 && pool.outputs[1].empty());
        if (!quantTraitsOf(pool).commutesWithRelu || !onlyPooledOutput || pool.inputs.size() != 1)
            continue;
        const std::string pooledOutput = pool.outputs[0];
        const std::string pooledInput = pooledOutput + "/before_relu";
        Node& reluNode = g.nodes[static_cast<std::size_t>(relu)];
        pool.inputs[0] = input;
        pool.outputs[0] = pooledInput;
        reluNode.inputs[0] = pooledInput;
        reluNode.outputs[0] = pooledOutput;
        if (const ValueInfo* info = g.info(pooledOutput)) {
            ValueInfo pooled = *info;
            pooled.name = pooledInput;
            g.values[pooledInput] = pooled;
        }
        g.values.erase(reluOutput);
    }
    g.sortTopologically();
    return g;
}

void completeDerivedStatistics(const DerivedStatistics& plan, const Graph& prepared, std::map<std::string, ActivationStats>& values)
{
    for (const auto& [value, source] : plan.copies) {
        auto it = values.find(source);
        if (it == values.end())
            continue;
        ActivationStats copy = it->second;
        const ValueInfo* info = prepared.info(value);
        if (info && !copy.shape.empty()) {
            const int64_t batch = copy.shape[0];
            copy.shape = info->shape;
            copy.shape[0] = batch;
        }
        values.insert_or_assign(value, std::move(copy));
    }
}

} // namespace qs
