#include "core/calibration/derived_statistics.h"

#include "core/quant/integer_flow.h"

namespace qs {

namespace {

bool sameNumbersAsInput(const Node& node, const Graph& g)
{
    if (!quantTraitsOf(node).view || !node.hasInput(0) || node.outputs.empty())
        return false;
    const ValueInfo* in = g.info(node.inputs[0]);
    const ValueInfo* out = g.info(node.outputs[0]);
    // Per-sample statistics (avg_min / avg_max) stay the same only if dim 0 is still the batch.
    return in && out && in->shapeKnown && out->shapeKnown && !in->shape.empty() && !out->shape.empty() && in->shape[0] == out->shape[0] &&
           in->shape[0] > 0 && elementCount(in->shape) == elementCount(out->shape) && elementCount(in->shape) > 0;
}

} // namespace

DerivedStatistics planDerivedStatistics(const Graph& prepared)
{
    std::set<std::string> read; // handed over by the running model (or the pass itself, for inputs)
    for (const auto& input : prepared.inputs)
        read.insert(input.name);
    DerivedStatistics plan;
    for (const Node& node : prepared.nodes) {
        if (node.outputs.empty() || node.outputs[0].empty())
            continue;
        const std::string& out = node.outputs[0];
        if (quantTraitsOf(node).reluOfInput && node.hasInput(0) && read.count(node.inputs[0]) && !plan.reluOf.count(node.inputs[0])) {
            plan.reluOf[node.inputs[0]] = out;
            plan.derived.insert(out);
        } else if (sameNumbersAsInput(node, prepared) && (read.count(node.inputs[0]) || plan.derived.count(node.inputs[0]))) {
            plan.copies.emplace_back(out, node.inputs[0]);
            plan.derived.insert(out);
        }
        for (const auto& value : node.outputs)
            if (!plan.derived.count(value))
                read.insert(value);
    }
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
