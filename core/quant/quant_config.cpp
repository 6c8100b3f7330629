#include "core/quant/quant_config.h"

#include "core/quant/layer_names.h"
#include "core/quant/override_pattern.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {

namespace {

ErrorContext at(int line)
{
    return ErrorContext({}, {}, line);
}

const QuantOverride* exactOverride(const QuantConfig& config, const std::vector<std::string>& names,
                                   std::string* matchedName)
{
    for (const std::string& name : names)
        for (const QuantOverride& entry : config.overrides)
            if (entry.pattern == name) {
                *matchedName = name;
                return &entry;
            }
    return nullptr;
}

const QuantOverride* regexOverride(const QuantConfig& config, const std::vector<std::string>& names,
                                   std::string* matchedName)
{
    for (const QuantOverride& entry : config.overrides) {
        std::optional<OverridePattern> pattern;
        try {
            pattern.emplace(entry.pattern);
        } catch (const Error& e) {
            throw Error(e.message(), at(entry.line));
        }
        // Distiller only knows module paths: report those before the ONNX name where both match.
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string& name = names[(i + 1) % names.size()];
            if (pattern->matches(name)) {
                *matchedName = name;
                return &entry;
            }
        }
    }
    return nullptr;
}

// Keys besides the bit widths: Distiller refuses them on a layer it does not quantize.
std::vector<std::string> nonBitsKeys(const LayerSettings& settings)
{
    std::vector<std::string> keys;
    for (const std::string& key : settings.setKeys())
        if (key != "bits_activations" && key != "bits_weights" && key != "bits_bias")
            keys.push_back(key);
    return keys;
}

void checkNStds(ClipMethod clip, const std::optional<double>& nStds, const std::string& where, int line)
{
    if (clip == ClipMethod::NStd && !nStds)
        throw Error(where + "clip_acts N_STD needs clip_n_stds (Distiller: 'clip_n_stds must not be None when "
                            "clip_acts set to N_STD')",
                    at(line));
}

void checkValues(const LayerSettings& settings, bool isGlobal, int line)
{
    auto check = [line](BitsRole role, const std::optional<Bits>& bits, const std::string& key) {
        if (!bits)
            return;
        std::string problem = bitsProblem(role, *bits);
        if (!problem.empty()) {
            if (key != yamlKey(role))
                problem.replace(0, yamlKey(role).size(), key);
            throw Error(problem, at(line));
        }
    };
    check(BitsRole::Activations, settings.bitsActivations, "bits_activations");
    check(BitsRole::Weights, settings.bitsWeights, isGlobal ? "bits_parameters" : "bits_weights");
    check(BitsRole::Bias, settings.bitsBias, "bits_bias");
    if (settings.clipNStds && !(*settings.clipNStds > 0))
        throw Error("clip_n_stds must be > 0, not " + std::to_string(*settings.clipNStds), at(line));
    if (settings.clipPercentile && !(*settings.clipPercentile > 0 && *settings.clipPercentile <= 100))
        throw Error("clip_percentile must be in (0, 100], not " + std::to_string(*settings.clipPercentile), at(line));
    if (settings.scaleApproxMultBits && *settings.scaleApproxMultBits &&
        (**settings.scaleApproxMultBits < 1 || **settings.scaleApproxMultBits > 32))
        throw Error("scale_approx_mult_bits must be 1..32 or null, not " + std::to_string(**settings.scaleApproxMultBits),
                    at(line));
    for (const auto& [index, input] : settings.inputOverrides) {
        if (index < 0)
            throw Error("input_overrides: input index " + std::to_string(index) + " is negative", at(line));
        if (input.bitsActivations)
            check(BitsRole::Activations, input.bitsActivations, "bits_activations");
        if (input.clipNStds && !(*input.clipNStds > 0))
            throw Error("input_overrides: clip_n_stds must be > 0", at(line));
    }
}

} // namespace

std::vector<std::string> LayerSettings::setKeys() const
{
    std::vector<std::string> keys;
    auto add = [&keys](bool set, const char* key) {
        if (set)
            keys.emplace_back(key);
    };
    add(bitsActivations.has_value(), "bits_activations");
    add(bitsWeights.has_value(), "bits_weights");
    add(bitsBias.has_value(), "bits_bias");
    add(mode.has_value(), "mode");
    add(perChannelWts.has_value(), "per_channel_wts");
    add(clipActs.has_value(), "clip_acts");
    add(clipNStds.has_value(), "clip_n_stds");
    add(clipHalfRange.has_value(), "clip_half_range");
    add(scaleApproxMultBits.has_value(), "scale_approx_mult_bits");
    add(clipPercentile.has_value(), "clip_percentile");
    add(!inputOverrides.empty(), "input_overrides");
    for (const PassthroughSetting& setting : passthrough)
        keys.push_back(setting.key);
    return keys;
}

