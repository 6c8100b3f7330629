#pragma once
// Distiller's --qe-config-file format: `quantizers: {<name>: {class: PostTrainLinearQuantizer, ...}}`, the
// same YAML schema as Distiller's compression schedules (other sections are ignored with a warning).
// Reading is strict where Distiller is: unknown keys, bad values (`mode: SYMETRIC`, `bits_activations:
// eight`), invalid regular expressions and malformed YAML throw qs::Error carrying the 1-based line.
// Keys Distiller knows but QuantScope does not apply (fp16, fpq_module, inputs_quant_auto_fallback,
// quantize_inputs, lapq_*, input_overrides ...) become warnings naming the key and line.
// write -> read gives back an equal DistillerConfig.

#include "core/distiller/distiller_config.h"

#include <string>
#include <vector>

namespace qs {

// `fileName` only labels errors. Warnings are appended to `warnings` when given.
DistillerConfig parseDistillerConfig(const std::string& yaml, const std::string& fileName = {},
                                     std::vector<DistillerWarning>* warnings = nullptr);
DistillerConfig readDistillerConfig(const std::string& path, std::vector<DistillerWarning>* warnings = nullptr);

std::string writeDistillerConfig(const DistillerConfig& config);
void saveDistillerConfig(const DistillerConfig& config, const std::string& path);

} // namespace qs
