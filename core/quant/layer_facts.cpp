#include "core/quant/layer_facts.h"

#include "core/quant/integer_flow.h"
#include "core/quant/plan_builder.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

namespace qs {

namespace {

// `weights` in output-channel-major order (outputChannelMajor()): channel c is the c-th block of elements.
void addWeightRanges(const Tensor& weights, LayerFacts& facts)
{
    const auto values = weights.floats();
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    facts.hasWeights = true;
    facts.weightMin = *lo;
    facts.weightMax = *hi;
    if (weights.shape().size() < 2)
        return;
    const int64_t channels = weights.shape()[0];
    const int64_t per = weights.size() / channels;
    facts.channelMin.assign(static_cast<std::size_t>(channels), std::numeric_limits<float>::max());
    facts.channelMax.assign(static_cast<std::size_t>(channels), std::numeric_limits<float>::lowest());
    for (int64_t k = 0; k < weights.size(); ++k) {
        const auto c = static_cast<std::size_t>(k / per);
        const float v = values[static_cast<std::size_t>(k)];
        facts.channelMin[c] = std::min(facts.channelMin[c], v);
        facts.channelMax[c] = std::max(facts.channelMax[c], v);
    }
}

} // namespace

std::vector<LayerFacts> layerFacts(const Graph& g, const QuantizedLayerFn& quantized)
{
    // Which values a plan quantizes, and who decides each one's grid: ranges do not matter for that.
    std::map<std::string, std::string> owner; // value -> node whose settings quantize it
    const QuantizationPlan plan = buildQuantizationPlan(
        g, [&](const Node& n) { return !quantized || quantized(n) ? std::optional<LayerQuantSettings>(LayerQuantSettings{}) : std::nullopt; },
        [&](const std::string& value, const Node& layer, const LayerQuantSettings&) {
            owner.try_emplace(value, layer.name);
            return ValueRange{0.0f, 1.0f};
        });
    std::vector<LayerFacts> layers;
    for (const Node& node : g.nodes) {
        const OpQuantTraits traits = quantTraitsOf(node);
        if (traits.role != QuantRole::IntegerLayer || node.outputs.empty())
            continue;
        LayerFacts f;
        f.node = node.name;
        f.opType = node.opType;
        f.nodeOutput = node.outputs[0];
        f.input = node.hasInput(0) ? node.input(0) : std::string();
        f.fp32Reason = integerLayerBlocker(g, node);
        for (std::size_t i = 0; i < node.inputs.size(); ++i) {
            const Tensor* t = node.hasInput(i) ? g.constant(node.input(i)) : nullptr;
            const bool isWeight = std::find(traits.weightInputs.begin(), traits.weightInputs.end(), static_cast<int>(i)) != traits.weightInputs.end();
            if (!t || (!isWeight && static_cast<int>(i) != traits.biasInput))
                continue;
            f.parameters += t->size();
            if (isWeight && !f.hasWeights && t->dtype() == DataType::Float32 && t->size() > 0)
                addWeightRanges(outputChannelMajor(*t, traits), f);
        }
        const FusedChain chain = f.fp32Reason.empty() ? integerLayerChain(g, node) : FusedChain{nullptr, {}, {}, node.outputs[0]};
        f.output = chain.end;
        f.fused = chain.fusedOpTypes();
        f.outputQuantized = plan.activation(f.output) != nullptr;
        // Pass-through operators hand their input's integers on: the grid was set where those came from.
        f.inputSource = f.input;
        for (int p = g.producerOf(f.inputSource); p >= 0; p = g.producerOf(f.inputSource)) {
            const Node& producer = g.nodes[static_cast<std::size_t>(p)];
            if (quantTraitsOf(producer).role != QuantRole::PassThrough || !producer.hasInput(0) || !plan.activation(producer.input(0)))
                break;
            f.inputSource = producer.input(0);
        }
        if (const auto it = owner.find(f.inputSource); it != owner.end())
            f.inputOwner = it->second;
        layers.push_back(std::move(f));
    }
    return layers;
}

} // namespace qs
