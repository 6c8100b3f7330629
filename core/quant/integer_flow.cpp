#include "core/quant/integer_flow.h"

#include "core/util/error.h"

#include <algorithm>

namespace qs {

OpQuantTraits quantTraitsOf(const Node& node)
{
    const Op* op = node.domain.empty() ? findOp(node.opType) : nullptr;
    return op ? op->quantTraits(node) : OpQuantTraits{};
}

std::string integerLayerBlocker(const Graph& g, const Node& node)
{
    const OpQuantTraits t = quantTraitsOf(node);
    if (!t.noIntegerKernel.empty())
        return t.noIntegerKernel;
    if (t.role != QuantRole::IntegerLayer || t.weightInputs.empty() || !node.hasInput(0))
        return node.opType + " has no int8 kernel";
    const auto w = static_cast<std::size_t>(t.weightInputs[0]);
    const Tensor* weights = node.hasInput(w) ? g.constant(node.input(w)) : nullptr;
    if (!weights)
        return "its weights are computed at run time";
    if (g.isConstant(node.input(0)))
        return "its input is a constant";
    if (t.biasInput >= 0 && node.hasInput(static_cast<std::size_t>(t.biasInput))) {
        const Tensor* bias = g.constant(node.input(static_cast<std::size_t>(t.biasInput)));
        if (!bias || bias->size() != outputChannelCount(weights->shape(), t))
            return "its bias is not a constant with one value per output channel";
    }
    return {};
}

bool isIntegerLayer(const Graph& g, const Node& node) { return integerLayerBlocker(g, node).empty(); }

const Node* soleReader(const Graph& g, const std::string& value)
{
    if (g.isGraphOutput(value))
        return nullptr;
    const auto readers = g.consumersOf(value);
    if (readers.size() != 1)
        return nullptr;
    const Node& reader = g.nodes[static_cast<std::size_t>(readers[0])];
    int uses = 0;
    for (const auto& in : reader.inputs)
        uses += in == value;
    return uses == 1 ? &reader : nullptr;
}

std::vector<std::string> FusedChain::fusedOpTypes() const
{
    std::vector<std::string> types;
    if (residualAdd)
        types.push_back(residualAdd->opType);
    for (const Node* a : activations)
        types.push_back(a->opType);
    return types;
}

namespace {

// The engine fuses an Add into the producer of one operand only when the other already exists, i.e. into
// the producer that runs second. The first one (ResNet's main branch when the downsample conv is exported
// after it) ends at its own output, which then needs its own quantization to be the residual.
std::string residualOperand(const Graph& g, const Node& layer, const Node& add)
{
    if (!quantTraitsOf(add).residualAdd || add.inputs.size() != 2)
        return {};
    const std::string& out = layer.outputs[0];
    const std::string& other = add.input(0) == out ? add.input(1) : add.input(0);
    if (other == out || g.isConstant(other))
        return {};
    const ValueInfo* a = g.info(out);
    const ValueInfo* b = g.info(other);
    if (!a || !b || !a->shapeKnown || !b->shapeKnown || a->shape != b->shape)
        return {};
    const long here = &layer - g.nodes.data();
    return g.producerOf(other) < here ? other : std::string();
}

void appendActivations(const Graph& g, FusedChain& chain, bool afterAdd)
{
    for (const Node* next = soleReader(g, chain.end); next; next = soleReader(g, chain.end)) {
        const OpQuantTraits t = quantTraitsOf(*next);
        if (!(afterAdd ? t.fusesAfterIntegerAdd : t.fusesAfterIntegerLayer))
            break;
        if (t.channelOperand >= 0 && !channelOperandOf(g, *next))
            break;
        chain.activations.push_back(next);
        chain.end = next->outputs[0];
    }
}

} // namespace

const Tensor* channelOperandOf(const Graph& g, const Node& activation)
{
    const OpQuantTraits t = quantTraitsOf(activation);
    const auto index = static_cast<std::size_t>(t.channelOperand);
    if (t.channelOperand < 0 || !activation.hasInput(index) || activation.outputs.empty())
        return nullptr;
    const Tensor* operand = g.constant(activation.input(index));
    const ValueInfo* out = g.info(activation.outputs[0]);
    if (!operand || operand->dtype() != DataType::Float32 || !out || !out->shapeKnown || out->shape.size() < 2)
        return nullptr;
    if (operand->size() == 1)
        return operand;
    // Right-aligned against the output (broadcasting), every dim but the channel axis must be 1.
    const Shape& o = out->shape;
    const Shape& v = operand->shape();
    if (v.size() > o.size() || operand->size() != o[1])
        return nullptr;
    const std::size_t lead = o.size() - v.size();
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i] != (lead + i == 1 ? o[1] : 1))
            return nullptr;
    return operand;
}

