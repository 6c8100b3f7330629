#include "core/data/preprocess_spec.h"

#include "core/util/error.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace qs {

namespace {

const char* const kKnownKeys = "resize, crop, channels, layout, scale, mean, std, input_shape";

std::string trim(const std::string& s)
{
    const auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos)
        return {};
    const auto end = s.find_last_not_of(" \t\r\n");
    return s.substr(begin, end - begin + 1);
}

std::string lower(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

[[noreturn]] void badValue(const std::string& key, const std::string& value, const std::string& expected)
{
    throw Error("preprocess: bad value '" + value + "' for key '" + key + "': expected " + expected);
}

std::optional<double> toDouble(const std::string& text)
{
    const std::string t = trim(text);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<int> toPositiveInt(const std::string& text)
{
    const std::string t = trim(text);
    int value = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || value <= 0)
        return std::nullopt;
    return value;
}

// "N" or "HxW"; returns {H, W, square}.
bool parseSize(const std::string& text, int& height, int& width, bool& single)
{
    const auto x = lower(text).find('x');
    if (x == std::string::npos) {
        const auto n = toPositiveInt(text);
        if (!n)
            return false;
        height = width = *n;
        single = true;
        return true;
    }
    const auto h = toPositiveInt(text.substr(0, x));
    const auto w = toPositiveInt(text.substr(x + 1));
    if (!h || !w)
        return false;
    height = *h;
    width = *w;
    single = false;
    return true;
}

std::vector<double> parseList(const std::string& key, const std::string& value)
{
    std::vector<double> values;
    std::string item;
    std::istringstream in(value);
    while (std::getline(in, item, ':')) {
        const auto v = toDouble(item);
        if (!v)
            badValue(key, value, "numbers separated by ':' (e.g. 0.485:0.456:0.406)");
        values.push_back(*v);
    }
    if (values.empty() || values.size() > 4)
        badValue(key, value, "1 to 4 numbers separated by ':'");
    return values;
}

std::string formatNumber(double value)
{
    char buffer[64];
    const auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, ptr) : std::to_string(value);
}

std::string formatScale(double scale)
{
    if (scale > 0 && scale < 1) {
        const double k = std::round(1.0 / scale);
        const std::string decimal = formatNumber(scale);
        if (k >= 2 && k < 1e9 && 1.0 / k == scale && 2 + formatNumber(k).size() < decimal.size())
            return "1/" + formatNumber(k); // 1/255 rather than 0.00392156862745098
        return decimal;
    }
    return formatNumber(scale);
}

std::string formatList(const std::vector<double>& values, const char* separator)
{
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? separator : "") + formatNumber(values[i]);
    return out;
}

std::string formatSize(int height, int width)
{
    return height == width ? std::to_string(height) : std::to_string(height) + "x" + std::to_string(width);
}

// Canonical key/value pairs in a fixed order; shared by the compact and the sidecar formatter.
std::vector<std::pair<std::string, std::string>> settings(const PreprocessSpec& spec, const char* listSeparator)
{
    std::vector<std::pair<std::string, std::string>> out;
    if (spec.resizeShorter > 0)
        out.emplace_back("resize", std::to_string(spec.resizeShorter));
    else if (spec.resizeHeight > 0)
        out.emplace_back("resize", std::to_string(spec.resizeHeight) + "x" + std::to_string(spec.resizeWidth));
    if (spec.cropHeight > 0)
        out.emplace_back("crop", formatSize(spec.cropHeight, spec.cropWidth));
    if (spec.channels)
        out.emplace_back("channels", toString(*spec.channels));
    out.emplace_back("layout", toString(spec.layout));
    out.emplace_back("scale", formatScale(spec.scale));
    if (!spec.mean.empty())
        out.emplace_back("mean", formatList(spec.mean, listSeparator));
    if (!spec.std.empty())
        out.emplace_back("std", formatList(spec.std, listSeparator));
    std::string shapes;
    for (const InputShapeSpec& s : spec.inputShapes) {
        if (!shapes.empty())
            shapes += ';';
        shapes.append(toString(s));
    }
    if (!shapes.empty())
        out.emplace_back("input_shape", shapes);
    return out;
}

} // namespace

int channelCount(ChannelOrder order)
{
    return order == ChannelOrder::Gray ? 1 : order == ChannelOrder::Rgba || order == ChannelOrder::Bgra ? 4 : 3;
}

std::string toString(ChannelOrder order)
{
    switch (order) {
    case ChannelOrder::Gray: return "gray";
    case ChannelOrder::Rgb: return "rgb";
    case ChannelOrder::Bgr: return "bgr";
    case ChannelOrder::Rgba: return "rgba";
    case ChannelOrder::Bgra: return "bgra";
    }
    return "?";
}

std::string toString(Layout layout)
{
    return layout == Layout::Nchw ? "nchw" : "nhwc";
}

PreprocessSpec PreprocessSpec::fashionMnist()
{
    PreprocessSpec spec;
    spec.channels = ChannelOrder::Gray;
    spec.scale = 1.0 / 255.0;
    spec.mean = {0.2860};
    spec.std = {0.3530};
    return spec;
}

