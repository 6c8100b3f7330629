#pragma once
// Distiller's post-training quantization command line (add_post_train_quant_args and
// PostTrainLinearQuantizer.from_args in distiller/quantization/range_linear.py), so that existing command
// lines work unchanged: --quantize-eval/--qe, --qe-mode/--qem, --qe-mode-acts/--qema, --qe-mode-wts/--qemw,
// --qe-bits-acts/--qeba, --qe-bits-wts/--qebw, --qe-bits-accum, --qe-per-channel/--qepc,
// --qe-clip-acts/--qeca, --qe-clip-n-stds, --qe-no-clip-layers/--qencl L..., --qe-no-quant-layers/--qenql L...,
// --qe-scale-approx-bits/--qesab, --qe-save-fp-weights, --qe-convert-pytorch/--qept, --qe-pytorch-backend,
// and the mutually exclusive --qe-stats-file / --qe-dynamic / --qe-calibration / --qe-config-file; plus
// QuantScope's --qe-percentile P and the clip methods percentile, entropy, mse.
// As with argparse: values follow as the next argument or after '='; a unique prefix of a long flag works;
// list flags take every following argument up to the next flag; a repeated flag replaces the earlier value.
// As with from_args: 0 bits means null (not quantized); --qe-mode-acts/-wts override --qe-mode; the layer
// lists become overrides keyed by the layer names; a config file replaces all other --qe-* settings.

#include "core/quant/quant_config.h"

#include <optional>
#include <string>
#include <vector>

namespace qs {

struct DistillerArgs {
    bool quantizeEval = false;           // --quantize-eval / --qe
    QuantConfig config;                  // from the flags (see effectiveConfig() for --qe-config-file)
    std::vector<std::string> noQuantLayers; // as given (already applied to `config`)
    std::vector<std::string> noClipLayers;
    std::optional<std::string> statsFile;   // --qe-stats-file
    std::optional<std::string> configFile;  // --qe-config-file
    std::optional<double> calibration;      // --qe-calibration: portion of the test set in (0, 1]
    bool dynamic = false;                   // --qe-dynamic
    bool saveFpWeights = false;             // --qe-save-fp-weights (accepted, no effect)
    std::vector<std::string> qeFlagsSeen;   // canonical names of the --qe-* flags given, in order
    std::vector<std::string> notes;         // flags accepted but ignored, and why
    std::vector<std::string> remaining;     // arguments that are not --qe-* flags, in order, for the caller
};

// Throws qs::Error naming the flag for an unknown or ambiguous --qe-* flag, a missing or bad value
// ("--qe-mode: 'symm' is not one of sym, sym_restr, asym_u, asym_s"), or two mutually exclusive flags.
DistillerArgs parseDistillerArgs(const std::vector<std::string>& args);

// The config a run uses: the flags' config, or with --qe-config-file the file's (read with
// readQuantConfigFile; its warnings and a note naming the --qe-* flags it replaces go to `warnings`).
QuantConfig effectiveConfig(const DistillerArgs& args, std::vector<QuantWarning>* warnings = nullptr);

// An equivalent Distiller command line (long flags, defaults left out), for "export as CLI" and run names.
// Overrides other than those of the no-quant / no-clip lists, and global keys without a flag
// (clip_half_range, a mode for which Distiller has no flag...), cannot be expressed: they are listed in
// `inexpressible` when given, otherwise qs::Error is thrown suggesting --qe-config-file.
std::vector<std::string> toDistillerArgs(const QuantConfig& config, std::vector<std::string>* inexpressible = nullptr);
// Arguments joined with spaces, quoted for a POSIX shell where needed.
std::string formatCommandLine(const std::vector<std::string>& args);

// A one-line summary for run names: "<mode> <acts>/<weights> [pc] [clip]" such as "asym_u 8/8 pc avg",
// "sym 8/4", "asym_u/sym fp/4" (fp = not quantized; modes shown acts/weights where they differ),
// "sym 8/8 n_std(2.5)", "sym 8/8 percentile(99.9)", then "+N overrides" where there are any.
std::string quantSummary(const QuantConfig& config);

} // namespace qs
