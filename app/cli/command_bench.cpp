// `quantscope-cli bench`: latency and throughput of one model on random input, in the format
// bench/run_bench.sh puts next to ONNX Runtime's numbers.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "core/engine/engine.h"
#include "core/data/dataset_factory.h"
#include "core/data/random_dataset.h"
#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/calibration/calibration.h"
#include "core/ptq/minmax_ptq.h"

#include "core/util/error.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>

namespace qs::cli {

namespace {

// Calibration overhead: one pass collecting statistics and histograms vs. plain FP32 inference, same samples.
int benchCalibration(const Graph& model, const std::string& path, const std::optional<std::string>& dataSpec, long long samples,
                     long long batch, int threads, bool json)
{
    std::unique_ptr<Dataset> dataset;
    if (dataSpec) {
        dataset = openDataset(*dataSpec, Split::Train, defaultPreprocessFor(*dataSpec));
    } else {
        const Shape& declared = model.inputs.at(0).shape;
        if (declared.size() != 4)
            throw Error("--calibration without --data needs a 4-D image input", {path});
        dataset = std::make_unique<RandomDataset>(SampleShape{declared[1], declared[2], declared[3], Layout::Nchw}, samples);
    }
    const auto indices = firstIndices(dataset->size(), samples);
    EngineOptions engine;
    engine.threads = threads;
    using Clock = std::chrono::steady_clock;
    const int64_t rowsPerBatch = std::min<long long>(batch, samples);
    // Both sides are timed the way a user meets them: compile the model, then run it over the samples
    // (loading and preprocessing included). Calibration compiles an unfused graph, so every value
    // the quantizer may need is observable.
    auto inferAll = [&] {
        auto compiled = CompiledModel::compile(model, inputShapesFor(model, *dataset, rowsPerBatch), engine);
        Session session(compiled);
        ModelFeed feed(compiled->graph(), *dataset);
        for (std::size_t first = 0; first < indices.size(); first += static_cast<std::size_t>(rowsPerBatch)) {
            const std::size_t rows = std::min<std::size_t>(static_cast<std::size_t>(rowsPerBatch), indices.size() - first);
            feed.load(std::span<const int64_t>(indices.data() + first, rows));
            session.run(feed.pointers());
        }
    };
    std::size_t valuesObserved = 0;
    auto calibrateAll = [&] { valuesObserved = calibrate(model, *dataset, indices, batch, threads).values.size(); };
    auto seconds = [](auto&& work) {
        const auto t0 = Clock::now();
        work();
        return std::chrono::duration<double>(Clock::now() - t0).count();
    };
    // Warm-up (oneDNN's primitive cache, first touch of buffers), then alternate the two so drifting machine
    // load hits both alike; report medians.
    inferAll();
    calibrateAll();
    constexpr int kRepeats = 5;
    std::vector<double> inferTimes, calibrateTimes;
    for (int r = 0; r < kRepeats; ++r) {
        inferTimes.push_back(seconds(inferAll));
        calibrateTimes.push_back(seconds(calibrateAll));
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double inferSeconds = median(inferTimes);
    const double calibrateSeconds = median(calibrateTimes);
    const double overhead = calibrateSeconds / inferSeconds - 1.0;
    if (json)
        std::printf("{\"model\":\"%s\",\"samples\":%lld,\"batch\":%lld,\"threads\":%d,\"inference_s\":%.4f,\"calibration_s\":%.4f,"
                    "\"overhead\":%.3f,\"values_observed\":%zu}\n",
                    path.c_str(), samples, batch, threads, inferSeconds, calibrateSeconds, overhead, valuesObserved);
    else
        std::printf("model: %s\n%lld samples, batch %lld: FP32 inference (compile + run) %.3f s, calibration (stats + histograms of %zu values) %.3f s: "
                    "%+.0f%% (medians of %d)\n",
                    path.c_str(), samples, batch, inferSeconds, valuesObserved, calibrateSeconds, 100.0 * overhead, kRepeats);
    return 0;
}

} // namespace

int runBench(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::puts("usage: quantscope-cli bench [--model M.onnx] [--batch N] [--threads T] [--iterations N] [--warmup W] [--json]\n"
                  "                            [--quantize-eval [--qe-per-channel] [--qe-mode sym|asym_u|asym_s]] [--data KIND:PATH]\n"
                  "Times inference on random input: median and p90 latency per batch, and images per second.\n"
                  "With --quantize-eval the model runs in int8 on oneDNN, min/max-calibrated on 8 random samples, or the first 8\n"
                  "of --data (tensors:DIR for a model of several inputs); speed does not depend on the ranges, accuracy is\n"
                  "measured with `eval`.\n"
                  "With --calibration N it instead times a calibration pass (statistics + histograms of every activation)\n"
                  "over N samples against plain FP32 inference over the same samples (--data for real images, else random),\n"
                  "both at the batch calibration uses (32 unless --batch says otherwise).");
        return 0;
    }
    const std::string path = modelArgument(args);
    const long long calibrationSamples = args.integer({"--calibration"}, 0);
    // Calibration is timed at the batch the product calibrates with, unless told otherwise.
    const long long batch = args.integer({"--batch", "-b"}, calibrationSamples > 0 ? kCalibrationBatch : 1);
    const int threads = threadsArgument(args);
    const long long iterations = args.integer({"--iterations", "-n"}, 20);
    const long long warmup = args.integer({"--warmup"}, 3);
    const bool json = args.flag({"--json"});
    const bool int8 = args.flag({"--quantize-eval", "--qe"});
    const auto dataSpec = args.value({"--data"});
    LayerQuantSettings settings;
    settings.perChannel = args.flag({"--qe-per-channel", "--qepc"});
    const std::string mode = args.value({"--qe-mode", "--qem"}, "asym_u");
    settings.modeActivations = parseQuantMode(mode);
    if (mode != "sym" && mode != "asym_u" && mode != "asym_s")
        throw Error("--qe-mode must be sym, asym_u or asym_s, got '" + mode + "'");
    args.finish();

