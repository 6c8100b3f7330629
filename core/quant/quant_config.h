#pragma once
// A post-training quantization configuration with the structure and semantics of Distiller's
// PostTrainLinearQuantizer (distiller/quantization/range_linear.py, quantizer.py): global settings plus
// `overrides`, an ordered list of regular expressions over layer names, each setting some keys.
// Every key is optional so that "unset" (inherit) differs from "set": an override that sets only
// bits_weights keeps the global mode, clipping and so on; a bit width set to null means "do not quantize".
// resolve() gives a layer's effective settings and which override decided them, for the engine and the GUI.
// The YAML file format is in quant_config_yaml.h, the --qe-* command line in distiller_args.h.

#include "core/quant/quant_types.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qs {

// Distiller's defaults (PostTrainLinearQuantizer.__init__ and the --qe-* flags agree on them).
struct QuantDefaults {
    static constexpr int bitsActivations = 8;
    static constexpr int bitsWeights = 8; // bits_parameters
    static constexpr int bitsAccum = 32;  // also the default bias width: Distiller passes bits_bias=bits_accum
    static constexpr LinearMode mode = LinearMode::Symmetric;
    static constexpr ClipMethod clipActs = ClipMethod::None;
    static constexpr bool perChannelWts = false;
    static constexpr bool clipHalfRange = false;
    static constexpr double clipPercentile = 99.99; // QuantScope's PERCENTILE default
};

// `input_overrides: {<input index>: {...}}` of an override: how a layer quantizes one of its inputs when that
// input arrives unquantized. Distiller accepts exactly these keys.
struct InputOverride {
    bool fromOutput = false; // from_output: use the layer's output settings (without half-range clipping)
    std::optional<Bits> bitsActivations;
    std::optional<LinearMode> mode;
    std::optional<ClipMethod> clipActs;
    std::optional<double> clipNStds;
    bool operator==(const InputOverride&) const = default;
};

// A key Distiller knows but QuantScope does not apply (fpq_module, quantize_inputs,
// inputs_quant_auto_fallback...): kept as YAML text so that writing the config gives it back.
struct PassthroughSetting {
    std::string key;
    std::string yaml; // the value, as a YAML flow document
    int line = 0;     // where it was read; not compared
    bool operator==(const PassthroughSetting& o) const { return key == o.key && yaml == o.yaml; }
};

// The keys of the global section or of one override. std::nullopt = unset (inherit); a set Bits may itself be
// null (std::nullopt inside).
struct LayerSettings {
    std::optional<Bits> bitsActivations;     // bits_activations
    std::optional<Bits> bitsWeights;         // bits_weights (override) / bits_parameters (global)
    std::optional<Bits> bitsBias;            // bits_bias (override only; the global bias width is bits_accum)
    std::optional<ModePair> mode;            // mode: NAME or {activations: NAME, weights: NAME}
    std::optional<bool> perChannelWts;       // per_channel_wts
    std::optional<ClipMethod> clipActs;      // clip_acts
    std::optional<double> clipNStds;         // clip_n_stds
    std::optional<bool> clipHalfRange;       // clip_half_range
    std::optional<Bits> scaleApproxMultBits; // scale_approx_mult_bits (null = float scales)
    std::optional<double> clipPercentile;    // clip_percentile: QuantScope extension, for clip_acts PERCENTILE
    std::map<int, InputOverride> inputOverrides; // input_overrides (override only)
    std::vector<PassthroughSetting> passthrough; // known to Distiller, not applied by QuantScope

    // The YAML keys set here, in the order the writer emits them (global bits_weights is "bits_weights").
    std::vector<std::string> setKeys() const;
    bool empty() const { return setKeys().empty(); }
    bool operator==(const LayerSettings&) const = default;
};

// Where an override came from: a config file, Distiller's --qe-no-quant-layers / --qe-no-clip-layers
// (which Distiller turns into overrides keyed by the layer name), or code (the GUI's edits).
enum class OverrideOrigin { ConfigFile, NoQuantLayers, NoClipLayers, Code };
std::string originName(OverrideOrigin origin); // "config file", "--qe-no-quant-layers", ...

struct QuantOverride {
    std::string pattern; // the key: a regular expression over layer names (see override_pattern.h)
    LayerSettings settings;
    OverrideOrigin origin = OverrideOrigin::Code;
    int line = 0; // of the key in the file it was read from (0 = none)

    // Provenance (origin, line) is not compared: a config written and read back equals the original.
    bool operator==(const QuantOverride& o) const { return pattern == o.pattern && settings == o.settings; }
};

