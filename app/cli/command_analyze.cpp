// `quantscope-cli analyze`: measured per-layer quantization error (core/ptq/layer_error.h).
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/json_text.h"
#include "app/cli/ptq_arguments.h"
#include "app/cli/ptq_session.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/layer_error.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qs::cli {

int runAnalyze(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::printf("usage: quantscope-cli analyze [--model M.onnx] [data options] [--qe-* flags] [--no-isolated] [--no-twin] [--json]\n"
                    "Measures, for every layer that runs int8, the SQNR of its output against FP32 on the evaluation samples\n"
                    "(default: the first 32): accumulated (the whole model quantized) and isolated (only that layer), each\n"
                    "on oneDNN's int8 kernels and on the fake-quantization twin (reference kernels), beside the SQNR\n"
                    "predicted from the calibration histogram. Layers are listed worst accumulated first.\n%s"
                    "  --no-isolated         skip the per-layer runs (one compile per layer)\n"
                    "  --no-twin             skip the reference-kernel twin (slow on large models)\n"
                    "  --json                one JSON object\n%s",
                    kDataHelp, kPtqHelp);
        return 0;
    }
    const std::string path = modelArgument(args);
    Progress progress = terminalProgress();
    DataSelection data = dataArgumentsCapped(args, path, &progress, 32);
    LayerErrorOptions options;
    options.isolated = !args.flag({"--no-isolated"});
    options.twin = !args.flag({"--no-twin"});
    options.threads = threadsArgument(args);
    const bool asJson = args.flag({"--json"});
    PtqArguments ptq = ptqArguments(args);
    refuseOnnxExport(ptq, "analyze");
    args.finish();

    const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(path)), ptq.equalize);
    const Graph& prepared = *model.graph(model.runnableShapes(inputShapesFor(model.source(), *data.dataset, 1)));
    checkLayerNames(ptq, prepared);
    const Calibration calibration = obtainCalibration(model, data, ptq, options.threads, &progress);
    applyToModel(ptq, calibration.prepared);
    LayerErrorReport report = measureLayerErrors(model, *data.dataset, data.indices, calibration, ptq.config, options, &progress);
    std::vector<LayerError> sorted = report.layers;
    std::stable_sort(sorted.begin(), sorted.end(), [](const LayerError& a, const LayerError& b) { return a.accumulatedDb < b.accumulatedDb; });

    if (asJson) {
        std::string layers;
        for (const LayerError& e : report.layers)
            layers += std::string(layers.empty() ? "" : ",") + "{\"node\":" + jsonString(e.node) + ",\"op\":" + jsonString(e.opType) + ",\"value\":" + jsonString(e.value) +
                      ",\"accumulated_db\":" + jsonNumber(e.accumulatedDb) + ",\"accumulated_twin_db\":" + jsonNumber(e.accumulatedTwinDb) +
                      ",\"isolated_db\":" + jsonNumber(e.isolatedDb) + ",\"isolated_twin_db\":" + jsonNumber(e.isolatedTwinDb) +
                      ",\"predicted_db\":" + jsonNumber(e.predictedDb) + "}";
        std::printf("{\"model\":%s,\"samples\":%lld,\"config\":%s,\"layers\":[%s],\"predicted_vs_isolated_spearman\":%s,\"seconds\":%.2f}\n",
                    jsonString(path).c_str(), static_cast<long long>(report.samples), jsonString(ptq.config.summary()).c_str(), layers.c_str(),
                    jsonNumber(report.predictedVsIsolatedRank).c_str(), report.seconds);
        return 0;
    }
    std::printf("per-layer SQNR vs FP32 (dB) on %lld samples, %s; worst accumulated first\n\n", static_cast<long long>(report.samples),
                ptq.config.summary().c_str());
    std::printf("%-44s %-6s %9s %9s %9s %9s %9s\n", "layer", "op", "accum", "accum-sim", "isolated", "isol-sim", "predicted");
    bool gap = false;
    for (const LayerError& e : sorted) {
        const bool differs = std::isfinite(e.isolatedDb) && std::isfinite(e.isolatedTwinDb) && std::abs(e.isolatedDb - e.isolatedTwinDb) > 1.0;
        gap = gap || differs;
        std::printf("%-44s %-6s %9s %9s %9s %9s %9s%s\n", e.node.c_str(), e.opType.c_str(), numberText(e.accumulatedDb, 1).c_str(),
                    numberText(e.accumulatedTwinDb, 1).c_str(), numberText(e.isolatedDb, 1).c_str(), numberText(e.isolatedTwinDb, 1).c_str(), numberText(e.predictedDb, 1).c_str(),
                    differs ? "  <- real int8 and simulation differ by more than 1 dB" : "");
    }
    std::printf("\npredicted vs measured isolated SQNR, Spearman rank correlation: %s\n", numberText(report.predictedVsIsolatedRank, 1).c_str());
    std::printf("accum: whole model int8 (oneDNN); -sim: the same on the fake-quantization twin; isolated: only that layer int8\n");
    if (gap)
        std::printf("note: where real int8 and its simulation differ, a simulation-only tool would mislead you\n");
    std::printf("time: %.1f s\n", report.seconds);
    return 0;
}

} // namespace qs::cli
