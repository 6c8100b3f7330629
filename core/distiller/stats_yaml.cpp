#include "core/distiller/stats_yaml.h"

#include "core/util/error.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <ios>
#include <limits>
#include <fstream>
#include <sstream>

namespace qs {

namespace {

std::string shapeText(const Shape& shape)
{
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

// Distiller writes shapes as Python tuples, "(256, 3, 224, 224)" or "(512,)"; a YAML list works too.
Shape parseShape(const YAML::Node& node, const std::string& path, const std::string& where)
{
    auto bad = [&] { return Error(where + ": shape should look like (256, 3, 224, 224)", {path, {}, node.Mark().line + 1}); };
    Shape shape;
    if (node.IsSequence()) {
        for (const auto& d : node) {
            try {
                shape.push_back(d.as<int64_t>());
            } catch (const YAML::Exception&) {
                throw bad();
            }
        }
        return shape;
    }
    if (!node.IsScalar())
        throw bad();
    std::string text = node.as<std::string>();
    const auto first = text.find_first_not_of(' '), last = text.find_last_not_of(' ');
    if (first == std::string::npos || text[first] != '(' || text[last] != ')')
        throw bad();
    text = text.substr(first + 1, last - first - 1);
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t comma = text.find(',', at);
        const std::string item = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        const auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
        if (b == std::string::npos) {
            if (comma == std::string::npos && !shape.empty()) // the trailing comma of "(512,)"
                break;
            throw bad();
        }
        const std::string digits = item.substr(b, e - b + 1);
        if (digits.empty() || digits.size() > 15 || digits.find_first_not_of("0123456789") != std::string::npos)
            throw bad(); // (at most 15 digits: a dimension, never a value past int64)
        shape.push_back(std::stoll(digits));
        if (comma == std::string::npos)
            break;
        at = comma + 1;
    }
    return shape;
}

void emitStats(YAML::Emitter& out, const ActivationStats& s)
{
    out << YAML::BeginMap;
    out << YAML::Key << "min" << YAML::Value << s.min;
    out << YAML::Key << "max" << YAML::Value << s.max;
    out << YAML::Key << "avg_min" << YAML::Value << s.avgMin;
    out << YAML::Key << "avg_max" << YAML::Value << s.avgMax;
    // Statistics a loaded file did not have stay out of the file written from it.
    for (const auto& [key, value] : {std::pair{"mean", s.mean}, std::pair{"std", s.std}, std::pair{"b", s.b}})
        if (!std::isnan(value))
            out << YAML::Key << key << YAML::Value << value;
    out << YAML::Key << "shape" << YAML::Value << shapeText(s.shape);
    out << YAML::EndMap;
}

// Real activations stay many orders of magnitude below this; values near float's 3.4e38 (or .inf / .nan) give
// infinite ranges and scales once min, max, mean and std are combined (max - min, mean + n * std, squared
// errors), and the model then runs on NaN. Such a file is refused where it is read, naming the line.
constexpr double kMaxPlausibleStatistic = 1e30;

void checkPlausible(double value, const YAML::Node& scalar, const std::string& path, const std::string& what)
{
    if (std::isfinite(value) && std::fabs(value) <= kMaxPlausibleStatistic)
        return;
    throw Error(what + " is " + scalar.Scalar() + ", not a plausible activation statistic (it must be finite, |value| <= 1e30)",
                {path, {}, scalar.Mark().line + 1});
}

ActivationStats parseStats(const YAML::Node& node, const std::string& path, const std::string& where)
{
    if (!node.IsMap())
        throw Error(where + ": expected a map of statistics", {path, {}, node.Mark().line + 1});
    ActivationStats s;
    auto number = [&](const char* key, double& target, bool required) {
        const YAML::Node v = node[key];
        if (!v) {
            if (required)
                throw Error(where + ": missing '" + key + "'", {path, {}, node.Mark().line + 1});
            return;
        }
        try {
            target = v.as<double>();
        } catch (const YAML::Exception&) {
            throw Error(where + ": '" + key + "' is not a number", {path, {}, v.Mark().line + 1});
        }
        checkPlausible(target, v, path, where + ": '" + key + "'");
    };
    number("min", s.min, true);
    number("max", s.max, true);
    s.avgMin = s.min;
    s.avgMax = s.max;
    number("avg_min", s.avgMin, false);
    number("avg_max", s.avgMax, false);
    // Missing mean / std / b stay NaN, so a clip mode that needs one says so instead of clipping at 0.
    s.mean = s.std = s.b = std::numeric_limits<double>::quiet_NaN();
    number("mean", s.mean, false);
    number("std", s.std, false);
    number("b", s.b, false);
    // Spreads are never negative: a negative one would put ACIQ's and n_std's clip inside out.
    for (const auto& [key, value] : {std::pair<const char*, double>{"std", s.std}, {"b", s.b}})
        if (value < 0.0)
            throw Error(where + ": '" + key + "' is " + std::to_string(value) + ", but a spread cannot be negative",
                        {path, {}, node[key].Mark().line + 1});
    if (const YAML::Node shape = node["shape"])
        s.shape = parseShape(shape, path, where);
    if (s.min > s.max)
        throw Error(where + ": min " + std::to_string(s.min) + " is greater than max " + std::to_string(s.max), {path, {}, node.Mark().line + 1});
    return s;
}

} // namespace

void writeStatsYaml(const Calibration& calibration, const std::string& path)
{
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::Comment("QuantScope activation statistics, Distiller's acts_quantization_stats.yaml schema; " +
                         std::to_string(calibration.samples) + " calibration samples");
    out << YAML::BeginMap;
    for (const LayerStats& layer : layerStats(calibration.prepared)) {
        out << YAML::Key << layer.layer << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "inputs" << YAML::Value << YAML::BeginMap;
        for (const auto& [index, value] : layer.inputs)
            if (const ActivationStats* s = calibration.stats(value)) {
                out << YAML::Key << index << YAML::Value;
                emitStats(out, *s);
            }
        out << YAML::EndMap;
        if (const ActivationStats* s = calibration.stats(layer.output)) {
            out << YAML::Key << "output" << YAML::Value;
            emitStats(out, *s);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    std::ofstream file(path);
    if (!file)
        throw Error("cannot write the statistics file", {path});
    file << out.c_str() << "\n";
}

void writeHistogramSidecar(const Calibration& calibration, const std::string& path)
{
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::BeginMap;
    for (const auto& [value, s] : calibration.values) {
        if (s.histogram.empty())
            continue;
        out << YAML::Key << value << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "lo" << YAML::Value << s.histogram.lo();
        out << YAML::Key << "hi" << YAML::Value << s.histogram.hi();
        out << YAML::Key << "counts" << YAML::Value << YAML::Flow << s.histogram.counts();
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    std::ofstream file(path);
    if (!file)
        throw Error("cannot write the histogram file", {path});
    file << out.c_str() << "\n";
}

const StatsFile::Layer* StatsFile::find(const std::string& name) const
{
    for (const auto& layer : layers)
        if (layer.name == name)
            return &layer;
    return nullptr;
}

namespace {
StatsFile readStatsYamlUnchecked(const std::string& path);
} // namespace

// yaml-cpp throws its own exceptions for a key or value of the wrong kind (a list where a name belongs): they
// become errors naming the file and line, never "internal error".
StatsFile readStatsYaml(const std::string& path)
{
    try {
        return readStatsYamlUnchecked(path);
    } catch (const YAML::Exception& e) {
        throw Error("malformed statistics: " + e.msg, {path, {}, e.mark.line + 1});
    }
}

namespace {

StatsFile readStatsYamlUnchecked(const std::string& path)
{
    YAML::Node root;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) // yaml-cpp reads a folder as a stream error ("internal error")
        throw Error("this is a folder; give the statistics YAML file in it", {path});
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
        throw Error("cannot open the statistics file", {path});
    } catch (const YAML::ParserException& e) {
        throw Error("malformed YAML: " + e.msg, {path, {}, e.mark.line + 1});
    } catch (const std::ios_base::failure& e) {
        throw Error(std::string("cannot read the statistics file: ") + e.what(), {path});
    }
    if (!root.IsMap())
        throw Error("a statistics file maps layer names to {inputs, output}", {path, {}, root.Mark().line + 1});
    StatsFile file;
    for (const auto& entry : root) {
        StatsFile::Layer layer;
        layer.name = entry.first.as<std::string>();
        const YAML::Node& body = entry.second;
        if (!body.IsMap())
            throw Error("layer '" + layer.name + "' should map to {inputs, output}", {path, {}, body.Mark().line + 1});
        for (const auto& part : body) {
            const std::string key = part.first.as<std::string>();
            if (key == "inputs") {
                if (!part.second.IsMap())
                    throw Error("layer '" + layer.name + "': inputs should map input indices to statistics", {path, {}, part.second.Mark().line + 1});
                for (const auto& input : part.second) {
                    int index;
                    try {
                        index = input.first.as<int>();
                    } catch (const YAML::Exception&) {
                        throw Error("layer '" + layer.name + "': input key '" + input.first.as<std::string>() + "' is not an index",
                                    {path, {}, input.first.Mark().line + 1});
                    }
                    layer.inputs[index] = parseStats(input.second, path, "layer '" + layer.name + "' input " + std::to_string(index));
                }
            } else if (key == "output") {
                layer.output = parseStats(part.second, path, "layer '" + layer.name + "' output");
                layer.hasOutput = true;
            } else {
                throw Error("layer '" + layer.name + "': unknown key '" + key + "' (expected inputs, output)", {path, {}, part.first.Mark().line + 1});
            }
        }
        file.layers.push_back(std::move(layer));
    }
    return file;
}

} // namespace

Calibration calibrationFromStatsFile(const Graph& prepared, const std::string& path, int* matched)
{
    const StatsFile file = readStatsYaml(path);
    Calibration calibration;
    calibration.prepared = prepared;
    calibration.source = path;
    int count = 0;
    for (const LayerStats& layer : layerStats(prepared)) {
        const StatsFile::Layer* found = file.find(layer.layer);
        if (!found)
            found = file.find(modulePath(layer.layer));
        if (!found)
            continue;
        ++count;
        for (const auto& [index, value] : layer.inputs)
            if (auto it = found->inputs.find(index); it != found->inputs.end() && !calibration.values.count(value))
                calibration.values[value] = it->second;
        if (found->hasOutput)
            calibration.values[layer.output] = found->output;
    }
    const std::string sidecar = path + ".hist.yaml";
    if (std::filesystem::exists(sidecar)) {
        YAML::Node root;
        try {
            root = YAML::LoadFile(sidecar);
        } catch (const YAML::ParserException& e) {
            throw Error("malformed YAML: " + e.msg, {sidecar, {}, e.mark.line + 1});
        } catch (const std::exception& e) { // a folder or an unreadable file named like the sidecar
            throw Error(std::string("cannot read the histogram sidecar: ") + e.what(), {sidecar});
        }
        // A sidecar that is a list or scalar, not a map: yaml-cpp's iterators then throw InvalidNode ("internal error").
        if (!root.IsNull() && !root.IsMap())
            throw Error("a histogram sidecar maps value names to {lo, hi, counts}", {sidecar, {}, root.Mark().line + 1});
        for (const auto& entry : root) {
            if (!entry.first.IsScalar())
                throw Error("a histogram sidecar maps value names to {lo, hi, counts}", {sidecar, {}, entry.first.Mark().line + 1});
            auto it = calibration.values.find(entry.first.Scalar());
            if (it == calibration.values.end())
                continue;
            try {
                it->second.histogram = Histogram::fromCounts(entry.second["lo"].as<double>(), entry.second["hi"].as<double>(),
                                                             entry.second["counts"].as<std::vector<double>>());
            } catch (const YAML::Exception& e) {
                throw Error("histogram of '" + it->first + "' is malformed", {sidecar, {}, entry.second.Mark().line + 1});
            }
        }
    }
    if (matched)
        *matched = count;
    return calibration;
}

} // namespace qs
