#include "core/util/input_shape_spec.h"

#include "core/util/error.h"

#include <charconv>

namespace qs {

InputShapeSpec parseInputShapeSpec(const std::string& text)
{
    InputShapeSpec spec;
    std::string dims = text;
    if (const auto eq = text.rfind('='); eq != std::string::npos) {
        spec.input = text.substr(0, eq);
        dims = text.substr(eq + 1);
        if (spec.input.empty())
            throw Error("input shape '" + text + "': the input name before '=' is empty");
    }
    const std::string usage = " (expected e.g. 1x3x224x224 or NAME=1x3x224x224)";
    std::size_t start = 0;
    while (true) {
        const std::size_t x = dims.find_first_of("xX", start);
        const std::string part = dims.substr(start, x == std::string::npos ? std::string::npos : x - start);
        int64_t value = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || ec != std::errc() || end != part.data() + part.size())
            throw Error("input shape '" + text + "': '" + part + "' is not a dimension" + usage);
        if (value <= 0 || value > (int64_t{1} << 31))
            throw Error("input shape '" + text + "': dimension " + part + " must be a positive size" + usage);
        spec.dims.push_back(value);
        if (spec.dims.size() > 8)
            throw Error("input shape '" + text + "' has more than 8 dimensions");
        if (x == std::string::npos)
            break;
        start = x + 1;
    }
    return spec;
}

std::string toString(const InputShapeSpec& spec)
{
    std::string text = spec.input;
    if (!text.empty())
        text += '=';
    for (std::size_t i = 0; i < spec.dims.size(); ++i) {
        if (i > 0)
            text += 'x';
        text.append(std::to_string(spec.dims[i]));
    }
    return text;
}

} // namespace qs
