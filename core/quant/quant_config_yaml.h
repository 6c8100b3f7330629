#pragma once
// Distiller's configuration file format for post-training quantization (--qe-config-file): a schedule-style
// YAML whose sections hold named components, e.g.
//   quantizers:
//     post_train_quantizer:
//       class: PostTrainLinearQuantizer
//       bits_activations: 8
//       ...
//       overrides: {<regex>: {...}}
// As Distiller's config_component_from_file_by_class does, every top-level section except `policies` is
// searched and the first component of class PostTrainLinearQuantizer is used; other components and sections
// are ignored with a warning.
// Reading is strict where Distiller is: unknown keys, bad values (`mode: SYMETRIC`, `bits_activations:
// eight`), invalid override keys and malformed YAML throw qs::Error carrying the file and 1-based line.
// Keys Distiller knows but QuantScope does not apply (fp16, fpq_module, inputs_quant_auto_fallback,
// quantize_inputs, save_fp_weights, ...) become warnings naming key and line, and are kept so that writing
// the config gives them back. writeQuantConfigYaml -> parseQuantConfigYaml gives back an equal QuantConfig.

#include "core/quant/quant_config.h"

#include <string>
#include <vector>

namespace qs {

inline constexpr const char* kPostTrainQuantizerClass = "PostTrainLinearQuantizer";

// `fileName` only labels errors. Warnings are appended to `warnings` when given. The result has passed
// validateQuantConfig() (whose notes are appended to the warnings too).
QuantConfig parseQuantConfigYaml(const std::string& yaml, const std::string& fileName = {},
                                 std::vector<QuantWarning>* warnings = nullptr);
// Throws qs::Error naming the path when it cannot be read.
QuantConfig readQuantConfigFile(const std::string& path, std::vector<QuantWarning>* warnings = nullptr);

// Only set keys are written (unset ones keep meaning "Distiller's default"); null bit widths as `~` (YAML null).
std::string writeQuantConfigYaml(const QuantConfig& config);
void saveQuantConfigFile(const QuantConfig& config, const std::string& path);

} // namespace qs
