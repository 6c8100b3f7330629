#include "core/ptq/autoquant.h"

#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/ptq/model_size.h"
#include "core/ptq/probe_scorer.h"
#include "core/ptq/sensitivity.h"
#include "core/quant/layer_facts.h"
#include "core/util/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace qs {

namespace {

using Clock = std::chrono::steady_clock;

// Output noise relative to the signal, from an SQNR: what adds up (roughly) when several layers are quantized.
double noiseOf(double sqnrDb) { return std::isfinite(sqnrDb) ? std::pow(10.0, -sqnrDb / 10.0) : 0.0; }

std::string bitsText(const LayerPtqSettings& s)
{
    if (!s.quantize)
        return "FP32";
    std::string text("W");
    text.append(std::to_string(s.quant.bitsWeights)).append("A").append(std::to_string(s.quant.bitsActivations));
    if (s.clip != RangeMethod::None)
        text.append(" ").append(toString(s.clip));
    return text;
}

} // namespace

std::vector<std::pair<std::string, std::string>> layerBits(const PtqConfig& config, const Graph& prepared)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const LayerFacts& f : layerFacts(prepared))
        if (const Node* node = prepared.findNode(f.node))
            out.emplace_back(f.node, f.fp32Reason.empty() ? bitsText(config.resolve(*node)) : "FP32");
    return out;
}

