// `quantscope-cli autoquant`: automatic mixed precision (core/ptq/autoquant.h).
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/json_text.h"
#include "app/cli/ptq_arguments.h"
#include "app/cli/ptq_session.h"
#include "core/distiller/distiller_resolve.h"
#include "core/distiller/distiller_yaml.h"
#include "core/engine/cpu_features.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/autoquant.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qs::cli {

namespace {

std::string candidateJson(const AutoquantCandidate& c)
{
    return "{\"change\":" + jsonString(c.change) + ",\"top1\":" + jsonNumber(c.top1) + ",\"output_sqnr_db\":" + jsonNumber(c.sqnrDb) +
           ",\"megabytes\":" + jsonNumber(c.megabytes) + ",\"within_budget\":" + (c.withinBudget ? "true" : "false") +
           ",\"accepted\":" + (c.accepted ? "true" : "false") + ",\"latency_ms\":" + jsonNumber(c.latencyMs) + "}";
}

// What became of a candidate, for the text trace.
const char* outcome(const AutoquantCandidate& c)
{
    if (c.accepted)
        return "kept";
    if (c.clipping)
        return "not closer to FP32: reverted";
    return c.withinBudget ? "not faster: reverted" : "over budget: reverted";
}

} // namespace

int runAutoquant(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::printf("usage: quantscope-cli autoquant [--model M.onnx] [data options] [--qe-* flags] [--max-drop P | --min-sqnr DB]\n"
                    "                          [--objective size|latency] [--weight-bits 8,6,4,2] [--clip-methods none,avg,mse,entropy]\n"
                    "                          [--export-config OUT.yaml] [--json]\n"
                    "Chooses per-layer weight widths (8 down to 2, or FP32 where 8 bits do not fit) and activation clip methods that\n"
                    "make the model smallest (--objective latency: fastest, moving layers between int8 and FP32 only) while its\n"
                    "metric stays within the budget: top-1 at most P points below FP32 (--max-drop, default 0.1) on labelled data,\n"
                    "else the worst output's SQNR against FP32 at least DB (--min-sqnr, default 30). The --qe-* flags give the starting\n"
                    "configuration (activations keep its width). Sensitivity-guided greedy search; every candidate is a real int8\n"
                    "evaluation of the whole model on the evaluation samples (all of them unless --limit/--sample), so the result is\n"
                    "chosen and verified on the same samples. --export-config writes the result as a Distiller YAML that eval\n"
                    "(--qe-config-file) and the workbench load.\n%s"
                    "  --objective OBJ       what to minimise: size (default) or latency, measured: batch-1 inference of the whole\n"
                    "                        model compiled with each candidate, on the first evaluation sample, median of at least\n"
                    "                        30 runs, on this CPU. Latency moves layers between int8 and FP32 only: on oneDNN a\n"
                    "                        layer at 2, 4 or 6 bits runs the same int8 kernels as at 8, so widths do not change\n"
                    "                        latency and the weights keep the starting widths (--weight-bits is refused)\n"
                    "  --weight-bits LIST    the widths a layer steps through, descending from 8 (default 8,6,4,2); from 7 with\n"
                    "                        --qe-bits-wts 7 --qe-mode-wts sym for int8 kernels without VNNI (ONNX Runtime's\n"
                    "                        on AVX2 CPUs saturate on 8-bit weights: its reduce_range): 7,6,4,2\n"
                    "  --clip-methods LIST   activation clip methods a layer may take, chosen per layer by its sensitivity probe and\n"
                    "                        kept when the whole model measures better (default none,avg,mse,entropy; 'keep': the\n"
                    "                        starting configuration's for every layer)\n"
                    "  --sensitivity-samples N  samples of the sweep that orders the moves (default 1000; fewer for large\n"
                    "                        models: its activation cache grows with them)\n"
                    "  --json                one JSON object (the search trace included)\n%s",
                    kDataHelp, kPtqHelp);
        return 0;
    }
    const std::string path = modelArgument(args);
    Progress progress = terminalProgress();
    DataSelection data = dataArguments(args, path, &progress);
    AutoquantOptions options;
    options.maxTop1Drop = args.number({"--max-drop"}, 0.1);
    options.minSqnrDb = args.number({"--min-sqnr"}, 30.0);
    if (!(options.maxTop1Drop >= 0.0) || !std::isfinite(options.minSqnrDb))
        throw Error("--max-drop must be a number of points >= 0 and --min-sqnr a number of dB");
    const std::string objective = args.value({"--objective"}, "size");
    if (objective != "size" && objective != "latency")
        throw Error("--objective takes size or latency, got '" + objective + "'");
    options.objective = objective == "latency" ? AutoquantObjective::Latency : AutoquantObjective::Size;
    if (options.objective == AutoquantObjective::Latency && args.value({"--weight-bits"}))
        throw Error("--weight-bits does not apply to --objective latency: on oneDNN a layer at 2, 4 or 6 bits runs the same int8 "
                    "kernels as at 8, so the weights keep the starting widths and only FP32 versus int8 is chosen");
    options.weightBits = bitListArgument(args, "--weight-bits", "8,6,4,2");
    options.clipMethods = clipMethodListArgument(args, "--clip-methods", "none,avg,mse,entropy");
    options.sensitivitySamples = args.integer({"--sensitivity-samples"}, 1000);
    if (options.sensitivitySamples < 1)
        throw Error("--sensitivity-samples must be at least 1");
    options.threads = threadsArgument(args);
    const bool asJson = args.flag({"--json"});
    PtqArguments ptq = ptqArguments(args);
    args.finish();
    // A start the widths do not list cannot step down (e.g. --weight-bits 7,6,4,2 without --qe-bits-wts 7): say so.
    const int startBits = ptq.config.defaults.quant.bitsWeights;
    if (options.objective == AutoquantObjective::Size &&
        std::find(options.weightBits.begin(), options.weightBits.end(), startBits) == options.weightBits.end())
        std::fprintf(stderr, "quantscope-cli: note: the starting weights are %d-bit and --weight-bits does not list %d: layers at %d bits "
                             "keep it (give --qe-bits-wts %d to start from the top of the list)\n",
                     startBits, startBits, startBits, options.weightBits.front());
    const std::optional<std::string> exportPath = ptq.exportConfig;
    ptq.exportConfig.reset(); // the result is exported below, not the starting configuration

    const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(path)), ptq.equalize);
    const Graph& prepared = *model.graph(model.runnableShapes(inputShapesFor(model.source(), *data.dataset, 1)));
    checkLayerNames(ptq, prepared);
    const Calibration calibration = obtainCalibration(model, data, ptq, options.threads, &progress);
    applyToModel(ptq, calibration.prepared);
    const AutoquantResult r = autoquant(model, *data.dataset, data.indices, calibration, ptq.config, options, &progress);
    if (exportPath) {
        DistillerConfig out = fromPtqConfig(r.config, prepared);
        if (ptq.distiller) {
            out.quantizerName = ptq.distiller->quantizerName;
            out.modelActivationStats = ptq.distiller->modelActivationStats;
        }
        saveDistillerConfig(out, *exportPath);
    }
    if (ptq.exportOnnx)
        writeQuantizedOnnx(ptq, model, prepared, *buildPlan(calibration, r.config));
    const auto bits = layerBits(r.config, prepared);
    const double below = 100.0 * (1.0 - r.chosen.megabytes / r.uniform.megabytes);
    const bool timed = options.objective == AutoquantObjective::Latency;
    const CpuFeatures& cpu = cpuFeatures();

    if (asJson) {
        std::string trace, layers;
        for (const AutoquantCandidate& c : r.trace) // appended: GCC 12's -Wrestrict misfires on "," + std::string
            trace.append(trace.empty() ? "" : ",").append(candidateJson(c));
        for (const auto& [node, b] : bits)
            layers += std::string(layers.empty() ? "" : ",") + "{\"node\":" + jsonString(node) + ",\"bits\":" + jsonString(b) + "}";
        std::printf("{\"model\":%s,\"samples\":%zu,\"objective\":\"%s\",\"metric\":\"%s\",\"budget\":%s,\"fp32_top1\":%s,"
                    "\"fp32_megabytes\":%s,\"fp32_latency_ms\":%s,\"cpu\":%s,\"cpu_isa\":%s,"
                    "\"uniform\":%s,\"chosen\":%s,\"size_below_uniform_percent\":%s,\"layers\":[%s],\"trace\":[%s],\"seconds\":%.2f%s}\n",
                    jsonString(path).c_str(), data.indices.size(), objective.c_str(), r.labelled ? "top1" : "fidelity",
                    jsonNumber(r.labelled ? options.maxTop1Drop : options.minSqnrDb).c_str(), jsonNumber(r.fp32Top1).c_str(),
                    jsonNumber(r.fp32Megabytes).c_str(), jsonNumber(r.fp32LatencyMs).c_str(), jsonString(cpu.model).c_str(),
                    jsonString(cpu.isa).c_str(), candidateJson(r.uniform).c_str(), candidateJson(r.chosen).c_str(),
                    jsonNumber(below).c_str(), layers.c_str(), trace.c_str(), r.seconds,
                    exportPath ? (",\"config\":" + jsonString(*exportPath)).c_str() : "");
        return 0;
    }
    if (r.labelled)
        std::printf("autoquant: top-1 at most %.2f points below FP32 (%.2f %%) on %zu samples; size of the weights as stored\n\n",
                    options.maxTop1Drop, r.fp32Top1, data.indices.size());
    else
        std::printf("autoquant: worst output SQNR against FP32 at least %.1f dB on %zu samples (no labels); size of the weights as stored\n\n",
                    options.minSqnrDb, data.indices.size());
    if (timed)
        std::printf("objective: latency, batch 1 (median of at least %d runs on one sample, %s threads) on %s (oneDNN %s)\n\n",
                    options.latency.minRuns, options.threads > 0 ? std::to_string(options.threads).c_str() : "all", cpu.model.c_str(),
                    cpu.isa.c_str());
    std::printf("%-46s %8s %9s %10s%s\n", "candidate (every one a real int8 evaluation)", "top-1 %", "SQNR dB", "size MB",
                timed ? "   latency ms" : "");
    for (const AutoquantCandidate& c : r.trace) {
        std::printf("%-46s %8.2f %9.1f %10.4f", c.change.c_str(), c.top1, c.sqnrDb, c.megabytes);
        if (timed)
            std::printf(" %13.3f", c.latencyMs);
        std::printf("  %s\n", outcome(c));
    }
    std::printf("\nchosen: ");
    if (r.labelled)
        std::printf("top-1 %.2f %% (%+.2f against FP32), ", r.chosen.top1, r.chosen.top1 - r.fp32Top1);
    std::printf("output SQNR %.1f dB, %.4f MB: %.1f %% %s uniform %d-bit (%.4f MB); FP32 %.4f MB\n", r.chosen.sqnrDb, r.chosen.megabytes,
                std::abs(below), below >= 0.0 ? "below" : "above", startBits, r.uniform.megabytes, r.fp32Megabytes);
    if (timed) {
        std::printf("latency %.3f ms at batch 1: %.2fx uniform int8's (%.3f ms), %.2fx FP32's (%.3f ms), on %s\n", r.chosen.latencyMs,
                    r.chosen.latencyMs / r.uniform.latencyMs, r.uniform.latencyMs, r.chosen.latencyMs / r.fp32LatencyMs, r.fp32LatencyMs,
                    cpu.model.c_str());
        if (r.fp32LatencyMs <= r.chosen.latencyMs)
            std::printf("note: the unquantized FP32 model measured faster than every configuration kept within this budget\n");
    }
    for (const auto& [node, b] : bits)
        std::printf("  %-44s %s\n", node.c_str(), b.c_str());
    if (exportPath)
        std::printf("wrote %s (load it with eval --qe-config-file, or in the workbench)\n", exportPath->c_str());
    std::printf("time: %.1f s, %zu candidates\n", r.seconds, r.trace.size());
    return 0;
}

} // namespace qs::cli
