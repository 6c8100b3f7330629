#pragma once
// Distiller's post-training quantization flags (--quantize-eval --qe-*), short forms included, parsed into a
// PtqConfig plus where the statistics come from. Flags QuantScope cannot honour are errors or notes that say
// why, never silently ignored.

#include "app/cli/cli_args.h"
#include "core/data/subset.h"
#include "core/distiller/distiller_config.h"
#include "core/engine/prepared_model.h"
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
    bool calibrationGiven = false;         // --qe-calibration was on the command line
    std::vector<std::string> notes;        // accepted flags whose effect differs from Distiller's
    std::optional<std::string> configFile; // --qe-config-file: Distiller YAML, replaces the --qe-* settings
    std::optional<DistillerConfig> distiller; // its contents; per-layer overrides need the model (applyToModel)
    std::optional<std::string> exportConfig; // --export-config: write the effective config as Distiller YAML
    std::optional<std::string> exportOnnx;   // --export-onnx: write the quantized model as a QDQ ONNX model
    bool equalize = false; // --equalize: the model is prepared with cross-layer equalization (PreparedModel)
};

// Reads the flags (and the --qe-config-file, whose warnings go to stderr); config.defaults are final here.
PtqArguments ptqArguments(Args& args);
// What needs the model's layers: resolves the config file's overrides into config.perLayer (warnings and
// per-layer notes to stderr) and writes --export-config. Call with the prepared graph, before buildPlan().
void applyToModel(PtqArguments& ptq, const Graph& prepared);
// Commands that quantize no final model (analyze, sensitivity, calibrate, info) refuse --export-onnx rather than ignore it.
void refuseOnnxExport(const PtqArguments& ptq, const char* command);
// --export-onnx: writes `prepared` (`model` at batch 1) with the plan as a QDQ ONNX model, with a dynamic batch where
// the model allows one (core/onnx_export/dynamic_batch.h), and prints what it holds and its notes.
void writeQuantizedOnnx(const PtqArguments& ptq, const PreparedModel& model, const Graph& prepared, const QuantizationPlan& plan);
// Notes for list entries that change nothing on this model: a --qe-no-clip-layers layer whose output stays
// FP32 anyway (the logits), so there is nothing to clip.
std::vector<std::string> ineffectiveLayerNotes(const PtqArguments& ptq, const Graph& prepared);
// --qe-calibration as Distiller reads it: a portion of the split (0.05; 1 = all of it), or, QuantScope's
// extension, a count above 1 (512) or a percentage (5%).
SampleAmount calibrationAmount(const std::string& text);
// Throws qs::Error naming a --qe-no-clip-layers / --qe-no-quant-layers entry (or `--layer NAME`, when given) that
// names no layer of the model (node names or their module paths): a typo must not quietly do nothing.
void checkLayerNames(const PtqArguments& ptq, const Graph& prepared, const std::optional<std::string>& layer = std::nullopt);
extern const char* const kPtqHelp;

} // namespace qs::cli
