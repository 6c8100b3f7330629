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

int64_t SampleArray::elements() const
{
    int64_t n = 1;
    for (int64_t d : dims)
        n *= d;
    return n;
}

std::vector<SampleArray> Dataset::sampleArrays() const
{
    return {SampleArray{{}, sampleShape().dims()}};
}

void Dataset::loadArrays(std::span<const int64_t> indices, std::span<float* const> out) const
{
    if (out.size() != 1)
        throw Error("loadArrays: " + std::to_string(out.size()) + " buffers for a dataset of one array per sample (" + name() + ")");
    loadBatch(indices, out[0]);
}

std::vector<int> Dataset::labels() const
{
    std::vector<int> out(static_cast<std::size_t>(size()));
    for (int64_t i = 0; i < size(); ++i)
        out[static_cast<std::size_t>(i)] = label(i);
    return out;
}

} // namespace qs
