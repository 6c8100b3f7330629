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

// The grid a layer's weights run on with this CPU's int8 kernels: the planned one, except that without VNNI 8-bit
// weights, and 7-bit asymmetric ones (stored as q - zero point, up to 127), run on the symmetric 7-bit grid. Every user of a plan's weights (the oneDNN lowering, the fake-quant twin, the QDQ export) goes through it, so
// they agree; the plan builder notes it for the user (core/ptq/ptq_config.cpp).
WeightQuant runnableWeightQuant(const WeightQuant& planned);
// The note for layers whose weights runnableWeightQuant() narrows ("" when it narrows none on this CPU).
std::string narrowedWeightsNote();

} // namespace qs
