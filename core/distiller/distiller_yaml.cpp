#include "core/distiller/distiller_yaml.h"

#include "core/distiller/distiller_resolve.h"
#include "core/util/error.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace qs {

namespace {

// Keys Distiller accepts that QuantScope reads past, with the reason the user sees.
const char* unsupportedReason(const std::string& key, bool global)
{
    if (key == "fp16" || key == "fpq_module")
        return "floating-point module emulation is not supported; the layer is quantized as configured";
    if (key == "inputs_quant_auto_fallback" || key == "quantize_inputs")
        return "QuantScope decides which inputs are quantized from what the int8 engine fuses; ignored";
    if (global && (key == "save_fp_weights" || key == "also_clip_weights"))
        return "has no effect: FP32 weights are never modified and weights are not clipped";
    if (!global && (key == "fake" || key == "make_identity"))
        return "fake quantization is not supported (QuantScope runs real int8); ignored";
    if (key.rfind("lapq_", 0) == 0)
        return "LAPQ (loss-aware PTQ) is not supported; ignored";
    return nullptr;
}

class Reader {
public:
    Reader(std::string file, std::vector<DistillerWarning>* warnings) : m_file(std::move(file)), m_warnings(warnings) {}

    static int lineOf(const YAML::Node& node) { return node.Mark().is_null() ? 0 : node.Mark().line + 1; }

    [[noreturn]] void fail(const std::string& message, const YAML::Node& at) const { throw Error(message, {m_file, {}, lineOf(at)}); }

    void warn(const std::string& key, const std::string& message, const YAML::Node& at)
    {
        if (m_warnings)
            m_warnings->push_back({message, key, lineOf(at)});
    }

    std::string scalar(const YAML::Node& node, const std::string& key) const
    {
        if (!node.IsScalar())
            fail(key + ": expected a single value", node);
        return node.Scalar();
    }

    NullableBits bits(const YAML::Node& node, const std::string& key) const
    {
        if (node.IsNull())
            return std::nullopt;
        const std::string text = scalar(node, key);
        int value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size())
            fail(key + ": expected a number of bits or null, got '" + text + "'", node);
        if (value < 1 || value > 32)
            fail(key + ": " + text + " bits is out of range 1..32", node);
        return value;
    }

    bool boolean(const YAML::Node& node, const std::string& key) const
    {
        const std::string text = scalar(node, key);
        bool value = false;
        if (!YAML::convert<bool>::decode(node, value))
            fail(key + ": expected True or False, got '" + text + "'", node);
        return value;
    }

    double number(const YAML::Node& node, const std::string& key) const
    {
        const std::string text = scalar(node, key);
        double value = 0.0;
        if (!YAML::convert<double>::decode(node, value))
            fail(key + ": expected a number, got '" + text + "'", node);
        return value;
    }

    RangeMethod clip(const YAML::Node& node, const std::string& key) const
    {
        const std::string text = scalar(node, key);
        if (const auto method = parseDistillerClip(text))
            return *method;
        fail(key + ": unknown clip mode '" + text + "' (valid: NONE, AVG, N_STD, GAUSS, LAPLACE, PERCENTILE, ENTROPY, MSE)", node);
    }

    QuantMode oneMode(const YAML::Node& node, const std::string& key) const
    {
        const std::string text = scalar(node, key);
        if (const auto mode = parseDistillerMode(text))
            return *mode;
        fail(key + ": unknown quantization mode '" + text +
                 "' (valid: SYMMETRIC, SYMMETRIC_RESTRICTED, ASYMMETRIC_UNSIGNED, ASYMMETRIC_SIGNED)",
             node);
    }

    DistillerModes mode(const YAML::Node& node) const
    {
        if (!node.IsMap()) {
            const QuantMode m = oneMode(node, "mode");
            return {m, m};
        }
        // Distiller's verify_quant_mode needs both keys of the map form.
        std::optional<QuantMode> acts, wts;
        for (const auto& entry : node) {
            const std::string key = entry.first.as<std::string>();
            if (key == "activations")
                acts = oneMode(entry.second, "mode.activations");
            else if (key == "weights")
                wts = oneMode(entry.second, "mode.weights");
            else
                fail("mode: unknown key '" + key + "' (valid: activations, weights)", entry.first);
        }
        if (!acts || !wts)
            fail(std::string("mode: the map form needs both 'activations' and 'weights' (missing '") + (acts ? "weights" : "activations") + "')",
                 node);
        return {*acts, *wts};
    }

