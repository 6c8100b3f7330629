#pragma once
// Histogram sidecar of a statistics YAML (Distiller's schema has no place for histograms):
// `<stats>.yaml.hist`, a compact little-endian binary file:
//
//   char[8]  magic "QSHIST1\n"
//   uint32   entry count
//   entries:
//     uint32   layer name length, then the UTF-8 name bytes
//     int32    tensor: -1 = output, k >= 0 = input k
//     float32  histogram min, max
//     uint32   bin count (2048 by default)
//     float64  counts[bin count]
//
// Reading attaches each histogram to the matching tensor of a ModelStats and throws qs::Error (with the
// file and layer) on a bad magic, a truncated file, or an entry naming a tensor the statistics lack.

#include "core/calibration/model_stats.h"

#include <string>

namespace qs {

std::string histogramSidecarPath(const std::string& statsPath);

// Writes the histograms of every tensor that has one (tensors without are left out).
void writeHistograms(const ModelStats& stats, const std::string& path);
// Attaches the histograms in `path` to `stats`; returns how many were read.
int readHistograms(ModelStats& stats, const std::string& path);

} // namespace qs
