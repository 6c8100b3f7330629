#include "core/transforms/equalize_channels.h"

#include "core/ops/op.h"

#include <algorithm>
#include <cmath>

namespace qs {

namespace {

// A constant float32 input of `node` that no other node reads, or nullptr.
Tensor* ownedFloatConstant(Graph& graph, const Node& node, std::size_t input)
{
    if (!node.hasInput(input) || graph.consumersOf(node.input(input)).size() != 1 || graph.isGraphOutput(node.input(input)))
        return nullptr;
    auto it = graph.initializers.find(node.input(input));
    return it != graph.initializers.end() && it->second.dtype() == DataType::Float32 ? &it->second : nullptr;
}

struct ChannelPair {
    int producer = -1; // conv A
    int consumer = -1; // conv B
};

// The node that reads `value` alone, or -1.
int soleConsumer(const Graph& graph, const std::string& value)
{
    if (graph.isGraphOutput(value))
        return -1;
    const std::vector<int> readers = graph.consumersOf(value);
    return readers.size() == 1 ? readers[0] : -1;
}

std::vector<ChannelPair> equalizablePairs(Graph& graph)
{
    std::vector<ChannelPair> pairs;
    for (int a = 0; a < static_cast<int>(graph.nodes.size()); ++a) {
        const Node& conv = graph.nodes[a];
        if (!prepareTraitsOf(conv).absorbsChannelAffine || !prepareTraitsOf(conv).scalesByInputChannel || conv.outputs.empty())
            continue;
        std::string between = conv.outputs[0]; // the value B reads
        int next = soleConsumer(graph, between);
        while (next >= 0 && prepareTraitsOf(graph.nodes[next]).positivelyHomogeneous && !graph.nodes[next].outputs.empty() &&
               graph.nodes[next].input(0) == between) { // e.g. Relu then MaxPool
            between = graph.nodes[next].outputs[0];
            next = soleConsumer(graph, between);
        }
        if (next < 0 || !prepareTraitsOf(graph.nodes[next]).scalesByInputChannel || graph.nodes[next].input(0) != between)
            continue;
        const Node& b = graph.nodes[next];
        const Tensor* wa = ownedFloatConstant(graph, conv, 1);
        const Tensor* wb = ownedFloatConstant(graph, b, 1);
        if (!wa || !wb || wa->rank() < 2 || wb->rank() < 2 || (conv.hasInput(2) && !ownedFloatConstant(graph, conv, 2)))
            continue;
        const int64_t channels = wa->shape()[0];
        const int64_t groups = b.attributes.i("group", 1);
        if (groups < 1 || wb->shape()[0] % groups != 0 || wb->shape()[1] * groups != channels)
            continue;
        pairs.push_back({a, next});
    }
    return pairs;
}

// Equalizes one pair; returns the largest |log s_i|.
double equalizePair(Graph& graph, const ChannelPair& pair)
{
    const Node& a = graph.nodes[pair.producer];
    const Node& b = graph.nodes[pair.consumer];
    Tensor& wa = *ownedFloatConstant(graph, a, 1);
    Tensor* biasA = a.hasInput(2) ? ownedFloatConstant(graph, a, 2) : nullptr;
    Tensor& wb = *ownedFloatConstant(graph, b, 1);
    const int64_t channels = wa.shape()[0];
    const int64_t perChannelA = wa.size() / channels;
    const int64_t groups = b.attributes.i("group", 1);
    const int64_t outB = wb.shape()[0], inPerGroup = wb.shape()[1], outPerGroup = outB / groups;
    const int64_t kernel = wb.size() / (outB * inPerGroup);
    float* da = wa.data<float>();
    float* db = wb.data<float>();

    double largestStep = 0.0;
    for (int64_t c = 0; c < channels; ++c) {
        const int64_t group = c / inPerGroup, j = c % inPerGroup;
        float rangeA = 0.0f, rangeB = 0.0f;
        for (int64_t k = 0; k < perChannelA; ++k)
            rangeA = std::max(rangeA, std::fabs(da[c * perChannelA + k]));
        for (int64_t o = group * outPerGroup; o < (group + 1) * outPerGroup; ++o)
            for (int64_t k = 0; k < kernel; ++k)
                rangeB = std::max(rangeB, std::fabs(db[(o * inPerGroup + j) * kernel + k]));
        if (!(rangeA > 0.0f) || !(rangeB > 0.0f) || !std::isfinite(rangeA) || !std::isfinite(rangeB))
            continue; // a dead channel: nothing to balance
        const double scale = std::sqrt(static_cast<double>(rangeA) / rangeB);
        const float inverse = static_cast<float>(1.0 / scale);
        for (int64_t k = 0; k < perChannelA; ++k)
            da[c * perChannelA + k] *= inverse;
        if (biasA)
            biasA->data<float>()[c] *= inverse;
        for (int64_t o = group * outPerGroup; o < (group + 1) * outPerGroup; ++o)
            for (int64_t k = 0; k < kernel; ++k)
                db[(o * inPerGroup + j) * kernel + k] *= static_cast<float>(scale);
        largestStep = std::max(largestStep, std::fabs(std::log(scale)));
    }
    return largestStep;
}

} // namespace

EqualizationReport equalizeChannels(Graph& graph)
{
    EqualizationReport report;
    const std::vector<ChannelPair> pairs = equalizablePairs(graph);
    report.pairs = static_cast<int>(pairs.size());
    constexpr int kMaxSweeps = 20;
    while (!pairs.empty() && report.iterations < kMaxSweeps) {
        double largestStep = 0.0;
        for (const ChannelPair& pair : pairs)
            largestStep = std::max(largestStep, equalizePair(graph, pair));
        ++report.iterations;
        if (largestStep < 1e-4)
            break;
    }
    return report;
}

} // namespace qs