    DistillerInputOverride inputOverride(const YAML::Node& node) const
    {
        DistillerInputOverride o;
        if (node.IsNull())
            return o;
        if (!node.IsMap())
            fail("input_overrides: each input index needs a map of settings", node);
        for (const auto& entry : node) {
            const std::string key = entry.first.as<std::string>();
            const YAML::Node& value = entry.second;
            if (key == "from_output")
                o.fromOutput = boolean(value, key);
            else if (key == "bits_activations")
                o.bitsActivations = bits(value, key);
            else if (key == "mode")
                o.mode = mode(value);
            else if (key == "clip_acts")
                o.clipActs = clip(value, key);
            else if (key == "clip_n_stds")
                o.clipNStds = number(value, key);
            else
                fail("input_overrides: unknown key '" + key + "' (valid: from_output, bits_activations, mode, clip_acts, clip_n_stds)",
                     entry.first);
        }
        return o;
    }

    // One section's keys into `s`; `overrides` receives the global section's overrides node.
    void settings(const YAML::Node& section, bool global, DistillerSettings& s, std::optional<YAML::Node>* overrides, DistillerConfig* config)
    {
        if (section.IsNull())
            return;
        if (!section.IsMap())
            fail(global ? "the quantizer needs a map of settings" : "an override needs a map of settings", section);
        std::set<std::string> seen;
        for (const auto& entry : section) {
            const std::string key = entry.first.as<std::string>();
            const YAML::Node& value = entry.second;
            if (!seen.insert(key).second)
                fail("'" + key + "' is given twice", entry.first);
            if (key == "bits_activations")
                s.bitsActivations = bits(value, key);
            else if (key == (global ? "bits_parameters" : "bits_weights"))
                s.bitsWeights = bits(value, key);
            else if (global && key == "bits_accum")
                s.bitsAccum = bits(value, key);
            else if (!global && key == "bits_bias")
                s.bitsBias = bits(value, key);
            else if (key == "mode")
                s.mode = mode(value);
            else if (key == "per_channel_wts")
                s.perChannelWts = boolean(value, key);
            else if (key == "clip_acts") {
                if (!value.IsNull()) // None: Distiller falls back to the quantizer's clip_acts
                    s.clipActs = clip(value, key);
            } else if (key == "clip_n_stds") {
                if (!value.IsNull())
                    s.clipNStds = number(value, key);
            } else if (key == "clip_half_range")
                s.clipHalfRange = boolean(value, key);
            else if (key == "clip_percentile") {
                s.clipPercentile = number(value, key);
                if (*s.clipPercentile <= 50.0 || *s.clipPercentile > 100.0)
                    fail("clip_percentile must be in (50, 100]", value);
            } else if (key == "scale_approx_mult_bits") {
                if (!value.IsNull()) {
                    const NullableBits b = bits(value, key);
                    s.scaleApproxMultBits = *b;
                    warn(key, "accepted; oneDNN applies float32 output scales, no fixed-point approximation is made", entry.first);
                }
            } else if (!global && key == "input_overrides") {
                if (!value.IsMap())
                    fail("input_overrides: expected a map from input index to settings", value);
                for (const auto& in : value) {
                    int index = -1;
                    if (!YAML::convert<int>::decode(in.first, index) || index < 0)
                        fail("input_overrides: '" + in.first.Scalar() + "' is not an input index", in.first);
                    s.inputOverrides[index] = inputOverride(in.second);
                }
                warn(key, "read but not applied: QuantScope quantizes a layer's inputs with its producer's settings or, where there "
                          "is none, the layer's own", entry.first);
            } else if (global && key == "class") {
                // checked by the caller
            } else if (global && key == "model_activation_stats") {
                if (!value.IsNull())
                    config->modelActivationStats = scalar(value, key);
            } else if (global && key == "overrides") {
                *overrides = value;
            } else if (!global && (key == "acts" || key == "wts" || key == "bias")) {
                fail("'" + key + "' is deprecated in Distiller; use bits_activations / bits_weights / bits_bias", entry.first);
            } else if (const char* reason = unsupportedReason(key, global)) {
                warn(key, reason, entry.first);
            } else if (global && (key == "bits_weights" || key == "bits_bias")) {
                fail("'" + key + "' is an override key; PostTrainLinearQuantizer's own keys are bits_parameters and bits_accum", entry.first);
            } else if (!global && (key == "bits_parameters" || key == "bits_accum")) {
                fail("'" + key + "' cannot be overridden per layer (overrides take bits_weights and bits_bias)", entry.first);
            } else {
                fail("unknown " + std::string(global ? "PostTrainLinearQuantizer" : "override") + " key '" + key + "'", entry.first);
            }
        }
    }