std::string originName(OverrideOrigin origin)
{
    switch (origin) {
    case OverrideOrigin::ConfigFile: return "config file";
    case OverrideOrigin::NoQuantLayers: return "--qe-no-quant-layers";
    case OverrideOrigin::NoClipLayers: return "--qe-no-clip-layers";
    case OverrideOrigin::Code: return "edit";
    }
    return {};
}

std::string toString(const QuantWarning& warning)
{
    std::string out;
    if (warning.line > 0)
        out += "line " + std::to_string(warning.line) + ": ";
    if (!warning.key.empty())
        out += warning.key + ": ";
    return out + warning.message;
}

EffectiveLayerConfig QuantConfig::resolve(const std::string& layerName, const std::string& opType) const
{
    EffectiveLayerConfig out;
    out.layerName = layerName;

    // Global settings, then Distiller's defaults.
    const LayerSettings& g = global;
    out.bitsActivations = g.bitsActivations.value_or(Bits(QuantDefaults::bitsActivations));
    out.bitsWeights = g.bitsWeights.value_or(Bits(QuantDefaults::bitsWeights));
    out.bitsAccum = bitsAccum.value_or(QuantDefaults::bitsAccum);
    out.bitsBias = out.bitsAccum;
    out.mode = g.mode.value_or(ModePair{QuantDefaults::mode, QuantDefaults::mode});
    out.perChannelWts = g.perChannelWts.value_or(QuantDefaults::perChannelWts);
    out.clipActs = g.clipActs.value_or(QuantDefaults::clipActs);
    out.clipNStds = g.clipNStds;
    out.clipHalfRange = g.clipHalfRange.value_or(QuantDefaults::clipHalfRange);
    out.scaleApproxMultBits = g.scaleApproxMultBits.value_or(Bits());
    out.clipPercentile = g.clipPercentile.value_or(QuantDefaults::clipPercentile);
    for (const PassthroughSetting& setting : g.passthrough)
        out.ignoredKeys.push_back(setting.key);

    const std::vector<std::string> names = layerMatchNames(layerName, opType);
    std::string matchedName;
    const QuantOverride* entry = exactOverride(*this, names, &matchedName);
    out.exactMatch = entry != nullptr;
    if (!entry)
        entry = regexOverride(*this, names, &matchedName);

    if (entry) {
        const LayerSettings& o = entry->settings;
        out.matchedName = matchedName;
        out.matchedPattern = entry->pattern;
        out.matchedLine = entry->line;
        out.origin = entry->origin;
        out.overriddenKeys = o.setKeys();
        if (o.bitsActivations)
            out.bitsActivations = *o.bitsActivations;
        if (o.bitsWeights)
            out.bitsWeights = *o.bitsWeights;
        if (o.bitsBias)
            out.bitsBias = *o.bitsBias;
        if (o.mode)
            out.mode = *o.mode;
        if (o.perChannelWts)
            out.perChannelWts = *o.perChannelWts;
        if (o.clipActs)
            out.clipActs = *o.clipActs;
        if (o.clipNStds)
            out.clipNStds = *o.clipNStds;
        if (o.clipHalfRange)
            out.clipHalfRange = *o.clipHalfRange;
        if (o.scaleApproxMultBits)
            out.scaleApproxMultBits = *o.scaleApproxMultBits;
        if (o.clipPercentile)
            out.clipPercentile = *o.clipPercentile;
        for (const PassthroughSetting& setting : o.passthrough)
            if (std::find(out.ignoredKeys.begin(), out.ignoredKeys.end(), setting.key) == out.ignoredKeys.end())
                out.ignoredKeys.push_back(setting.key);

        if (!out.quantized()) {
            const std::vector<std::string> extra = nonBitsKeys(o);
            if (!extra.empty())
                throw Error("override '" + entry->pattern + "' sets " + extra.front() + " on layer '" + layerName +
                                "', which it does not quantize (bits_activations and bits_weights are null); "
                                "Distiller refuses this ('Adding overrides while not quantizing is not allowed')",
                            at(entry->line));
        }
        checkNStds(out.clipActs, out.clipNStds, "override '" + entry->pattern + "': ", entry->line);

        // Distiller: from_output copies the output settings without half-range clipping; otherwise each
        // unset key takes the output's value.
        for (const auto& [index, input] : o.inputOverrides) {
            EffectiveInputConfig resolved;
            resolved.fromOutput = input.fromOutput;
            resolved.bits = out.bitsActivations;
            resolved.mode = out.mode.activations;
            resolved.clipActs = out.clipActs;
            resolved.clipNStds = out.clipNStds;
            if (!input.fromOutput) {
                if (input.bitsActivations)
                    resolved.bits = *input.bitsActivations;
                if (input.mode)
                    resolved.mode = *input.mode;
                if (input.clipActs)
                    resolved.clipActs = *input.clipActs;
                if (input.clipNStds)
                    resolved.clipNStds = *input.clipNStds;
            }
            checkNStds(resolved.clipActs, resolved.clipNStds,
                       "override '" + entry->pattern + "' input " + std::to_string(index) + ": ", entry->line);
            out.inputs[index] = resolved;
        }
    }
    return out;
}

