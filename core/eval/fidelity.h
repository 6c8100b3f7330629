#pragma once
// Label-free quality of a quantized model: the FP32 model and the quantized one run on the same inputs, and
// every output is compared, per output tensor: SQNR (signal-to-quantization-noise ratio, dB), cosine
// similarity and max abs error; for a single-output classifier ([batch, classes]) also top-1 agreement with
// FP32. Detectors, segmenters and unlabelled data are judged by this rather than by top-1.
// Outputs it cannot compare element by element say so instead of giving a number: an integer output is not
// compared (notCompared), and an output whose shape depends on the data (the boxes a detector's NonMaxSuppression
// selects, [?, 7]) is compared only in the runs where the quantized model produced FP32's shape.

#include "core/data/dataset.h"
#include "core/engine/prepared_model.h"
#include "core/util/progress.h"

#include <functional>
#include <string>
#include <vector>

namespace qs {

struct OutputFidelity {
    std::string name;
    int64_t elements = 0;
    double signalEnergy = 0.0; // sum of FP32 values squared
    double noiseEnergy = 0.0;  // sum of (quantized - FP32) squared
    double testEnergy = 0.0;   // sum of quantized values squared
    double dot = 0.0;          // sum of FP32 * quantized
    double maxAbsError = 0.0;
    int64_t nonFinite = 0;     // quantized values that are NaN or infinite (where FP32 is finite)
    std::string notCompared;   // why the output is not compared at all ("int64: ..."); empty when it is
    bool dataDependent = false;  // its shape is known only at run time
    int64_t runs = 0;            // dataDependent: runs of the model compared or left out
    int64_t shapeMismatches = 0; // dataDependent: runs whose quantized shape differed from FP32's (left out)

    // +inf when identical; NaN when FP32 is all zeros and there is noise, or when nothing was compared.
    double sqnrDb() const;
    double cosine() const; // NaN too when nothing was compared
};

struct FidelityMetrics {
    int64_t samples = 0;
    int64_t batch = 0;
    std::vector<OutputFidelity> outputs;
    bool classifier = false;   // one output of shape [batch, classes]
    int64_t top1Agreements = 0;
    double seconds = 0.0;

    double top1Agreement() const { return samples ? static_cast<double>(top1Agreements) / static_cast<double>(samples) : 0.0; }
    // The worst output's SQNR: one number for tables and plots; NaN when no output has one (nothing compared).
    double worstSqnrDb() const;
};

// Adds one batch of `rows` samples of output `out` (FP32 `reference`, quantized `test`, equally long).
void accumulateFidelity(OutputFidelity& out, std::span<const float> reference, std::span<const float> test);
// Index of the largest value of a row (the first on ties; NaN never wins).
int64_t argmaxOf(const float* row, int64_t classes);

using FidelityCallback = std::function<void(const FidelityMetrics& soFar, int64_t total)>;

// Runs `model` with `reference` (FP32) and `quantized` engine options over `indices` (empty: all) of `dataset`
// at `batch` (or batch 1 where the model cannot run it). Throws qs::Error when the input does not fit.
FidelityMetrics measureFidelity(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& indices, int64_t batch,
                                const EngineOptions& reference, const EngineOptions& quantized, Progress* progress = nullptr,
                                const FidelityCallback& onBatch = {});

} // namespace qs