    DistillerConfig read(const YAML::Node& root)
    {
        if (!root.IsMap())
            fail("expected a map with a 'quantizers' section", root);
        std::optional<YAML::Node> quantizers; // (a default YAML::Node is a defined null, and assigning to a bound one copies)
        for (const auto& entry : root) {
            const std::string key = entry.first.as<std::string>();
            if (key == "quantizers")
                quantizers = entry.second;
            else
                warn(key, "section ignored: post-training quantization uses only the quantizer", entry.first);
        }
        if (!quantizers || !quantizers->IsMap())
            fail("no 'quantizers' map: expected quantizers: {<name>: {class: PostTrainLinearQuantizer, ...}}", quantizers ? *quantizers : root);

        DistillerConfig config;
        std::optional<YAML::Node> chosen;
        for (const auto& entry : *quantizers) {
            const std::string name = entry.first.as<std::string>();
            const YAML::Node& q = entry.second;
            if (!q.IsMap() || !q["class"])
                fail("quantizer '" + name + "' has no 'class'", q.IsNull() ? entry.first : q);
            const std::string cls = scalar(q["class"], "class");
            if (cls != "PostTrainLinearQuantizer") {
                warn(name, "quantizer class '" + cls + "' ignored (only PostTrainLinearQuantizer is a post-training quantizer)", entry.first);
                continue;
            }
            if (chosen)
                fail("more than one PostTrainLinearQuantizer ('" + config.quantizerName + "' and '" + name + "')", entry.first);
            chosen = q;
            config.quantizerName = name;
        }
        if (!chosen)
            fail("no quantizer with class PostTrainLinearQuantizer", *quantizers);

        std::optional<YAML::Node> overridesNode;
        settings(*chosen, true, config.global, &overridesNode, &config);
        const DistillerSettings& g = config.global;
        if (g.clipActs == RangeMethod::NStd && !g.clipNStds)
            fail("clip_acts N_STD needs clip_n_stds", (*chosen)["clip_acts"]);
        if (g.bitsAccum && *g.bitsAccum && **g.bitsAccum != 32)
            fail("bits_accum " + std::to_string(**g.bitsAccum) + " is not supported: oneDNN accumulates in 32 bits", (*chosen)["bits_accum"]);
        // Globally, bits that int8 cannot run would leave every layer FP32 while the run looks quantized
        // (an override's layers stay FP32 with a note instead).
        for (const auto& [key, value] : {std::pair{"bits_activations", g.bitsActivations}, std::pair{"bits_parameters", g.bitsWeights}})
            if (value && *value && (**value < 2 || **value > 8))
                fail(std::string(key) + " " + std::to_string(**value) +
                         ": int8 execution runs 2..8 bits, so no layer would be quantized; use 8 or fewer (null keeps "
                         "layers FP32, an override can raise single layers)",
                     (*chosen)[key]);

        if (overridesNode && !overridesNode->IsNull()) {
            const YAML::Node& overrides = *overridesNode;
            if (!overrides.IsMap())
                fail("overrides: expected a map from layer-name patterns to settings", overrides);
            std::set<std::string> seen;
            for (const auto& entry : overrides) {
                DistillerOverride o;
                o.pattern = scalar(entry.first, "overrides");
                o.line = lineOf(entry.first);
                if (!seen.insert(o.pattern).second)
                    fail("overrides: pattern '" + o.pattern + "' is given twice", entry.first);
                if (const std::string problem = distillerPatternError(o.pattern); !problem.empty())
                    fail("overrides: '" + o.pattern + "' is not a regular expression QuantScope can use: " + problem, entry.first);
                settings(entry.second, false, o.settings, nullptr, nullptr);
                config.overrides.push_back(std::move(o));
            }
        }
        return config;
    }

private:
    std::string m_file;
    std::vector<DistillerWarning>* m_warnings;
};

std::string shortest(double value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, result.ptr);
    if (text.find_first_of(".eE") == std::string::npos && text.find_first_of("in") == std::string::npos)
        text += ".0"; // keep it a float in the file
    return text;
}

void emitBits(YAML::Emitter& out, const char* key, const std::optional<NullableBits>& bits)
{
    if (!bits)
        return;
    out << YAML::Key << key << YAML::Value;
    if (*bits)
        out << **bits;
    else
        out << YAML::Null;
}

