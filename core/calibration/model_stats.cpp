#include "core/calibration/model_stats.h"

#include "core/util/error.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace qs {

namespace {

int lineOf(const YAML::Node& node)
{
    return node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
}

[[noreturn]] void fail(const std::string& message, const std::string& file, const std::string& layer, const YAML::Node& node)
{
    throw Error(message, ErrorContext(file, layer, lineOf(node)));
}

double readNumber(const YAML::Node& node, const std::string& key, const std::string& file, const std::string& layer)
{
    if (!node.IsScalar())
        fail("'" + key + "' must be a number", file, layer, node);
    try {
        return node.as<double>();
    } catch (const YAML::Exception&) {
        fail("'" + key + "' must be a number, got '" + node.Scalar() + "'", file, layer, node);
    }
}

TensorStats readRecord(const YAML::Node& node, const std::string& file, const std::string& layer)
{
    if (!node.IsMap())
        fail("a statistics record must be a map of min, max, avg_min, avg_max, mean, std, b, shape", file, layer, node);
    StatsSummary s;
    bool haveMin = false;
    bool haveMax = false;
    for (const auto& kv : node) {
        const std::string key = kv.first.Scalar();
        const YAML::Node& value = kv.second;
        if (key == "min") {
            s.min = readNumber(value, key, file, layer);
            haveMin = true;
        } else if (key == "max") {
            s.max = readNumber(value, key, file, layer);
            haveMax = true;
        } else if (key == "avg_min") {
            s.avgMin = readNumber(value, key, file, layer);
        } else if (key == "avg_max") {
            s.avgMax = readNumber(value, key, file, layer);
        } else if (key == "mean") {
            s.mean = readNumber(value, key, file, layer);
        } else if (key == "std") {
            s.std = readNumber(value, key, file, layer);
        } else if (key == "b") {
            s.b = readNumber(value, key, file, layer);
        } else if (key == "shape") {
            try {
                if (value.IsSequence()) {
                    for (const auto& d : value)
                        s.shape.push_back(d.as<int64_t>());
                } else if (value.IsScalar()) {
                    s.shape = parseShape(value.Scalar());
                } else if (!value.IsNull()) {
                    fail("'shape' must be like (256, 3, 224, 224)", file, layer, value);
                }
            } catch (const YAML::Exception&) {
                fail("'shape' must hold integers", file, layer, value);
            } catch (const Error& e) {
                fail(e.message(), file, layer, value);
            }
        }
        // Other keys (e.g. Distiller's total_numel) carry nothing QuantScope uses.
    }
    if (!haveMin || !haveMax)
        fail(std::string("statistics record lacks '") + (haveMin ? "max" : "min") + "'", file, layer, node);
    if (s.min > s.max)
        fail("statistics record has min " + std::to_string(s.min) + " > max " + std::to_string(s.max), file, layer, node);
    return TensorStats::fromSummary(s);
}

std::string number(double v)
{
    if (std::isinf(v))
        return v > 0 ? ".inf" : "-.inf";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), v); // shortest round-trip form
    std::string text(buffer, result.ptr);
    if (text.find_first_of(".eEn") == std::string::npos)
        text += ".0"; // keep it a float for Python readers
    return text;
}

void emitRecord(YAML::Emitter& out, const StatsSummary& s)
{
    out << YAML::BeginMap;
    auto field = [&](const char* key, double v) {
        if (!std::isnan(v))
            out << YAML::Key << key << YAML::Value << number(v);
    };
    field("min", s.min);
    field("max", s.max);
    field("avg_min", s.avgMin);
    field("avg_max", s.avgMax);
    field("mean", s.mean);
    field("std", s.std);
    field("b", s.b);
    if (!s.shape.empty())
        out << YAML::Key << "shape" << YAML::Value << formatShape(s.shape);
    out << YAML::EndMap;
}

} // namespace

std::string formatShape(const std::vector<int64_t>& shape)
{
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1)
        text += ","; // Python's one-element tuple
    return text + ")";
}

