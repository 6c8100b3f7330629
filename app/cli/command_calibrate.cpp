// `quantscope-cli calibrate`: activation statistics to Distiller's stats YAML (+ histogram sidecar), and
// `quantscope-cli ranges`: the range every clip method picks per layer, ranked by predicted SQNR.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/ptq_arguments.h"
#include "app/cli/ptq_session.h"
#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/quant/layer_facts.h"
#include "core/ranges/clip_methods.h"
#include "core/distiller/stats_yaml.h"
#include "core/util/error.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace qs::cli {

int runCalibrate(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::printf("usage: quantscope-cli calibrate [--model M.onnx] [data options] [--qe-calibration AMOUNT] [--seed S] -o STATS.yaml\n"
                    "Runs the FP32 model over calibration samples and writes per-layer activation statistics in Distiller's\n"
                    "acts_quantization_stats.yaml schema, plus STATS.yaml.hist.yaml with 2048-bin histograms.\n"
                    "  --qe-calibration AMOUNT  a count (512) or a fraction (0.05) of the split, seeded (default 0.05)\n"
                    "  -o, --output FILE        where to write the statistics\n"
                    "  --split train|test       the split to calibrate on (default train)\n"
                    "  --seed S                 seed of the random subset for a fraction (default 0)\n"
                    "  --histogram-samples N    values of each batch binned into the histograms besides the tails, which are\n"
                    "                           always binned in full (default %lld; 0 bins every value: exact, slower)\n%s",
                    static_cast<long long>(kHistogramSamplesPerBatch),
                    kDataHelp);
        return 0;
    }
    const std::string path = modelArgument(args);
    if (std::find(args.rest().begin(), args.rest().end(), "--split") == args.rest().end()) {
        args.rest().push_back("--split");
        args.rest().push_back("train");
    }
    const std::string amountText = args.value({"--qe-calibration"}, "0.05");
    const auto output = args.value({"--output", "-o"});
    if (!output)
        throw Error("calibrate needs -o STATS.yaml");
    const int threads = threadsArgument(args);
    Progress progress = terminalProgress();
    DataSelection data = dataArguments(args, path, &progress);
    const uint64_t seed = static_cast<uint64_t>(args.integer({"--seed"}, 0));
    const long long histogramSamples = args.integer({"--histogram-samples"}, kHistogramSamplesPerBatch);
    if (histogramSamples < 0)
        throw Error("--histogram-samples must be 0 (all values) or a positive count, got " + std::to_string(histogramSamples));
    args.finish();
    const SampleAmount amount = calibrationAmount(amountText);
    const std::vector<int64_t> indices = amount.isFraction ? randomSubset(data.dataset->size(), amount, seed)
                                                           : firstIndices(data.dataset->size(), amount.count);
    const Graph model = importOnnxFile(path);
    const auto start = std::chrono::steady_clock::now();
    const Calibration c = calibrate(model, *data.dataset, indices, kCalibrationBatch, threads, &progress, histogramSamples);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writeStatsYaml(c, *output);
    writeHistogramSidecar(c, *output + ".hist.yaml");
    std::printf("calibrated on %zu samples of %s in %.2f s\nwrote %s (%zu layers) and %s.hist.yaml\n", indices.size(),
                data.dataset->name().c_str(), seconds, output->c_str(), layerStats(c.prepared).size(), output->c_str());
    return 0;
}

int runRanges(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::printf("usage: quantscope-cli ranges [--model M.onnx] [data options] [--qe-stats-file F | --qe-calibration AMOUNT]\n"
                    "                             [--qe-bits-acts N] [--qe-mode-acts MODE] [--layer NAME]\n"
                    "Prints, for each quantizable layer's output, the range every clip method picks and its predicted SQNR\n"
                    "(best first) at the given bits and mode.\n%s%s",
                    kDataHelp, kPtqHelp);
        return 0;
    }
    const std::string path = modelArgument(args);
    const auto only = args.value({"--layer"});
    const int threads = threadsArgument(args);
    Progress progress = terminalProgress();
    DataSelection data = dataArguments(args, path, &progress);
    PtqArguments ptq = ptqArguments(args);
    refuseOnnxExport(ptq, "calibrate");
    args.finish();
    const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(path)), ptq.equalize);
    checkLayerNames(ptq, *model.graph(inputShapesFor(model.source(), *data.dataset, 1)), only);
    const Calibration c = obtainCalibration(model, data, ptq, threads, &progress);
    applyToModel(ptq, c.prepared);
    const int bits = ptq.config.defaults.quant.bitsActivations;
    const QuantMode mode = ptq.config.defaults.quant.modeActivations;
    std::printf("ranges for %d-bit %s activations (predicted SQNR on each layer's histogram; best first)\n", bits, toString(mode).c_str());
    // The tensor each layer's output settings quantize, as the engine runs it (after what it fuses).
    for (const LayerFacts& layer : layerFacts(c.prepared)) {
        if (only && layer.node != *only && modulePath(layer.node) != *only)
            continue;
        const ActivationStats* s = c.stats(layer.output);
        if (!s)
            continue;
        std::string fused;
        for (const auto& type : layer.fused)
            fused += (fused.empty() ? " after fused " : "+") + type;
        std::printf("\n%s  output%s %s  value %s  min %.4g  max %.4g  mean %.4g  std %.4g  b %.4g\n", layer.node.c_str(), fused.c_str(),
                    toString(s->shape).c_str(), layer.output.c_str(), s->min, s->max, s->mean, s->std, s->b);
        if (!layer.outputQuantized)
            std::printf("  (this output stays FP32%s%s)\n", layer.fp32Reason.empty() ? "" : ": ", layer.fp32Reason.c_str());
        if (s->histogram.empty()) {
            std::printf("  (no histogram: percentile, entropy, mse and pytorch_histogram need statistics calibrated by QuantScope)\n");
            continue;
        }
        std::printf("  %-17s %12s %12s %10s\n", "method", "lo", "hi", "SQNR dB");
        for (const MethodRange& r : rankRanges(*s, bits, mode, ptq.config.defaults.rangeOptions))
            std::printf("  %-17s %12.5g %12.5g %10.2f\n", toString(r.method).c_str(), r.range.min, r.range.max, r.quality.sqnrDb);
    }
    return 0;
}

} // namespace qs::cli