void emitMode(YAML::Emitter& out, const DistillerModes& mode)
{
    out << YAML::Key << "mode" << YAML::Value;
    if (mode.activations == mode.weights) {
        out << distillerName(mode.activations);
        return;
    }
    out << YAML::BeginMap << YAML::Key << "activations" << YAML::Value << distillerName(mode.activations) << YAML::Key << "weights"
        << YAML::Value << distillerName(mode.weights) << YAML::EndMap;
}

void emitSettings(YAML::Emitter& out, const DistillerSettings& s, bool global)
{
    emitBits(out, "bits_activations", s.bitsActivations);
    emitBits(out, global ? "bits_parameters" : "bits_weights", s.bitsWeights);
    if (global)
        emitBits(out, "bits_accum", s.bitsAccum);
    else
        emitBits(out, "bits_bias", s.bitsBias);
    if (s.mode)
        emitMode(out, *s.mode);
    if (s.perChannelWts)
        out << YAML::Key << "per_channel_wts" << YAML::Value << (*s.perChannelWts ? "True" : "False");
    if (s.clipActs)
        out << YAML::Key << "clip_acts" << YAML::Value << distillerName(*s.clipActs);
    if (s.clipNStds)
        out << YAML::Key << "clip_n_stds" << YAML::Value << shortest(*s.clipNStds);
    if (s.clipHalfRange)
        out << YAML::Key << "clip_half_range" << YAML::Value << (*s.clipHalfRange ? "True" : "False");
    if (s.clipPercentile)
        out << YAML::Key << "clip_percentile" << YAML::Value << shortest(*s.clipPercentile);
    if (s.scaleApproxMultBits)
        out << YAML::Key << "scale_approx_mult_bits" << YAML::Value << *s.scaleApproxMultBits;
    if (!global && !s.inputOverrides.empty()) {
        out << YAML::Key << "input_overrides" << YAML::Value << YAML::BeginMap;
        for (const auto& [index, o] : s.inputOverrides) {
            out << YAML::Key << index << YAML::Value << YAML::BeginMap;
            if (o.fromOutput)
                out << YAML::Key << "from_output" << YAML::Value << "True";
            emitBits(out, "bits_activations", o.bitsActivations);
            if (o.mode)
                emitMode(out, *o.mode);
            if (o.clipActs)
                out << YAML::Key << "clip_acts" << YAML::Value << distillerName(*o.clipActs);
            if (o.clipNStds)
                out << YAML::Key << "clip_n_stds" << YAML::Value << shortest(*o.clipNStds);
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
}

} // namespace

DistillerConfig parseDistillerConfig(const std::string& yaml, const std::string& fileName, std::vector<DistillerWarning>* warnings)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        throw Error("malformed YAML: " + e.msg, {fileName, {}, e.mark.is_null() ? 0 : e.mark.line + 1});
    }
    Reader reader(fileName, warnings);
    try {
        return reader.read(root);
    } catch (const YAML::Exception& e) { // a conversion the reader did not foresee
        throw Error("bad value: " + e.msg, {fileName, {}, e.mark.is_null() ? 0 : e.mark.line + 1});
    }
}

DistillerConfig readDistillerConfig(const std::string& path, std::vector<DistillerWarning>* warnings)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open the Distiller configuration", {path});
    std::ostringstream text;
    text << in.rdbuf();
    return parseDistillerConfig(text.str(), path, warnings);
}

std::string writeDistillerConfig(const DistillerConfig& config)
{
    YAML::Emitter out;
    out << YAML::Comment("Distiller PostTrainLinearQuantizer configuration (--qe-config-file), written by QuantScope");
    out << YAML::Newline;
    out << YAML::BeginMap << YAML::Key << "quantizers" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << config.quantizerName << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "class" << YAML::Value << "PostTrainLinearQuantizer";
    emitSettings(out, config.global, true);
    if (config.modelActivationStats)
        out << YAML::Key << "model_activation_stats" << YAML::Value << *config.modelActivationStats;
    if (!config.overrides.empty()) {
        out << YAML::Key << "overrides" << YAML::Value << YAML::BeginMap;
        for (const DistillerOverride& o : config.overrides) {
            out << YAML::Key << o.pattern << YAML::Value << YAML::BeginMap;
            emitSettings(out, o.settings, false);
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    if (!out.good())
        throw Error("cannot write the Distiller configuration: " + out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

void saveDistillerConfig(const DistillerConfig& config, const std::string& path)
{
    const std::string text = writeDistillerConfig(config);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text))
        throw Error("cannot write the Distiller configuration", {path});
}

} // namespace qs
