// `quantscope-cli eval`: accuracy of a model on a dataset.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "core/eval/evaluator.h"
#include "core/data/dataset_factory.h"
#include "core/engine/cpu_features.h"
#include "core/data/subset.h"
#include "core/onnx_import/onnx_importer.h"
#include "app/cli/ptq_arguments.h"
#include "app/cli/ptq_session.h"
#include "core/ptq/model_size.h"
#include "core/util/error.h"

#include <cstdio>
#include <map>

namespace qs::cli {

int runEval(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::printf("usage: quantscope-cli eval [--model M.onnx] [data options] [--batch N] [--threads T] [--reference] [--json]\n"
                    "Evaluates top-1, top-5 and cross-entropy of a classifier.\n"
                    "  --model M.onnx        the model (default: the bundled Fashion-MNIST demo model)\n%s"
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
    PtqArguments ptq = ptqArguments(args);
    const bool quantize = ptq.quantize;
    if (!quantize && (ptq.calibrationGiven || ptq.statsFile))
        throw Error(std::string(ptq.statsFile ? "--qe-stats-file" : "--qe-calibration") +
                    " only applies to a quantized evaluation: add --quantize-eval (--qe)");
    args.finish();
    options.indices = data.indices;

    const PreparedModel model(std::make_shared<const Graph>(importOnnxFile(path)));
    if (quantize) {
        const Graph& prepared = *model.graph(inputShapesFor(model.source(), *data.dataset, 1));
        checkLayerNames(ptq, prepared);
        for (const std::string& note : ineffectiveLayerNotes(ptq, prepared))
            ptq.notes.push_back(note);
    }
    if (quantize && ptq.config.defaults.quant.bitsWeights == 8 && !cpuFeatures().hasVnni)
        std::fprintf(stderr, "quantscope-cli: warning: this CPU (%s) has no VNNI; 8-bit weights may saturate in oneDNN's u8 x s8 "
                             "kernels. Consider --qe-bits-wts 7.\n", cpuFeatures().isa.c_str());
    for (const auto& note : ptq.notes)
        std::fprintf(stderr, "quantscope-cli: note: %s\n", note.c_str());
    if (quantize) {
        const Calibration calibration = obtainCalibration(model, data, ptq, options.engine.threads, &progress);
        applyToModel(ptq, calibration.prepared); // a config file's per-layer overrides; --export-config
        options.engine.quantization = buildPlan(calibration, ptq.config);
        std::map<std::string, std::vector<std::string>> byNote; // one line per kind of note, naming its layers
        for (const auto& [node, note] : options.engine.quantization->notes)
            byNote[note].push_back(node);
        for (const auto& [note, nodes] : byNote)
            std::fprintf(stderr, "quantscope-cli: note: %s (%zu layer%s, e.g. %s)\n", note.c_str(), nodes.size(), nodes.size() > 1 ? "s" : "",
                         nodes.front().c_str());
    }
    const EvalMetrics m = evaluate(model, *data.dataset, options, &progress);
    const ModelSize size = modelSize(*model.graph(inputShapesFor(model.source(), *data.dataset, 1)), options.engine.quantization.get());
    if (json) {
        std::printf("{\"model\":\"%s\",\"data\":\"%s\",\"samples\":%lld,\"top1\":%.6f,\"top5\":%.6f,\"cross_entropy\":%.6f,"
                    "\"seconds\":%.4f,\"images_per_second\":%.1f,\"size_bytes\":%lld,\"fp32_size_bytes\":%lld}\n",
                    path.c_str(), data.spec.c_str(), static_cast<long long>(m.samples), m.top1(), m.top5(), m.meanCrossEntropy(),
                    m.seconds, m.imagesPerSecond(), static_cast<long long>(size.quantizedBytes), static_cast<long long>(size.fp32Bytes));
        return 0;
    }
    std::printf("model: %s\n", path.c_str());
    std::printf("data: %s (%lld samples)\n", data.dataset->description().c_str(), static_cast<long long>(m.samples));
    std::printf("top-1: %.2f%%\n", 100.0 * m.top1());
    std::printf("top-5: %.2f%%\n", 100.0 * m.top5());
    std::printf("cross-entropy: %.4f\n", m.meanCrossEntropy());
    if (quantize) {
        std::printf("config: %s\n", ptq.config.summary().c_str());
        std::printf("size: %.3f MB (FP32 %.3f MB, %.2fx smaller)\n", size.quantizedMegabytes(), size.fp32Megabytes(), size.ratio());
    } else {
        std::printf("size: %.3f MB\n", size.fp32Megabytes());
    }
    std::printf("throughput: %.0f images/s (batch %lld, %s%s)\n", m.imagesPerSecond(), static_cast<long long>(options.batch),
                options.engine.useDnnl ? "oneDNN" : "reference kernels", quantize ? ", int8" : ", FP32");
    return 0;
}

} // namespace qs::cli
