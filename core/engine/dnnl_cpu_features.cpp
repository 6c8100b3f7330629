#include "core/engine/cpu_features.h"

#include <oneapi/dnnl/dnnl.hpp>

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

WeightQuant runnableWeightQuant(const WeightQuant& planned)
{
    // 7-bit asymmetric weights are stored as q - zero point, up to 127 in magnitude: as saturating as 8-bit ones.
    WeightQuant runnable = planned;
    if (!cpuFeatures().hasVnni && (runnable.bits > 7 || (runnable.bits == 7 && runnable.asymmetric))) {
        runnable.bits = 7;
        runnable.asymmetric = false;
    }
    return runnable;
}

std::string narrowedWeightsNote()
{
    if (cpuFeatures().hasVnni)
        return {};
    return "this CPU (" + cpuFeatures().isa + ") has no VNNI: 8-bit weights (and 7-bit asymmetric ones) run on a symmetric 7-bit "
           "grid, as ONNX Runtime's reduce_range does (oneDNN's u8 x s8 kernels would saturate)";
}

} // namespace qs
