#include "core/calibration/calibration.h"

#include "core/eval/evaluator.h"
#include "core/ops/op.h"
#include "core/calibration/derived_statistics.h"
#include "core/calibration/range_collector.h"
#include "core/transforms/prepare_graph.h"

#include <algorithm>
#include <set>

namespace qs {

const ActivationStats* Calibration::stats(const std::string& value) const
{
    auto it = values.find(value);
    return it == values.end() ? nullptr : &it->second;
}

Calibration calibrate(const Graph& model, const Dataset& dataset, const std::vector<int64_t>& indices, int64_t batch, int threads,
                      Progress* progress, int64_t histogramSamplesPerBatch, bool deriveStatistics)
{
    return calibrate(PreparedModel(std::make_shared<const Graph>(model)), dataset, indices, batch, threads, progress, histogramSamplesPerBatch,
                     deriveStatistics);
}

Calibration calibrate(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& indices, int64_t batch, int threads,
                      Progress* progress, int64_t histogramSamplesPerBatch, bool deriveStatistics)
{
    Calibration result;
    // The value names are those of the graph prepared for the batch (as the engine prepares it).
    const InputShapes shapes = model.runnableShapes(
        inputShapesFor(model.source(), dataset, std::max<int64_t>(1, std::min<int64_t>(batch, static_cast<int64_t>(indices.size())))));
    const int64_t rows = shapes.batch;
    result.prepared = *model.graph(shapes);
    const DerivedStatistics derived = deriveStatistics ? planDerivedStatistics(result.prepared) : DerivedStatistics{};
    auto statsOf = [&](const std::string& value) -> ActivationStats& {
        auto [it, inserted] = result.values.try_emplace(value);
        if (inserted)
            it->second.histogramSamplesPerBatch = histogramSamplesPerBatch;
        return it->second;
    };
    // Read neither the derived values nor the ones the observed graph adds (pooled values before a moved ReLU).
    auto observed = std::make_shared<const Graph>(graphForObservation(result.prepared, derived));
    std::set<std::string> skip = derived.derived, preparedValues;
    for (const Node& node : result.prepared.nodes)
        preparedValues.insert(node.outputs.begin(), node.outputs.end());
    for (const Node& node : observed->nodes)
        for (const auto& value : node.outputs)
            if (!preparedValues.count(value))
                skip.insert(value);
    observeActivations(
        observed, dataset, indices, rows, threads,
        [&](const std::string& value, const float* data, const Shape& shape) {
            auto relu = derived.reluOf.find(value);
            if (relu != derived.reluOf.end())
                statsOf(value).addWithRelu(data, shape, statsOf(relu->second));
            else
                statsOf(value).add(data, shape);
        },
        progress, skip);
    completeDerivedStatistics(derived, result.prepared, result.values);
    result.samples = static_cast<int64_t>(indices.size());
    return result;
}

std::vector<LayerStats> layerStats(const Graph& g)
{
    std::vector<LayerStats> layers;
    for (const Node& node : g.nodes) {
        const Op* op = findOp(node.opType);
        if (!op || !op->quantTraits(node).quantizable)
            continue;
        LayerStats l;
        l.layer = node.name;
        for (std::size_t i = 0; i < node.inputs.size(); ++i)
            if (!node.inputs[i].empty() && !g.isConstant(node.inputs[i]))
                l.inputs.emplace_back(static_cast<int>(i), node.inputs[i]);
        l.output = node.outputs.at(0);
        layers.push_back(std::move(l));
    }
    return layers;
}

std::string modulePath(const std::string& nodeName)
{
    if (nodeName.empty() || nodeName[0] != '/')
        return nodeName;
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= nodeName.size()) {
        const std::size_t slash = nodeName.find('/', start);
        parts.push_back(nodeName.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    if (parts.size() < 2)
        return nodeName;
    parts.pop_back(); // the operator ("Conv", "Gemm_1")
    // A container's child repeats the container's attribute name: "layer1/layer1.0", "downsample/downsample.0".
    std::string parent, last;
    for (const auto& part : parts) {
        if (!last.empty() && part.rfind(last + ".", 0) == 0) {
            last = part;
        } else {
            parent = parent.empty() ? last : (last.empty() ? parent : parent + "." + last);
            last = part;
        }
    }
    return parent.empty() ? last : parent + "." + last;
}

} // namespace qs
