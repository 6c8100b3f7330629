#include "core/ir/data_type.h"

namespace qs {

std::size_t elementSize(DataType type)
{
    switch (type) {
    case DataType::Float32: return 4;
    case DataType::UInt8: return 1;
    case DataType::Int8: return 1;
    case DataType::UInt16: return 2;
    case DataType::Int16: return 2;
    case DataType::Int32: return 4;
    case DataType::Int64: return 8;
    case DataType::Bool: return 1;
    case DataType::Float16: return 2;
    case DataType::Float64: return 8;
    case DataType::UInt32: return 4;
    case DataType::UInt64: return 8;
    case DataType::String:
    case DataType::Undefined: return 0;
    }
    return 0;
}

std::string toString(DataType type)
{
    switch (type) {
    case DataType::Float32: return "float32";
    case DataType::UInt8: return "uint8";
    case DataType::Int8: return "int8";
    case DataType::UInt16: return "uint16";
    case DataType::Int16: return "int16";
    case DataType::Int32: return "int32";
    case DataType::Int64: return "int64";
    case DataType::String: return "string";
    case DataType::Bool: return "bool";
    case DataType::Float16: return "float16";
    case DataType::Float64: return "float64";
    case DataType::UInt32: return "uint32";
    case DataType::UInt64: return "uint64";
    case DataType::Undefined: return "undefined";
    }
    return "type" + std::to_string(static_cast<int>(type));
}

bool isFloatingPoint(DataType type)
{
    return type == DataType::Float32 || type == DataType::Float64 || type == DataType::Float16;
}

bool isInteger(DataType type)
{
    switch (type) {
    case DataType::UInt8: case DataType::Int8: case DataType::UInt16: case DataType::Int16:
    case DataType::Int32: case DataType::Int64: case DataType::UInt32: case DataType::UInt64:
        return true;
    default:
        return false;
    }
}

} // namespace qs
