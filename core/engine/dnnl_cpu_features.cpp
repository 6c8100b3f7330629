#include "core/engine/cpu_features.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace qs {

namespace {

std::string cpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("model name", 0) == 0) {
            const std::size_t colon = line.find(':');
            const std::size_t first = colon == std::string::npos ? colon : line.find_first_not_of(" \t", colon + 1);
            if (first != std::string::npos)
                return line.substr(first);
        }
    return "unknown CPU";
}

} // namespace

const CpuFeatures& cpuFeatures()
{
    static const CpuFeatures features = [] {
        CpuFeatures f;
        f.model = cpuModel();
        using isa = dnnl::cpu_isa;
        switch (dnnl::get_effective_cpu_isa()) {
        case isa::sse41: f.isa = "sse41"; break;
        case isa::avx: f.isa = "avx"; break;
        case isa::avx2: f.isa = "avx2"; break;
        case isa::avx2_vnni: f.isa = "avx2_vnni"; f.hasVnni = true; break;
        case isa::avx512_mic: f.isa = "avx512_mic"; break;
        case isa::avx512_mic_4ops: f.isa = "avx512_mic_4ops"; break;
        case isa::avx512_core: f.isa = "avx512_core"; break;
        case isa::avx512_core_vnni: f.isa = "avx512_core_vnni"; f.hasVnni = true; break;
        case isa::avx512_core_bf16: f.isa = "avx512_core_bf16"; f.hasVnni = true; break;
        case isa::avx512_core_amx: f.isa = "avx512_core_amx"; f.hasVnni = true; break;
        default: f.isa = "unknown"; break;
        }
        return f;
    }();
    return features;
}

WeightQuant runnableWeightQuant(const WeightQuant& planned, const Tensor& outputChannelMajorWeights, const ActivationQuant& source)
{
    const bool wide = planned.bits > 7 || (planned.bits == 7 && planned.asymmetric);
    if (cpuFeatures().hasVnni || !wide)
        return planned;
    WeightQuant narrowed = planned;
    narrowed.bits = 7;
    narrowed.asymmetric = false;
    if (source.isSigned)
        return narrowed; // halved by the kernel: exact only for 7-bit integers (compensated by the lowering)
    std::vector<int8_t> q;
    quantizeWeights(outputChannelMajorWeights, planned, q);
    const Shape& shape = outputChannelMajorWeights.shape();
    const int64_t channels = shape.size() > 1 ? shape[1] : 1;
    int64_t inner = 1; // elements per step of axis 1
    for (std::size_t d = 2; d < shape.size(); ++d)
        inner *= shape[d];
    const int64_t outer = static_cast<int64_t>(q.size()) / std::max<int64_t>(1, channels * inner);
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t c = 0; c + 1 < channels; c += 2)
            for (int64_t i = 0; i < inner; ++i) {
                const std::size_t a = static_cast<std::size_t>((o * channels + c) * inner + i);
                if (std::abs(int{q[a]}) + std::abs(int{q[a + static_cast<std::size_t>(inner)]}) > 128)
                    return narrowed;
            }
    return planned;
}

std::string narrowedWeightsNote()
{
    if (cpuFeatures().hasVnni)
        return {};
    return "this CPU (" + cpuFeatures().isa + ") has no VNNI: these layers' weights (8-bit, or 7-bit asymmetric) run on a symmetric "
           "7-bit grid, as ONNX Runtime's reduce_range does (oneDNN's u8 x s8 kernels would saturate on them)";
}

} // namespace qs
