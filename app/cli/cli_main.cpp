// quantscope-cli: the headless QuantScope engine.
#include "app/cli/commands.h"
#include "core/util/error.h"
#include "core/util/progress.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

void usage()
{
    std::puts("usage: quantscope-cli COMMAND [options]   (COMMAND --help for its options)\n"
              "commands:\n"
              "  eval       evaluate a classifier's accuracy on a dataset (FP32, or int8 with --quantize-eval)\n"
              "  calibrate  collect activation statistics (Distiller's stats YAML + histograms)\n"
              "  ranges     the range every clip method picks per layer, with predicted SQNR\n"
              "  analyze    measured per-layer error of int8 (isolated and accumulated, oneDNN and its fake-quant twin)\n"
              "  sensitivity  per-layer metric at 8/6/4 bits (only that layer int8) and with that layer FP32 (all others int8)\n"
              "  autoquant  mixed precision: per-layer weight widths that minimise size within an accuracy budget\n"
              "  bench      time inference (latency at a batch size, images/s)\n"
              "  info       show a model's inputs, operators, parameters and how it runs");
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    try {
        if (command == "eval")
            return qs::cli::runEval(std::move(args));
        if (command == "bench")
            return qs::cli::runBench(std::move(args));
        if (command == "calibrate")
            return qs::cli::runCalibrate(std::move(args));
        if (command == "ranges")
            return qs::cli::runRanges(std::move(args));
        if (command == "analyze")
            return qs::cli::runAnalyze(std::move(args));
        if (command == "sensitivity")
            return qs::cli::runSensitivity(std::move(args));
        if (command == "autoquant")
            return qs::cli::runAutoquant(std::move(args));
        if (command == "info")
            return qs::cli::runInfo(std::move(args));
        std::fprintf(stderr, "quantscope-cli: unknown command '%s'\n", command.c_str());
        usage();
        return 2;
    } catch (const qs::Cancelled&) {
        std::fprintf(stderr, "quantscope-cli: cancelled\n");
        return 130;
    } catch (const qs::Error& e) {
        std::fprintf(stderr, "quantscope-cli: error: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "quantscope-cli: internal error: %s\n", e.what());
        return 3;
    }
}
