#include "core/eval/evaluator.h"

#include "core/data/subset.h"
#include "core/util/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace qs {

namespace {

// How many classes rank ahead of the label; nullopt for a row that cannot be scored — a NaN logit anywhere,
// or a label logit that is not finite (what infinite quantization scales produce). Such a row is a wrong
// prediction: a NaN compares false with everything, so counting "greater" alone would score it as a hit.
std::optional<int64_t> classesAheadOfLabel(const float* row, int64_t classes, int label)
{
    const float target = row[label];
    if (!std::isfinite(target))
        return std::nullopt;
    int64_t ahead = 0;
    for (int64_t c = 0; c < classes; ++c) {
        if (std::isnan(row[c]))
            return std::nullopt;
        // Ties count against the sample (as PyTorch's topk with a stable order would put the label first
        // only when its index is lower): count strictly greater, plus equal ones with a lower index.
        ahead += row[c] > target || (row[c] == target && c < label);
    }
    return ahead;
}

} // namespace

void accumulateLogits(EvalMetrics& metrics, const float* logits, int64_t rows, int64_t classes, std::span<const int> labels)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* row = logits + r * classes;
        const int label = labels[static_cast<std::size_t>(r)];
        if (label < 0 || label >= classes)
            throw Error("label " + std::to_string(label) + " is outside the model's " + std::to_string(classes) + " outputs");
        const float target = row[label];
        const std::optional<int64_t> ahead = classesAheadOfLabel(row, classes, label);
        metrics.correctTop1 += ahead && *ahead == 0;
        metrics.correctTop5 += ahead && *ahead < 5;
        // A broken row's cross-entropy comes out NaN or infinite, which is what the mean should then show.
        const float mx = *std::max_element(row, row + classes);
        double sum = 0.0;
        for (int64_t c = 0; c < classes; ++c)
            sum += std::exp(static_cast<double>(row[c]) - mx);
        metrics.crossEntropySum += std::log(sum) - (static_cast<double>(target) - mx);
        ++metrics.samples;
    }
}

EvalMetrics evaluate(std::shared_ptr<const CompiledModel> compiled, const Dataset& dataset, const std::vector<int64_t>& requested,
                     Progress* progress, const EvalCallback& onBatch)
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const Graph& graph = compiled->graph();
    ModelFeed feed(graph, dataset);
    const int64_t batch = feed.batch();
    const Shape& outShape = graph.outputs.at(0).shape;
    if (outShape.size() != 2 || outShape[0] != batch)
        throw Error("the first output is " + toString(outShape) + "; classification needs [batch, classes]", {graph.sourcePath});
    const int64_t classes = outShape[1];
    const std::vector<int64_t> indices = requested.empty() ? firstIndices(dataset.size()) : requested;

    Session session(compiled);
    std::vector<int> labels;
    EvalMetrics metrics;
    metrics.batch = batch;
    const int64_t total = static_cast<int64_t>(indices.size());
    for (int64_t first = 0; first < total; first += batch) {
        if (progress)
            progress->checkCancelled();
        const int64_t rows = std::min(batch, total - first);
        const std::span<const int64_t> chunk(indices.data() + first, static_cast<std::size_t>(rows));
        feed.load(chunk); // a last, partial batch is padded; padded rows are ignored
        labels.clear();
        for (int64_t index : chunk)
            labels.push_back(dataset.label(index));
        const auto inferStart = Clock::now();
        session.run(feed.pointers());
        metrics.inferSeconds += std::chrono::duration<double>(Clock::now() - inferStart).count();
        accumulateLogits(metrics, session.output(0).data(), rows, classes, labels);
        metrics.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (progress)
            progress->report(first + rows, total, "evaluating");
        if (onBatch)
            onBatch(metrics, total);
    }
    metrics.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return metrics;
}

EvalMetrics evaluate(const Graph& model, const Dataset& dataset, const EvalOptions& options, Progress* progress,
                     const EvalCallback& onBatch)
{
    if (options.batch <= 0)
        throw Error("batch size must be positive");
    const int64_t samples = options.indices.empty() ? dataset.size() : static_cast<int64_t>(options.indices.size());
    const int64_t batch = std::max<int64_t>(1, std::min(options.batch, samples));
    auto compiled = CompiledModel::compile(model, inputShapesFor(model, dataset, batch), options.engine);
    return evaluate(compiled, dataset, options.indices, progress, onBatch);
}

EvalMetrics evaluate(const PreparedModel& model, const Dataset& dataset, const EvalOptions& options, Progress* progress,
                     const EvalCallback& onBatch)
{
    if (options.batch <= 0)
        throw Error("batch size must be positive");
    const int64_t samples = options.indices.empty() ? dataset.size() : static_cast<int64_t>(options.indices.size());
    const int64_t batch = std::max<int64_t>(1, std::min(options.batch, samples));
    auto compiled = model.compile(model.runnableShapes(inputShapesFor(model.source(), dataset, batch)), options.engine);
    return evaluate(compiled, dataset, options.indices, progress, onBatch);
}

} // namespace qs
