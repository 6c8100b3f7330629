#include "core/distiller/distiller_resolve.h"

#include "core/distiller/pattern_bounds.h"

#include "core/ops/op.h"
#include "core/calibration/calibration.h"
#include "core/util/error.h"

#include <map>
#include <regex>
#include <set>

namespace qs {

namespace {

constexpr int kDefaultBits = 8; // Distiller's bits_activations / bits_parameters default
constexpr double kDefaultNStds = 3.0;
constexpr double kDefaultPercentile = 99.99;

std::regex compilePattern(const std::string& pattern)
{
    return std::regex("(^" + pattern + "$)", std::regex::ECMAScript);
}

bool matches(const std::regex& re, const std::string& name)
{
    return std::regex_search(name, re, std::regex_constants::match_continuous);
}

template <typename T>
void inherit(std::optional<T>& into, const std::optional<T>& from)
{
    if (!into)
        into = from;
}

// The override's keys over the global ones (Distiller: unset bits fall back to the quantizer's defaults,
// other unset keys to the quantizer's constructor arguments).
DistillerSettings effective(const DistillerSettings& global, const DistillerSettings* override)
{
    DistillerSettings s = override ? *override : DistillerSettings{};
    inherit(s.bitsActivations, global.bitsActivations);
    inherit(s.bitsWeights, global.bitsWeights);
    inherit(s.bitsAccum, global.bitsAccum);
    inherit(s.mode, global.mode);
    inherit(s.perChannelWts, global.perChannelWts);
    inherit(s.clipActs, global.clipActs);
    inherit(s.clipNStds, global.clipNStds);
    inherit(s.clipHalfRange, global.clipHalfRange);
    inherit(s.clipPercentile, global.clipPercentile);
    inherit(s.scaleApproxMultBits, global.scaleApproxMultBits);
    return s;
}

// Distiller's settings for one layer as QuantScope can execute them. `line`: of the key they came from.
LayerPtqSettings layerSettings(const DistillerSettings& s, bool hasWeights, int line, std::vector<std::string>* notes)
{
    LayerPtqSettings out;
    const NullableBits acts = s.bitsActivations.value_or(NullableBits(kDefaultBits));
    const NullableBits wts = s.bitsWeights.value_or(NullableBits(kDefaultBits));
    out.quant.bitsActivations = acts.value_or(kDefaultBits);
    out.quant.bitsWeights = wts.value_or(kDefaultBits);
    const DistillerModes mode = s.mode.value_or(DistillerModes{});
    out.quant.modeActivations = mode.activations;
    out.quant.modeWeights = mode.weights;
    out.quant.perChannel = s.perChannelWts.value_or(false);
    out.clip = s.clipActs.value_or(RangeMethod::None);
    if (out.clip == RangeMethod::NStd && !s.clipNStds)
        throw Error("clip_acts N_STD needs clip_n_stds", {{}, {}, line});
    out.rangeOptions.nStds = s.clipNStds.value_or(kDefaultNStds);
    out.rangeOptions.percentile = s.clipPercentile.value_or(kDefaultPercentile);

    auto keepFp32 = [&](const std::string& why) {
        out.quantize = false;
        if (notes)
            notes->push_back(why + "; kept FP32");
    };
    if (!acts && (!hasWeights || !wts))
        out.quantize = false; // Distiller: not quantized
    else if (hasWeights && !wts)
        keepFp32("activations-only quantization (Distiller's fake quantization) is not executable in int8");
    else if (hasWeights && !acts)
        keepFp32("weights-only quantization is not executable in int8");
    else if ((acts && (*acts < 2 || *acts > 8)) || (hasWeights && wts && (*wts < 2 || *wts > 8)))
        keepFp32("bit widths outside 2..8 are not executable in int8");
    return out;
}

bool hasKeysBeyondBits(const DistillerSettings& s)
{
    DistillerSettings rest = s;
    rest.bitsActivations.reset();
    rest.bitsWeights.reset();
    rest.bitsBias.reset();
    return !(rest == DistillerSettings{});
}

bool hasWeightInputs(const Node& node)
{
    const Op* op = findOp(node.opType);
    return op && !op->quantTraits(node).weightInputs.empty();
}

bool isQuantizable(const Node& node)
{
    const Op* op = findOp(node.opType);
    return op && op->quantTraits(node).quantizable;
}

DistillerSettings distillerSettings(const LayerPtqSettings& s)
{
    DistillerSettings d;
    d.bitsActivations = s.quantize ? NullableBits(s.quant.bitsActivations) : NullableBits();
    d.bitsWeights = s.quantize ? NullableBits(s.quant.bitsWeights) : NullableBits();
    d.mode = DistillerModes{s.quant.modeActivations, s.quant.modeWeights};
    d.perChannelWts = s.quant.perChannel;
    d.clipActs = s.clip;
    if (s.clip == RangeMethod::NStd || s.rangeOptions.nStds != kDefaultNStds)
        d.clipNStds = s.rangeOptions.nStds;
    if (s.rangeOptions.percentile != kDefaultPercentile)
        d.clipPercentile = s.rangeOptions.percentile;
    return d;
}

template <typename T>
void keepIfDifferent(std::optional<T>& value, const std::optional<T>& global)
{
    if (value == global)
        value.reset();
}

} // namespace

std::string distillerModulePath(const std::string& nodeName)
{
    return modulePath(nodeName); // core/calibration/calibration.h: one derivation for overrides, lists and stats files
}

std::vector<std::string> distillerNames(const Node& node)
{
    std::vector<std::string> names{node.name};
    const std::string path = distillerModulePath(node.name);
    if (path != node.name) {
        names.push_back(path);
        // A functional add inside a module ("/layer1/layer1.0/Add"): Distiller's models name the
        // EltwiseAdd module that replaces it "add".
        const std::string last = node.name.substr(node.name.rfind('/') + 1);
        if (node.opType == "Add" && (last == "Add" || last.rfind("Add_", 0) == 0))
            names.push_back(path + ".add");
    }
    return names;
}

std::string distillerPatternError(const std::string& pattern)
{
    if (std::string problem = patternBoundsProblem(pattern); !problem.empty())
        return problem;
    try {
        compilePattern(pattern);
        return {};
    } catch (const std::regex_error& e) {
        return std::string(e.what()) + " (ECMAScript syntax; Python-only constructs such as (?P<name>...) or (?i) are not supported)";
    }
}

bool distillerPatternMatches(const std::string& pattern, const std::string& name)
{
    if (const std::string problem = distillerPatternError(pattern); !problem.empty())
        throw Error("override '" + pattern + "' is not a usable regular expression: " + problem);
    return matches(compilePattern(pattern), name);
}

std::string escapeRegex(const std::string& text)
{
    static const std::string special = R"(\^$.|?*+()[]{})";
    std::string out;
    for (char c : text) {
        if (special.find(c) != std::string::npos)
            out += '\\';
        out += c;
    }
    return out;
}

PtqConfig toPtqConfig(const DistillerConfig& config, const Graph& prepared, std::vector<DistillerMatch>* report,
                      std::vector<DistillerWarning>* warnings)
{
    std::vector<std::regex> patterns;
    for (const DistillerOverride& o : config.overrides) {
        if (const std::string problem = distillerPatternError(o.pattern); !problem.empty())
            throw Error("overrides: '" + o.pattern + "' is not a usable regular expression: " + problem, {{}, {}, o.line});
        patterns.push_back(compilePattern(o.pattern));
    }

    if (config.global.bitsAccum && *config.global.bitsAccum && **config.global.bitsAccum != 32)
        throw Error("bits_accum " + std::to_string(**config.global.bitsAccum) + " is not supported: oneDNN accumulates in 32 bits");
    PtqConfig out;
    out.defaults = layerSettings(effective(config.global, nullptr), true, 0, nullptr);
    std::vector<bool> used(config.overrides.size(), false);
    for (const Node& node : prepared.nodes) {
        if (!isQuantizable(node))
            continue;
        const std::vector<std::string> names = distillerNames(node);
        DistillerMatch match;
        match.node = node.name;
        match.opType = node.opType;
        std::optional<std::size_t> chosen;
        for (std::size_t i = 0; i < config.overrides.size() && !chosen; ++i)
            for (const std::string& name : names)
                if (config.overrides[i].pattern == name) {
                    chosen = i;
                    match.matchedName = name;
                    match.exact = true;
                    break;
                }
        for (std::size_t i = 0; i < config.overrides.size() && !chosen; ++i)
            for (const std::string& name : names)
                if (matches(patterns[i], name)) {
                    chosen = i;
                    match.matchedName = name;
                    break;
                }

        const DistillerOverride* o = chosen ? &config.overrides[*chosen] : nullptr;
        const int line = o ? o->line : 0;
        const DistillerSettings s = effective(config.global, o ? &o->settings : nullptr);
        const bool weights = hasWeightInputs(node);
        match.settings = layerSettings(s, weights, line, &match.notes);
        if (o) {
            used[*chosen] = true;
            match.pattern = o->pattern;
            match.line = o->line;
            // Unset bits are Distiller's default (8), not "not quantized": an override may set only clip_acts.
            const bool notQuantized = !s.bitsActivations.value_or(NullableBits(kDefaultBits)) &&
                                      (!weights || !s.bitsWeights.value_or(NullableBits(kDefaultBits)));
            if (notQuantized && hasKeysBeyondBits(o->settings))
                throw Error("override '" + o->pattern + "' sets quantization settings for '" + match.matchedName +
                                "', which it does not quantize (Distiller: \"Adding overrides while not quantizing is not allowed\")",
                            {{}, node.label(), o->line});
        }
        if (o || !(match.settings == out.defaults))
            out.perLayer[node.name] = match.settings;
        if (report)
            report->push_back(std::move(match));
    }
    if (warnings)
        for (std::size_t i = 0; i < config.overrides.size(); ++i)
            if (!used[i])
                warnings->push_back({"matches no quantizable layer of the model", config.overrides[i].pattern, config.overrides[i].line});
    return out;
}

std::map<std::string, std::string> distillerOverrideKeys(const Graph& prepared)
{
    std::map<std::string, int> pathCount;
    std::set<std::string> names;
    for (const Node& node : prepared.nodes) {
        names.insert(node.name);
        if (isQuantizable(node))
            ++pathCount[distillerModulePath(node.name)];
    }
    std::map<std::string, std::string> keys;
    for (const Node& node : prepared.nodes) {
        if (!isQuantizable(node))
            continue;
        const std::string path = distillerModulePath(node.name);
        // The module path is the name a Distiller user knows; use it when it names this layer only.
        const bool byPath = path != node.name && pathCount[path] == 1 && !names.count(path);
        keys[node.name] = escapeRegex(byPath ? path : node.name);
    }
    return keys;
}

DistillerConfig fromPtqConfig(const PtqConfig& config, const Graph& prepared)
{
    DistillerConfig out;
    out.global = distillerSettings(config.defaults);
    out.global.bitsAccum = NullableBits(32);

    const std::map<std::string, std::string> keys = distillerOverrideKeys(prepared);
    for (const Node& node : prepared.nodes) {
        const auto key = keys.find(node.name);
        if (key == keys.end())
            continue;
        const LayerPtqSettings s = config.resolve(node);
        if (s == config.defaults || (!s.quantize && !config.defaults.quantize))
            continue;
        DistillerOverride o;
        o.pattern = key->second;
        if (!s.quantize) {
            o.settings.bitsActivations = NullableBits();
            o.settings.bitsWeights = NullableBits();
        } else {
            o.settings = distillerSettings(s);
            const DistillerSettings& g = out.global;
            keepIfDifferent(o.settings.bitsActivations, g.bitsActivations);
            keepIfDifferent(o.settings.bitsWeights, g.bitsWeights);
            keepIfDifferent(o.settings.mode, g.mode);
            keepIfDifferent(o.settings.perChannelWts, g.perChannelWts);
            keepIfDifferent(o.settings.clipActs, g.clipActs);
            // clip_n_stds / clip_percentile inherit as a value: compare what each side resolves to.
            if (s.rangeOptions.nStds == g.clipNStds.value_or(kDefaultNStds) && (s.clip != RangeMethod::NStd || g.clipNStds))
                o.settings.clipNStds.reset();
            else
                o.settings.clipNStds = s.rangeOptions.nStds;
            if (s.rangeOptions.percentile == g.clipPercentile.value_or(kDefaultPercentile))
                o.settings.clipPercentile.reset();
            else
                o.settings.clipPercentile = s.rangeOptions.percentile;
        }
        out.overrides.push_back(std::move(o));
    }
    return out;
}

} // namespace qs
