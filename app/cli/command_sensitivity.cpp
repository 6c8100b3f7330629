// `quantscope-cli sensitivity`: per-layer sensitivity to bit width (core/ptq/sensitivity.h).
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/json_text.h"
#include "app/cli/ptq_arguments.h"
#include "app/cli/ptq_session.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/sensitivity.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qs::cli {

namespace {

std::string probeName(const SensitivityProbe& p)
{
    if (!p.onlyThisLayer)
        return "all_but";
    // Built by appending: GCC 12's -Wrestrict misfires on "W" + std::to_string(...).
    std::string name(p.bitsActivations == 8 ? "W" : "A");
    name.append(std::to_string(p.bitsActivations == 8 ? p.bitsWeights : p.bitsActivations));
    if (p.bitsActivations == 8 && p.bitsWeights == 8)
        name.append("A8");
    return name;
}

} // namespace

int runSensitivity(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::printf("usage: quantscope-cli sensitivity [--model M.onnx] [data options] [--qe-* flags] [--bits 8,6,4] [--no-cache] [--json]\n"
                    "For every layer that runs int8: the metric when only that layer is quantized (weights at each bit width with\n"
                    "8-bit activations: W8A8 W6 W4; activations at each bit width with 8-bit weights: A6 A4), and when every layer\n"
                    "but that one is quantized with the --qe-* configuration (all_but). The metric is top-1 (labelled classifiers;\n"
                    "shown as the drop from FP32 in points) and the worst output's SQNR against FP32 (dB). Real int8 on\n"
                    "oneDNN. Default sample: the first 1000 evaluation samples (--limit/--sample change it).\n"
                    "Probes run from their layer on, fed from cached activations (FP32 for the single-layer probes, the\n"
                    "configuration's for all_but); the report compares the sweep's time with a whole-model run per probe.\n%s"
                    "  --bits LIST           bit widths to probe (default 8,6,4; 8 is always included)\n"
                    "  --no-cache            run every probe on the whole model (for comparison)\n"
                    "  --json                one JSON object\n%s",
                    kDataHelp, kPtqHelp);
        return 0;
    }
    const std::string path = modelArgument(args);
    Progress progress = terminalProgress();
    DataSelection data = dataArgumentsCapped(args, path, &progress, 1000);
    SensitivityOptions options;
    options.bits = bitListArgument(args, "--bits", "8,6,4");
    if (std::find(options.bits.begin(), options.bits.end(), 8) == options.bits.end())
        options.bits.insert(options.bits.begin(), 8);
    options.useCache = !args.flag({"--no-cache"});
    options.threads = threadsArgument(args);
    const bool asJson = args.flag({"--json"});
    PtqArguments ptq = ptqArguments(args);
    refuseOnnxExport(ptq, "sensitivity");
    args.finish();

    const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(path)), ptq.equalize);
    const Graph& prepared = *model.graph(model.runnableShapes(inputShapesFor(model.source(), *data.dataset, 1)));
    checkLayerNames(ptq, prepared);
    const Calibration calibration = obtainCalibration(model, data, ptq, options.threads, &progress);
    applyToModel(ptq, calibration.prepared);
    const SensitivityReport r = measureSensitivity(model, *data.dataset, data.indices, calibration, ptq.config, options, &progress);
    const double wholeModelSeconds = r.fullProbeSeconds * r.probes;

    if (asJson) {
        std::string layers;
        for (const LayerSensitivity& l : r.layers) {
            std::string probes;
            for (const SensitivityProbe& p : l.probes)
                probes += std::string(probes.empty() ? "" : ",") + "{\"probe\":\"" + probeName(p) + "\",\"bits_weights\":" +
                          std::to_string(p.bitsWeights) + ",\"bits_activations\":" + std::to_string(p.bitsActivations) +
                          ",\"only_this_layer\":" + (p.onlyThisLayer ? "true" : "false") + ",\"top1\":" + jsonNumber(p.top1) +
                          ",\"output_sqnr_db\":" + jsonNumber(p.outputSqnrDb) + ",\"mac_share\":" + jsonNumber(p.macShare) + "}";
            layers += std::string(layers.empty() ? "" : ",") + "{\"node\":" + jsonString(l.node) + ",\"op\":" + jsonString(l.opType) +
                      ",\"cached\":" + (l.cached ? "true" : "false") + ",\"probes\":[" + probes + "]}";
        }
        std::printf("{\"model\":%s,\"samples\":%lld,\"config\":%s,\"fp32_top1\":%s,\"base_top1\":%s,\"base_output_sqnr_db\":%s,"
                    "\"layers\":[%s],\"probes\":%d,\"seconds\":%.3f,\"cache_seconds\":%.3f,\"cache_bytes\":%zu,"
                    "\"whole_model_probe_seconds\":%.4f,\"probed_mac_share\":%.4f}\n",
                    jsonString(path).c_str(), static_cast<long long>(r.samples), jsonString(ptq.config.summary()).c_str(),
                    jsonNumber(r.fp32Top1).c_str(), jsonNumber(r.baseTop1).c_str(), jsonNumber(r.baseOutputSqnrDb).c_str(), layers.c_str(),
                    r.probes, r.seconds, r.cacheSeconds, r.cacheBytes, r.fullProbeSeconds, r.probedMacShare);
        return 0;
    }
    std::printf("sensitivity on %lld samples, base configuration %s\n", static_cast<long long>(r.samples), ptq.config.summary().c_str());
    if (r.labelled)
        std::printf("top-1: FP32 %.2f %%, every layer quantized %.2f %%; output SQNR of the latter %s dB\n", r.fp32Top1, r.baseTop1,
                    numberText(r.baseOutputSqnrDb, 1).c_str());
    else
        std::printf("no labels: output SQNR against FP32 with every layer quantized %s dB\n", numberText(r.baseOutputSqnrDb, 1).c_str());
    std::printf(r.labelled ? "\ntop-1 drop from FP32 in points (output SQNR in dB)\n" : "\noutput SQNR against FP32 in dB\n");
    std::printf("%-36s %-5s", "layer", "op");
    if (!r.layers.empty())
        for (const SensitivityProbe& p : r.layers[0].probes)
            std::printf(" %15s", probeName(p).c_str());
    std::printf("\n");
    for (const LayerSensitivity& l : r.layers) {
        std::printf("%-36s %-5s", l.node.c_str(), l.opType.c_str());
        for (const SensitivityProbe& p : l.probes) {
            const std::string cell = r.labelled ? numberText(r.fp32Top1 - p.top1, 2) + " (" + numberText(p.outputSqnrDb, 1) + ")" : numberText(p.outputSqnrDb, 1);
            std::printf(" %15s", cell.c_str());
        }
        std::printf("%s\n", l.cached ? "" : "  (whole model: cut values not observable)");
    }
    std::printf("\nW<b>: only this layer quantized, weights at b bits, activations 8; A<b>: activations at b bits, weights 8;\n"
                "all_but: every other layer quantized with the base configuration, this one FP32\n");
    std::printf("sweep: %d probes in %.2f s (activation cache %.2f s, %.1f MiB); one probe on the whole model takes %.3f s, so a\n"
                "whole-model sweep would take %.2f s: %.1fx\n",
                r.probes, r.seconds, r.cacheSeconds, static_cast<double>(r.cacheBytes) / (1 << 20), r.fullProbeSeconds, wholeModelSeconds,
                r.seconds > 0 ? wholeModelSeconds / r.seconds : 0.0);
    if (r.probedMacShare > 0.0 && r.probedMacShare < 1.0)
        std::printf("the probes ran %.0f %% of the model's multiply-accumulates on average: skipping prefixes saves at most %.1fx\n",
                    100.0 * r.probedMacShare, 1.0 / r.probedMacShare);
    return 0;
}

} // namespace qs::cli
