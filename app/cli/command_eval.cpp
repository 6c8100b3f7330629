// `quantscope-cli eval`: accuracy of a model on a dataset.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/json_text.h"
#include "core/eval/evaluator.h"
#include "core/eval/fidelity.h"
#include "core/eval/metric_choice.h"
#include "core/quant/int8_coverage.h"
#include "core/data/dataset_factory.h"
#include "core/engine/cpu_features.h"
#include "core/data/subset.h"
#include "core/onnx_import/onnx_importer.h"
#include "app/cli/ptq_arguments.h"
#include "app/cli/ptq_session.h"
#include "core/ptq/model_size.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

namespace qs::cli {

namespace {

// What ran: "int8" only when some layer did.
std::string precisionLabel(bool quantize, const Int8Coverage& coverage)
{
    if (!quantize)
        return "FP32";
    return coverage.int8Layers > 0 ? "int8" : "FP32: no layer runs int8";
}

void printCoverage(const Int8Coverage& coverage)
{
    std::printf("int8: %s\n", coverageSummary(coverage).c_str());
    const auto islands = coverage.fp32Islands();
    for (std::size_t i = 0; i < islands.size() && i < 8; ++i)
        std::printf("  FP32 %s (%s, %.1f%% of MACs): %s\n", islands[i].node.c_str(), islands[i].opType.c_str(),
                    100.0 * static_cast<double>(islands[i].macs) / static_cast<double>(std::max<int64_t>(1, coverage.totalMacs)),
                    islands[i].fp32Reason.c_str());
    if (islands.size() > 8)
        std::printf("  ... and %zu more FP32 layers\n", islands.size() - 8);
}

int printFidelity(const PreparedModel& model, const DataSelection& data, const EvalOptions& options, const Int8Coverage& coverage,
                  const std::string& path, bool json, Progress* progress)
{
    EngineOptions fp32 = options.engine;
    fp32.quantization.reset();
    const FidelityMetrics f = measureFidelity(model, *data.dataset, options.indices, options.batch, fp32, options.engine, progress);
    if (json) {
        std::string outputs;
        for (const OutputFidelity& o : f.outputs) {
            std::string notes;
            if (!o.notCompared.empty())
                notes += ",\"not_compared\":" + jsonString(o.notCompared);
            if (o.dataDependent)
                notes += ",\"data_dependent\":true,\"runs\":" + std::to_string(o.runs) + ",\"shape_mismatches\":" + std::to_string(o.shapeMismatches);
            outputs += std::string(outputs.empty() ? "" : ",") + "{\"name\":" + jsonString(o.name) + ",\"sqnr_db\":" + jsonNumber(o.sqnrDb()) +
                       ",\"cosine\":" + jsonNumber(o.cosine()) + ",\"max_abs_err\":" + jsonNumber(o.maxAbsError) + notes + "}";
        }
        std::printf("{\"metric\":\"fidelity\",\"model\":%s,\"data\":%s,\"samples\":%lld,\"outputs\":[%s]%s,\"int8_mac_share\":%s,"
                    "\"seconds\":%.4f}\n",
                    jsonString(path).c_str(), jsonString(data.spec).c_str(), static_cast<long long>(f.samples), outputs.c_str(),
                    f.classifier ? (",\"top1_agreement\":" + jsonNumber(f.top1Agreement())).c_str() : "",
                    jsonNumber(coverage.int8Share()).c_str(), f.seconds);
        return 0;
    }
    std::printf("model: %s\n", path.c_str());
    std::printf("data: %s (%lld samples)\n", data.dataset->description().c_str(), static_cast<long long>(f.samples));
    for (const OutputFidelity& o : f.outputs) {
        if (!o.notCompared.empty()) {
            std::printf("output %s: not compared (%s)\n", o.name.c_str(), o.notCompared.c_str());
            continue;
        }
        if (o.elements > 0)
            std::printf("output %s: sqnr %.1f dB, cosine %.5f, max_abs_err %.4g", o.name.c_str(), o.sqnrDb(), o.cosine(), o.maxAbsError);
        else
            std::printf("output %s: no values to compare", o.name.c_str());
        if (o.dataDependent)
            std::printf(" (its shape depends on the data: compared in the %lld of %lld runs where int8 gave FP32's shape)",
                        static_cast<long long>(o.runs - o.shapeMismatches), static_cast<long long>(o.runs));
        if (o.nonFinite)
            std::printf(" (%lld non-finite values where FP32 is finite)", static_cast<long long>(o.nonFinite));
        std::printf("\n");
    }
    if (f.classifier)
        std::printf("top-1 agreement with FP32: %.2f%%\n", 100.0 * f.top1Agreement());
    printCoverage(coverage);
    if (f.batch == 1 && options.batch > 1 && f.samples > 1)
        std::printf("batch: 1 (the model cannot run batch %lld: a fixed batch dim or batch-sized constants)\n",
                    static_cast<long long>(options.batch));
    return 0;
}

} // namespace

int runEval(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::printf("usage: quantscope-cli eval [--model M.onnx] [data options] [--metric top1|fidelity] [--batch N] [--threads T]\n"
                    "                          [--reference] [--json]\n"
                    "Evaluates top-1, top-5 and cross-entropy of a classifier, or (--metric fidelity) how close the quantized\n"
                    "model's outputs are to FP32's: per output SQNR, cosine and max abs error, and top-1 agreement.\n"
                    "  --model M.onnx        the model (default: the bundled Fashion-MNIST demo model)\n%s"
                    "  --metric top1|fidelity  default: top1 for a single-output classifier on labelled data, else fidelity\n"
                    "  --batch N             batch size (default 64)\n"
                    "  --threads T           oneDNN threads (default: all cores)\n"
                    "  --reference           run the naive reference kernels instead of oneDNN (slow; for checking)\n"
                    "  --json                one JSON object instead of text\n"
                    "%s",
                    kDataHelp, kPtqHelp);
        return 0;
    }
    const std::string path = modelArgument(args);
    Progress progress = terminalProgress();
    DataSelection data = dataArguments(args, path, &progress);
    EvalOptions options;
    options.batch = args.integer({"--batch", "-b"}, 64);
    options.engine.threads = threadsArgument(args);
    options.engine.useDnnl = !args.flag({"--reference"});
    const bool json = args.flag({"--json"});
    const std::optional<std::string> metricArg = args.value({"--metric"});
    if (metricArg && !parseQualityMetric(*metricArg))
        throw Error("--metric must be top1 or fidelity, got '" + *metricArg + "'");
    PtqArguments ptq = ptqArguments(args);
    const bool quantize = ptq.quantize;
    if (!quantize && (ptq.calibrationGiven || ptq.statsFile || ptq.exportOnnx))
        throw Error(std::string(ptq.statsFile ? "--qe-stats-file" : ptq.exportOnnx ? "--export-onnx" : "--qe-calibration") +
                    " only applies to a quantized evaluation: add --quantize-eval (--qe)");
    args.finish();
    options.indices = data.indices;