FusedChain integerLayerChain(const Graph& g, const Node& layer, bool fuse)
{
    FusedChain chain;
    chain.end = layer.outputs[0];
    if (!fuse)
        return chain;
    if (const Node* next = soleReader(g, chain.end)) {
        if (std::string other = residualOperand(g, layer, *next); !other.empty()) {
            chain.residualAdd = next;
            chain.residual = std::move(other);
            chain.end = next->outputs[0];
        }
    }
    appendActivations(g, chain, false);
    return chain;
}

FusedChain integerAddChain(const Graph& g, const Node& add, bool fuse)
{
    FusedChain chain;
    chain.end = add.outputs[0];
    if (fuse)
        appendActivations(g, chain, true);
    return chain;
}

namespace {

// The permutation between a weight layout and output-channel-major order. The layout is viewed as
// [groups, before / groups, channels, after] (before: the elements of the axes ahead of the channel axis); the
// output-channel-major order is [groups, channels, before / groups, after].
struct ChannelPermutation {
    bool identity = true; // the channels lead already (axis 0)
    int64_t groups = 1, before = 1, channels = 1, after = 1;
    Shape major; // the output-channel-major shape
    std::size_t majorIndex(int64_t layoutIndex) const
    {
        const int64_t a = layoutIndex % after;
        const int64_t c = layoutIndex / after % channels;
        const int64_t b = layoutIndex / (after * channels); // within [0, before)
        const int64_t perGroup = before / groups;
        return static_cast<std::size_t>((((b / perGroup) * channels + c) * perGroup + b % perGroup) * after + a);
    }
};

ChannelPermutation channelPermutation(const Shape& shape, const OpQuantTraits& t)
{
    const auto axis = static_cast<std::size_t>(t.weightOutputAxis);
    ChannelPermutation p;
    p.major = shape;
    if (axis == 0 || axis >= shape.size())
        return p;
    p.identity = false;
    p.groups = std::max<int64_t>(1, t.weightGroups);
    if (shape[0] % p.groups != 0)
        throw Error("weights " + toString(shape) + " do not split into " + std::to_string(p.groups) + " groups");
    for (std::size_t d = 0; d < axis; ++d)
        p.before *= shape[d];
    for (std::size_t d = axis + 1; d < shape.size(); ++d)
        p.after *= shape[d];
    p.channels = shape[axis];
    p.major = {p.groups * p.channels, shape[0] / p.groups};
    for (std::size_t d = 1; d < shape.size(); ++d)
        if (d != axis)
            p.major.push_back(shape[d]);
    return p;
}

} // namespace

int64_t outputChannelCount(const Shape& weights, const OpQuantTraits& t)
{
    const auto axis = static_cast<std::size_t>(t.weightOutputAxis);
    if (axis >= weights.size())
        return 0;
    return axis == 0 ? weights[0] : weights[axis] * std::max<int64_t>(1, t.weightGroups);
}

Tensor outputChannelMajor(const Tensor& weights, const OpQuantTraits& t)
{
    Tensor f = weights.cast(DataType::Float32);
    const ChannelPermutation p = channelPermutation(f.shape(), t);
    if (p.identity)
        return f;
    Tensor out(DataType::Float32, p.major);
    const float* src = f.data<float>();
    float* dst = out.data<float>();
    for (int64_t i = 0; i < f.size(); ++i)
        dst[p.majorIndex(i)] = src[i];
    return out;
}

Tensor weightsInLayout(const Tensor& major, const Shape& layout, const OpQuantTraits& t)
{
    const ChannelPermutation p = channelPermutation(layout, t);
    if (p.major != major.shape())
        throw Error("weights " + toString(major.shape()) + " are not the output-channel-major order of " + toString(layout));
    if (p.identity)
        return major;
    Tensor out(DataType::Float32, layout);
    const float* src = major.data<float>();
    float* dst = out.data<float>();
    for (int64_t i = 0; i < out.size(); ++i)
        dst[i] = src[p.majorIndex(i)];
    return out;
}

Tensor outputChannelMajorWeights(const Graph& g, const Node& layer)
{
    const OpQuantTraits t = quantTraitsOf(layer);
    const Tensor* w = !t.weightInputs.empty() && layer.hasInput(static_cast<std::size_t>(t.weightInputs[0]))
                          ? g.constant(layer.input(static_cast<std::size_t>(t.weightInputs[0])))
                          : nullptr;
    if (!w)
        throw Error("'" + layer.name + "' has no constant weights");
    return outputChannelMajor(*w, t);
}

bool takesIntegers(const Graph& g, const Node& reader, bool readerQuantized)
{
    const OpQuantTraits t = quantTraitsOf(reader);
    if (t.role == QuantRole::PassThrough || t.role == QuantRole::Requantizing)
        return true;
    return readerQuantized && isIntegerLayer(g, reader);
}

} // namespace qs
