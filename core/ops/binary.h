#pragma once
// The binary arithmetic family, shared by the reference kernel and the engine lowering.

#include <string>

namespace qs {

enum class BinaryKind { Add, Sub, Mul, Div, Pow };
BinaryKind binaryKind(const std::string& opType); // throws for other op types

} // namespace qs
