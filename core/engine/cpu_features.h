#pragma once
// What the CPU offers oneDNN's int8 kernels. Without VNNI (AVX512-VNNI, AVX-VNNI or AMX), u8 x s8 products
// go through vpmaddubsw, whose 16-bit intermediate sums saturate with full-range 8-bit weights: such
// machines should quantize weights to 7 bits (the engine runs them on the same kernels).

#include <string>

namespace qs {

struct CpuFeatures {
    std::string model;      // the CPU's name ("model name" of /proc/cpuinfo), "unknown CPU" where not found:
                            // what a latency figure is reported next to
    std::string isa;        // oneDNN's effective ISA, e.g. "avx512_core_amx"
    bool hasVnni = false;   // exact int8 dot products
    int recommendedWeightBits() const { return hasVnni ? 8 : 7; }
};

const CpuFeatures& cpuFeatures();

} // namespace qs