void applyLayerLists(QuantConfig& config, const std::vector<std::string>& noQuantLayers,
                     const std::vector<std::string>& noClipLayers)
{
    std::vector<QuantOverride> front;
    auto existing = [&config](const std::string& name) -> QuantOverride* {
        for (QuantOverride& entry : config.overrides)
            if (entry.pattern == name)
                return &entry;
        return nullptr;
    };
    auto inFront = [&front](const std::string& name) -> QuantOverride* {
        for (QuantOverride& entry : front)
            if (entry.pattern == name)
                return &entry;
        return nullptr;
    };
    for (const std::string& layer : noQuantLayers) {
        QuantOverride* entry = existing(layer);
        if (!entry)
            entry = inFront(layer);
        if (!entry) {
            front.push_back({layer, {}, OverrideOrigin::NoQuantLayers, 0});
            entry = &front.back();
        }
        // Distiller allows nothing but bit widths on a layer it does not quantize.
        entry->settings = LayerSettings{};
        entry->settings.bitsActivations = Bits();
        entry->settings.bitsWeights = Bits();
    }
    for (const std::string& layer : noClipLayers) {
        if (std::find(noQuantLayers.begin(), noQuantLayers.end(), layer) != noQuantLayers.end())
            continue;
        QuantOverride* entry = existing(layer);
        if (!entry)
            entry = inFront(layer);
        if (!entry) {
            front.push_back({layer, {}, OverrideOrigin::NoClipLayers, 0});
            entry = &front.back();
        }
        entry->settings.clipActs = ClipMethod::None;
    }
    config.overrides.insert(config.overrides.begin(), front.begin(), front.end());
}

std::vector<QuantWarning> validateQuantConfig(const QuantConfig& config)
{
    std::vector<QuantWarning> notes;
    checkValues(config.global, true, 0);
    if (config.bitsAccum) {
        const std::string problem = bitsProblem(BitsRole::Accumulator, Bits(*config.bitsAccum));
        if (!problem.empty())
            throw Error(problem);
        if (*config.bitsAccum != 32)
            notes.push_back({"the kernels accumulate in 32 bits; " + std::to_string(*config.bitsAccum) +
                                 " is recorded but not simulated",
                             "bits_accum", 0});
    }
    const ClipMethod globalClip = config.global.clipActs.value_or(QuantDefaults::clipActs);
    checkNStds(globalClip, config.global.clipNStds, "", 0);

    auto noteSettings = [&notes](const LayerSettings& settings, int line) {
        for (const std::optional<Bits>* bits : {&settings.bitsActivations, &settings.bitsWeights})
            if (*bits && **bits && **bits > 8)
                notes.push_back({std::to_string(***bits) + " bits runs in float (not quantized)", "bits", line});
        if (settings.clipActs && isQuantScopeExtension(*settings.clipActs))
            notes.push_back({yamlName(*settings.clipActs) + " is a QuantScope extension; Distiller rejects it",
                             "clip_acts", line});
        if (settings.mode && (settings.mode->activations == LinearMode::SymmetricRestricted ||
                              settings.mode->weights == LinearMode::SymmetricRestricted))
            notes.push_back({"SYMMETRIC_RESTRICTED uses the grid [-(2^(b-1)-1), 2^(b-1)-1]", "mode", line});
    };
    noteSettings(config.global, 0);

    for (const QuantOverride& entry : config.overrides) {
        const std::string problem = overridePatternProblem(entry.pattern);
        if (!problem.empty())
            throw Error(problem, at(entry.line));
        checkValues(entry.settings, false, entry.line);
        const ClipMethod clip = entry.settings.clipActs.value_or(globalClip);
        const std::optional<double> nStds = entry.settings.clipNStds ? entry.settings.clipNStds : config.global.clipNStds;
        checkNStds(clip, nStds, "override '" + entry.pattern + "': ", entry.line);
        noteSettings(entry.settings, entry.line);
    }
    return notes;
}

std::vector<QuantWarning> unmatchedOverrides(const QuantConfig& config, const std::vector<std::string>& layerNames)
{
    std::vector<std::vector<std::string>> names;
    names.reserve(layerNames.size());
    for (const std::string& layer : layerNames)
        names.push_back(layerMatchNames(layer));

    std::vector<QuantWarning> warnings;
    for (const QuantOverride& entry : config.overrides) {
        OverridePattern pattern = [&entry] {
            try {
                return OverridePattern(entry.pattern);
            } catch (const Error& e) {
                throw Error(e.message(), at(entry.line));
            }
        }();
        bool matched = false;
        for (const auto& layer : names) {
            for (const std::string& name : layer)
                if (name == entry.pattern || pattern.matches(name)) {
                    matched = true;
                    break;
                }
            if (matched)
                break;
        }
        if (!matched)
            warnings.push_back({"override matches no layer of the model (" + originName(entry.origin) + ")",
                                entry.pattern, entry.line});
    }
    return warnings;
}

} // namespace qs
