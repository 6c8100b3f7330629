#include "core/transforms/cleanup.h"

#include "core/ops/op.h"

#include <cmath>
#include <optional>
#include <vector>

namespace qs {

int removePassThroughNodes(Graph& graph)
{
    int removed = 0;
    for (std::size_t i = 0; i < graph.nodes.size();) {
        Node& node = graph.nodes[i];
        bool passThrough = prepareTraitsOf(node).identityAtInference;
        for (std::size_t k = 1; k < node.outputs.size(); ++k) // e.g. Dropout's mask, when someone reads it
            passThrough = passThrough && (node.outputs[k].empty() || graph.consumersOf(node.outputs[k]).empty());
        if (!passThrough || !node.hasInput(0) || graph.isGraphOutput(node.input(0)) || graph.isGraphOutput(node.outputs[0])) {
            ++i;
            continue;
        }
        const std::string from = node.outputs[0], to = node.input(0);
        graph.nodes.erase(graph.nodes.begin() + static_cast<long>(i));
        graph.replaceAllUses(from, to);
        ++removed;
    }
    return removed;
}

int foldBatchNorm(Graph& graph)
{
    int folded = 0;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        Node& bn = graph.nodes[i];
        if (!prepareTraitsOf(bn).channelNormalization)
            continue;
        const int producer = graph.producerOf(bn.input(0));
        if (producer < 0)
            continue;
        Node& conv = graph.nodes[producer];
        if (!prepareTraitsOf(conv).absorbsChannelAffine || graph.consumersOf(conv.outputs[0]).size() != 1 ||
            graph.isGraphOutput(conv.outputs[0]) || !conv.hasInput(1))
            continue;
        const Tensor* w = graph.constant(conv.input(1));
        if (!w || w->dtype() != DataType::Float32)
            continue;
        const Tensor *scale = graph.constant(bn.input(1)), *shift = graph.constant(bn.input(2));
        const Tensor *mean = graph.constant(bn.input(3)), *var = graph.constant(bn.input(4));
        if (!scale || !shift || !mean || !var)
            continue;
        const int64_t channels = w->shape()[0];
        if (scale->size() != channels)
            continue;
        const Tensor* b = conv.hasInput(2) ? graph.constant(conv.input(2)) : nullptr;
        if (conv.hasInput(2) && (!b || b->size() != channels))
            continue;
        const float eps = bn.attributes.f("epsilon", 1e-5f);
        Tensor newW = *w;
        Tensor newB(DataType::Float32, {channels});
        const int64_t perChannel = w->size() / channels;
        for (int64_t c = 0; c < channels; ++c) {
            const float k = scale->data<float>()[c] / std::sqrt(var->data<float>()[c] + eps);
            for (int64_t j = 0; j < perChannel; ++j)
                newW.data<float>()[c * perChannel + j] *= k;
            const float oldBias = b ? b->data<float>()[c] : 0.0f;
            newB.data<float>()[c] = (oldBias - mean->data<float>()[c]) * k + shift->data<float>()[c];
        }
        const std::string wName = conv.name + ".weight_bn_folded", bName = conv.name + ".bias_bn_folded";
        graph.initializers[wName] = std::move(newW);
        graph.initializers[bName] = std::move(newB);
        graph.values[wName] = ValueInfo{wName, DataType::Float32, graph.initializers[wName].shape(), {}, true};
        graph.values[bName] = ValueInfo{bName, DataType::Float32, {channels}, {}, true};
        conv.inputs.resize(3);
        conv.inputs[1] = wName;
        conv.inputs[2] = bName;
        // The conv now produces what the BN produced.
        const std::string convOut = conv.outputs[0], bnOut = bn.outputs[0];
        conv.outputs[0] = bnOut;
        graph.values[bnOut].name = bnOut;
        graph.nodes.erase(graph.nodes.begin() + static_cast<long>(i));
        graph.values.erase(convOut);
        --i;
        ++folded;
    }
    if (folded)
        graph.removeDeadCode();
    return folded;
}

} // namespace qs

namespace qs {

namespace {

// The per-channel values of a constant that broadcasts along axis 1 of a rank-`rank` output with `channels`
// channels (every other dim 1, or a single value), or nothing.
std::optional<std::vector<float>> channelShift(const Tensor& c, std::size_t rank, int64_t channels)
{
    if (c.dtype() != DataType::Float32 || c.rank() > static_cast<int64_t>(rank))
        return std::nullopt;
    const std::vector<float> values = c.toFloat();
    if (values.size() == 1)
        return std::vector<float>(static_cast<std::size_t>(channels), values[0]);
    // Right-aligned broadcasting: the constant's dim k sits at output axis rank - c.rank() + k.
    const std::size_t offset = rank - static_cast<std::size_t>(c.rank());
    for (std::size_t k = 0; k < static_cast<std::size_t>(c.rank()); ++k) {
        const bool channelAxis = offset + k == 1;
        if (c.shape()[k] != (channelAxis ? channels : 1))
            return std::nullopt;
    }
    return values;
}

} // namespace

int foldChannelBiasAdd(Graph& graph)
{
    int folded = 0;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const Node& add = graph.nodes[i];
        if (!prepareTraitsOf(add).sumsInputs || add.inputs.size() != 2)
            continue;
        for (int side = 0; side < 2; ++side) {
            const std::string& produced = add.inputs[static_cast<std::size_t>(side)];
            const Tensor* constant = graph.constant(add.inputs[static_cast<std::size_t>(1 - side)]);
            const int producer = graph.producerOf(produced);
            if (!constant || producer < 0)
                continue;
            Node& conv = graph.nodes[static_cast<std::size_t>(producer)];
            const ValueInfo* out = graph.info(produced);
            if (!prepareTraitsOf(conv).absorbsChannelShift || graph.consumersOf(produced).size() != 1 || graph.isGraphOutput(produced) ||
                !out || !out->shapeKnown || out->shape.size() < 2 || out->shape[1] <= 0 || !graph.isConstant(conv.input(1)))
                continue;
            const ValueInfo* sum = graph.info(add.outputs[0]);
            if (!sum || !sum->shapeKnown || sum->shape != out->shape) // the constant must not widen the output
                continue;
            const int64_t channels = out->shape[1];
            const auto shift = channelShift(*constant, out->shape.size(), channels);
            const Tensor* oldBias = conv.hasInput(2) ? graph.constant(conv.input(2)) : nullptr;
            if (!shift || (conv.hasInput(2) && (!oldBias || oldBias->size() != channels || oldBias->dtype() != DataType::Float32)))
                continue;
            Tensor bias(DataType::Float32, {channels});
            for (int64_t c = 0; c < channels; ++c)
                bias.data<float>()[c] = (oldBias ? oldBias->data<float>()[c] : 0.0f) + (*shift)[static_cast<std::size_t>(c)];
            const std::string biasName = conv.name + ".bias_add_folded";
            graph.initializers[biasName] = std::move(bias);
            graph.values[biasName] = ValueInfo{biasName, DataType::Float32, {channels}, {}, true};
            conv.inputs.resize(3);
            conv.inputs[2] = biasName;
            // The conv now produces what the Add produced.
            conv.outputs[0] = add.outputs[0];
            graph.values.erase(produced);
            graph.nodes.erase(graph.nodes.begin() + static_cast<long>(i));
            --i;
            ++folded;
            break;
        }
    }
    if (folded)
        graph.removeDeadCode();
    return folded;
}

} // namespace qs
