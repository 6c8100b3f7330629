#include "core/quant/quant_config_yaml.h"

#include "core/quant/override_pattern.h"
#include "core/util/error.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace qs {

namespace {

// Keys Distiller accepts that QuantScope keeps but does not apply, and why.
struct Passthrough {
    const char* key;
    const char* reason;
};
constexpr Passthrough kGlobalPassthrough[] = {
    {"fp16", "floating-point module precision is not simulated (deprecated in Distiller for fpq_module)"},
    {"fpq_module", "floating-point module precision is not simulated"},
    {"inputs_quant_auto_fallback", "Distiller-internal fallback for inputs without quantization settings"},
    {"save_fp_weights", "weights are never re-quantized in place"},
    {"also_clip_weights", "clipping of weights (embeddings) is not implemented"},
};
constexpr Passthrough kOverridePassthrough[] = {
    {"fp16", "floating-point module precision is not simulated"},
    {"fpq_module", "floating-point module precision is not simulated"},
    {"fake", "fake-quantization wrapper option"},
    {"make_identity", "fake-quantization wrapper option"},
    {"quantize_inputs", "fake-quantization wrapper option"},
    {"inputs_quant_auto_fallback", "Distiller-internal fallback for inputs without quantization settings"},
};

class Reader {
public:
    Reader(std::string fileName, std::vector<QuantWarning>* warnings)
        : m_file(std::move(fileName)), m_warnings(warnings)
    {
    }

    QuantConfig read(const std::string& text);

private:
    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const
    {
        throw Error(message, ErrorContext(m_file, {}, lineOf(node)));
    }
    void warn(const YAML::Node& node, const std::string& key, const std::string& message)
    {
        if (m_warnings)
            m_warnings->push_back({message, key, lineOf(node)});
    }
    static int lineOf(const YAML::Node& node)
    {
        const YAML::Mark mark = node.Mark();
        return mark.line >= 0 ? mark.line + 1 : 0;
    }

    // A map's entries in order, refusing duplicate keys (PyYAML would silently keep the last one).
    std::vector<std::pair<YAML::Node, YAML::Node>> entries(const YAML::Node& map, const std::string& what) const;
    std::string scalar(const YAML::Node& node, const std::string& key) const;
    std::optional<int> integer(const YAML::Node& node) const;
    Bits bits(const YAML::Node& node, const std::string& key, BitsRole role);
    bool boolean(const YAML::Node& node, const std::string& key) const;
    double number(const YAML::Node& node, const std::string& key) const;
    LinearMode linearMode(const YAML::Node& node, const std::string& key) const;
    ModePair modePair(const YAML::Node& node) const;
    ClipMethod clipMethod(const YAML::Node& node, const std::string& key) const;
    // Reads one key into `settings`; false when the key is not a layer setting.
    bool layerSetting(LayerSettings& settings, const std::string& key, const YAML::Node& key_node,
                      const YAML::Node& value, bool isGlobal);
    InputOverride inputOverride(const YAML::Node& node);
    void quantizer(QuantConfig& config, const YAML::Node& node);

