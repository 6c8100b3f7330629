#include "core/quant/distiller_args.h"

#include "core/quant/override_pattern.h"
#include "core/quant/quant_config_yaml.h"
#include "core/util/error.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <string_view>

namespace qs {

namespace {

enum class Arity { Switch, Value, List };

struct FlagSpec {
    const char* name;
    const char* alias; // Distiller's short form, or nullptr
    Arity arity;
};

constexpr FlagSpec kFlags[] = {
    {"--quantize-eval", "--qe", Arity::Switch},
    {"--qe-mode", "--qem", Arity::Value},
    {"--qe-mode-acts", "--qema", Arity::Value},
    {"--qe-mode-wts", "--qemw", Arity::Value},
    {"--qe-bits-acts", "--qeba", Arity::Value},
    {"--qe-bits-wts", "--qebw", Arity::Value},
    {"--qe-bits-accum", nullptr, Arity::Value},
    {"--qe-clip-acts", "--qeca", Arity::Value},
    {"--qe-clip-n-stds", nullptr, Arity::Value},
    {"--qe-no-clip-layers", "--qencl", Arity::List},
    {"--qe-no-quant-layers", "--qenql", Arity::List},
    {"--qe-per-channel", "--qepc", Arity::Switch},
    {"--qe-scale-approx-bits", "--qesab", Arity::Value},
    {"--qe-save-fp-weights", nullptr, Arity::Switch},
    {"--qe-convert-pytorch", "--qept", Arity::Switch},
    {"--qe-pytorch-backend", nullptr, Arity::Value},
    {"--qe-stats-file", nullptr, Arity::Value},
    {"--qe-dynamic", nullptr, Arity::Switch},
    {"--qe-calibration", nullptr, Arity::Value},
    {"--qe-config-file", nullptr, Arity::Value},
    {"--qe-lapq", "--qe-coordinate-search", Arity::Switch},
    {"--qe-percentile", nullptr, Arity::Value}, // QuantScope
};

bool isOurs(const std::string& arg)
{
    return arg.rfind("--qe", 0) == 0 || arg == "--quantize-eval";
}

bool looksLikeNegativeNumber(const std::string& arg)
{
    if (arg.size() < 2 || arg[0] != '-')
        return false;
    double value = 0;
    const auto [end, ec] = std::from_chars(arg.data() + 1, arg.data() + arg.size(), value);
    return ec == std::errc() && end == arg.data() + arg.size();
}

bool isFlag(const std::string& arg)
{
    return arg.size() > 1 && arg[0] == '-' && !looksLikeNegativeNumber(arg);
}

// argparse: an exact option string wins, otherwise a unique prefix of the long options and aliases.
const FlagSpec& findFlag(const std::string& given)
{
    for (const FlagSpec& spec : kFlags)
        if (given == spec.name || (spec.alias && given == spec.alias))
            return spec;
    std::vector<const FlagSpec*> candidates;
    std::string names;
    for (const FlagSpec& spec : kFlags) {
        for (const char* option : {spec.name, spec.alias}) {
            if (!option || std::string(option).rfind(given, 0) != 0)
                continue;
            if (std::find(candidates.begin(), candidates.end(), &spec) == candidates.end())
                candidates.push_back(&spec);
            names += (names.empty() ? "" : ", ") + std::string(option);
        }
    }
    if (candidates.size() == 1)
        return *candidates.front();
    if (candidates.empty())
        throw Error("unknown flag " + given + " (not a Distiller post-training quantization flag)");
    throw Error("ambiguous flag " + given + " could match " + names);
}

int parseInt(const std::string& flag, const std::string& text)
{
    int value = 0;
    const char* begin = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw Error(flag + ": '" + text + "' is not an integer");
    return value;
}

double parseDouble(const std::string& flag, const std::string& text)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw Error(flag + ": '" + text + "' is not a number");
    return value;
}

LinearMode parseMode(const std::string& flag, const std::string& text)
{
    const std::optional<LinearMode> mode = parseCliLinearMode(text);
    if (!mode)
        throw Error(flag + ": '" + text + "' is not one of sym, sym_restr, asym_u, asym_s");
    return *mode;
}

Bits bitsFlag(const std::string& flag, const std::string& text, BitsRole role)
{
    const int value = parseInt(flag, text);
    const Bits bits = value == 0 && role != BitsRole::Accumulator ? Bits() : Bits(value); // from_args: 0 = None
    std::string problem = bitsProblem(role, bits);
    if (!problem.empty())
        throw Error(flag + ": " + problem.substr(problem.find(':') + 2) +
                    (role == BitsRole::Accumulator ? "" : " (0 = not quantized)"));
    return bits;
}

std::string formatNumber(double value)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, ec == std::errc() ? end : buffer);
}

} // namespace

