#include "core/quant/int8_coverage.h"

#include "core/ops/op.h"
#include "core/quant/integer_flow.h"

#include <algorithm>
#include <cstdio>

namespace qs {

std::vector<LayerCoverage> Int8Coverage::fp32Islands() const
{
    std::vector<LayerCoverage> islands;
    for (const LayerCoverage& l : layers)
        if (!l.int8)
            islands.push_back(l);
    std::stable_sort(islands.begin(), islands.end(), [](const LayerCoverage& a, const LayerCoverage& b) { return a.macs > b.macs; });
    return islands;
}

std::vector<int64_t> multiplyAccumulatesPerNode(const Graph& g)
{
    // Per sample: a graph prepared for a batch of N runs N samples' MACs at once.
    int64_t batch = 1;
    if (!g.inputs.empty() && !g.inputs[0].shape.empty() && g.inputs[0].shape[0] > 0)
        batch = g.inputs[0].shape[0];
    auto shapeOf = [&](const std::string& value) {
        const ValueInfo* info = value.empty() ? nullptr : g.info(value);
        return info ? info->shape : Shape{};
    };
    std::vector<int64_t> macs;
    macs.reserve(g.nodes.size());
    for (const Node& node : g.nodes) {
        const Op* op = findOp(node.opType);
        if (!op || node.outputs.empty()) {
            macs.push_back(0);
            continue;
        }
        std::vector<Shape> inputs;
        for (const std::string& in : node.inputs)
            inputs.push_back(shapeOf(in));
        macs.push_back(std::max<int64_t>(0, op->multiplyAccumulates(inputs, shapeOf(node.outputs[0])) / batch));
    }
    return macs;
}

Int8Coverage int8Coverage(const Graph& g, const QuantizationPlan* plan)
{
    Int8Coverage coverage;
    const std::vector<int64_t> macsPerNode = multiplyAccumulatesPerNode(g);
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        const Node& node = g.nodes[i];
        const int64_t macs = macsPerNode[i];
        if (macs <= 0)
            continue;
        LayerCoverage layer{node.name, node.opType, macs, plan && plan->layer(node.name) != nullptr, {}};
        if (!layer.int8) {
            layer.fp32Reason = integerLayerBlocker(g, node);
            if (layer.fp32Reason.empty())
                layer.fp32Reason = plan ? "kept FP32 by the configuration" : "the model is not quantized";
        }
        coverage.totalMacs += macs;
        if (layer.int8) {
            coverage.int8Macs += macs;
            ++coverage.int8Layers;
        }
        coverage.layers.push_back(std::move(layer));
    }
    return coverage;
}

std::string coverageSummary(const Int8Coverage& c)
{
    char text[160];
    const double macs = static_cast<double>(c.totalMacs);
    const char* unit = macs >= 1e9 ? "G" : macs >= 1e6 ? "M" : "k";
    const double scaled = macs / (macs >= 1e9 ? 1e9 : macs >= 1e6 ? 1e6 : 1e3);
    std::snprintf(text, sizeof text, "%.1f%% of %.3g %s MACs in int8 (%d of %zu layers)", 100.0 * c.int8Share(), scaled, unit, c.int8Layers,
                  c.layers.size());
    return text;
}

} // namespace qs
