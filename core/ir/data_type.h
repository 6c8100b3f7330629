#pragma once
// Element types a graph value can have. The numeric codes are ONNX's TensorProto.DataType codes, so the
// importer converts with a cast and error messages can quote ONNX's names.

#include <cstddef>
#include <cstdint>
#include <string>

namespace qs {

enum class DataType : int {
    Undefined = 0,
    Float32 = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Float64 = 11,
    UInt32 = 12,
    UInt64 = 13,
};

// Bytes per element; 0 for types QuantScope cannot hold (string, undefined).
std::size_t elementSize(DataType type);
std::string toString(DataType type);
bool isFloatingPoint(DataType type);
bool isInteger(DataType type);

} // namespace qs
