#include "core/ptq/minmax_ptq.h"

#include "core/calibration/range_collector.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {

std::map<std::string, ValueRange> observeMinMax(const Graph& model, const Dataset& dataset, const std::vector<int64_t>& indices,
                                                int64_t batch, int threads)
{
    std::map<std::string, ValueRange> ranges;
    observeActivations(model, dataset, indices, batch, threads, [&](const std::string& value, const float* data, const Shape& shape) {
        const int64_t n = elementCount(shape);
        if (n <= 0)
            return;
        const auto [lo, hi] = std::minmax_element(data, data + n);
        auto [it, added] = ranges.try_emplace(value, ValueRange{*lo, *hi});
        if (!added) {
            it->second.min = std::min(it->second.min, *lo);
            it->second.max = std::max(it->second.max, *hi);
        }
    });
    return ranges;
}

std::shared_ptr<const QuantizationPlan> minMaxPlan(const Graph& model, const InputShapes& shapes,
                                                   const std::map<std::string, ValueRange>& ranges, const LayerQuantSettings& settings)
{
    EngineOptions plain;
    plain.useDnnl = false;
    const Graph prepared = CompiledModel::compile(model, shapes, plain)->graph();
    return std::make_shared<QuantizationPlan>(buildQuantizationPlan(
        prepared, [&](const Node&) { return std::optional<LayerQuantSettings>(settings); },
        [&](const std::string& value, const Node& layer, const LayerQuantSettings&) {
            auto it = ranges.find(value);
            if (it == ranges.end())
                throw Error("no calibration range for value '" + value + "'", {model.sourcePath, layer.label()});
            return it->second;
        }));
}

} // namespace qs