std::vector<int64_t> parseShape(const std::string& text)
{
    std::string inner = text;
    const auto first = inner.find_first_not_of(" \t");
    const auto last = inner.find_last_not_of(" \t");
    inner = first == std::string::npos ? std::string() : inner.substr(first, last - first + 1);
    if (inner.size() < 2 || !((inner.front() == '(' && inner.back() == ')') || (inner.front() == '[' && inner.back() == ']')))
        throw Error("shape '" + text + "' is not like (256, 3, 224, 224)");
    inner = inner.substr(1, inner.size() - 2);
    std::vector<int64_t> shape;
    std::stringstream stream(inner);
    std::string part;
    while (std::getline(stream, part, ',')) {
        const auto a = part.find_first_not_of(" \t");
        if (a == std::string::npos)
            continue; // trailing comma of a one-element tuple
        const auto b = part.find_last_not_of(" \t");
        const std::string digits = part.substr(a, b - a + 1);
        int64_t value = 0;
        const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (result.ec != std::errc() || result.ptr != digits.data() + digits.size() || value < 0)
            throw Error("shape '" + text + "' has a bad dimension '" + digits + "'");
        shape.push_back(value);
    }
    return shape;
}

const ModelStats::Layer* ModelStats::find(const std::string& name) const
{
    for (const Layer& l : m_layers)
        if (l.name == name)
            return &l;
    return nullptr;
}

ModelStats::Layer& ModelStats::layer(const std::string& name)
{
    for (Layer& l : m_layers)
        if (l.name == name)
            return l;
    m_layers.push_back(Layer{name, {}, std::nullopt});
    return m_layers.back();
}

ModelStats ModelStats::parse(const std::string& yamlText, const std::string& file)
{
    YAML::Node root;
    try {
        root = YAML::Load(yamlText);
    } catch (const YAML::ParserException& e) {
        throw Error("invalid YAML: " + e.msg, ErrorContext(file, {}, e.mark.line >= 0 ? e.mark.line + 1 : 0));
    }
    ModelStats stats;
    if (root.IsNull())
        return stats;
    if (!root.IsMap())
        fail("a statistics file must map layer names to their inputs/output statistics", file, {}, root);
    for (const auto& kv : root) {
        const std::string name = kv.first.Scalar();
        const YAML::Node& body = kv.second;
        if (stats.find(name))
            fail("layer '" + name + "' appears twice", file, name, kv.first);
        if (!body.IsMap())
            fail("layer '" + name + "' must be a map with 'inputs' and/or 'output'", file, name, body);
        Layer layer{name, {}, std::nullopt};
        for (const auto& part : body) {
            const std::string key = part.first.Scalar();
            if (key == "output") {
                layer.output = readRecord(part.second, file, name);
            } else if (key == "inputs") {
                if (part.second.IsNull())
                    continue;
                if (!part.second.IsMap())
                    fail("'inputs' must map input indices (0, 1, ...) to statistics", file, name, part.second);
                std::map<int, TensorStats> inputs;
                for (const auto& input : part.second) {
                    int index = -1;
                    try {
                        index = input.first.as<int>();
                    } catch (const YAML::Exception&) {
                    }
                    if (index < 0)
                        fail("input index '" + input.first.Scalar() + "' is not a non-negative integer", file, name, input.first);
                    if (inputs.count(index))
                        fail("input " + std::to_string(index) + " appears twice", file, name, input.first);
                    inputs.emplace(index, readRecord(input.second, file, name));
                }
                int expected = 0;
                for (auto& [index, record] : inputs) {
                    if (index != expected)
                        fail("inputs must be numbered 0, 1, ... without gaps; input " + std::to_string(expected) + " is missing",
                             file, name, part.second);
                    layer.inputs.push_back(std::move(record));
                    ++expected;
                }
            } else {
                fail("unknown key '" + key + "' in layer '" + name + "' (expected 'inputs' or 'output')", file, name, part.first);
            }
        }
        stats.m_layers.push_back(std::move(layer));
    }
    return stats;
}

ModelStats ModelStats::read(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open statistics file", ErrorContext(path));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse(buffer.str(), path);
}

std::string ModelStats::toYaml() const
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    for (const Layer& l : m_layers) {
        out << YAML::Key << l.name << YAML::Value << YAML::BeginMap;
        if (!l.inputs.empty()) {
            out << YAML::Key << "inputs" << YAML::Value << YAML::BeginMap;
            for (std::size_t i = 0; i < l.inputs.size(); ++i) {
                out << YAML::Key << static_cast<int>(i) << YAML::Value;
                emitRecord(out, l.inputs[i].summary());
            }
            out << YAML::EndMap;
        }
        if (l.output) {
            out << YAML::Key << "output" << YAML::Value;
            emitRecord(out, l.output->summary());
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    if (!out.good())
        throw Error("cannot format statistics as YAML: " + out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

void ModelStats::write(const std::string& path) const
{
    const std::string text = m_layers.empty() ? std::string("{}\n") : toYaml();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error("cannot write statistics file", ErrorContext(path));
    out << text;
    if (!out.flush())
        throw Error("writing the statistics file failed", ErrorContext(path));
}

} // namespace qs