DistillerArgs parseDistillerArgs(const std::vector<std::string>& args)
{
    DistillerArgs out;
    std::map<std::string, std::string> values; // canonical flag -> last value
    std::map<std::string, std::vector<std::string>> lists;

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (!isOurs(arg.substr(0, arg.find('=')))) {
            out.remaining.push_back(arg);
            continue;
        }
        const std::size_t eq = arg.find('=');
        const std::string given = arg.substr(0, eq);
        const FlagSpec& spec = findFlag(given);
        const std::string name = spec.name;
        if (std::find(out.qeFlagsSeen.begin(), out.qeFlagsSeen.end(), name) == out.qeFlagsSeen.end())
            out.qeFlagsSeen.push_back(name);

        switch (spec.arity) {
        case Arity::Switch:
            if (eq != std::string::npos)
                throw Error(name + ": takes no value (got '" + arg.substr(eq + 1) + "')");
            values[name] = "1";
            break;
        case Arity::Value:
            if (eq != std::string::npos) {
                values[name] = arg.substr(eq + 1);
            } else {
                if (i + 1 >= args.size() || isFlag(args[i + 1]))
                    throw Error(name + ": expected one value");
                values[name] = args[++i];
            }
            break;
        case Arity::List: {
            std::vector<std::string> items;
            if (eq != std::string::npos)
                items.push_back(arg.substr(eq + 1));
            while (i + 1 < args.size() && !isFlag(args[i + 1]))
                items.push_back(args[++i]);
            if (items.empty())
                throw Error(name + ": expected at least one layer name");
            lists[name] = items; // argparse: a repeated flag replaces the earlier list
            break;
        }
        }
    }

    auto has = [&values](const char* flag) { return values.count(flag) != 0; };
    if (has("--qe-lapq"))
        throw Error("--qe-lapq: LAPQ (loss-aware coordinate search) is not supported by QuantScope");

    // argparse's mutually exclusive group.
    const char* exclusive[] = {"--qe-stats-file", "--qe-dynamic", "--qe-calibration", "--qe-config-file"};
    const char* first = nullptr;
    for (const char* flag : exclusive) {
        if (!has(flag))
            continue;
        if (first)
            throw Error(std::string(flag) + ": not allowed with argument " + first);
        first = flag;
    }

    out.quantizeEval = has("--quantize-eval");
    out.dynamic = has("--qe-dynamic");
    out.saveFpWeights = has("--qe-save-fp-weights");
    if (has("--qe-stats-file"))
        out.statsFile = values["--qe-stats-file"];
    if (has("--qe-config-file"))
        out.configFile = values["--qe-config-file"];
    if (has("--qe-calibration")) {
        const double portion = parseDouble("--qe-calibration", values["--qe-calibration"]);
        if (!(portion > 0 && portion <= 1))
            throw Error("--qe-calibration: the portion of the test set must be in (0, 1], not " + values["--qe-calibration"]);
        out.calibration = portion;
    }
    if (out.saveFpWeights)
        out.notes.push_back("--qe-save-fp-weights: accepted and ignored (weights are never re-quantized in place)");
    if (has("--qe-convert-pytorch"))
        out.notes.push_back("--qe-convert-pytorch: accepted and ignored (QuantScope runs its own int8 kernels)");
    if (has("--qe-pytorch-backend")) {
        const std::string backend = values["--qe-pytorch-backend"];
        if (backend != "fbgemm" && backend != "qnnpack")
            throw Error("--qe-pytorch-backend: '" + backend + "' is not one of fbgemm, qnnpack");
        out.notes.push_back("--qe-pytorch-backend: accepted and ignored");
    }
    if (out.dynamic)
        out.notes.push_back("--qe-dynamic: dynamic quantization; no statistics file is used");

    // from_args.
    QuantConfig& config = out.config;
    LayerSettings& g = config.global;
    g.bitsActivations = has("--qe-bits-acts") ? bitsFlag("--qe-bits-acts", values["--qe-bits-acts"], BitsRole::Activations)
                                              : Bits(QuantDefaults::bitsActivations);
    g.bitsWeights = has("--qe-bits-wts") ? bitsFlag("--qe-bits-wts", values["--qe-bits-wts"], BitsRole::Weights)
                                         : Bits(QuantDefaults::bitsWeights);
    config.bitsAccum = has("--qe-bits-accum") ? *bitsFlag("--qe-bits-accum", values["--qe-bits-accum"], BitsRole::Accumulator)
                                              : QuantDefaults::bitsAccum;
    const LinearMode mode = has("--qe-mode") ? parseMode("--qe-mode", values["--qe-mode"]) : QuantDefaults::mode;
    ModePair modes{mode, mode};
    // Distiller's optional mode flags treat an empty value as "not given".
    if (has("--qe-mode-acts") && !values["--qe-mode-acts"].empty())
        modes.activations = parseMode("--qe-mode-acts", values["--qe-mode-acts"]);
    if (has("--qe-mode-wts") && !values["--qe-mode-wts"].empty())
        modes.weights = parseMode("--qe-mode-wts", values["--qe-mode-wts"]);
    g.mode = modes;
    g.perChannelWts = has("--qe-per-channel");
    g.clipActs = QuantDefaults::clipActs;
    if (has("--qe-clip-acts")) {
        const std::optional<ClipMethod> clip = parseCliClipMethod(values["--qe-clip-acts"]);
        if (!clip)
            throw Error("--qe-clip-acts: '" + values["--qe-clip-acts"] +
                        "' is not one of none, avg, n_std, gauss, laplace, percentile, entropy, mse");
        g.clipActs = *clip;
    }
    if (has("--qe-clip-n-stds")) {
        g.clipNStds = parseDouble("--qe-clip-n-stds", values["--qe-clip-n-stds"]);
        if (!(*g.clipNStds > 0))
            throw Error("--qe-clip-n-stds: must be > 0, not " + values["--qe-clip-n-stds"]);
    }
    if (*g.clipActs == ClipMethod::NStd && !g.clipNStds)
        throw Error("--qe-clip-acts n_std needs --qe-clip-n-stds (Distiller: 'clip_n_stds must not be None when "
                    "clip_acts set to N_STD')");
    if (has("--qe-percentile")) {
        g.clipPercentile = parseDouble("--qe-percentile", values["--qe-percentile"]);
        if (!(*g.clipPercentile > 0 && *g.clipPercentile <= 100))
            throw Error("--qe-percentile: must be in (0, 100], not " + values["--qe-percentile"]);
        if (*g.clipActs != ClipMethod::Percentile)
            out.notes.push_back("--qe-percentile: only used with --qe-clip-acts percentile");
    }
    if (has("--qe-scale-approx-bits")) {
        const int bits = parseInt("--qe-scale-approx-bits", values["--qe-scale-approx-bits"]);
        if (bits < 1 || bits > 32)
            throw Error("--qe-scale-approx-bits: must be 1..32, not " + values["--qe-scale-approx-bits"]);
        g.scaleApproxMultBits = Bits(bits);
    }
    if (out.statsFile && !out.dynamic)
        config.modelActivationStats = out.statsFile;

    out.noQuantLayers = lists["--qe-no-quant-layers"];
    out.noClipLayers = lists["--qe-no-clip-layers"];
    applyLayerLists(config, out.noQuantLayers, out.noClipLayers);
    for (const QuantOverride& entry : config.overrides) {
        const std::string problem = overridePatternProblem(entry.pattern);
        if (!problem.empty())
            throw Error(originName(entry.origin) + ": " + problem);
    }
    if (!out.noClipLayers.empty() && *g.clipActs == ClipMethod::None)
        out.notes.push_back("--qe-no-clip-layers: has no effect while --qe-clip-acts is none");
    return out;
}

