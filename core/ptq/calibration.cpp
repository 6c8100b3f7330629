#include "core/ptq/calibration.h"

#include "core/ops/op.h"
#include "core/ptq/derived_statistics.h"
#include "core/ptq/range_collector.h"
#include "core/transforms/prepare_graph.h"
#include "core/eval/evaluator.h"

#include <algorithm>
#include <iterator>
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
    Calibration result;
    // The value names are those of the graph prepared for the batch (as the engine prepares it).
    const int64_t rows = std::max<int64_t>(1, std::min<int64_t>(batch, static_cast<int64_t>(indices.size())));
    result.prepared = prepareGraph(model, {inputShapesFor(model, dataset, rows)});
    DerivedStatistics derived;
    std::set<std::string> read;
    if (deriveStatistics) {
        std::vector<std::string> values;
        for (const Node& node : result.prepared.nodes)
            for (const auto& value : node.outputs)
                if (!value.empty())
                    values.push_back(value);
        derived = planDerivedStatistics(result.prepared, values);
        read.insert(derived.observed.begin(), derived.observed.end());
    }
    auto statsOf = [&](const std::string& value) -> ActivationStats& {
        auto [it, inserted] = result.values.try_emplace(value);
        if (inserted)
            it->second.histogramSamplesPerBatch = histogramSamplesPerBatch;
        return it->second;
    };
    observeActivations(
        deriveStatistics ? graphForObservation(result.prepared, derived) : result.prepared, dataset, indices, rows, threads,
        [&](const std::string& value, const float* data, const Shape& shape) {
            auto relu = derived.reluOf.find(value);
            if (relu != derived.reluOf.end())
                statsOf(value).addWithRelu(data, shape, statsOf(relu->second));
            else
                statsOf(value).add(data, shape);
        },
        progress,
        [&](const Graph&, const std::vector<std::string>& observable) {
            if (!deriveStatistics)
                return observable;
            std::vector<std::string> values;
            std::copy_if(observable.begin(), observable.end(), std::back_inserter(values), [&](const std::string& v) { return read.count(v) != 0; });
            return values;
        });
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