    std::string m_file;
    std::vector<QuantWarning>* m_warnings;
};

std::vector<std::pair<YAML::Node, YAML::Node>> Reader::entries(const YAML::Node& map, const std::string& what) const
{
    if (!map.IsMap())
        fail(map, what + " must be a mapping of keys to values");
    std::vector<std::pair<YAML::Node, YAML::Node>> out;
    std::set<std::string> seen;
    for (const auto& item : map) {
        if (!item.first.IsScalar())
            fail(item.first, what + ": keys must be plain names");
        const std::string key = item.first.Scalar();
        if (!seen.insert(key).second)
            fail(item.first, what + ": duplicate key '" + key + "'");
        out.emplace_back(item.first, item.second);
    }
    return out;
}

std::string Reader::scalar(const YAML::Node& node, const std::string& key) const
{
    if (!node.IsScalar())
        fail(node, key + ": expected a single value, not a " + (node.IsMap() ? "mapping" : "list"));
    return node.Scalar();
}

std::optional<int> Reader::integer(const YAML::Node& node) const
{
    const std::string& text = node.Scalar();
    int value = 0;
    const char* begin = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

Bits Reader::bits(const YAML::Node& node, const std::string& key, BitsRole role)
{
    if (node.IsNull())
        return Bits();
    const std::string text = scalar(node, key);
    if (text == "None") {
        warn(node, key, "'None' read as null; Python's YAML loader would read the string 'None', write null");
        return Bits();
    }
    const std::optional<int> value = integer(node);
    if (!value)
        fail(node, key + ": '" + text + "' is not a number of bits (an integer) or null");
    std::string problem = bitsProblem(role, value);
    if (!problem.empty()) {
        if (key != yamlKey(role))
            problem.replace(0, yamlKey(role).size(), key);
        fail(node, problem);
    }
    return value;
}

bool Reader::boolean(const YAML::Node& node, const std::string& key) const
{
    const std::string text = scalar(node, key);
    bool value = false;
    if (!YAML::convert<bool>::decode(node, value))
        fail(node, key + ": '" + text + "' is not a boolean (True or False)");
    return value;
}

double Reader::number(const YAML::Node& node, const std::string& key) const
{
    const std::string text = scalar(node, key);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        fail(node, key + ": '" + text + "' is not a number");
    return value;
}

LinearMode Reader::linearMode(const YAML::Node& node, const std::string& key) const
{
    const std::string text = scalar(node, key);
    const std::optional<LinearMode> mode = parseYamlLinearMode(text);
    if (!mode)
        fail(node, key + ": '" + text + "' is not a LinearQuantMode; expected one of " + yamlChoices(allLinearModes()));
    return *mode;
}

ModePair Reader::modePair(const YAML::Node& node) const
{
    if (!node.IsMap()) {
        const LinearMode mode = linearMode(node, "mode");
        return {mode, mode};
    }
    std::optional<LinearMode> acts, wts;
    for (const auto& [k, v] : entries(node, "mode")) {
        const std::string key = k.Scalar();
        if (key == "activations")
            acts = linearMode(v, "mode: activations");
        else if (key == "weights")
            wts = linearMode(v, "mode: weights");
        else
            fail(k, "mode: unknown key '" + key + "'; expected activations and weights");
    }
    if (!acts || !wts)
        fail(node, std::string("mode: the mapping needs both activations and weights (missing ") +
                       (acts ? "weights" : "activations") + ")");
    return {*acts, *wts};
}

ClipMethod Reader::clipMethod(const YAML::Node& node, const std::string& key) const
{
    const std::string text = scalar(node, key);
    const std::optional<ClipMethod> method = parseYamlClipMethod(text);
    if (!method)
        fail(node, key + ": '" + text + "' is not a ClipMode; expected one of " + yamlChoices(allClipMethods()));
    return *method;
}

InputOverride Reader::inputOverride(const YAML::Node& node)
{
    InputOverride out;
    if (node.IsNull())
        return out;
    for (const auto& [k, v] : entries(node, "input_overrides entry")) {
        const std::string key = k.Scalar();
        if (key == "from_output")
            out.fromOutput = boolean(v, key);
        else if (key == "bits_activations")
            out.bitsActivations = bits(v, key, BitsRole::Activations);
        else if (key == "mode")
            out.mode = linearMode(v, "input_overrides: mode");
        else if (key == "clip_acts")
            out.clipActs = clipMethod(v, key);
        else if (key == "clip_n_stds") {
            if (!v.IsNull())
                out.clipNStds = number(v, key);
        } else
            fail(k, "input_overrides: unsupported key '" + key +
                        "'; Distiller accepts from_output, bits_activations, mode, clip_acts, clip_n_stds");
    }
    return out;
}

bool Reader::layerSetting(LayerSettings& s, const std::string& key, const YAML::Node& keyNode, const YAML::Node& v,
                          bool isGlobal)
{
    if (key == "bits_activations")
        s.bitsActivations = bits(v, key, BitsRole::Activations);
    else if (key == (isGlobal ? "bits_parameters" : "bits_weights"))
        s.bitsWeights = bits(v, key, BitsRole::Weights);
    else if (!isGlobal && key == "bits_bias")
        s.bitsBias = bits(v, key, BitsRole::Bias);
    else if (key == "mode")
        s.mode = modePair(v);
    else if (key == "per_channel_wts")
        s.perChannelWts = boolean(v, key);
    else if (key == "clip_acts") {
        if (v.IsNull() && isGlobal)
            fail(v, "clip_acts: null is not a ClipMode; write NONE");
        if (!v.IsNull()) // an override's null falls back to the global clip_acts, as in Distiller
            s.clipActs = clipMethod(v, key);
    } else if (key == "clip_n_stds") {
        if (!v.IsNull())
            s.clipNStds = number(v, key);
    } else if (key == "clip_half_range")
        s.clipHalfRange = boolean(v, key);
    else if (key == "scale_approx_mult_bits") {
        if (v.IsNull()) {
            s.scaleApproxMultBits = Bits();
        } else {
            const std::optional<int> value = integer(v);
            if (!value)
                fail(v, key + ": '" + scalar(v, key) + "' is not an integer or null");
            s.scaleApproxMultBits = value;
        }
    } else if (key == "clip_percentile")
        s.clipPercentile = number(v, key);
    else if (!isGlobal && key == "input_overrides") {
        for (const auto& [ik, iv] : entries(v, "input_overrides")) {
            const std::optional<int> index = integer(ik);
            if (!index || *index < 0)
                fail(ik, "input_overrides: '" + ik.Scalar() + "' is not an input index (0, 1, ...)");
            s.inputOverrides[*index] = inputOverride(iv);
        }
    } else {
        const Passthrough* begin = isGlobal ? std::begin(kGlobalPassthrough) : std::begin(kOverridePassthrough);
        const Passthrough* end = isGlobal ? std::end(kGlobalPassthrough) : std::end(kOverridePassthrough);
        for (const Passthrough* p = begin; p != end; ++p) {
            if (key != p->key)
                continue;
            YAML::Emitter flow;
            flow.SetMapFormat(YAML::Flow);
            flow.SetSeqFormat(YAML::Flow);
            flow << v;
            s.passthrough.push_back({key, flow.c_str(), lineOf(keyNode)});
            warn(keyNode, key, std::string("read but not applied by QuantScope: ") + p->reason);
            return true;
        }
        return false;
    }
    return true;
}

void Reader::quantizer(QuantConfig& config, const YAML::Node& node)
{
    for (const auto& [k, v] : entries(node, "quantizer '" + config.quantizerName + "'")) {
        const std::string key = k.Scalar();
        if (key == "class")
            continue;
        if (key == "bits_accum") {
            const Bits accum = bits(v, key, BitsRole::Accumulator);
            config.bitsAccum = *accum;
        } else if (key == "model_activation_stats") {
            if (v.IsNull())
                config.modelActivationStats.reset();
            else
                config.modelActivationStats = scalar(v, key + " (a file path)");
        } else if (key == "overrides") {
            if (v.IsNull())
                continue;
            for (const auto& [pk, pv] : entries(v, "overrides")) {
                QuantOverride entry;
                entry.pattern = pk.Scalar();
                entry.origin = OverrideOrigin::ConfigFile;
                entry.line = lineOf(pk);
                const std::string problem = overridePatternProblem(entry.pattern);
                if (!problem.empty())
                    fail(pk, problem);
                if (!pv.IsNull() && !pv.IsMap())
                    fail(pv, "override '" + entry.pattern + "' must be a mapping of settings");
                if (pv.IsMap()) {
                    for (const auto& [ok, ov] : entries(pv, "override '" + entry.pattern + "'")) {
                        const std::string okey = ok.Scalar();
                        if (okey == "acts" || okey == "wts" || okey == "bias")
                            fail(ok, "override '" + entry.pattern + "': '" + okey +
                                         "' is deprecated in Distiller; use bits_activations / bits_weights / bits_bias");
                        if (!layerSetting(entry.settings, okey, ok, ov, false))
                            fail(ok, "override '" + entry.pattern + "': unknown key '" + okey + "'" +
                                         (okey == "bits_parameters" ? " (overrides use bits_weights)" : ""));
                    }
                }
                config.overrides.push_back(std::move(entry));
            }
        } else if (!layerSetting(config.global, key, k, v, true)) {
            std::string hint;
            if (key == "bits_weights")
                hint = " (the quantizer's key is bits_parameters; bits_weights is for overrides)";
            else if (key == "bits_bias")
                hint = " (PostTrainLinearQuantizer takes no bits_bias: the bias width is bits_accum)";
            else if (key == "input_overrides")
                hint = " (input_overrides belong in an override)";
            fail(k, "unknown key '" + key + "' for " + kPostTrainQuantizerClass + hint);
        }
    }
}

QuantConfig Reader::read(const std::string& text)
{
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw Error("malformed YAML: " + e.msg, ErrorContext(m_file, {}, e.mark.line >= 0 ? e.mark.line + 1 : 0));
    }
    if (!root.IsDefined() || root.IsNull())
        throw Error("the file is empty; expected a `quantizers:` section", ErrorContext(m_file));
    if (!root.IsMap())
        fail(root, "expected a mapping of sections such as `quantizers:`");

    QuantConfig config;
    bool found = false;
    for (const auto& [sk, sv] : entries(root, "the file")) {
        const std::string section = sk.Scalar();
        if (section == "policies" || !sv.IsMap()) {
            warn(sk, section, "section ignored");
            continue;
        }
        for (const auto& [ck, cv] : entries(sv, "section '" + section + "'")) {
            const std::string name = ck.Scalar();
            const YAML::Node cls = cv.IsMap() ? cv["class"] : YAML::Node();
            if (!cls || !cls.IsScalar())
                fail(cv.IsMap() ? cv : ck, "component '" + name + "' in section '" + section + "' has no `class:`");
            if (cls.Scalar() != kPostTrainQuantizerClass || found) {
                warn(ck, name, "component of class " + cls.Scalar() + " ignored" +
                                   (found ? " (the first PostTrainLinearQuantizer is used)" : ""));
                continue;
            }
            found = true;
            config.sectionName = section;
            config.quantizerName = name;
            quantizer(config, cv);
        }
    }
    if (!found)
        fail(root, std::string("no component of class ") + kPostTrainQuantizerClass + " in the file");

    try {
        const std::vector<QuantWarning> notes = validateQuantConfig(config);
        if (m_warnings)
            m_warnings->insert(m_warnings->end(), notes.begin(), notes.end());
    } catch (const Error& e) {
        throw e.withFile(m_file);
    }
    return config;
}

// Shortest text that reads back as the same double.
std::string formatNumber(double value)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, ec == std::errc() ? end : buffer);
    if (text.find_first_of(".eEn") == std::string::npos)
        text += ".0"; // keep it a float for Python
    return text;
}

