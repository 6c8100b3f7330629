#include "core/quant/plan_builder.h"

#include "core/quant/integer_flow.h"

#include <functional>
#include <map>

namespace qs {

QuantizationPlan buildQuantizationPlan(const Graph& g, const LayerSettingsFn& settingsOf, const RangeFn& rangeOf)
{
    QuantizationPlan plan;
    std::map<std::string, LayerQuantSettings> quantized; // node name -> settings
    for (const Node& node : g.nodes) {
        if (!isIntegerLayer(g, node))
            continue;
        if (const auto s = settingsOf(node)) {
            quantized[node.name] = *s;
            const WeightQuant w = weightQuant(s->bitsWeights, s->modeWeights, s->perChannel);
            plan.layers[node.name] = w;
            if (w.asymmetric && w.bits >= 8)
                plan.notes[node.name] = "8-bit asymmetric weights run on the symmetric grid: oneDNN's s8 weights have no zero point";
        }
    }
    // Integers handed to a pass-through operator (a view, pooling, data movement) or a Concat are worth making only
    // when they reach readers that can take them; a detector head's output transposed into a graph output would
    // only be dequantized again, so it stays float, unrounded. Downstream of the direct readers this asks what
    // the readers can do, not whether this configuration quantizes them: whether a layer's output is rounded must
    // not depend on layers further down (the sensitivity sweep feeds its "all but this layer" probes from the base
    // configuration's values).
    std::map<std::string, bool> reachesIntegerReaders; // by capability, so the same for every configuration
    std::function<bool(const std::string&, bool)> readersTakeIntegers;
    auto handsOnTo = [&](const Node& reader) {
        const OpQuantTraits t = quantTraitsOf(reader);
        if (t.role != QuantRole::PassThrough && !(t.role == QuantRole::Requantizing && !t.residualAdd))
            return true; // an integer layer, or an Add fused as a residual: reads the integers themselves
        for (const std::string& out : reader.outputs)
            if (!out.empty() && !readersTakeIntegers(out, /*byCapability=*/true))
                return false;
        return true;
    };
    readersTakeIntegers = [&](const std::string& value, bool byCapability) {
        if (const auto known = reachesIntegerReaders.find(value); byCapability && known != reachesIntegerReaders.end())
            return known->second;
        const auto readers = g.consumersOf(value);
        bool all = !readers.empty() && !g.isGraphOutput(value);
        for (int r : readers) {
            const Node& reader = g.nodes[static_cast<std::size_t>(r)];
            all = all && takesIntegers(g, reader, byCapability || quantized.count(reader.name) != 0) && handsOnTo(reader);
        }
        if (byCapability)
            reachesIntegerReaders[value] = all;
        return all;
    };
    auto allReadersTakeIntegers = [&](const std::string& value) { return readersTakeIntegers(value, false); };
    for (const Node& node : g.nodes) {
        auto it = quantized.find(node.name);
        if (it == quantized.end())
            continue;
        const LayerQuantSettings& s = it->second;
        const std::string& input = node.input(0);
        if (!plan.activations.count(input))
            plan.activations[input] = activationQuant(rangeOf(input, node, s), s.bitsActivations, s.modeActivations);
        const std::string end = integerLayerChain(g, node).end;
        if (allReadersTakeIntegers(end) && !plan.activations.count(end))
            plan.activations[end] = activationQuant(rangeOf(end, node, s), s.bitsActivations, s.modeActivations);
    }
    // Pass-through operators keep the integers' meaning. A requantizing one (Concat of integer inputs, or an Add
    // of two that no convolution fused) gets its own quantization (the engine rescales each input to it) when
    // whoever reads it takes integers too; an Add's fused activations run on its result first.
    for (const Node& node : g.nodes) {
        const OpQuantTraits traits = quantTraitsOf(node);
        if (traits.role == QuantRole::PassThrough) {
            if (const ActivationQuant* q = node.hasInput(0) ? plan.activation(node.input(0)) : nullptr)
                for (const std::string& out : node.outputs) // Split: every part
                    if (!out.empty())
                        plan.activations[out] = *q;
            continue;
        }
        const bool add = traits.residualAdd && node.inputs.size() == 2;
        if (traits.role != QuantRole::Requantizing || plan.activations.count(node.outputs[0]))
            continue;
        bool integerInputs = true;
        for (const auto& in : node.inputs)
            integerInputs = integerInputs && (add ? !g.isConstant(in) && plan.activation(in) : g.isConstant(in) || plan.activation(in));
        const std::string end = add ? integerAddChain(g, node).end : node.outputs[0];
        const auto s = settingsOf(node);
        if (integerInputs && allReadersTakeIntegers(end) && s && !plan.activations.count(end))
            plan.activations[end] = activationQuant(rangeOf(end, node, *s), s->bitsActivations, s->modeActivations);
    }
    return plan;
}

} // namespace qs
