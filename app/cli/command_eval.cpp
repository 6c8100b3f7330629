// `quantscope-cli eval`: accuracy of a model on a dataset.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"

#include <cstdio>

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
                    "  --json                one JSON object instead of text\n",
                    kDataHelp);
        return 0;
    }
    const std::string path = modelArgument(args);
    Progress progress = terminalProgress();
    DataSelection data = dataArguments(args, path, &progress);
    EvalOptions options;
    options.batch = args.integer({"--batch", "-b"}, 64);
    options.engine.threads = static_cast<int>(args.integer({"--threads", "-j"}, 0));
    options.engine.useDnnl = !args.flag({"--reference"});
    const bool json = args.flag({"--json"});
    args.finish();
    options.indices = data.indices;

    const Graph model = importOnnxFile(path);
    const EvalMetrics m = evaluate(model, *data.dataset, options, &progress);
    if (json) {
        std::printf("{\"model\":\"%s\",\"data\":\"%s\",\"samples\":%lld,\"top1\":%.6f,\"top5\":%.6f,\"cross_entropy\":%.6f,"
                    "\"seconds\":%.4f,\"images_per_second\":%.1f}\n",
                    path.c_str(), data.spec.c_str(), static_cast<long long>(m.samples), m.top1(), m.top5(), m.meanCrossEntropy(),
                    m.seconds, m.imagesPerSecond());
        return 0;
    }
    std::printf("model: %s\n", path.c_str());
    std::printf("data: %s (%lld samples)\n", data.dataset->description().c_str(), static_cast<long long>(m.samples));
    std::printf("top-1: %.2f%%\n", 100.0 * m.top1());
    std::printf("top-5: %.2f%%\n", 100.0 * m.top5());
    std::printf("cross-entropy: %.4f\n", m.meanCrossEntropy());
    std::printf("throughput: %.0f images/s (batch %lld, %s)\n", m.imagesPerSecond(), static_cast<long long>(options.batch),
                options.engine.useDnnl ? "oneDNN" : "reference kernels");
    return 0;
}

} // namespace qs::cli
