#include "core/transforms/cleanup.h"

#include "core/ops/op.h"

#include <cmath>

namespace qs {

namespace {

OpPrepareTraits prepareTraitsOf(const Node& node)
{
    const Op* op = node.domain.empty() ? findOp(node.opType) : nullptr;
    return op ? op->prepareTraits(node) : OpPrepareTraits{};
}

} // namespace

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
