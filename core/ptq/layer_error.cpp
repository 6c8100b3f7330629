#include "core/ptq/layer_error.h"

#include "core/eval/evaluator.h"
#include "core/eval/fidelity.h"
#include "core/eval/model_feed.h"
#include "core/data/subset.h"
#include "core/quant/integer_flow.h"
#include "core/quant/layer_facts.h"
#include "core/ranges/predicted_error.h"
#include "core/util/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace qs {

namespace {

using TapData = std::map<std::string, std::vector<float>>;

// Runs `compiled` over the samples in batches, calling `onBatch(first, rows, taps)` with the tapped values.
template <typename OnBatch>
void runTapped(std::shared_ptr<const CompiledModel> compiled, const Dataset& dataset, const std::vector<int64_t>& indices,
               const std::vector<std::string>& values, OnBatch onBatch)
{
    Session session(compiled);
    TapData taps;
    session.setTaps(values, [&](const std::string& value, const float* data, const Shape& shape) {
        taps[value].assign(data, data + elementCount(shape));
    }, /*rowMajor=*/true);
    ModelFeed feed(compiled->graph(), dataset);
    const int64_t batch = feed.batch();
    const auto total = static_cast<int64_t>(indices.size());
    for (int64_t first = 0; first < total; first += batch) {
        const int64_t rows = std::min(batch, total - first);
        feed.load(std::span<const int64_t>(indices.data() + first, static_cast<std::size_t>(rows)));
        taps.clear();
        session.run(feed.pointers());
        onBatch(first, rows, taps);
    }
}

// The batch-major part of a tapped value that belongs to real rows.
std::span<const float> realRows(const std::vector<float>& data, int64_t rows, int64_t batch)
{
    return std::span<const float>(data).first(data.size() / static_cast<std::size_t>(batch) * static_cast<std::size_t>(rows));
}

} // namespace

double spearmanRank(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size() || a.size() < 3)
        return std::numeric_limits<double>::quiet_NaN();
    auto ranks = [](const std::vector<double>& v) {
        std::vector<std::size_t> order(v.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return v[i] < v[j]; });
        std::vector<double> r(v.size());
        for (std::size_t i = 0; i < order.size();) {
            std::size_t j = i;
            while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
                ++j;
            for (std::size_t k = i; k <= j; ++k)
                r[order[k]] = (static_cast<double>(i) + static_cast<double>(j)) / 2.0;
            i = j + 1;
        }
        return r;
    };
    const std::vector<double> ra = ranks(a), rb = ranks(b);
    const double n = static_cast<double>(a.size()), mean = (n - 1.0) / 2.0;
    double cov = 0.0, va = 0.0, vb = 0.0;
    for (std::size_t i = 0; i < ra.size(); ++i) {
        cov += (ra[i] - mean) * (rb[i] - mean);
        va += (ra[i] - mean) * (ra[i] - mean);
        vb += (rb[i] - mean) * (rb[i] - mean);
    }
    return va > 0 && vb > 0 ? cov / std::sqrt(va * vb) : std::numeric_limits<double>::quiet_NaN();
}

