#include "core/ptq/plan_builder.h"

#include "core/ops/op.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace qs {

std::string toString(QuantMode mode)
{
    switch (mode) {
    case QuantMode::Symmetric: return "sym";
    case QuantMode::AsymmetricUnsigned: return "asym_u";
    case QuantMode::AsymmetricSigned: return "asym_s";
    }
    return "?";
}

ActivationQuant activationQuant(ValueRange range, int bits, QuantMode mode)
{
    if (bits < 2 || bits > 8)
        throw Error("activation bits must be 2..8 for integer execution, got " + std::to_string(bits));
    float lo = std::min(range.min, 0.0f), hi = std::max(range.max, 0.0f);
    if (!(hi > lo)) // an all-zero tensor: any scale works
        hi = lo + 1.0f;
    ActivationQuant q;
    q.bits = bits;
    const float levels = static_cast<float>((1 << bits) - 1);
    if (mode == QuantMode::Symmetric) {
        if (lo >= 0.0f) {
            q.isSigned = false;
            q.scale = hi / levels;
            q.zeroPoint = 0;
        } else {
            q.isSigned = true;
            q.scale = std::max(-lo, hi) / static_cast<float>((1 << (bits - 1)) - 1);
            q.zeroPoint = 0;
        }
        return q;
    }
    q.isSigned = mode == QuantMode::AsymmetricSigned;
    q.scale = (hi - lo) / levels;
    const float zp = static_cast<float>(q.qmin()) - std::nearbyint(lo / q.scale);
    q.zeroPoint = static_cast<int32_t>(std::clamp(zp, static_cast<float>(q.qmin()), static_cast<float>(q.qmax())));
    return q;
}

namespace {

bool isIntegerLayer(const Node& node) { return node.opType == "Conv" || node.opType == "Gemm"; }
bool passesIntegers(const Node& node)
{
    return node.opType == "MaxPool" || node.opType == "AveragePool" || node.opType == "GlobalAveragePool" ||
           node.opType == "Flatten" || node.opType == "Reshape";
}

const Node* soleReader(const Graph& g, const std::string& value)
{
    if (g.isGraphOutput(value))
        return nullptr;
    const auto readers = g.consumersOf(value);
    return readers.size() == 1 ? &g.nodes[readers[0]] : nullptr;
}

// The engine fuses an Add into the producer of one of its inputs only when the other input already exists,
// i.e. into the producer that runs second. The first one (ResNet's main branch when the downsample conv is
// exported after it) ends at its own output, which then needs its own quantization to be the residual.
bool fusesAdd(const Graph& g, const Node& producer, const Node& add)
{
    const std::string& out = producer.outputs[0];
    const std::string& other = add.input(0) == out ? add.input(1) : add.input(0);
    const int otherProducer = g.producerOf(other);
    return otherProducer < static_cast<int>(&producer - g.nodes.data());
}

} // namespace

QuantizationPlan buildQuantizationPlan(const Graph& g, const LayerSettingsFn& settingsOf, const RangeFn& rangeOf)
{
    QuantizationPlan plan;
    std::map<std::string, LayerQuantSettings> quantized; // node name -> settings
    for (const Node& node : g.nodes) {
        if (!isIntegerLayer(node) || !g.isConstant(node.input(1)) || g.isConstant(node.input(0)))
            continue;
        if (const auto s = settingsOf(node)) {
            quantized[node.name] = *s;
            WeightQuant w;
            w.bits = s->bitsWeights;
            w.perChannel = s->perChannel;
            w.asymmetric = s->modeWeights != QuantMode::Symmetric;
            plan.layers[node.name] = w;
            if (w.asymmetric && w.bits >= 8)
                plan.notes[node.name] = "8-bit asymmetric weights run on the symmetric grid: oneDNN's s8 weights have no zero point";
        }
    }
    auto readerTakesIntegers = [&](const Node& reader) {
        return (isIntegerLayer(reader) && quantized.count(reader.name)) || passesIntegers(reader) || reader.opType == "Add" ||
               reader.opType == "Concat";
    };
    for (const Node& node : g.nodes) {
        auto it = quantized.find(node.name);
        if (it == quantized.end())
            continue;
        const LayerQuantSettings& s = it->second;
        const std::string& input = node.input(0);
        if (!plan.activations.count(input))
            plan.activations[input] = activationQuant(rangeOf(input, node, s), s.bitsActivations, s.modeActivations);
        // The end of the chain the engine fuses: [Add] then the activations fusesAfterIntegerLayer() names.
        std::string end = node.outputs[0];
        if (const Node* next = soleReader(g, end); next && next->opType == "Add" && fusesAdd(g, node, *next))
            end = next->outputs[0];
        for (const Node* next = soleReader(g, end); next && fusesAfterIntegerLayer(next->opType); next = soleReader(g, end))
            end = next->outputs[0];
        const auto readers = g.consumersOf(end);
        bool allInteger = !readers.empty() && !g.isGraphOutput(end);
        for (int r : readers)
            allInteger = allInteger && readerTakesIntegers(g.nodes[r]);
        if (allInteger && !plan.activations.count(end))
            plan.activations[end] = activationQuant(rangeOf(end, node, s), s.bitsActivations, s.modeActivations);
    }
    // Pooling and views keep the integers' meaning. A Concat of integer inputs, or an Add of two that no
    // convolution fused (both inputs already integers), gets its own quantization (the engine rescales each
    // input to it) when whoever reads it takes integers too; the activations fusesAfterIntegerAdd() names run on
    // its result first.
    for (const Node& node : g.nodes) {
        if (passesIntegers(node)) {
            if (const ActivationQuant* q = plan.activation(node.input(0)))
                plan.activations[node.outputs[0]] = *q;
            continue;
        }
        const bool add = node.opType == "Add" && node.inputs.size() == 2;
        if ((node.opType != "Concat" && !add) || plan.activations.count(node.outputs[0]))
            continue;
        bool integerInputs = true;
        for (const auto& in : node.inputs)
            integerInputs = integerInputs && (add ? !g.isConstant(in) && plan.activation(in) : g.isConstant(in) || plan.activation(in));
        std::string end = node.outputs[0];
        if (add)
            for (const Node* next = soleReader(g, end); next && fusesAfterIntegerAdd(next->opType); next = soleReader(g, end))
                end = next->outputs[0];
        const auto readers = g.consumersOf(end);
        bool integerReaders = !readers.empty() && !g.isGraphOutput(end);
        for (int r : readers)
            integerReaders = integerReaders && readerTakesIntegers(g.nodes[r]);
        const auto s = settingsOf(node);
        if (integerInputs && integerReaders && s && !plan.activations.count(end))
            plan.activations[end] = activationQuant(rangeOf(end, node, *s), s->bitsActivations, s->modeActivations);
    }
    return plan;
}

} // namespace qs
