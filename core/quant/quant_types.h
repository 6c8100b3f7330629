#pragma once
// The vocabulary of a Distiller-style post-training quantization config: the linear quantization modes and
// activation clipping methods (spelled as Distiller spells them, in YAML and on the command line), and the
// rule for which bit widths QuantScope can run.
// Names differ from core/calibration's LinearQuantMode/ClipMode on purpose: core/quant depends on core/util
// only, and both modules end up in qs_core; glue code maps one onto the other.

#include <optional>
#include <string>
#include <vector>

namespace qs {

// Distiller's LinearQuantMode.
enum class LinearMode { Symmetric, SymmetricRestricted, AsymmetricUnsigned, AsymmetricSigned };

// Distiller's ClipMode (None..Laplace) plus QuantScope's histogram methods (Percentile, Entropy, Mse).
enum class ClipMethod { None, Avg, NStd, Gauss, Laplace, Percentile, Entropy, Mse };

// Activations and weights may use different modes (Distiller's ModuleQuantMode; YAML `mode: {activations:
// ..., weights: ...}`, CLI --qe-mode-acts / --qe-mode-wts).
struct ModePair {
    LinearMode activations = LinearMode::Symmetric;
    LinearMode weights = LinearMode::Symmetric;
    bool operator==(const ModePair&) const = default;
};

// A bit width that may be null: std::nullopt means "do not quantize" (YAML null, CLI 0).
using Bits = std::optional<int>;

// YAML spelling: "SYMMETRIC", "SYMMETRIC_RESTRICTED", "ASYMMETRIC_UNSIGNED", "ASYMMETRIC_SIGNED".
// Parsing is case-sensitive, as Python's Enum[name] lookup is; nullopt for anything else.
std::string yamlName(LinearMode mode);
std::optional<LinearMode> parseYamlLinearMode(const std::string& name);
// CLI spelling (--qe-mode): "sym", "sym_restr", "asym_u", "asym_s".
std::string cliName(LinearMode mode);
std::optional<LinearMode> parseCliLinearMode(const std::string& name);
const std::vector<LinearMode>& allLinearModes();

// YAML spelling: "NONE", "AVG", "N_STD", "GAUSS", "LAPLACE", "PERCENTILE", "ENTROPY", "MSE" (case-sensitive).
std::string yamlName(ClipMethod method);
std::optional<ClipMethod> parseYamlClipMethod(const std::string& name);
// CLI spelling (--qe-clip-acts): "none", "avg", "n_std", "gauss", "laplace", "percentile", "entropy", "mse".
std::string cliName(ClipMethod method);
std::optional<ClipMethod> parseCliClipMethod(const std::string& name);
const std::vector<ClipMethod>& allClipMethods();
// Methods that Distiller itself does not have (a Distiller run would reject the file or flag).
bool isQuantScopeExtension(ClipMethod method);

// "SYMMETRIC, SYMMETRIC_RESTRICTED, ..." for error messages.
std::string yamlChoices(const std::vector<LinearMode>& modes);
std::string yamlChoices(const std::vector<ClipMethod>& methods);

// Which tensor a bit width is for; the rules differ.
enum class BitsRole { Activations, Weights, Bias, Accumulator };
std::string yamlKey(BitsRole role); // "bits_activations", "bits_weights", "bits_bias", "bits_accum"

// How QuantScope runs a bit width. Activations and weights: 2..8 run on int8 kernels (narrower grids inside
// int8), 16 and 32 run in float (not quantized), null is not quantized. Bias: 2..32 (the int8 kernels add an
// int32 bias) or null. Accumulator: 8..32 accepted; the kernels accumulate in 32 bits regardless.
enum class BitsSupport { Integer, Float, NotQuantized };
// Throws qs::Error naming the key and the accepted values for an unsupported width (e.g. 1, 12, 64, -8).
BitsSupport checkBits(BitsRole role, const Bits& bits);
// Same rule without throwing: empty when supported, otherwise the message checkBits() would throw.
std::string bitsProblem(BitsRole role, const Bits& bits);

} // namespace qs