void emitBits(YAML::Emitter& out, const Bits& bits)
{
    if (bits)
        out << *bits;
    else
        out << YAML::Null;
}

void emitMode(YAML::Emitter& out, const ModePair& mode)
{
    if (mode.activations == mode.weights) {
        out << yamlName(mode.activations);
        return;
    }
    out << YAML::BeginMap << YAML::Key << "activations" << YAML::Value << yamlName(mode.activations)
        << YAML::Key << "weights" << YAML::Value << yamlName(mode.weights) << YAML::EndMap;
}

void emitSettings(YAML::Emitter& out, const LayerSettings& s, bool isGlobal)
{
    if (s.bitsActivations) {
        out << YAML::Key << "bits_activations" << YAML::Value;
        emitBits(out, *s.bitsActivations);
    }
    if (s.bitsWeights) {
        out << YAML::Key << (isGlobal ? "bits_parameters" : "bits_weights") << YAML::Value;
        emitBits(out, *s.bitsWeights);
    }
    if (s.bitsBias && !isGlobal) {
        out << YAML::Key << "bits_bias" << YAML::Value;
        emitBits(out, *s.bitsBias);
    }
    if (s.mode) {
        out << YAML::Key << "mode" << YAML::Value;
        emitMode(out, *s.mode);
    }
    if (s.perChannelWts)
        out << YAML::Key << "per_channel_wts" << YAML::Value << *s.perChannelWts;
    if (s.clipActs)
        out << YAML::Key << "clip_acts" << YAML::Value << yamlName(*s.clipActs);
    if (s.clipNStds)
        out << YAML::Key << "clip_n_stds" << YAML::Value << formatNumber(*s.clipNStds);
    if (s.clipHalfRange)
        out << YAML::Key << "clip_half_range" << YAML::Value << *s.clipHalfRange;
    if (s.scaleApproxMultBits) {
        out << YAML::Key << "scale_approx_mult_bits" << YAML::Value;
        emitBits(out, *s.scaleApproxMultBits);
    }
    if (s.clipPercentile)
        out << YAML::Key << "clip_percentile" << YAML::Value << formatNumber(*s.clipPercentile);
    if (!s.inputOverrides.empty() && !isGlobal) {
        out << YAML::Key << "input_overrides" << YAML::Value << YAML::BeginMap;
        for (const auto& [index, input] : s.inputOverrides) {
            out << YAML::Key << index << YAML::Value << YAML::BeginMap;
            if (input.fromOutput)
                out << YAML::Key << "from_output" << YAML::Value << true;
            if (input.bitsActivations) {
                out << YAML::Key << "bits_activations" << YAML::Value;
                emitBits(out, *input.bitsActivations);
            }
            if (input.mode)
                out << YAML::Key << "mode" << YAML::Value << yamlName(*input.mode);
            if (input.clipActs)
                out << YAML::Key << "clip_acts" << YAML::Value << yamlName(*input.clipActs);
            if (input.clipNStds)
                out << YAML::Key << "clip_n_stds" << YAML::Value << formatNumber(*input.clipNStds);
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    for (const PassthroughSetting& setting : s.passthrough)
        out << YAML::Key << setting.key << YAML::Value << YAML::Load(setting.yaml);
}

} // namespace

QuantConfig parseQuantConfigYaml(const std::string& yaml, const std::string& fileName, std::vector<QuantWarning>* warnings)
{
    return Reader(fileName, warnings).read(yaml);
}

QuantConfig readQuantConfigFile(const std::string& path, std::vector<QuantWarning>* warnings)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open the quantization config file", ErrorContext(path));
    std::ostringstream text;
    text << in.rdbuf();
    return parseQuantConfigYaml(text.str(), path, warnings);
}

