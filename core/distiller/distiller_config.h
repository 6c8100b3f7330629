#pragma once
// Distiller's PostTrainLinearQuantizer configuration (the `quantizers:` section of a --qe-config-file YAML):
// global settings plus `overrides`, an ordered list of regular expressions over layer names. Every key is
// optional so that "unset" (inherit) differs from "set": an override that sets only bits_weights keeps the
// global mode, clipping and so on. Bit widths may also be set to null, which means "do not quantize".
// The file format is in distiller_yaml.h, the resolution to a per-layer PtqConfig in distiller_resolve.h.

#include "core/quant/plan_builder.h"
#include "core/ranges/clip_methods.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qs {

// Modes: QuantMode with distillerName() / parseDistillerMode() (core/quant/quant_mode.h).
// Clip methods: "NONE", "AVG", "N_STD", "GAUSS", "LAPLACE" (Distiller's ClipMode) and QuantScope's "PERCENTILE",
// "ENTROPY", "MSE", "PYTORCH_HISTOGRAM", "MOVING_AVERAGE"; case-sensitive. Every RangeMethod has a name.
std::string distillerName(RangeMethod method);
std::optional<RangeMethod> parseDistillerClip(const std::string& name);

struct DistillerModes {
    QuantMode activations = QuantMode::Symmetric;
    QuantMode weights = QuantMode::Symmetric;
    bool operator==(const DistillerModes&) const = default;
};

// A bit width that may be null (no quantization): std::nullopt inside a set key.
using NullableBits = std::optional<int>;

// `input_overrides: {index: {...}}` of an override (settings for a layer's inputs that carry no quantization).
struct DistillerInputOverride {
    bool fromOutput = false; // from_output: take the layer's output settings
    std::optional<NullableBits> bitsActivations;
    std::optional<DistillerModes> mode;
    std::optional<RangeMethod> clipActs;
    std::optional<double> clipNStds;
    bool operator==(const DistillerInputOverride&) const = default;
};

// The keys of the global section and of an override. Which keys a section accepts differs (Distiller's
// constructor takes bits_parameters and bits_accum, overrides take bits_weights and bits_bias); the reader
// enforces that.
struct DistillerSettings {
    std::optional<NullableBits> bitsActivations; // bits_activations
    std::optional<NullableBits> bitsWeights;     // bits_parameters (global) / bits_weights (override)
    std::optional<NullableBits> bitsBias;        // bits_bias (override only; int32 bias in QuantScope)
    std::optional<NullableBits> bitsAccum;       // bits_accum (global only; oneDNN accumulates in 32 bits)
    std::optional<DistillerModes> mode;
    std::optional<bool> perChannelWts;
    std::optional<RangeMethod> clipActs;
    std::optional<double> clipNStds;
    std::optional<bool> clipHalfRange;
    std::optional<double> clipPercentile;     // QuantScope extension: the percentile of clip_acts PERCENTILE
    std::optional<int> scaleApproxMultBits;   // accepted; oneDNN applies float scales
    std::map<int, DistillerInputOverride> inputOverrides; // override only

    bool operator==(const DistillerSettings&) const = default;
};

struct DistillerOverride {
    std::string pattern; // the YAML key: a Python regular expression over layer names
    DistillerSettings settings;
    int line = 0; // of the key in the file it was read from (0: built in code); not compared

    bool operator==(const DistillerOverride& o) const { return pattern == o.pattern && settings == o.settings; }
};

struct DistillerConfig {
    std::string quantizerName = "post_train_quantizer"; // the key under `quantizers:`
    DistillerSettings global;
    std::vector<DistillerOverride> overrides; // file order: the first matching pattern wins
    std::optional<std::string> modelActivationStats; // model_activation_stats, as written in the file

    bool operator==(const DistillerConfig&) const = default;
};

// A setting QuantScope reads but does not apply, an override that matches nothing, and the like.
struct DistillerWarning {
    std::string message;
    std::string key; // the YAML key concerned, if any
    int line = 0;    // 1-based; 0 = none
};
std::string toString(const DistillerWarning& warning); // "line 12: key: message"

} // namespace qs
