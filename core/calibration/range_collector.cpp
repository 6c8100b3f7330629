#include "core/calibration/range_collector.h"

#include "core/eval/model_feed.h"
#include "core/transforms/prepare_graph.h"

#include <algorithm>

namespace qs {

Graph observeActivations(const Graph& model, const Dataset& dataset, const std::vector<int64_t>& indices, int64_t batch, int threads,
                         const ActivationObserver& observer, Progress* progress, const std::set<std::string>& skip)
{
    batch = std::max<int64_t>(1, std::min<int64_t>(batch, static_cast<int64_t>(indices.size())));
    auto prepared = std::make_shared<const Graph>(prepareGraph(model, {inputShapesFor(model, dataset, batch)}));
    return observeActivations(std::move(prepared), dataset, indices, batch, threads, observer, progress, skip);
}

Graph observeActivations(std::shared_ptr<const Graph> prepared, const Dataset& dataset, const std::vector<int64_t>& indices, int64_t batch,
                         int threads, const ActivationObserver& observer, Progress* progress, const std::set<std::string>& skip)
{
    batch = std::max<int64_t>(1, std::min<int64_t>(batch, static_cast<int64_t>(indices.size())));
    EngineOptions options;
    options.threads = threads;
    options.fusePostOps = false;
    auto compiled = CompiledModel::compilePrepared(std::move(prepared), options);
    Session session(compiled);
    ModelFeed feed(compiled->graph(), dataset);
    std::vector<std::string> values = compiled->observableValues();
    std::erase_if(values, [&](const std::string& value) { return skip.count(value) != 0; });
    int64_t rows = 0;
    // Padded rows of the last batch must not be observed: hand the observer only the real rows.
    session.setTaps(values, [&](const std::string& value, const float* data, const Shape& shape) {
        Shape real = shape;
        if (!real.empty() && real[0] == batch)
            real[0] = rows;
        observer(value, data, real);
    });
    const int64_t total = static_cast<int64_t>(indices.size());
    for (int64_t first = 0; first < total; first += batch) {
        if (progress)
            progress->checkCancelled();
        rows = std::min(batch, total - first);
        feed.load(std::span<const int64_t>(indices.data() + first, static_cast<std::size_t>(rows)));
        // The graph inputs are not produced by a node: observe each directly (all are float: the feed checks).
        for (std::size_t i = 0; i < feed.inputCount(); ++i) {
            Shape real = feed.input(i).shape;
            real[0] = rows;
            observer(feed.input(i).name, feed.data(i).data(), real);
        }
        session.run(feed.pointers());
        if (progress)
            progress->report(first + rows, total, "calibrating");
    }
    return compiled->graph();
}

} // namespace qs
