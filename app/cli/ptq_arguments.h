#pragma once
// Distiller's post-training quantization flags (--quantize-eval --qe-*), short forms included, parsed into a
// PtqConfig plus where the statistics come from. Flags QuantScope cannot honour are errors or notes that say
// why, never silently ignored.

#include "app/cli/cli_args.h"
#include "core/ptq/ptq_config.h"

#include <optional>
#include <string>
#include <vector>

namespace qs::cli {

struct PtqArguments {
    bool quantize = false;
    PtqConfig config;
    std::optional<std::string> statsFile;  // --qe-stats-file
    std::string calibration = "512";       // --qe-calibration: count or fraction of the train split
    std::vector<std::string> notes;        // accepted flags whose effect differs from Distiller's
};

PtqArguments ptqArguments(Args& args);
extern const char* const kPtqHelp;

} // namespace qs::cli
