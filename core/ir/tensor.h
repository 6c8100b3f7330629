#pragma once
// A dense, row-major tensor that owns its bytes: initializers, constants, reference-operator inputs and
// outputs. The fast engine keeps its own (possibly blocked) buffers and converts at its borders only.

#include "core/ir/data_type.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace qs {

using Shape = std::vector<int64_t>;

// Product of the dims; 1 for a scalar. Unknown dims (< 0) make it -1.
int64_t elementCount(const Shape& shape);
std::string toString(const Shape& shape);
// Row-major strides in elements.
std::vector<int64_t> stridesOf(const Shape& shape);

class Tensor {
public:
    Tensor() = default;
    // Zero-filled tensor of the given type and shape (all dims must be known).
    Tensor(DataType type, Shape shape);

    static Tensor fromFloats(Shape shape, std::span<const float> values);
    static Tensor fromInt64(Shape shape, std::span<const int64_t> values);
    static Tensor scalarFloat(float value) { return fromFloats({}, std::span<const float>(&value, 1)); }
    static Tensor scalarInt64(int64_t value) { return fromInt64({}, std::span<const int64_t>(&value, 1)); }

    DataType dtype() const { return m_dtype; }
    const Shape& shape() const { return m_shape; }
    int64_t rank() const { return static_cast<int64_t>(m_shape.size()); }
    int64_t size() const { return m_count; }
    std::size_t byteSize() const { return m_bytes.size(); }
    bool empty() const { return m_dtype == DataType::Undefined; }

    void* raw() { return m_bytes.data(); }
    const void* raw() const { return m_bytes.data(); }

    // Typed views; the caller must know the type (asserted in debug builds).
    template <typename T> T* data() { return reinterpret_cast<T*>(m_bytes.data()); }
    template <typename T> const T* data() const { return reinterpret_cast<const T*>(m_bytes.data()); }
    std::span<float> floats() { return {data<float>(), static_cast<std::size_t>(m_count)}; }
    std::span<const float> floats() const { return {data<float>(), static_cast<std::size_t>(m_count)}; }

    // Element values converted to int64 / float, whatever the stored type (for shape arithmetic and tests).
    std::vector<int64_t> toInt64() const;
    std::vector<float> toFloat() const;
    double elementAsDouble(int64_t index) const;
    void setElementFromDouble(int64_t index, double value);

    // Same bytes, new shape with the same element count.
    Tensor reshaped(Shape shape) const;
    Tensor cast(DataType type) const;

private:
    DataType m_dtype = DataType::Undefined;
    Shape m_shape;
    int64_t m_count = 0;
    std::vector<unsigned char> m_bytes;
};

} // namespace qs
