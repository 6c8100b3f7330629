#pragma once
// What several quantscope-cli commands share: the model argument (with the bundled demo model as the
// default), the dataset arguments, and a terminal progress line.

#include "app/cli/cli_args.h"
#include "core/data/dataset.h"
#include "core/ir/graph.h"
#include "core/ranges/clip_methods.h"
#include "core/util/progress.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qs::cli {

// The demo model shipped with QuantScope (source tree or installed share/quantscope/models).
std::string demoModelPath();
// The model path: the value of --model PATH (or -m PATH), removed from args; the demo model's path when
// absent. Only a path: it does not open or import the file (throws only when the demo model is missing).
std::string modelArgument(Args& args);
// Every `--input-shape [NAME=]DIMS` (repeatable), parsed; removed from args.
std::vector<InputShapeSpec> inputShapeArguments(Args& args);
// `--threads/-j N`: 0 (all cores) or a positive count; throws qs::Error otherwise.
int threadsArgument(Args& args);
// A number with `decimals` digits for text tables; "-" for NaN, "inf"/"-inf".
std::string numberText(double value, int decimals);
// `NAME 8,6,4`: bit widths from 2 to 8 separated by commas (`fallback` when absent); throws qs::Error naming NAME.
std::vector<int> bitListArgument(Args& args, const char* name, const std::string& fallback);
// `NAME none,avg,mse`: clip methods separated by commas, or `keep` (none: the configuration's own); throws qs::Error.
std::vector<RangeMethod> clipMethodListArgument(Args& args, const char* name, const std::string& fallback);

struct DataSelection {
    std::unique_ptr<Dataset> dataset;
    std::vector<int64_t> indices; // the evaluated subset, sorted
    std::string spec;
    std::optional<std::string> calibrationSpec; // --calibration-data KIND:PATH
};
// --data KIND:PATH (default Fashion-MNIST), --split, --preprocess, sidecar next to the model,
// --input-shape [NAME=]DIMS (repeatable; replaces the preprocessing's input_shape),
// --limit N (first N), --sample N|FRACTION with --seed S, --calibration-data KIND:PATH.
DataSelection dataArguments(Args& args, const std::string& modelPath, Progress* progress);
// dataArguments(), keeping only the first `defaultLimit` samples unless --limit or --sample chose them: for the
// commands whose cost grows with every sample (analyze, sensitivity).
DataSelection dataArgumentsCapped(Args& args, const std::string& modelPath, Progress* progress, std::size_t defaultLimit);
extern const char* const kDataHelp;

// Prints "stage  done/total  ETA" on stderr when it is a terminal; nothing otherwise.
Progress terminalProgress();

} // namespace qs::cli