AutoquantResult autoquant(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& requested,
                          const Calibration& calibration, const PtqConfig& base, const AutoquantOptions& options, Progress* progress)
{
    const auto start = Clock::now();
    // 7 at the top: a model for int8 kernels without VNNI (ONNX Runtime's on AVX2), whose 8-bit weights can saturate.
    const bool topWidth = !options.weightBits.empty() && (options.weightBits.front() == 8 || options.weightBits.front() == 7);
    if (!topWidth || std::adjacent_find(options.weightBits.begin(), options.weightBits.end(), std::less_equal<int>()) != options.weightBits.end())
        throw Error("autoquant: the weight widths must start at 8 (or 7, for int8 kernels without VNNI) and descend (e.g. 8,6,4,2)");
    const ProbeSample sample(model, dataset, requested, options.batch, "autoquant");
    const std::vector<int64_t>& indices = sample.indices;
    const int64_t total = sample.total;
    const InputShapes& shapes = sample.shapes;
    const auto& graph = sample.graph;
    const int64_t batch = sample.batch;
    const std::vector<int>& labels = sample.labels;
    const bool byLatency = options.objective == AutoquantObjective::Latency;
    LatencyProbeOptions timing = options.latency;
    timing.threads = options.threads;
    // Batch-1 latency of the whole model under `plan` (null: FP32), on the first evaluation sample.
    auto latencyOf = [&](const std::shared_ptr<const QuantizationPlan>& plan) {
        return measureLatencyMs(model, dataset, indices.front(), plan, timing, progress);
    };

    AutoquantResult result;
    result.labelled = sample.labelled;

    ProbeReference fp32Outputs;
    // A real run of the whole model under `plan` (null: FP32) on every sample.
    auto evaluatePlan = [&](const std::shared_ptr<const QuantizationPlan>& plan) {
        EngineOptions o;
        o.threads = options.threads;
        o.quantization = plan;
        Session session(model.compile(shapes, o));
        const bool fp32 = plan == nullptr;
        ProbeScorer scorer(labels, fp32 ? nullptr : &fp32Outputs, sample.outputElements);
        ModelFeed feed(*graph, dataset);
        for (int64_t first = 0; first < total; first += batch) {
            if (progress)
                progress->checkCancelled();
            const int64_t rows = std::min(batch, total - first);
            feed.load(std::span<const int64_t>(indices.data() + first, static_cast<std::size_t>(rows)));
            session.run(feed.pointers());
            scorer.addOutputs(session, sample.outputs, first, rows, fp32 ? &fp32Outputs : nullptr);
        }
        return scorer.outcome();
    };
    const ProbeOutcome fp32 = evaluatePlan(nullptr);
    result.fp32Top1 = fp32.top1;
    result.fp32Megabytes = modelSize(*graph, nullptr).fp32Megabytes();
    if (byLatency)
        result.fp32LatencyMs = latencyOf(nullptr);

    // Every quantized layer explicit, so that moves change one entry.
    PtqConfig current = base;
    const std::shared_ptr<const QuantizationPlan> basePlan = buildPlan(calibration, base);
    std::vector<std::string> layers;
    for (const Node& node : graph->nodes)
        if (basePlan->layer(node.name)) {
            layers.push_back(node.name);
            current.perLayer[node.name] = base.resolve(node);
        }
    if (layers.empty())
        throw Error("autoquant: the configuration quantizes no layer of this model", {model.source().sourcePath});

    auto within = [&](const ProbeOutcome& o) {
        return result.labelled ? result.fp32Top1 - o.top1 <= options.maxTop1Drop + 1e-9 : o.sqnrDb >= options.minSqnrDb;
    };
    auto tryConfig = [&](const PtqConfig& config, const std::string& change) {
        const auto plan = buildPlan(calibration, config);
        const ProbeOutcome o = evaluatePlan(plan);
        AutoquantCandidate c;
        c.change = change;
        c.top1 = o.top1;
        c.sqnrDb = o.sqnrDb;
        c.megabytes = modelSize(*graph, plan.get()).quantizedMegabytes();
        c.withinBudget = within(o);
        c.config = config;
        if (byLatency)
            c.latencyMs = latencyOf(plan);
        return c;
    };
    auto record = [&](AutoquantCandidate c, bool accepted) {
        c.accepted = accepted;
        result.trace.push_back(c);
        if (progress)
            progress->report(static_cast<long long>(result.trace.size()), 0, "autoquant: " + c.change);
        return c;
    };

    AutoquantCandidate now = record(tryConfig(current, "uniform (" + base.summary() + ")"), true);
    result.uniform = now;

    // Sensitivity of every layer to its weight width (and its all-but gain, for the FP32 fallback).
    SensitivityOptions sweep;
    sweep.bits = byLatency ? std::vector<int>{} : options.weightBits; // latency moves no width: all-but and clip probes only
    sweep.clipMethods = options.clipMethods;
    if (!sweep.clipMethods.empty() && std::find(sweep.clipMethods.begin(), sweep.clipMethods.end(), base.defaults.clip) == sweep.clipMethods.end())
        sweep.clipMethods.push_back(base.defaults.clip); // what the layers are compared against
    sweep.threads = options.threads;
    sweep.batch = options.batch;
    // The sweep only orders the moves (each is verified on every sample): the first samples are enough.
    const std::vector<int64_t> sweepSamples(indices.begin(), indices.begin() + std::min<int64_t>(total, options.sensitivitySamples));
    const SensitivityReport sensitivity = measureSensitivity(model, dataset, sweepSamples, calibration, base, sweep, progress);
    std::map<std::string, std::map<int, double>> noiseAt; // layer -> weight bits -> output noise when only it is quantized
    std::map<std::string, double> allButGain;            // layer -> metric when it alone stays FP32
    std::map<std::string, std::map<RangeMethod, double>> sqnrWithClip; // layer -> clip method -> output SQNR, only it quantized
    for (const LayerSensitivity& l : sensitivity.layers)
        for (const SensitivityProbe& p : l.probes) {
            if (p.clip) {
                sqnrWithClip[l.node][*p.clip] = p.outputSqnrDb;
                continue;
            }
            if (p.onlyThisLayer && p.bitsActivations == 8)
                noiseAt[l.node][p.bitsWeights] = noiseOf(p.outputSqnrDb);
            if (!p.onlyThisLayer)
                allButGain[l.node] = result.labelled ? p.top1 : p.outputSqnrDb;
        }

    // Activation clipping per layer: each layer may take the method whose probe keeps the output closest to FP32
    // (by more than 0.5 dB over its own). The changes are tried together, best probe gain first, halving their
    // number until the whole model's output measures closer to FP32 than before (single-layer gains do not
    // simply add up: on MobileNetV2 all 33 together cost 2 dB).
    {
        struct ClipChange {
            std::string layer;
            RangeMethod method;
            double gainDb;
        };
        std::vector<ClipChange> changes;
        for (const std::string& layer : layers) {
            const LayerPtqSettings& s = current.perLayer[layer];
            const auto& probes = sqnrWithClip[layer];
            const bool noClip = std::any_of(base.noClipLayers.begin(), base.noClipLayers.end(),
                                            [&](const std::string& p) { return nameMatches(layer, p); });
            const auto own = probes.find(s.clip);
            if (!s.quantize || noClip || own == probes.end())
                continue;
            auto best = own;
            for (auto it = probes.begin(); it != probes.end(); ++it)
                if (it->second > best->second)
                    best = it;
            if (best->second > own->second + 0.5)
                changes.push_back({layer, best->first, best->second - own->second});
        }
        std::stable_sort(changes.begin(), changes.end(), [](const ClipChange& a, const ClipChange& b) { return a.gainDb > b.gainDb; });
        for (std::size_t count = changes.size(); count >= 1; count /= 2) {
            PtqConfig clipped = current;
            for (std::size_t i = 0; i < count; ++i)
                clipped.perLayer[changes[i].layer].clip = changes[i].method;
            const ClipChange& first = changes.front();
            const std::string what = "clipping: " + std::to_string(count) + (count == 1 ? " layer (" : " layers (") + first.layer + " " +
                                     toString(current.perLayer[first.layer].clip) + " -> " + toString(first.method) + (count > 1 ? ", ...)" : ")");
            AutoquantCandidate c = tryConfig(clipped, what);
            c.clipping = true;
            // Judged by the output SQNR, the noise margin later moves spend (continuous, where top-1 on a sample moves
            // by single images: on MobileNetV2 a lower SQNR measured 0.25 points better and left no budget), and
            // never leaving the budget.
            const bool better = c.sqnrDb > now.sqnrDb && (c.withinBudget || !now.withinBudget);
            if (better) {
                current = clipped;
                now = record(c, true);
                break;
            }
            record(c, false);
        }
    }

    // Latency objective: what returning each quantized layer alone to FP32 costs in measured latency, in the
    // configuration reached so far (negative: FP32 measured faster). Measured once; only a latency, no evaluation.
    std::map<std::string, double> fp32Cost;
    if (byLatency)
        for (const std::string& layer : layers) {
            if (!current.perLayer[layer].quantize)
                continue;
            if (progress)
                progress->report(static_cast<long long>(result.trace.size()), 0, "autoquant: latency with " + layer + " FP32");
            PtqConfig next = current;
            next.perLayer[layer].quantize = false;
            fp32Cost[layer] = latencyOf(buildPlan(calibration, next)) - now.latencyMs;
        }

    // Over budget: FP32 for the layers whose exclusion helps most (latency objective: most per unit of latency
    // added), one at a time, until it fits.
    if (!now.withinBudget) {
        std::vector<std::string> order = layers;
        if (byLatency) {
            const double start = result.labelled ? sensitivity.baseTop1 : sensitivity.baseOutputSqnrDb;
            const double floor = 0.01 * now.latencyMs; // below timing noise a cost says nothing: the gain decides
            std::map<std::string, double> score;
            for (const std::string& layer : layers)
                score[layer] = (allButGain[layer] - start) / std::max(floor, fp32Cost.count(layer) ? fp32Cost[layer] : 0.0);
            std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) { return score[a] > score[b]; });
        } else {
            std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) { return allButGain[a] > allButGain[b]; });
        }
        std::vector<std::string> returned;
        for (const std::string& layer : order) {
            PtqConfig next = current;
            next.perLayer[layer].quantize = false;
            AutoquantCandidate c = tryConfig(next, layer + " FP32");
            current = next;
            now = record(c, true);
            returned.push_back(layer);
            if (c.withinBudget)
                break;
        }
        if (!now.withinBudget)
            throw Error("autoquant: even with every layer FP32 the budget is not met (check the data)");
        // The single-layer gains that ordered the walk are measured on a few hundred samples, and the metric moves
        // by single images: the walk can take more layers than needed (on MobileNetV2 it once ended 44 % above
        // uniform 8-bit). Each returned layer but the last is offered int8 again, latest first, kept within budget
        // (latency objective: and measured faster).
        for (auto it = returned.rbegin() + 1; it < returned.rend(); ++it) {
            PtqConfig next = current;
            next.perLayer[*it].quantize = true;
            AutoquantCandidate c = tryConfig(next, *it + " FP32 -> int8");
            if (c.withinBudget && (!byLatency || c.latencyMs < now.latencyMs)) {
                current = next;
                now = record(c, true);
            } else {
                record(c, false);
            }
        }
    }

    // Latency objective: layers where FP32 measured faster than int8 in context by more than timing noise (3 % of the
    // model's latency), most first, each kept when within budget and the whole model measures faster.
    if (byLatency) {
        std::vector<std::pair<double, std::string>> faster;
        for (const auto& [layer, cost] : fp32Cost)
            if (current.perLayer[layer].quantize && cost < -0.03 * now.latencyMs)
                faster.emplace_back(cost, layer);
        std::sort(faster.begin(), faster.end());
        for (const auto& [cost, layer] : faster) {
            PtqConfig next = current;
            next.perLayer[layer].quantize = false;
            AutoquantCandidate c = tryConfig(next, layer + " FP32 (faster)");
            if (c.withinBudget && c.latencyMs < now.latencyMs) {
                current = next;
                now = record(c, true);
            } else {
                record(c, false);
            }
        }
    }

    // Greedy descent in weight width, best bytes saved per noise added first; a failed move blocks the layer. Not
    // for latency: every width below 8 runs the same int8 kernels.
    std::set<std::string> blocked;
    while (!byLatency) {
        std::string best;
        int bestBits = 0;
        double bestScore = -1.0;
        for (const std::string& layer : layers) {
            const LayerPtqSettings& s = current.perLayer[layer];
            if (!s.quantize || blocked.count(layer))
                continue;
            auto it = std::find(options.weightBits.begin(), options.weightBits.end(), s.quant.bitsWeights);
            if (it == options.weightBits.end() || std::next(it) == options.weightBits.end())
                continue;
            const int lower = *std::next(it);
            const Tensor* w = graph->constant(graph->findNode(layer)->input(1));
            const double saved = w ? static_cast<double>(elementCount(w->shape())) * (s.quant.bitsWeights - lower) / 8.0 : 0.0;
            const auto& noise = noiseAt[layer];
            const double added = std::max(1e-12, (noise.count(lower) ? noise.at(lower) : 1.0) -
                                                      (noise.count(s.quant.bitsWeights) ? noise.at(s.quant.bitsWeights) : 0.0));
            const double score = saved / added;
            if (score > bestScore) {
                bestScore = score;
                best = layer;
                bestBits = lower;
            }
        }
        if (best.empty())
            break;
        PtqConfig next = current;
        const int from = next.perLayer[best].quant.bitsWeights;
        next.perLayer[best].quant.bitsWeights = bestBits;
        AutoquantCandidate c = tryConfig(next, best + " W" + std::to_string(from) + " -> W" + std::to_string(bestBits));
        if (c.withinBudget) {
            current = next;
            now = record(c, true);
        } else {
            blocked.insert(best);
            record(c, false);
        }
    }
    result.config = current;
    result.chosen = now;
    for (std::size_t i = 0; i < result.trace.size(); ++i)
        if (result.trace[i].accepted)
            result.chosenIndex = i;
    if (byLatency) // the last accepted is within budget; an earlier one may have measured faster
        for (std::size_t i = 0; i < result.trace.size(); ++i) {
            const AutoquantCandidate& c = result.trace[i];
            if (c.accepted && c.withinBudget && c.latencyMs < result.chosen.latencyMs) {
                result.chosen = c;
                result.chosenIndex = i;
                result.config = c.config;
            }
        }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

} // namespace qs