QuantConfig effectiveConfig(const DistillerArgs& args, std::vector<QuantWarning>* warnings)
{
    if (!args.configFile)
        return args.config;
    QuantConfig config = readQuantConfigFile(*args.configFile, warnings);
    std::vector<std::string> replaced;
    for (const std::string& flag : args.qeFlagsSeen)
        if (flag != "--quantize-eval" && flag != "--qe-config-file")
            replaced.push_back(flag);
    if (warnings && !replaced.empty()) {
        std::string list;
        for (const std::string& flag : replaced)
            list += (list.empty() ? "" : ", ") + flag;
        warnings->push_back({"the config file replaces all other --qe-* settings; ignored: " + list, "--qe-config-file", 0});
    }
    return config;
}

std::vector<std::string> toDistillerArgs(const QuantConfig& config, std::vector<std::string>* inexpressible)
{
    std::vector<std::string> out{"--quantize-eval"};
    std::vector<std::string> missing;
    QuantConfig globalOnly = config;
    globalOnly.overrides.clear();
    const EffectiveLayerConfig g = globalOnly.resolve("");
    auto bitsText = [](const Bits& bits) { return std::to_string(bits.value_or(0)); };

    if (g.mode.activations == g.mode.weights) {
        if (g.mode.activations != QuantDefaults::mode)
            out.insert(out.end(), {"--qe-mode", cliName(g.mode.activations)});
    } else {
        out.insert(out.end(), {"--qe-mode-acts", cliName(g.mode.activations), "--qe-mode-wts", cliName(g.mode.weights)});
    }
    if (g.bitsActivations != Bits(QuantDefaults::bitsActivations))
        out.insert(out.end(), {"--qe-bits-acts", bitsText(g.bitsActivations)});
    if (g.bitsWeights != Bits(QuantDefaults::bitsWeights))
        out.insert(out.end(), {"--qe-bits-wts", bitsText(g.bitsWeights)});
    if (g.bitsAccum != QuantDefaults::bitsAccum)
        out.insert(out.end(), {"--qe-bits-accum", std::to_string(g.bitsAccum)});
    if (g.perChannelWts)
        out.push_back("--qe-per-channel");
    if (g.clipActs != ClipMethod::None)
        out.insert(out.end(), {"--qe-clip-acts", cliName(g.clipActs)});
    if (g.clipNStds)
        out.insert(out.end(), {"--qe-clip-n-stds", formatNumber(*g.clipNStds)});
    if (config.global.clipPercentile)
        out.insert(out.end(), {"--qe-percentile", formatNumber(*config.global.clipPercentile)});
    if (g.scaleApproxMultBits)
        out.insert(out.end(), {"--qe-scale-approx-bits", std::to_string(*g.scaleApproxMultBits)});
    if (g.clipHalfRange)
        missing.push_back("clip_half_range: True");
    for (const PassthroughSetting& setting : config.global.passthrough) {
        if (setting.key == "save_fp_weights" && (setting.yaml == "true" || setting.yaml == "True"))
            out.push_back("--qe-save-fp-weights");
        else if (setting.key != "inputs_quant_auto_fallback" || (setting.yaml != "true" && setting.yaml != "True"))
            missing.push_back(setting.key + ": " + setting.yaml);
    }

    // Only the overrides from_args itself creates: no-quant entries first, then no-clip entries.
    std::vector<std::string> noQuant, noClip;
    for (const QuantOverride& entry : config.overrides) {
        const LayerSettings& s = entry.settings;
        LayerSettings noQuantShape;
        noQuantShape.bitsActivations = Bits();
        noQuantShape.bitsWeights = Bits();
        LayerSettings noClipShape;
        noClipShape.clipActs = ClipMethod::None;
        if (s == noQuantShape && noClip.empty())
            noQuant.push_back(entry.pattern);
        else if (s == noClipShape)
            noClip.push_back(entry.pattern);
        else
            missing.push_back("override '" + entry.pattern + "'");
    }
    if (!noQuant.empty()) {
        out.push_back("--qe-no-quant-layers");
        out.insert(out.end(), noQuant.begin(), noQuant.end());
    }
    if (!noClip.empty()) {
        out.push_back("--qe-no-clip-layers");
        out.insert(out.end(), noClip.begin(), noClip.end());
    }
    if (config.modelActivationStats)
        out.insert(out.end(), {"--qe-stats-file", *config.modelActivationStats});

    if (!missing.empty()) {
        if (!inexpressible) {
            std::string list;
            for (const std::string& item : missing)
                list += (list.empty() ? "" : ", ") + item;
            throw Error("the config cannot be written as --qe-* flags (" + list + "); use --qe-config-file");
        }
        inexpressible->insert(inexpressible->end(), missing.begin(), missing.end());
    }
    return out;
}

