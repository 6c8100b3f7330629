#pragma once
// Activation statistics in Distiller's acts_quantization_stats.yaml schema:
//   <layer>:
//     inputs: {0: {min, max, avg_min, avg_max, mean, std, b, shape}}
//     output: {min, max, avg_min, avg_max, mean, std, b, shape}
// so statistics collected by Distiller load here and ours load in Distiller. Histograms (which the schema
// lacks) go to a sidecar `<file>.hist.yaml`: per value lo, hi and the bin counts.

#include "core/calibration/calibration.h"

#include <string>

namespace qs {

// Writes the layer view of `calibration`; layers are named by node name.
void writeStatsYaml(const Calibration& calibration, const std::string& path);
void writeHistogramSidecar(const Calibration& calibration, const std::string& path);

// Per-layer statistics as read from a Distiller file (no histogram).
struct StatsFile {
    struct Layer {
        std::string name;
        std::map<int, ActivationStats> inputs;
        bool hasOutput = false;
        ActivationStats output;
    };
    std::vector<Layer> layers; // file order
    const Layer* find(const std::string& name) const;
};
// Throws qs::Error with the file and line for malformed content, and for a statistic that is not finite or
// implausibly large (|value| > 1e30), which would quantize with infinite scales.
StatsFile readStatsYaml(const std::string& path);

// Value-keyed statistics for a prepared graph from a stats file: layers are matched by node name or by the
// node's module path (Distiller names); histograms from the sidecar when it exists. Returns how many layers
// matched in `matched`; the result's `source` is `path`.
Calibration calibrationFromStatsFile(const Graph& prepared, const std::string& path, int* matched = nullptr);

} // namespace qs
