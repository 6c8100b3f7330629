#include "core/ir/tensor.h"

#include "core/util/error.h"

#include <cmath>
#include <cstring>

namespace qs {

int64_t elementCount(const Shape& shape)
{
    bool empty = false;
    for (int64_t d : shape) {
        if (d < 0)
            return -1;
        empty = empty || d == 0;
    }
    if (empty)
        return 0;
    // A shape from a corrupt model (a ConstantOfShape of [2^62, 3]) must not wrap into a small or negative count.
    int64_t count = 1;
    for (int64_t d : shape)
        if (__builtin_mul_overflow(count, d, &count))
            throw Error("shape " + toString(shape) + " has more elements than can be counted");
    return count;
}

std::string toString(const Shape& shape)
{
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i)
            text += ",";
        text += shape[i] < 0 ? std::string("?") : std::to_string(shape[i]);
    }
    return text + "]";
}

std::vector<int64_t> stridesOf(const Shape& shape)
{
    std::vector<int64_t> strides(shape.size(), 1);
    for (int i = static_cast<int>(shape.size()) - 2; i >= 0; --i)
        strides[i] = strides[i + 1] * shape[i + 1];
    return strides;
}

Tensor::Tensor(DataType type, Shape shape) : m_dtype(type), m_shape(std::move(shape))
{
    m_count = elementCount(m_shape);
    if (m_count < 0)
        throw Error("cannot allocate a tensor of unknown shape " + toString(m_shape));
    if (elementSize(type) == 0)
        throw Error("unsupported tensor element type " + qs::toString(type));
    m_bytes.assign(static_cast<std::size_t>(m_count) * elementSize(type), 0);
}

Tensor Tensor::fromFloats(Shape shape, std::span<const float> values)
{
    Tensor t(DataType::Float32, std::move(shape));
    if (static_cast<int64_t>(values.size()) != t.size())
        throw Error("tensor " + toString(t.shape()) + " needs " + std::to_string(t.size()) + " values, got " +
                    std::to_string(values.size()));
    if (!values.empty())
        std::memcpy(t.raw(), values.data(), values.size_bytes());
    return t;
}

Tensor Tensor::fromInt64(Shape shape, std::span<const int64_t> values)
{
    Tensor t(DataType::Int64, std::move(shape));
    if (static_cast<int64_t>(values.size()) != t.size())
        throw Error("tensor " + toString(t.shape()) + " needs " + std::to_string(t.size()) + " values, got " +
                    std::to_string(values.size()));
    if (!values.empty())
        std::memcpy(t.raw(), values.data(), values.size_bytes());
    return t;
}

namespace {

// Half-precision conversions for Float16 initializers (rare in CNNs, but ONNX node tests use them in Cast).
float halfToFloat(uint16_t h)
{
    const uint32_t sign = (h >> 15) & 1, exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
    float value;
    if (exponent == 0)
        value = std::ldexp(static_cast<float>(mantissa), -24);
    else if (exponent == 31)
        value = mantissa ? NAN : INFINITY;
    else
        value = std::ldexp(static_cast<float>(mantissa | 0x400), static_cast<int>(exponent) - 25);
    return sign ? -value : value;
}

uint16_t floatToHalf(float f)
{
    uint32_t x;
    std::memcpy(&x, &f, 4);
    const uint32_t sign = (x >> 16) & 0x8000;
    if (std::isnan(f))
        return static_cast<uint16_t>(sign | 0x7e00);
    const float a = std::fabs(f);
    if (a >= 65520.0f)
        return static_cast<uint16_t>(sign | 0x7c00);
    if (a < 6.103515625e-05f) { // subnormal: round to nearest even multiple of 2^-24
        const float q = std::nearbyint(a * 16777216.0f);
        return static_cast<uint16_t>(sign | static_cast<uint32_t>(q));
    }
    int e;
    const float m = std::frexp(a, &e); // a = m * 2^e, m in [0.5, 1)
    uint32_t mant = static_cast<uint32_t>(std::nearbyint((m * 2.0f - 1.0f) * 1024.0f));
    int exponent = e - 1 + 15;
    if (mant == 1024) {
        mant = 0;
        ++exponent;
    }
    if (exponent >= 31)
        return static_cast<uint16_t>(sign | 0x7c00);
    return static_cast<uint16_t>(sign | (static_cast<uint32_t>(exponent) << 10) | mant);
}

} // namespace