// How one layer quantizes an input that arrives unquantized (Distiller's QuantSettings for inputs).
struct EffectiveInputConfig {
    Bits bits;
    LinearMode mode = LinearMode::Symmetric;
    ClipMethod clipActs = ClipMethod::None;
    std::optional<double> clipNStds;
    bool fromOutput = false;
    bool operator==(const EffectiveInputConfig&) const = default;
};

// Every setting in effect for one layer, and where it came from.
struct EffectiveLayerConfig {
    std::string layerName;      // as asked
    std::string matchedName;    // which of the layer's names the key matched (layerMatchNames; for a regex
                                // the module path is reported before the ONNX name); empty: none
    std::string matchedPattern; // the override key; empty: global settings only
    int matchedLine = 0;        // line of that key (0 = not from a file)
    bool exactMatch = false;    // the key equals the name (Distiller looks names up before matching regexes)
    OverrideOrigin origin = OverrideOrigin::Code;
    std::vector<std::string> overriddenKeys; // keys the override set; all others are the global settings

    Bits bitsActivations;
    Bits bitsWeights;
    Bits bitsBias;
    int bitsAccum = QuantDefaults::bitsAccum;
    ModePair mode;
    bool perChannelWts = false;
    ClipMethod clipActs = ClipMethod::None;
    std::optional<double> clipNStds;
    bool clipHalfRange = false;
    Bits scaleApproxMultBits;
    double clipPercentile = QuantDefaults::clipPercentile;
    std::map<int, EffectiveInputConfig> inputs; // input_overrides, resolved
    std::vector<std::string> ignoredKeys;       // passthrough keys in effect (not applied by QuantScope)

    bool fromOverride() const { return !matchedPattern.empty(); }
    // Distiller skips a layer whose activations and weights are both null.
    bool quantized() const { return bitsActivations.has_value() || bitsWeights.has_value(); }
};

struct QuantWarning {
    std::string message;
    std::string key; // the YAML key or flag concerned, if any
    int line = 0;    // 1-based; 0 = none
};
std::string toString(const QuantWarning& warning); // "line 12: fpq_module: ..."

struct QuantConfig {
    std::string sectionName = "quantizers";             // top-level section holding the quantizer
    std::string quantizerName = "post_train_quantizer"; // its component name
    LayerSettings global;                               // bitsBias and inputOverrides are not used here
    std::optional<int> bitsAccum;                       // bits_accum; unset = 32
    std::optional<std::string> modelActivationStats;    // model_activation_stats, as written
    std::vector<QuantOverride> overrides;               // file order: the first matching key wins

    // Effective settings of a layer. `layerName` may be an ONNX node name or a module path; it is matched
    // under every name layerMatchNames(layerName, opType) gives. A key equal to one of those names wins
    // (Distiller's exact-name lookup); otherwise the first key in order whose regex matches one of them;
    // otherwise the global settings. Unset keys inherit the global ones (then Distiller's defaults).
    // Throws qs::Error (with the key's line) where Distiller refuses the layer: an override with settings
    // besides bit widths on a layer whose activations and weights are both null, or an invalid key.
    EffectiveLayerConfig resolve(const std::string& layerName, const std::string& opType = {}) const;

    bool operator==(const QuantConfig&) const = default;
};

// Distiller's from_args handling of --qe-no-quant-layers / --qe-no-clip-layers: one override per named
// layer, keyed by the name as given (so it also acts as a regex): no-quant sets bits_activations and
// bits_weights to null, no-clip sets clip_acts NONE (skipped for layers also in the no-quant list).
// Distiller builds the list of overrides from exactly these; here they are put in front of any existing
// overrides (an existing key with the same name gets the settings added instead).
void applyLayerLists(QuantConfig& config, const std::vector<std::string>& noQuantLayers,
                     const std::vector<std::string>& noClipLayers);

// Checks what the file reader checks value by value, for a config built in code, plus Distiller's
// cross-key rules: N_STD clipping needs clip_n_stds (global, or for the overrides that use it), widths per
// checkBits(), positive clip_n_stds, percentile in (0, 100], invalid keys. Throws qs::Error with the line of
// the offending override. Returns notes on what QuantScope runs differently (16/32-bit float layers,
// accumulator width, extension clip methods a Distiller run would reject, SYMMETRIC_RESTRICTED).
std::vector<QuantWarning> validateQuantConfig(const QuantConfig& config);

// Overrides whose key matches none of `layerNames` (each tried under all of its layerMatchNames), as
// warnings carrying the key's line. Distiller silently ignores such keys; they usually mean a typo or a
// model whose names differ from the one the config was written for.
std::vector<QuantWarning> unmatchedOverrides(const QuantConfig& config, const std::vector<std::string>& layerNames);

} // namespace qs
