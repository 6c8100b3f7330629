#pragma once
// The quantization modes, under Distiller's meaning (distiller/quantization/q_utils.py, QuantMode):
//   sym        signed grid [-2^(b-1), 2^(b-1) - 1], scale = max|x| / ((2^b - 1) / 2), zero point 0
//   sym_restr  signed grid [-(2^(b-1) - 1), 2^(b-1) - 1], scale = max|x| / (2^(b-1) - 1), zero point 0
//   asym_u     unsigned grid [0, 2^b - 1] over [min, max] (0 included), integer zero point
//   asym_s     the same grid shifted to [-2^(b-1), 2^(b-1) - 1]
// One enum for the CLI, the workbench, Distiller YAML, the ranges and the engine's plan.

#include <optional>
#include <string>
#include <vector>

namespace qs {

enum class QuantMode { Symmetric, SymmetricRestricted, AsymmetricUnsigned, AsymmetricSigned };

const std::vector<QuantMode>& allQuantModes();
// Command-line names: "sym", "sym_restr", "asym_u", "asym_s".
std::string toString(QuantMode mode);
// Distiller's enum names, exactly: "SYMMETRIC", "SYMMETRIC_RESTRICTED", "ASYMMETRIC_UNSIGNED", "ASYMMETRIC_SIGNED".
std::string distillerName(QuantMode mode);
// Case-sensitive Distiller enum name (as Python's Enum[name]); nullopt otherwise.
std::optional<QuantMode> parseDistillerMode(const std::string& name);
// Either spelling, case-insensitive; throws qs::Error listing the valid names.
QuantMode parseQuantMode(const std::string& name);
bool isSymmetric(QuantMode mode);

} // namespace qs
