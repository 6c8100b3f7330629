#include "core/ptq/sensitivity.h"

#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/ptq/probe_scorer.h"
#include "core/quant/int8_coverage.h"
#include "core/util/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace qs {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Values over all samples, real rows only, batch after batch (row-major per sample).
using ValueCache = std::map<std::string, std::vector<float>>;

// The cache beyond which the sweep asks for fewer samples instead of swapping.
constexpr std::size_t kMaxCacheBytes = std::size_t(3) << 30;

// The values made before node `first` (or graph inputs) that nodes from `first` on read, in reading order: the
// inputs of the graph cut there.
std::vector<std::string> cutInputs(const Graph& prepared, std::size_t first, std::set<std::string>* madeBefore = nullptr)
{
    std::set<std::string> before;
    for (const ValueInfo& input : prepared.inputs)
        before.insert(input.name);
    for (std::size_t i = 0; i < first; ++i)
        before.insert(prepared.nodes[i].outputs.begin(), prepared.nodes[i].outputs.end());
    std::vector<std::string> inputs;
    std::set<std::string> added;
    for (std::size_t i = first; i < prepared.nodes.size(); ++i)
        for (const std::string& value : prepared.nodes[i].inputs)
            if (!value.empty() && !prepared.isConstant(value) && before.count(value) && added.insert(value).second)
                inputs.push_back(value);
    if (madeBefore)
        *madeBefore = std::move(before);
    return inputs;
}

} // namespace

Graph graphFrom(const Graph& prepared, std::size_t first)
{
    if (first >= prepared.nodes.size())
        throw Error("cannot cut the graph after its last node", {prepared.sourcePath});
    Graph g;
    g.name = prepared.name;
    g.sourcePath = prepared.sourcePath;
    g.opsetVersion = prepared.opsetVersion;
    g.producer = prepared.producer;
    g.initializers = prepared.initializers;
    g.values = prepared.values;
    g.nodes.assign(prepared.nodes.begin() + static_cast<std::ptrdiff_t>(first), prepared.nodes.end());
    std::set<std::string> before;
    for (const std::string& value : cutInputs(prepared, first, &before)) {
        const ValueInfo* info = prepared.info(value);
        if (!info || !info->shapeKnown)
            throw Error("value '" + value + "' has no known shape to cut the graph at", {prepared.sourcePath});
        ValueInfo in = *info;
        in.name = value;
        g.inputs.push_back(std::move(in));
    }
    for (const ValueInfo& output : prepared.outputs)
        if (!before.count(output.name))
            g.outputs.push_back(output);
    if (g.outputs.empty())
        throw Error("no output is computed from node " + prepared.nodes[first].label() + " on; the graph cannot be cut there",
                    {prepared.sourcePath});
    return g;
}