LayerErrorReport measureLayerErrors(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& requested,
                                    const Calibration& calibration, const PtqConfig& config, const LayerErrorOptions& options,
                                    Progress* progress)
{
    const auto start = std::chrono::steady_clock::now();
    const std::vector<int64_t> indices = requested.empty() ? firstIndices(dataset.size()) : requested;
    const auto total = static_cast<int64_t>(indices.size());
    const InputShapes shapes =
        model.runnableShapes(inputShapesFor(model.source(), dataset, std::max<int64_t>(1, std::min(options.batch, total))));
    const auto graph = model.graph(shapes);
    const int64_t batch = shapes.batch;
    const std::shared_ptr<const QuantizationPlan> plan = buildPlan(calibration, config);

    LayerErrorReport report;
    report.samples = total;
    std::vector<std::string> values;
    for (const LayerFacts& f : layerFacts(*graph, [&](const Node& n) { return plan->layer(n.name) != nullptr; })) {
        if (!plan->layer(f.node))
            continue;
        LayerError e;
        e.node = f.node;
        e.opType = f.opType;
        e.value = f.output;
        e.predictedDb = std::numeric_limits<double>::quiet_NaN();
        const Node* node = graph->findNode(f.node);
        try {
            const double weightsDb = weightSqnrDb(outputChannelMajorWeights(*graph, *node), *plan->layer(f.node));
            const ActivationQuant* out = plan->activation(f.output);
            const ActivationStats* stats = calibration.stats(f.output);
            const double outDb = out && stats ? predictQuality(stats->histogram, *out).sqnrDb : 200.0;
            e.predictedDb = combinedSqnrDb(outDb, weightsDb);
        } catch (const Error&) {
            // no histogram for this value (statistics from a file without sidecar): no prediction
        }
        values.push_back(f.output);
        report.layers.push_back(std::move(e));
    }
    if (report.layers.empty())
        return report;

    // FP32 taps of every measured value, kept for all samples (the sample is small: a few batches).
    std::map<std::string, std::vector<float>> fp32;
    EngineOptions fp32Options;
    fp32Options.threads = options.threads;
    // Unfused, so that every value an int8 run measures is there to compare with: FP32 fuses other chains than
    // int8 does (an activation oneDNN takes as an FP32 post-op may follow an int8 layer as a step of its own).
    fp32Options.fusePostOps = false;
    runTapped(model.compile(shapes, fp32Options), dataset, indices, values, [&](int64_t, int64_t rows, const TapData& taps) {
        for (const auto& [value, data] : taps) {
            const auto part = realRows(data, rows, batch);
            fp32[value].insert(fp32[value].end(), part.begin(), part.end());
        }
    });
    // SQNR of the tapped values of one configuration against FP32, for the values in `wanted`.
    auto measure = [&](const std::shared_ptr<const QuantizationPlan>& p, bool dnnl, const std::vector<std::string>& wanted) {
        EngineOptions o;
        o.threads = options.threads;
        o.useDnnl = dnnl;
        o.quantization = p;
        std::map<std::string, OutputFidelity> fidelity;
        std::map<std::string, std::size_t> offset;
        runTapped(model.compile(shapes, o), dataset, indices, wanted, [&](int64_t, int64_t rows, const TapData& taps) {
            for (const auto& [value, data] : taps) {
                const auto part = realRows(data, rows, batch);
                const std::vector<float>& reference = fp32.at(value);
                accumulateFidelity(fidelity[value], std::span<const float>(reference).subspan(offset[value], part.size()), part);
                offset[value] += part.size();
            }
        });
        std::map<std::string, double> db;
        for (const auto& [value, f] : fidelity)
            db[value] = f.sqnrDb();
        return db;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto lookup = [&](const std::map<std::string, double>& db, const std::string& value) {
        auto it = db.find(value);
        return it == db.end() ? nan : it->second;
    };
    const auto accumulated = measure(plan, true, values);
    const auto accumulatedTwin = options.twin ? measure(plan, false, values) : std::map<std::string, double>{};
    for (LayerError& e : report.layers) {
        e.accumulatedDb = lookup(accumulated, e.value);
        e.accumulatedTwinDb = lookup(accumulatedTwin, e.value);
        e.isolatedDb = e.isolatedTwinDb = nan;
    }
    if (options.isolated) {
        for (std::size_t i = 0; i < report.layers.size(); ++i) {
            if (progress) {
                progress->checkCancelled();
                progress->report(static_cast<long long>(i), static_cast<long long>(report.layers.size()), "isolating layers");
            }
            LayerError& e = report.layers[i];
            PtqConfig only = config;
            for (const LayerError& other : report.layers)
                if (other.node != e.node)
                    only.noQuantLayers.push_back(other.node);
            const std::shared_ptr<const QuantizationPlan> single = buildPlan(calibration, only);
            e.isolatedDb = lookup(measure(single, true, {e.value}), e.value);
            if (options.twin)
                e.isolatedTwinDb = lookup(measure(single, false, {e.value}), e.value);
        }
    }
    std::vector<double> predicted, isolated;
    for (const LayerError& e : report.layers)
        if (std::isfinite(e.predictedDb) && std::isfinite(e.isolatedDb)) {
            predicted.push_back(e.predictedDb);
            isolated.push_back(e.isolatedDb);
        }
    report.predictedVsIsolatedRank = spearmanRank(predicted, isolated);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace qs