double Tensor::elementAsDouble(int64_t i) const
{
    switch (m_dtype) {
    case DataType::Float32: return data<float>()[i];
    case DataType::Float64: return data<double>()[i];
    case DataType::Float16: return halfToFloat(data<uint16_t>()[i]);
    case DataType::UInt8: return data<uint8_t>()[i];
    case DataType::Int8: return data<int8_t>()[i];
    case DataType::UInt16: return data<uint16_t>()[i];
    case DataType::Int16: return data<int16_t>()[i];
    case DataType::Int32: return data<int32_t>()[i];
    case DataType::Int64: return static_cast<double>(data<int64_t>()[i]);
    case DataType::UInt32: return data<uint32_t>()[i];
    case DataType::UInt64: return static_cast<double>(data<uint64_t>()[i]);
    case DataType::Bool: return data<uint8_t>()[i] ? 1.0 : 0.0;
    default: throw Error("cannot read elements of type " + qs::toString(m_dtype));
    }
}

namespace {

// double -> int64 without undefined behaviour: NaN becomes 0 and values beyond int64 saturate (a folded Cast of a
// constant holding 1e30 or inf in a corrupt model used to be undefined; x86 gives INT64_MIN for all of them).
int64_t toInt64Saturating(double v)
{
    if (std::isnan(v))
        return 0;
    if (v >= 9223372036854775807.0)
        return INT64_MAX;
    if (v <= -9223372036854775808.0)
        return INT64_MIN;
    return static_cast<int64_t>(v);
}

} // namespace

void Tensor::setElementFromDouble(int64_t i, double v)
{
    switch (m_dtype) {
    case DataType::Float32: data<float>()[i] = static_cast<float>(v); break;
    case DataType::Float64: data<double>()[i] = v; break;
    case DataType::Float16: data<uint16_t>()[i] = floatToHalf(static_cast<float>(v)); break;
    case DataType::UInt8: data<uint8_t>()[i] = static_cast<uint8_t>(toInt64Saturating(v)); break;
    case DataType::Int8: data<int8_t>()[i] = static_cast<int8_t>(toInt64Saturating(v)); break;
    case DataType::UInt16: data<uint16_t>()[i] = static_cast<uint16_t>(toInt64Saturating(v)); break;
    case DataType::Int16: data<int16_t>()[i] = static_cast<int16_t>(toInt64Saturating(v)); break;
    case DataType::Int32: data<int32_t>()[i] = static_cast<int32_t>(toInt64Saturating(v)); break;
    case DataType::Int64: data<int64_t>()[i] = toInt64Saturating(v); break;
    case DataType::UInt32: data<uint32_t>()[i] = static_cast<uint32_t>(toInt64Saturating(v)); break;
    case DataType::UInt64:
        data<uint64_t>()[i] = v >= 0.0 && v < 18446744073709551616.0 ? static_cast<uint64_t>(v) : static_cast<uint64_t>(toInt64Saturating(v));
        break;
    case DataType::Bool: data<uint8_t>()[i] = v != 0.0 ? 1 : 0; break;
    default: throw Error("cannot write elements of type " + qs::toString(m_dtype));
    }
}

std::vector<int64_t> Tensor::toInt64() const
{
    std::vector<int64_t> out(static_cast<std::size_t>(m_count));
    if (m_dtype == DataType::Int64) {
        if (!m_bytes.empty()) // an empty vector's data() may be null: memcpy(null, .., 0) is UB
            std::memcpy(out.data(), raw(), m_bytes.size());
        return out;
    }
    for (int64_t i = 0; i < m_count; ++i)
        out[i] = toInt64Saturating(elementAsDouble(i));
    return out;
}

std::vector<float> Tensor::toFloat() const
{
    std::vector<float> out(static_cast<std::size_t>(m_count));
    if (m_dtype == DataType::Float32) {
        if (!m_bytes.empty()) // an empty vector's data() may be null: memcpy(null, .., 0) is UB
            std::memcpy(out.data(), raw(), m_bytes.size());
        return out;
    }
    for (int64_t i = 0; i < m_count; ++i)
        out[i] = static_cast<float>(elementAsDouble(i));
    return out;
}

Tensor Tensor::reshaped(Shape shape) const
{
    if (elementCount(shape) != m_count)
        throw Error("cannot reshape " + toString(m_shape) + " to " + toString(shape));
    Tensor t = *this;
    t.m_shape = std::move(shape);
    return t;
}

Tensor Tensor::cast(DataType type) const
{
    if (type == m_dtype)
        return *this;
    Tensor t(type, m_shape);
    for (int64_t i = 0; i < m_count; ++i) {
        double v = elementAsDouble(i);
        if (isInteger(type) && std::isfinite(v))
            v = std::trunc(v);
        t.setElementFromDouble(i, v);
    }
    return t;
}

} // namespace qs