SensitivityReport measureSensitivity(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& requested,
                                     const Calibration& calibration, const PtqConfig& base, const SensitivityOptions& options,
                                     Progress* progress)
{
    const auto start = Clock::now();
    const ProbeSample sample(model, dataset, requested, options.batch, "sensitivity");
    const std::vector<int64_t>& indices = sample.indices;
    const int64_t total = sample.total;
    const InputShapes& shapes = sample.shapes;
    const auto& graph = sample.graph;
    const int64_t batch = sample.batch;
    std::set<std::string> graphInputs; // fed from the data, not tapped: cached from the feed
    for (const ValueInfo& input : graph->inputs)
        graphInputs.insert(input.name);
    const std::vector<int>& labels = sample.labels;

    SensitivityReport report;
    report.samples = total;
    report.labelled = sample.labelled;

    const std::shared_ptr<const QuantizationPlan> basePlan = buildPlan(calibration, base);
    // The whole model under `plan` (null: FP32) at the sample's shapes.
    auto compileWhole = [&](const std::shared_ptr<const QuantizationPlan>& plan) {
        EngineOptions o;
        o.threads = options.threads;
        o.quantization = plan;
        return model.compile(shapes, o);
    };
    const auto baseModel = compileWhole(basePlan);
    // Where each layer's probes start. The single-layer probes start at the layer, fed from FP32 values. The
    // all_but probe (this layer FP32, the rest as the base) starts at the first node whose output the two plans
    // quantize differently: in the base the layer's input is rounded for it where it is made, with the layer FP32
    // it stays float, so NanoDet's probes fed from the base's rounded values measured up to 1.2 dB off the
    // whole-model run until they started at the producer.
    struct Probed {
        std::size_t nodeIndex;
        std::vector<std::string> cut;
        std::shared_ptr<const QuantizationPlan> allButPlan;
        std::size_t allButIndex;
        std::vector<std::string> allButCut;
    };
    std::vector<Probed> probed;
    std::set<std::string> cutValues;
    // What the base run can hand over: a cut must start where every value it reads is observable there (not
    // inside a chain fused into one primitive).
    std::set<std::string> baseVisible(graphInputs);
    for (const std::string& value : baseModel->observableValues())
        baseVisible.insert(value);
    for (std::size_t i = 0; i < graph->nodes.size(); ++i) {
        const Node& node = graph->nodes[i];
        if (!basePlan->layer(node.name))
            continue;
        LayerSensitivity layer;
        layer.node = node.name;
        layer.opType = node.opType;
        report.layers.push_back(std::move(layer));
        PtqConfig allBut = base;
        LayerPtqSettings off = base.resolve(node);
        off.quantize = false;
        allBut.perLayer[node.name] = off;
        Probed p{i, {}, buildPlan(calibration, allBut), i, {}};
        for (std::size_t j = 0; j < i && p.allButIndex == i; ++j)
            for (const std::string& out : graph->nodes[j].outputs) {
                const ActivationQuant* a = basePlan->activation(out);
                const ActivationQuant* b = p.allButPlan->activation(out);
                if ((a == nullptr) != (b == nullptr) || (a && !(*a == *b)))
                    p.allButIndex = j;
            }
        if (options.useCache) {
            p.cut = cutInputs(*graph, i);
            p.allButCut = cutInputs(*graph, p.allButIndex);
            while (p.allButIndex > 0 && !std::all_of(p.allButCut.begin(), p.allButCut.end(), [&](const std::string& v) { return baseVisible.count(v); }))
                p.allButCut = cutInputs(*graph, --p.allButIndex);
            cutValues.insert(p.cut.begin(), p.cut.end());
            cutValues.insert(p.allButCut.begin(), p.allButCut.end());
        }
        probed.push_back(std::move(p));
    }

    // The floats one copy of a cut value holds for every sample (0 where its shape is not known).
    auto cachedFloats = [&](const std::string& value) -> std::size_t {
        const ValueInfo* info = graph->info(value);
        return info ? static_cast<std::size_t>(elementCount(info->shape) / batch) * static_cast<std::size_t>(total) : 0;
    };
    // Checked before anything is cached: two copies (FP32 and the base configuration) of every cut value.
    std::size_t cacheEstimate = 0;
    for (const std::string& value : cutValues)
        cacheEstimate += 2 * cachedFloats(value) * sizeof(float);
    if (cacheEstimate > kMaxCacheBytes)
        throw Error("the activation cache would need " + std::to_string(cacheEstimate >> 20) + " MiB for " + std::to_string(total) +
                    " samples; use fewer samples (sensitivity: --limit; autoquant: --sensitivity-samples)");

    // Runs the whole model over the samples, scoring its compared outputs and caching the cut values and those
    // outputs (a probe cut after an output's last node reads it from the cache).
    ProbeReference fp32Outputs;
    auto runWhole = [&](const std::shared_ptr<const CompiledModel>& compiled, ValueCache* cache, ProbeReference* record) {
        Session session(compiled);
        std::set<std::string> observable;
        if (cache) {
            // Sized once: growing 240 MiB vector by vector cost ResNet-8's sweep 7 % in copies and page faults.
            for (const std::string& value : cutValues)
                (*cache)[value].reserve(cachedFloats(value));
            const auto values = compiled->observableValues();
            observable.insert(values.begin(), values.end());
            std::vector<std::string> taps;
            for (const std::string& v : cutValues)
                if (observable.count(v) && !graphInputs.count(v))
                    taps.push_back(v);
            session.setTaps(taps, [&](const std::string& value, const float* data, const Shape& shape) {
                auto& stored = (*cache)[value];
                const std::size_t perSample = static_cast<std::size_t>(elementCount(shape) / batch);
                stored.insert(stored.end(), data, data + perSample * static_cast<std::size_t>(std::min(batch, total - static_cast<int64_t>(stored.size() / perSample))));
            }, /*rowMajor=*/true);
        }
        ProbeScorer scorer(labels, record ? nullptr : &fp32Outputs, sample.outputElements);
        ModelFeed feed(*graph, dataset);
        for (int64_t first = 0; first < total; first += batch) {
            if (progress)
                progress->checkCancelled();
            const int64_t rows = std::min(batch, total - first);
            feed.load(std::span<const int64_t>(indices.data() + first, static_cast<std::size_t>(rows)));
            for (std::size_t i = 0; cache && i < feed.inputCount(); ++i)
                if (cutValues.count(feed.input(i).name)) {
                    auto& stored = (*cache)[feed.input(i).name];
                    stored.insert(stored.end(), feed.data(i).begin(), feed.data(i).begin() + rows * feed.sampleElements(i));
                }
            session.run(feed.pointers());
            scorer.addOutputs(session, sample.outputs, first, rows, record);
            for (std::size_t k = 0; cache && k < sample.outputs.size(); ++k) {
                const std::string& name = graph->outputs[sample.outputs[k]].name;
                if (cutValues.count(name) && observable.count(name))
                    continue; // a value later nodes read too: its tap caches it
                const float* values = session.output(sample.outputs[k]).data();
                auto& stored = (*cache)[name];
                stored.insert(stored.end(), values, values + rows * sample.outputElements[k]);
            }
        }
        return std::pair{scorer.outcome(), observable};
    };

    // Runs a graph cut from a layer on (graphFrom), fed from a cache.
    auto runFrom = [&](const std::shared_ptr<const Graph>& tail, const std::shared_ptr<const QuantizationPlan>& plan, const ValueCache& cache) {
        EngineOptions o;
        o.threads = options.threads;
        o.quantization = plan;
        const auto compiled = CompiledModel::compilePrepared(tail, o);
        Session session(compiled);
        const Graph& cut = compiled->graph();
        std::vector<std::vector<float>> buffers;
        std::vector<const float*> pointers;
        std::vector<std::size_t> perSample;
        for (const ValueInfo& in : cut.inputs) {
            perSample.push_back(static_cast<std::size_t>(elementCount(in.shape) / batch));
            buffers.emplace_back(static_cast<std::size_t>(elementCount(in.shape)));
        }
        for (const auto& b : buffers)
            pointers.push_back(b.data());
        // Each compared output from the tail, or from the cache when it was finished before the cut.
        std::vector<int> tailOutput(sample.outputs.size(), -1);
        for (std::size_t k = 0; k < sample.outputs.size(); ++k)
            for (std::size_t j = 0; j < cut.outputs.size(); ++j)
                if (cut.outputs[j].name == graph->outputs[sample.outputs[k]].name)
                    tailOutput[k] = static_cast<int>(j);
        ProbeScorer scorer(labels, &fp32Outputs, sample.outputElements);
        for (int64_t first = 0; first < total; first += batch) {
            if (progress)
                progress->checkCancelled();
            const int64_t rows = std::min(batch, total - first);
            for (std::size_t k = 0; k < cut.inputs.size(); ++k) {
                const std::vector<float>& stored = cache.at(cut.inputs[k].name);
                const float* from = stored.data() + static_cast<std::size_t>(first) * perSample[k];
                if (rows == batch) { // a full batch is read in place: the cache holds it row-major, batch after batch
                    pointers[k] = from;
                    continue;
                }
                std::copy(from, from + static_cast<std::size_t>(rows) * perSample[k], buffers[k].begin());
                std::fill(buffers[k].begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(rows) * perSample[k]), buffers[k].end(), 0.0f);
                pointers[k] = buffers[k].data();
            }
            session.run(pointers);
            for (std::size_t k = 0; k < sample.outputs.size(); ++k)
                scorer.add(k,
                           tailOutput[k] >= 0 ? session.output(static_cast<std::size_t>(tailOutput[k])).data()
                                              : cache.at(graph->outputs[sample.outputs[k]].name).data() +
                                                    static_cast<std::size_t>(first * sample.outputElements[k]),
                           first, rows);
        }
        return scorer.outcome();
    };

    const auto cacheStart = Clock::now();
    ValueCache fp32Cache, baseCache;
    const auto [fp32, fp32Observable] = runWhole(compileWhole(nullptr), options.useCache ? &fp32Cache : nullptr, &fp32Outputs);
    report.fp32Top1 = fp32.top1;
    const auto [baseOutcome, baseObservable] = runWhole(baseModel, options.useCache ? &baseCache : nullptr, nullptr);
    report.baseTop1 = baseOutcome.top1;
    report.baseOutputSqnrDb = baseOutcome.sqnrDb;
    report.cacheSeconds = since(cacheStart);
    for (const ValueCache* c : {&fp32Cache, &baseCache})
        for (const auto& [value, data] : *c)
            report.cacheBytes += data.size() * sizeof(float);
    if (report.cacheBytes > kMaxCacheBytes)
        throw Error("the activation cache would need " + std::to_string(report.cacheBytes >> 20) + " MiB for " + std::to_string(total) +
                    " samples; use fewer samples (sensitivity: --limit; autoquant: --sensitivity-samples)");

    // A probe's configuration: the base with only `layer` quantized at (bw, ba) (and clipped by `clip` when set),
    // or with `layer` FP32.
    const Graph& g = *graph;
    auto probeConfig = [&](const std::string& layer, int bw, int ba, bool only, std::optional<RangeMethod> clip = std::nullopt) {
        PtqConfig cfg = base;
        if (!only) {
            LayerPtqSettings off = base.resolve(*g.findNode(layer));
            off.quantize = false;
            cfg.perLayer[layer] = off;
            return cfg;
        }
        for (const LayerSensitivity& other : report.layers) {
            LayerPtqSettings s = base.resolve(*g.findNode(other.node));
            if (other.node == layer) {
                s.quant.bitsWeights = bw;
                s.quant.bitsActivations = ba;
                if (clip)
                    s.clip = *clip;
            } else {
                s.quantize = false;
            }
            cfg.perLayer[other.node] = s;
        }
        return cfg;
    };
    auto cachedFor = [&](const std::vector<std::string>& cut, const std::set<std::string>& observable, const ValueCache& cache) {
        if (!options.useCache)
            return false;
        return std::all_of(cut.begin(), cut.end(), [&](const std::string& v) { return (observable.count(v) || graphInputs.count(v)) && cache.count(v); });
    };

    std::vector<std::pair<int, int>> settings; // (weights, activations) of the "only this layer" probes
    for (int b : options.bits)
        settings.emplace_back(b, 8);
    for (int b : options.bits)
        if (b != 8)
            settings.emplace_back(8, b);
    const int bitProbes = static_cast<int>(settings.size()) + 1;
    const int perLayer = bitProbes + static_cast<int>(options.clipMethods.size());
    const int totalProbes = perLayer * static_cast<int>(report.layers.size());
    // MACs from each node to the end of the graph: what a probe starting there runs.
    const std::vector<int64_t> macsPerNode = multiplyAccumulatesPerNode(*graph);
    std::vector<int64_t> macsFrom(macsPerNode.size() + 1, 0);
    for (std::size_t i = macsPerNode.size(); i-- > 0;)
        macsFrom[i] = macsFrom[i + 1] + macsPerNode[i];
    double macShareSum = 0.0;
    for (std::size_t li = 0; li < report.layers.size(); ++li) {
        LayerSensitivity& layer = report.layers[li];
        const Probed& p = probed[li];
        const bool fromFp32 = cachedFor(p.cut, fp32Observable, fp32Cache);
        const bool fromBase = cachedFor(p.allButCut, baseObservable, baseCache);
        layer.cached = options.useCache && fromFp32 && fromBase;
        // The layer's two cut graphs, made once for all its probes (a cut copies the model's weights).
        std::map<std::size_t, std::shared_ptr<const Graph>> tails;
        auto tailFrom = [&](std::size_t nodeIndex) {
            auto& tail = tails[nodeIndex];
            if (!tail)
                tail = std::make_shared<const Graph>(graphFrom(*graph, nodeIndex));
            return tail;
        };
        for (int k = 0; k < perLayer; ++k) {
            if (progress)
                progress->report(report.probes, totalProbes, "probing " + layer.node);
            const bool clipProbe = k >= bitProbes;
            const bool only = k < static_cast<int>(settings.size()) || clipProbe;
            SensitivityProbe probe;
            probe.onlyThisLayer = only;
            if (clipProbe) {
                const LayerPtqSettings s = base.resolve(*g.findNode(layer.node));
                probe.bitsWeights = s.quant.bitsWeights;
                probe.bitsActivations = s.quant.bitsActivations;
                probe.clip = options.clipMethods[static_cast<std::size_t>(k - bitProbes)];
            } else {
                probe.bitsWeights = only ? settings[static_cast<std::size_t>(k)].first : 0;
                probe.bitsActivations = only ? settings[static_cast<std::size_t>(k)].second : 0;
            }
            const auto plan = only ? buildPlan(calibration, probeConfig(layer.node, probe.bitsWeights, probe.bitsActivations, only, probe.clip))
                                   : p.allButPlan;
            const bool cached = only ? fromFp32 : fromBase;
            const auto probeStart = Clock::now();
            const ProbeOutcome o = cached ? runFrom(tailFrom(only ? p.nodeIndex : p.allButIndex), plan, only ? fp32Cache : baseCache)
                                          : runWhole(compileWhole(plan), nullptr, nullptr).first;
            if (!cached && report.fullProbeSeconds == 0.0)
                report.fullProbeSeconds = since(probeStart);
            if (cached && macsFrom[0] > 0)
                probe.macShare = static_cast<double>(macsFrom[only ? p.nodeIndex : p.allButIndex]) / static_cast<double>(macsFrom[0]);
            macShareSum += probe.macShare;
            probe.top1 = o.top1;
            probe.outputSqnrDb = o.sqnrDb;
            layer.probes.push_back(probe);
            ++report.probes;
        }
    }
    report.probedMacShare = report.probes > 0 ? macShareSum / report.probes : 1.0;
    if (report.fullProbeSeconds == 0.0 && !report.layers.empty()) {
        // Every probe came from the cache: time one on the whole model, for the comparison the report gives.
        const auto probeStart = Clock::now();
        runWhole(compileWhole(buildPlan(calibration, probeConfig(report.layers[0].node, 8, 8, true))), nullptr, nullptr);
        report.fullProbeSeconds = since(probeStart);
        report.seconds = since(start) - report.fullProbeSeconds;
    } else {
        report.seconds = since(start);
    }
    return report;
}

} // namespace qs
