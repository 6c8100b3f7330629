#include "core/data/dataset.h"

#include "core/util/error.h"

namespace qs {

std::string toString(Split split)
{
    return split == Split::Train ? "train" : "test";
}

Split parseSplit(const std::string& text)
{
    if (text == "train")
        return Split::Train;
    if (text == "test" || text == "val" || text == "validation")
        return Split::Test;
    throw Error("unknown split '" + text + "' (expected train or test)");
}

std::vector<int64_t> SampleShape::dims() const
{
    if (layout == Layout::Nhwc)
        return {height, width, channels};
    return {channels, height, width};
}

std::string toString(const SampleShape& shape)
{
    const auto d = shape.dims();
    return std::to_string(d[0]) + "x" + std::to_string(d[1]) + "x" + std::to_string(d[2]) + " (" +
           (shape.layout == Layout::Nchw ? "CHW" : "HWC") + ")";
}

std::vector<int> Dataset::labels() const
{
    std::vector<int> out(static_cast<std::size_t>(size()));
    for (int64_t i = 0; i < size(); ++i)
        out[static_cast<std::size_t>(i)] = label(i);
    return out;
}

} // namespace qs