void applyPreprocessSetting(PreprocessSpec& spec, const std::string& rawKey, const std::string& rawValue)
{
    const std::string key = lower(trim(rawKey));
    const std::string value = trim(rawValue);
    if (key == "resize") {
        int h = 0, w = 0;
        bool single = false;
        if (!parseSize(value, h, w, single))
            badValue(key, value, "a positive size N (shorter side) or HxW (exact)");
        spec.resizeShorter = single ? h : 0;
        spec.resizeHeight = single ? 0 : h;
        spec.resizeWidth = single ? 0 : w;
    } else if (key == "crop") {
        int h = 0, w = 0;
        bool single = false;
        if (!parseSize(value, h, w, single))
            badValue(key, value, "a positive size N or HxW");
        spec.cropHeight = h;
        spec.cropWidth = w;
    } else if (key == "channels") {
        const std::string v = lower(value);
        if (v == "gray" || v == "grey" || v == "l")
            spec.channels = ChannelOrder::Gray;
        else if (v == "rgb")
            spec.channels = ChannelOrder::Rgb;
        else if (v == "bgr")
            spec.channels = ChannelOrder::Bgr;
        else if (v == "rgba")
            spec.channels = ChannelOrder::Rgba;
        else if (v == "bgra")
            spec.channels = ChannelOrder::Bgra;
        else
            badValue(key, value, "gray, rgb, bgr, rgba or bgra");
    } else if (key == "layout") {
        const std::string v = lower(value);
        if (v == "nchw" || v == "chw")
            spec.layout = Layout::Nchw;
        else if (v == "nhwc" || v == "hwc")
            spec.layout = Layout::Nhwc;
        else
            badValue(key, value, "nchw or nhwc");
    } else if (key == "scale") {
        std::optional<double> scale;
        if (const auto slash = value.find('/'); slash != std::string::npos) {
            const auto num = toDouble(value.substr(0, slash));
            const auto den = toDouble(value.substr(slash + 1));
            if (num && den && *den != 0)
                scale = *num / *den;
        } else {
            scale = toDouble(value);
        }
        if (!scale || *scale == 0)
            badValue(key, value, "a non-zero number or a fraction such as 1/255");
        spec.scale = *scale;
    } else if (key == "mean") {
        spec.mean = parseList(key, value);
    } else if (key == "std") {
        auto values = parseList(key, value);
        for (double v : values)
            if (v == 0)
                badValue(key, value, "non-zero standard deviations");
        spec.std = std::move(values);
    } else if (key == "input_shape") {
        spec.inputShapes.clear();
        std::istringstream parts(value);
        std::string part;
        while (std::getline(parts, part, ';'))
            if (!trim(part).empty())
                spec.inputShapes.push_back(parseInputShapeSpec(trim(part)));
        if (spec.inputShapes.empty())
            badValue(key, value, "one or more shapes such as 1x3x224x224 or x=1x3x48x192, separated by ';'");
    } else {
        throw Error("preprocess: unknown key '" + rawKey + "' (known: " + kKnownKeys + ")");
    }
}

PreprocessSpec parsePreprocessSpec(const std::string& text)
{
    PreprocessSpec spec;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (trim(item).empty())
            continue;
        const auto eq = item.find('=');
        if (eq == std::string::npos)
            throw Error("preprocess: expected key=value, got '" + trim(item) + "'");
        applyPreprocessSetting(spec, item.substr(0, eq), item.substr(eq + 1));
    }
    return spec;
}

std::string formatSpec(const PreprocessSpec& spec)
{
    std::string out;
    for (const auto& [key, value] : settings(spec, ":"))
        out += (out.empty() ? "" : ",") + key + "=" + value;
    return out;
}

PreprocessSpec parsePreprocessSidecar(const std::string& text, const std::string& fileName)
{
    PreprocessSpec spec;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (const auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        line = trim(line);
        if (line.empty() || line == "---")
            continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            throw Error("preprocess: expected 'key: value', got '" + line + "'", {fileName, {}, lineNo});
        std::string value = trim(line.substr(colon + 1));
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        if (!value.empty() && value.front() == '[') {
            if (value.back() != ']')
                throw Error("preprocess: unterminated list '" + value + "'", {fileName, {}, lineNo});
            value = value.substr(1, value.size() - 2);
            // Input names may hold ':' (TensorFlow's "input:0"), so shapes are listed with ';'.
            const char separator = trim(line.substr(0, colon)) == "input_shape" ? ';' : ':';
            for (char& c : value)
                if (c == ',')
                    c = separator;
        }
        try {
            applyPreprocessSetting(spec, line.substr(0, colon), value);
        } catch (const Error& e) {
            throw Error(e.message(), {fileName, {}, lineNo});
        }
    }
    return spec;
}

PreprocessSpec loadPreprocessSidecar(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open preprocessing sidecar", {path.string()});
    std::ostringstream text;
    text << in.rdbuf();
    return parsePreprocessSidecar(text.str(), path.string());
}

std::string formatPreprocessSidecar(const PreprocessSpec& spec)
{
    std::string out = "# QuantScope preprocessing: x = (pixel * scale - mean) / std\n";
    for (const auto& [key, value] : settings(spec, ", ")) {
        const bool list = key == "mean" || key == "std";
        out += key + ": " + (list ? "[" + value + "]" : value) + "\n";
    }
    return out;
}

std::optional<std::filesystem::path> findPreprocessSidecar(const std::filesystem::path& modelPath)
{
    const auto dir = modelPath.parent_path();
    for (const auto& candidate : {dir / (modelPath.stem().string() + ".preprocess.yaml"),
                                  dir / (modelPath.filename().string() + ".preprocess.yaml")}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec))
            return candidate;
    }
    return std::nullopt;
}

PreprocessSpec sizedToInputShape(PreprocessSpec spec)
{
    if (spec.resizeShorter > 0 || spec.resizeHeight > 0 || spec.cropHeight > 0 || spec.inputShapes.size() != 1)
        return spec;
    const std::vector<int64_t>& d = spec.inputShapes[0].dims;
    if (d.size() != 4)
        return spec;
    const bool nhwc = spec.layout == Layout::Nhwc;
    spec.resizeHeight = static_cast<int>(nhwc ? d[1] : d[2]);
    spec.resizeWidth = static_cast<int>(nhwc ? d[2] : d[3]);
    return spec;
}

} // namespace qs
