#include "app/cli/cli_common.h"

#include <limits>

#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/util/error.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace qs::cli {

const char* const kDataHelp =
    "  --data KIND:PATH      dataset: fashion-mnist:DIR, mnist:DIR, cifar10:DIR, imagefolder:DIR (class folders),\n"
    "                        images:DIR (any images, no labels: fidelity to FP32)\n"
    "                        tensors:DIR (one .npy/.npz per sample, [C,H,W] or [1,C,H,W], used as stored; for a\n"
    "                        model of several inputs one .npz per sample with one array per input, named after it)\n"
    "                        (default fashion-mnist:/usr/share/datasets/fashion-mnist)\n"
    "  --input-shape [NAME=]DIMS  a dynamic input's shape, e.g. 1x3x48x192 or x=1x3x640x640 (repeatable; also\n"
    "                        input_shape in MODEL.preprocess.yaml); image data without resize= is resized to it\n"
    "  --calibration-data KIND:PATH  calibrate on other data than --data (image folders have no train split)\n"
    "  --split train|test    part of the dataset (default test)\n"
    "  --preprocess SPEC     e.g. \"resize=256,crop=224,channels=rgb,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225\"\n"
    "                        (default: MODEL.preprocess.yaml next to the model, else the dataset's usual normalisation)\n"
    "  --limit N             only the first N samples\n"
    "  --sample N|FRACTION   a seeded random subset (e.g. 1000 or 0.1)\n"
    "  --seed S              seed for --sample (default 0)\n";

std::string demoModelPath()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share/quantscope/models/fmnist_demo.onnx";
        if (fs::exists(installed))
            return installed.string();
    }
#ifdef QS_DEMO_MODEL_SOURCE
    if (fs::exists(QS_DEMO_MODEL_SOURCE))
        return QS_DEMO_MODEL_SOURCE;
#endif
    throw Error("the bundled demo model was not found; give --model PATH");
}

std::string modelArgument(Args& args)
{
    const auto model = args.value({"--model", "-m"});
    return model ? *model : demoModelPath();
}

DataSelection dataArguments(Args& args, const std::string& modelPath, Progress* progress)
{
    DataSelection selection;
    selection.spec = args.value({"--data", "-d"}, "fashion-mnist:/usr/share/datasets/fashion-mnist");
    const Split split = parseSplit(args.value({"--split"}, "test"));
    PreprocessSpec preprocess;
    if (const auto text = args.value({"--preprocess"}))
        preprocess = parsePreprocessSpec(*text);
    else if (const auto sidecar = findPreprocessSidecar(modelPath))
        preprocess = loadPreprocessSidecar(*sidecar);
    else
        preprocess = defaultPreprocessFor(selection.spec);
    if (std::vector<InputShapeSpec> shapes = inputShapeArguments(args); !shapes.empty())
        preprocess.inputShapes = std::move(shapes);
    selection.calibrationSpec = args.value({"--calibration-data"});
    constexpr long long kAll = std::numeric_limits<long long>::min();
    long long limit = args.integer({"--limit"}, kAll);
    if (limit != kAll && limit < 1) // 0 or -5 used to mean "everything"
        throw Error("--limit must be a positive number of samples, got " + std::to_string(limit));
    if (limit == kAll)
        limit = -1;
    const auto sample = args.value({"--sample"});
    const auto seed = static_cast<uint64_t>(args.integer({"--seed"}, 0));
    selection.dataset = openDataset(selection.spec, split, preprocess, progress);
    if (sample)
        selection.indices = randomSubset(selection.dataset->size(), parseSampleAmount(*sample), seed);
    else
        selection.indices = firstIndices(selection.dataset->size(), limit);
    return selection;
}

std::vector<InputShapeSpec> inputShapeArguments(Args& args)
{
    std::vector<InputShapeSpec> shapes;
    while (const auto text = args.value({"--input-shape"}))
        shapes.push_back(parseInputShapeSpec(*text));
    return shapes;
}

std::string numberText(double value, int decimals)
{
    if (std::isnan(value))
        return "-";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

DataSelection dataArgumentsCapped(Args& args, const std::string& modelPath, Progress* progress, std::size_t defaultLimit)
{
    const bool chosen = std::any_of(args.rest().begin(), args.rest().end(),
                                    [](const std::string& a) { return a.rfind("--limit", 0) == 0 || a.rfind("--sample", 0) == 0; });
    DataSelection data = dataArguments(args, modelPath, progress);
    if (!chosen && data.indices.size() > defaultLimit)
        data.indices.resize(defaultLimit);
    return data;
}

std::vector<int> bitListArgument(Args& args, const char* name, const std::string& fallback)
{
    const std::string text = args.value({name}, fallback);
    std::vector<int> bits;
    for (std::size_t at = 0; at <= text.size();) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        const std::string part = text.substr(at, comma - at);
        char* end = nullptr;
        const long b = std::strtol(part.c_str(), &end, 10);
        if (part.empty() || *end != '\0' || b < 2 || b > 8)
            throw Error(std::string(name) + " takes bit widths from 2 to 8 separated by commas, e.g. 8,6,4 (got '" + text + "')");
        bits.push_back(static_cast<int>(b));
        at = comma + 1;
    }
    return bits;
}

std::vector<RangeMethod> clipMethodListArgument(Args& args, const char* name, const std::string& fallback)
{
    const std::string text = args.value({name}, fallback);
    std::vector<RangeMethod> methods;
    if (text == "keep")
        return methods;
    for (std::size_t at = 0; at <= text.size();) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        try {
            methods.push_back(parseRangeMethod(text.substr(at, comma - at)));
        } catch (const Error& e) {
            throw Error(std::string(name) + " '" + text + "': " + e.message());
        }
        at = comma + 1;
    }
    return methods;
}

int threadsArgument(Args& args)
{
    const long long threads = args.integer({"--threads", "-j"}, 0);
    if (threads < 0 || threads > 4096)
        throw Error("--threads must be 0 (all cores) or a positive count, got " + std::to_string(threads));
    return static_cast<int>(threads);
}

Progress terminalProgress()
{
    if (!isatty(STDERR_FILENO))
        return Progress();
    const auto start = std::chrono::steady_clock::now();
    return Progress([start](long long done, long long total, const std::string& stage) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double eta = done > 0 ? elapsed * static_cast<double>(total - done) / static_cast<double>(done) : 0.0;
        std::fprintf(stderr, "\r%-12s %lld/%lld  %5.1f%%  ETA %4.0fs ", stage.c_str(), done, total,
                     total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0.0, eta);
        if (done >= total)
            std::fprintf(stderr, "\r%60s\r", "");
        std::fflush(stderr);
    });
}

} // namespace qs::cli
