#include "core/calibration/histogram_file.h"

#include "core/util/error.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>

namespace qs {

namespace {

constexpr char kMagic[8] = {'Q', 'S', 'H', 'I', 'S', 'T', '1', '\n'};
constexpr uint32_t kMaxBins = 1u << 24;

template <typename T>
void put(std::string& out, T value)
{
    static_assert(std::is_trivially_copyable_v<T>);
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    if constexpr (std::endian::native == std::endian::big)
        std::reverse(std::begin(bytes), std::end(bytes));
    out.append(reinterpret_cast<const char*>(bytes), sizeof(T));
}

class Reader {
public:
    Reader(const std::string& data, const std::string& file) : m_data(data), m_file(file) {}

    template <typename T>
    T get(const std::string& what, const std::string& layer = {})
    {
        if (m_pos + sizeof(T) > m_data.size())
            throw Error("histogram file is truncated (reading " + what + ")", ErrorContext(m_file, layer));
        unsigned char bytes[sizeof(T)];
        std::memcpy(bytes, m_data.data() + m_pos, sizeof(T));
        if constexpr (std::endian::native == std::endian::big)
            std::reverse(std::begin(bytes), std::end(bytes));
        m_pos += sizeof(T);
        T value;
        std::memcpy(&value, bytes, sizeof(T));
        return value;
    }

    std::string bytes(std::size_t n, const std::string& what)
    {
        if (m_pos + n > m_data.size())
            throw Error("histogram file is truncated (reading " + what + ")", ErrorContext(m_file));
        std::string s = m_data.substr(m_pos, n);
        m_pos += n;
        return s;
    }

    bool atEnd() const { return m_pos == m_data.size(); }

private:
    const std::string& m_data;
    const std::string& m_file;
    std::size_t m_pos = 0;
};

void putHistogram(std::string& out, const std::string& layer, int32_t tensor, const GrowingHistogram& h)
{
    put<uint32_t>(out, static_cast<uint32_t>(layer.size()));
    out += layer;
    put<int32_t>(out, tensor);
    put<float>(out, h.min());
    put<float>(out, h.max());
    put<uint32_t>(out, static_cast<uint32_t>(h.bins()));
    for (double c : h.counts())
        put<double>(out, c);
}

} // namespace

std::string histogramSidecarPath(const std::string& statsPath)
{
    return statsPath + ".hist";
}

void writeHistograms(const ModelStats& stats, const std::string& path)
{
    std::string body;
    uint32_t entries = 0;
    for (const ModelStats::Layer& l : stats.layers()) {
        for (std::size_t i = 0; i < l.inputs.size(); ++i)
            if (l.inputs[i].hasHistogram()) {
                putHistogram(body, l.name, static_cast<int32_t>(i), l.inputs[i].histogram());
                ++entries;
            }
        if (l.output && l.output->hasHistogram()) {
            putHistogram(body, l.name, -1, l.output->histogram());
            ++entries;
        }
    }
    std::string out(kMagic, sizeof(kMagic));
    put<uint32_t>(out, entries);
    out += body;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file)
        throw Error("cannot write histogram file", ErrorContext(path));
    file.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!file.flush())
        throw Error("writing the histogram file failed", ErrorContext(path));
}

int readHistograms(ModelStats& stats, const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw Error("cannot open histogram file", ErrorContext(path));
    const std::string data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    Reader in(data, path);
    if (in.bytes(sizeof(kMagic), "the header") != std::string(kMagic, sizeof(kMagic)))
        throw Error("not a QuantScope histogram file (bad magic)", ErrorContext(path));
    const uint32_t entries = in.get<uint32_t>("the entry count");
    for (uint32_t e = 0; e < entries; ++e) {
        const uint32_t nameLength = in.get<uint32_t>("a layer name length");
        const std::string name = in.bytes(nameLength, "a layer name");
        const int32_t tensor = in.get<int32_t>("the tensor index", name);
        const float lo = in.get<float>("the histogram min", name);
        const float hi = in.get<float>("the histogram max", name);
        const uint32_t bins = in.get<uint32_t>("the bin count", name);
        if (bins == 0 || bins > kMaxBins)
            throw Error("histogram has an implausible bin count " + std::to_string(bins), ErrorContext(path, name));
        std::vector<double> counts(bins);
        for (uint32_t i = 0; i < bins; ++i)
            counts[i] = in.get<double>("the counts", name);

        ModelStats::Layer* layer = nullptr;
        for (ModelStats::Layer& l : stats.layers())
            if (l.name == name)
                layer = &l;
        if (!layer)
            throw Error("histogram for a layer the statistics do not have", ErrorContext(path, name));
        TensorStats* target = nullptr;
        if (tensor == -1 && layer->output)
            target = &*layer->output;
        else if (tensor >= 0 && static_cast<std::size_t>(tensor) < layer->inputs.size())
            target = &layer->inputs[static_cast<std::size_t>(tensor)];
        if (!target)
            throw Error(tensor < 0 ? std::string("histogram for an output the statistics do not have")
                                   : "histogram for input " + std::to_string(tensor) + ", which the statistics do not have",
                        ErrorContext(path, name));
        try {
            target->setHistogram(GrowingHistogram::fromCounts(lo, hi, std::move(counts)));
        } catch (const Error& error) {
            throw Error(error.message(), ErrorContext(path, name));
        }
    }
    if (!in.atEnd())
        throw Error("histogram file has trailing bytes after " + std::to_string(entries) + " entries", ErrorContext(path));
    return static_cast<int>(entries);
}

} // namespace qs
