#pragma once
// What the CPU offers oneDNN's int8 kernels. Without VNNI (AVX512-VNNI, AVX-VNNI or AMX), u8 x s8 products
// go through vpmaddubsw, whose 16-bit sums of two products saturate with full-range 8-bit weights (255 x 128 x 2
// > 32767): there the engine runs 8-bit weights on a 7-bit grid, exact on those kernels, as ONNX Runtime's
// reduce_range and PyTorch's fbgemm do for the same reason (runnableWeightQuant).

#include "core/quant/quantization_plan.h"

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

// Without VNNI, oneDNN's int8 kernels read a u8 source in pairs of neighbouring input channels whose two products
// vpmaddubsw sums in 16 bits: 255 x (|w1| + |w2|) must stay within 32767, so |w1| + |w2| <= 128; with an s8 source
// they halve the weights. So on such CPUs weights whose integers could exceed 64 (8 bits, 7 bits asymmetric) keep
// their grid where the source is u8 and every pair of neighbouring input channels (axis 1 of the output-channel-
// major weights) sums to at most 128 in magnitude (depthwise convolutions always qualify), and run on the symmetric
// 7-bit grid otherwise, as ONNX Runtime's reduce_range does. Every user of a plan's weights (the oneDNN lowering,
// the fake-quant twin, the QDQ export) goes through runnableWeightQuant(), so they agree; the plan builder notes
// the layers it narrows (core/ptq/ptq_config.cpp).
WeightQuant runnableWeightQuant(const WeightQuant& planned, const Tensor& outputChannelMajorWeights, const ActivationQuant& source);
// The note for layers whose weights runnableWeightQuant() narrows.
std::string narrowedWeightsNote();

} // namespace qs