std::string formatCommandLine(const std::vector<std::string>& args)
{
    std::string out;
    for (const std::string& arg : args) {
        const bool plain = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./:=,+@%").find(c) != std::string_view::npos;
        });
        std::string quoted = arg;
        if (!plain) {
            quoted = "'";
            for (char c : arg)
                quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
            quoted += "'";
        }
        out += (out.empty() ? "" : " ") + quoted;
    }
    return out;
}

std::string quantSummary(const QuantConfig& config)
{
    QuantConfig globalOnly = config;
    globalOnly.overrides.clear();
    const EffectiveLayerConfig g = globalOnly.resolve("");
    auto bitsText = [](const Bits& bits) { return bits ? std::to_string(*bits) : std::string("fp"); };

    std::string out = cliName(g.mode.activations);
    if (g.mode.weights != g.mode.activations)
        out += "/" + cliName(g.mode.weights);
    out += " " + bitsText(g.bitsActivations) + "/" + bitsText(g.bitsWeights);
    if (g.perChannelWts)
        out += " pc";
    if (g.clipActs == ClipMethod::NStd && g.clipNStds)
        out += " n_std(" + formatNumber(*g.clipNStds) + ")";
    else if (g.clipActs == ClipMethod::Percentile)
        out += " percentile(" + formatNumber(g.clipPercentile) + ")";
    else if (g.clipActs != ClipMethod::None)
        out += " " + cliName(g.clipActs);
    if (g.clipHalfRange)
        out += " half";
    if (!config.overrides.empty())
        out += " +" + std::to_string(config.overrides.size()) + (config.overrides.size() == 1 ? " override" : " overrides");
    return out;
}

} // namespace qs