    Int8Coverage coverage;
    const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(path)), ptq.equalize);
    const bool labelled = data.dataset->numClasses() > 0;
    const bool fidelity = metricArg ? *metricArg == "fidelity" : chooseMetric(model.source(), *data.dataset) == QualityMetric::Fidelity;
    if (!fidelity && !labelled)
        throw Error("top-1 needs labelled data, and " + data.dataset->name() + " has none: use --metric fidelity with --qe");
    if (fidelity && !quantize)
        throw Error(std::string(metricArg ? "--metric fidelity" : (labelled ? "this model is not a single-output classifier, so the "
                                                                               "metric is fidelity, which"
                                                                             : "the data has no labels, so the metric is fidelity, which")) +
                    " compares the quantized model with FP32: add --quantize-eval (--qe)");
    if (quantize) {
        const Graph& prepared = *model.graph(inputShapesFor(model.source(), *data.dataset, 1));
        checkLayerNames(ptq, prepared);
        for (const std::string& note : ineffectiveLayerNotes(ptq, prepared))
            ptq.notes.push_back(note);
    }
    for (const auto& note : ptq.notes)
        std::fprintf(stderr, "quantscope-cli: note: %s\n", note.c_str());
    if (quantize) {
        const Calibration calibration = obtainCalibration(model, data, ptq, options.engine.threads, &progress);
        applyToModel(ptq, calibration.prepared); // a config file's per-layer overrides; --export-config
        options.engine.quantization = buildPlan(calibration, ptq.config);
        writeQuantizedOnnx(ptq, model, *model.graph(inputShapesFor(model.source(), *data.dataset, 1)), *options.engine.quantization);
        std::map<std::string, std::vector<std::string>> byNote; // one line per kind of note, naming its layers
        for (const auto& [node, note] : options.engine.quantization->notes)
            byNote[note].push_back(node);
        for (const auto& [note, nodes] : byNote)
            std::fprintf(stderr, "quantscope-cli: note: %s (%zu layer%s, e.g. %s)\n", note.c_str(), nodes.size(), nodes.size() > 1 ? "s" : "",
                         nodes.front().c_str());
        coverage = int8Coverage(calibration.prepared, options.engine.quantization.get());
    }
    if (fidelity)
        return printFidelity(model, data, options, coverage, path, json, &progress);
    const EvalMetrics m = evaluate(model, *data.dataset, options, &progress);
    const ModelSize size = modelSize(*model.graph(inputShapesFor(model.source(), *data.dataset, 1)), options.engine.quantization.get());
    if (json) {
        std::printf("{\"model\":\"%s\",\"data\":\"%s\",\"samples\":%lld,\"top1\":%.6f,\"top5\":%.6f,\"cross_entropy\":%.6f,"
                    "\"seconds\":%.4f,\"images_per_second\":%.1f,\"size_bytes\":%lld,\"fp32_size_bytes\":%lld%s}\n",
                    path.c_str(), data.spec.c_str(), static_cast<long long>(m.samples), m.top1(), m.top5(), m.meanCrossEntropy(),
                    m.seconds, m.imagesPerSecond(), static_cast<long long>(size.quantizedBytes), static_cast<long long>(size.fp32Bytes),
                    quantize ? (",\"int8_mac_share\":" + std::to_string(coverage.int8Share())).c_str() : "");
        return 0;
    }
    std::printf("model: %s\n", path.c_str());
    std::printf("data: %s (%lld samples)\n", data.dataset->description().c_str(), static_cast<long long>(m.samples));
    std::printf("top-1: %.2f%%\n", 100.0 * m.top1());
    std::printf("top-5: %.2f%%\n", 100.0 * m.top5());
    std::printf("cross-entropy: %.4f\n", m.meanCrossEntropy());
    if (quantize) {
        std::printf("config: %s\n", ptq.config.summary().c_str());
        printCoverage(coverage);
        std::printf("size: %.3f MB (FP32 %.3f MB, %.2fx smaller)\n", size.quantizedMegabytes(), size.fp32Megabytes(), size.ratio());
    } else {
        std::printf("size: %.3f MB\n", size.fp32Megabytes());
    }
    std::printf("throughput: %.0f images/s (batch %lld, %s, %s)\n", m.imagesPerSecond(), static_cast<long long>(m.batch),
                options.engine.useDnnl ? "oneDNN" : "reference kernels", precisionLabel(quantize, coverage).c_str());
    return 0;
}

} // namespace qs::cli
