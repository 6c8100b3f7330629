#include "core/ptq/latency_probe.h"

#include "core/eval/evaluator.h"
#include "core/util/error.h"

#include <algorithm>
#include <chrono>
#include <span>
#include <string>
#include <vector>

namespace qs {

double measureLatencyMs(const PreparedModel& model, const Dataset& dataset, int64_t sample, const std::shared_ptr<const QuantizationPlan>& plan,
                        const LatencyProbeOptions& options, Progress* progress)
{
    using Clock = std::chrono::steady_clock;
    const std::string& file = model.source().sourcePath;
    if (sample < 0 || sample >= dataset.size())
        throw Error("latency probe: the dataset has " + std::to_string(dataset.size()) + " samples", {file, {}, 0, sample});
    if (options.minRuns < 1 || options.maxRuns < options.minRuns || options.warmupRuns < 0)
        throw Error("latency probe: needs at least one timed run (minRuns >= 1, maxRuns >= minRuns, warmupRuns >= 0)", {file});
    std::vector<double> ms;
    try {
        EngineOptions engine;
        engine.threads = options.threads;
        engine.quantization = plan;
        const auto compiled = model.compile(model.runnableShapes(inputShapesFor(model.source(), dataset, 1)), engine);
        Session session(compiled);
        ModelFeed feed(compiled->graph(), dataset);
        feed.load(std::span<const int64_t>(&sample, 1));
        for (int i = 0; i < options.warmupRuns; ++i)
            session.run(feed.pointers());
        const auto begin = Clock::now();
        while (static_cast<int>(ms.size()) < options.maxRuns &&
               (static_cast<int>(ms.size()) < options.minRuns || std::chrono::duration<double>(Clock::now() - begin).count() < options.minSeconds)) {
            if (progress)
                progress->checkCancelled();
            const auto t0 = Clock::now();
            session.run(feed.pointers());
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
    } catch (const Error& e) {
        ErrorContext where = e.context();
        if (where.file.empty())
            where.file = file;
        throw Error("latency probe (batch 1" + std::string(plan ? ", int8" : ", FP32") + "): " + e.message(), where);
    }
    const auto middle = ms.begin() + static_cast<std::ptrdiff_t>(ms.size() / 2);
    std::nth_element(ms.begin(), middle, ms.end());
    return *middle;
}

} // namespace qs
