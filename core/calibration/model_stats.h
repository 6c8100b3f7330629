#pragma once
// Activation statistics of a whole model in Distiller's acts_quantization_stats.yaml schema (what
// QuantCalibrationStatsCollector writes and --qe-stats-file reads):
//
//   <layer name>:                 # in model order
//     inputs:                     # optional
//       0: {min, max, avg_min, avg_max, mean, std, b, shape}
//       1: {...}                  # e.g. the second input of an add
//     output: {min, max, avg_min, avg_max, mean, std, b, shape}
//
// shape is Distiller's string "(256, 3, 224, 224)" (a YAML sequence is accepted too). Missing optional
// fields (older files lack b) read as NaN and are not written back. Histograms do not fit this schema;
// they live in a sidecar file (histogram_file.h). Errors name the file, the layer and the YAML line.

#include "core/calibration/tensor_stats.h"

#include <optional>
#include <string>
#include <vector>

namespace qs {

class ModelStats {
public:
    struct Layer {
        std::string name;
        std::vector<TensorStats> inputs;
        std::optional<TensorStats> output;
    };

    std::vector<Layer>& layers() { return m_layers; }
    const std::vector<Layer>& layers() const { return m_layers; }
    const Layer* find(const std::string& name) const;
    // The layer with this name, appended (in order) if new.
    Layer& layer(const std::string& name);

    // Throws qs::Error (with file and YAML line) on unreadable files or schema violations.
    static ModelStats read(const std::string& path);
    static ModelStats parse(const std::string& yamlText, const std::string& fileName = {});
    // Throws qs::Error when the file cannot be written.
    void write(const std::string& path) const;
    std::string toYaml() const;

private:
    std::vector<Layer> m_layers;
};

// "(256, 3, 224, 224)" <-> {256, 3, 224, 224}; parseShape throws qs::Error on malformed text.
std::string formatShape(const std::vector<int64_t>& shape);
std::vector<int64_t> parseShape(const std::string& text);

} // namespace qs