std::string writeQuantConfigYaml(const QuantConfig& config)
{
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << config.sectionName << YAML::Value << YAML::BeginMap;
    out << YAML::Key << config.quantizerName << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "class" << YAML::Value << kPostTrainQuantizerClass;
    // Distiller's own order: bit widths, then mode, stats, the rest, overrides last.
    LayerSettings global = config.global;
    if (global.bitsActivations) {
        out << YAML::Key << "bits_activations" << YAML::Value;
        emitBits(out, *global.bitsActivations);
        global.bitsActivations.reset();
    }
    if (global.bitsWeights) {
        out << YAML::Key << "bits_parameters" << YAML::Value;
        emitBits(out, *global.bitsWeights);
        global.bitsWeights.reset();
    }
    if (config.bitsAccum)
        out << YAML::Key << "bits_accum" << YAML::Value << *config.bitsAccum;
    if (global.mode) {
        out << YAML::Key << "mode" << YAML::Value;
        emitMode(out, *global.mode);
        global.mode.reset();
    }
    if (config.modelActivationStats)
        out << YAML::Key << "model_activation_stats" << YAML::Value << *config.modelActivationStats;
    emitSettings(out, global, true);
    if (!config.overrides.empty()) {
        out << YAML::Key << "overrides" << YAML::Value << YAML::BeginMap;
        for (const QuantOverride& entry : config.overrides) {
            out << YAML::Key << entry.pattern << YAML::Value;
            if (entry.settings.empty()) {
                out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
                continue;
            }
            out << YAML::BeginMap;
            emitSettings(out, entry.settings, false);
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    if (!out.good())
        throw Error(std::string("cannot write the quantization config: ") + out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

void saveQuantConfigFile(const QuantConfig& config, const std::string& path)
{
    const std::string text = writeQuantConfigYaml(config);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text))
        throw Error("cannot write the quantization config file", ErrorContext(path));
}

} // namespace qs