    const Graph model = importOnnxFile(path);
    if (calibrationSamples > 0)
        return benchCalibration(model, path, dataSpec, calibrationSamples, batch, threads, json);
    InputShapes shapes;
    shapes.batch = batch;
    EngineOptions options;
    options.threads = threads;
    if (int8) {
        // Ranges from --data when given (a model of several inputs needs it: tensors:DIR), else random images.
        std::unique_ptr<Dataset> calibration;
        if (dataSpec) {
            calibration = openDataset(*dataSpec, Split::Train, defaultPreprocessFor(*dataSpec));
        } else {
            const Shape& declared = model.inputs.at(0).shape;
            if (model.inputs.size() != 1 || declared.size() != 4)
                throw Error("--quantize-eval in bench without --data needs one 4-D image input", {path});
            calibration = std::make_unique<RandomDataset>(SampleShape{declared[1], declared[2], declared[3], Layout::Nchw}, 8);
        }
        const int64_t samples = std::min<int64_t>(8, calibration->size());
        // At the timed batch: a model with batch-sized constants (NanoDet's Reshapes) may run no other.
        const auto ranges = observeMinMax(model, *calibration, firstIndices(samples), std::min<long long>(batch, samples), threads);
        options.quantization = minMaxPlan(model, shapes, ranges, settings);
    }
    const auto compileStart = std::chrono::steady_clock::now();
    auto compiled = CompiledModel::compile(model, shapes, options);
    const double compileMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - compileStart).count();
    Session session(compiled);
    std::vector<std::vector<float>> inputs;
    std::vector<const float*> pointers;
    std::mt19937 rng(42);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (const auto& in : compiled->graph().inputs) {
        inputs.emplace_back(static_cast<std::size_t>(elementCount(in.shape)));
        for (float& v : inputs.back())
            v = normal(rng);
        pointers.push_back(inputs.back().data());
    }
    for (long long i = 0; i < warmup; ++i)
        session.run(pointers);
    std::vector<double> ms;
    for (long long i = 0; i < iterations; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        session.run(pointers);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    const double p90 = ms[std::min(ms.size() - 1, ms.size() * 9 / 10)];
    const double ips = 1000.0 * static_cast<double>(batch) / median;
    if (json) {
        std::printf("{\"engine\":\"quantscope\",\"version\":\"%s\",\"model\":\"%s\",\"batch\":%lld,\"threads\":%d,\"median_ms\":%.4f,"
                    "\"p90_ms\":%.4f,\"throughput_ips\":%.2f,\"compile_ms\":%.1f,\"reference_nodes\":%zu,\"precision\":\"%s\"}\n",
                    QS_VERSION, path.c_str(), batch, threads, median, p90, ips, compileMs, compiled->referenceNodes().size(), int8 ? "int8" : "fp32");
    } else {
        std::printf("model: %s\nbatch %lld, threads %d, %lld iterations\nmedian %.3f ms, p90 %.3f ms, %.1f images/s (compile %.0f ms)\n",
                    path.c_str(), batch, threads, iterations, median, p90, ips, compileMs);
    }
    return 0;
}

} // namespace qs::cli
