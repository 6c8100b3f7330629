#include "core/eval/fidelity.h"

#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/eval/model_feed.h"
#include "core/util/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace qs {

double OutputFidelity::sqnrDb() const
{
    if (elements == 0) // a detector that selected no box, or an output not compared: no number rather than +inf
        return std::numeric_limits<double>::quiet_NaN();
    if (noiseEnergy == 0.0)
        return std::numeric_limits<double>::infinity();
    if (signalEnergy == 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    return 10.0 * std::log10(signalEnergy / noiseEnergy);
}

double OutputFidelity::cosine() const
{
    if (elements == 0)
        return std::numeric_limits<double>::quiet_NaN();
    if (signalEnergy == 0.0 || testEnergy == 0.0)
        return signalEnergy == testEnergy ? 1.0 : 0.0;
    return dot / std::sqrt(signalEnergy * testEnergy);
}

double FidelityMetrics::worstSqnrDb() const
{
    double worst = std::numeric_limits<double>::quiet_NaN(); // no output with a number: none (not +inf)
    for (const OutputFidelity& o : outputs)
        if (!std::isnan(o.sqnrDb()))
            worst = std::isnan(worst) ? o.sqnrDb() : std::min(worst, o.sqnrDb());
    return worst;
}

void accumulateFidelity(OutputFidelity& out, std::span<const float> reference, std::span<const float> test)
{
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const double r = reference[i], t = test[i];
        if (!std::isfinite(r))
            continue; // FP32 itself overflowed: nothing to compare against
        if (!std::isfinite(t)) {
            ++out.nonFinite;
            out.maxAbsError = std::numeric_limits<double>::infinity();
            out.noiseEnergy = std::numeric_limits<double>::infinity();
            continue;
        }
        const double e = t - r;
        out.signalEnergy += r * r;
        out.noiseEnergy += e * e;
        out.testEnergy += t * t;
        out.dot += r * t;
        out.maxAbsError = std::max(out.maxAbsError, std::abs(e));
    }
    out.elements += static_cast<int64_t>(reference.size());
}

int64_t argmaxOf(const float* row, int64_t classes)
{
    int64_t best = 0;
    for (int64_t c = 1; c < classes; ++c)
        if (row[c] > row[best] || (std::isnan(row[best]) && !std::isnan(row[c])))
            best = c;
    return best;
}

FidelityMetrics measureFidelity(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& requested, int64_t batch,
                                const EngineOptions& reference, const EngineOptions& quantized, Progress* progress,
                                const FidelityCallback& onBatch)
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    if (batch <= 0)
        throw Error("batch size must be positive");
    const std::vector<int64_t> indices = requested.empty() ? firstIndices(dataset.size()) : requested;
    const int64_t total = static_cast<int64_t>(indices.size());
    const InputShapes shapes =
        model.runnableShapes(inputShapesFor(model.source(), dataset, std::max<int64_t>(1, std::min<int64_t>(batch, total))));
    Session fp32(model.compile(shapes, reference));
    Session test(model.compile(shapes, quantized));
    const Graph& graph = fp32.model().graph();
    const int64_t rowsPerRun = shapes.batch;
    ModelFeed feed(graph, dataset);

    FidelityMetrics metrics;
    metrics.batch = rowsPerRun;
    for (const ValueInfo& out : graph.outputs) {
        OutputFidelity o;
        o.name = out.name;
        if (out.dtype != DataType::Float32)
            o.notCompared = toString(out.dtype) + ": fidelity compares float outputs";
        o.dataDependent = elementCount(out.shape) < 0;
        metrics.outputs.push_back(std::move(o));
    }
    const Shape firstShape = graph.outputs.empty() ? Shape{} : graph.outputs[0].shape;
    metrics.classifier = graph.outputs.size() == 1 && metrics.outputs[0].notCompared.empty() && firstShape.size() == 2 && firstShape[0] == rowsPerRun;
    for (int64_t first = 0; first < total; first += rowsPerRun) {
        if (progress)
            progress->checkCancelled();
        const int64_t rows = std::min(rowsPerRun, total - first);
        feed.load(std::span<const int64_t>(indices.data() + first, static_cast<std::size_t>(rows)));
        fp32.run(feed.pointers());
        test.run(feed.pointers());
        for (std::size_t o = 0; o < fp32.outputCount(); ++o) {
            OutputFidelity& m = metrics.outputs[o];
            if (!m.notCompared.empty())
                continue;
            std::span<const float> r = fp32.output(o), t = test.output(o);
            if (m.dataDependent) { // rows of selected boxes: comparable only when both selected as many
                ++m.runs;
                if (fp32.outputShape(o) == test.outputShape(o))
                    accumulateFidelity(m, r, t);
                else
                    ++m.shapeMismatches;
                continue;
            }
            if (r.size() != t.size())
                throw Error("output '" + metrics.outputs[o].name + "' has " + std::to_string(t.size()) + " values quantized and " +
                                std::to_string(r.size()) + " in FP32",
                            {graph.sourcePath});
            // Batch-major outputs: only the real rows (the padding of a last partial batch is left out).
            const Shape& shape = graph.outputs[o].shape;
            if (!shape.empty() && shape[0] == rowsPerRun && rows < rowsPerRun) {
                const std::size_t keep = r.size() / static_cast<std::size_t>(rowsPerRun) * static_cast<std::size_t>(rows);
                r = r.first(keep);
                t = t.first(keep);
            }
            accumulateFidelity(m, r, t);
        }
        if (metrics.classifier) {
            const int64_t classes = firstShape[1];
            for (int64_t row = 0; row < rows; ++row)
                metrics.top1Agreements += argmaxOf(fp32.output(0).data() + row * classes, classes) ==
                                          argmaxOf(test.output(0).data() + row * classes, classes);
        }
        metrics.samples += rows;
        metrics.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (progress)
            progress->report(first + rows, total, "comparing with FP32");
        if (onBatch)
            onBatch(metrics, total);
    }
    return metrics;
}

} // namespace qs
