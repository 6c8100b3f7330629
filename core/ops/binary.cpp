// Element-wise binary arithmetic with numpy broadcasting: Add, Sub, Mul, Div, Pow. Float and integer
// tensors (exporters do shape arithmetic in int64).
#include "core/ops/binary.h"
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <cmath>
#include <limits>

namespace qs {

BinaryKind binaryKind(const std::string& opType)
{
    if (opType == "Add") return BinaryKind::Add;
    if (opType == "Sub") return BinaryKind::Sub;
    if (opType == "Mul") return BinaryKind::Mul;
    if (opType == "Div") return BinaryKind::Div;
    if (opType == "Pow") return BinaryKind::Pow;
    throw Error("not a binary arithmetic operator: " + opType);
}

namespace {

// Integer arithmetic on constants (shape computations) wraps around in two's complement, as in ONNX Runtime, instead
// of being undefined: a corrupt model's int64 Mul of 2^62 * 4 must not be a crash in constant folding.
template <typename T>
T wrapping(BinaryKind kind, T a, T b)
{
    using U = std::make_unsigned_t<T>;
    switch (kind) {
    case BinaryKind::Add: return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
    case BinaryKind::Sub: return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
    case BinaryKind::Mul: return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
    default: return a;
    }
}

// Integer Pow through double, saturating at T's limits (NaN: 0).
template <typename T>
T saturate(double v)
{
    if (std::isnan(v))
        return 0;
    if (v >= static_cast<double>(std::numeric_limits<T>::max()))
        return std::numeric_limits<T>::max();
    if (v <= static_cast<double>(std::numeric_limits<T>::lowest()))
        return std::numeric_limits<T>::lowest();
    return static_cast<T>(v);
}

template <typename T>
T apply(BinaryKind kind, T a, T b)
{
    if constexpr (std::is_integral_v<T> && std::is_signed_v<T> && sizeof(T) >= sizeof(int)) {
        if (kind == BinaryKind::Add || kind == BinaryKind::Sub || kind == BinaryKind::Mul)
            return wrapping(kind, a, b);
        if (kind == BinaryKind::Div && b == -1 && a == std::numeric_limits<T>::lowest())
            return a; // the one overflowing quotient, wrapped
    }
    if constexpr (std::is_integral_v<T>) {
        if (kind == BinaryKind::Pow)
            return saturate<T>(std::pow(static_cast<double>(a), static_cast<double>(b)));
    }
    switch (kind) {
    case BinaryKind::Add: return a + b;
    case BinaryKind::Sub: return a - b;
    case BinaryKind::Mul: return a * b;
    case BinaryKind::Div:
        if constexpr (std::is_integral_v<T>) {
            if (b == 0)
                throw Error("integer division by zero");
        }
        return a / b;
    case BinaryKind::Pow: return static_cast<T>(std::pow(static_cast<double>(a), static_cast<double>(b)));
    }
    return a;
}

template <typename T>
Tensor compute(BinaryKind kind, const Tensor& a, const Tensor& b, const Shape& shape)
{
    Tensor y(a.dtype(), shape);
    const T* ad = a.data<T>();
    const T* bd = b.data<T>();
    T* yd = y.data<T>();
    forEachBroadcast(shape, a.shape(), b.shape(), [&](int64_t o, int64_t ia, int64_t ib) { yd[o] = apply<T>(kind, ad[ia], bd[ib]); });
    return y;
}

class BinaryOp : public Op {
public:
    explicit BinaryOp(const char* type) : m_type(type), m_kind(binaryKind(type)) {}
    const char* type() const override { return m_type; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 2);
        if (ctx.in(0).dtype != ctx.in(1).dtype && m_kind != BinaryKind::Pow)
            throw Error("input types differ: " + toString(ctx.in(0).dtype) + " and " + toString(ctx.in(1).dtype));
        ctx.outputs = {makeInfo(ctx.in(0).dtype, broadcastShapes(ctx.in(0).shape, ctx.in(1).shape))};
    }

    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& a = *in[0];
        const Tensor b = in[1]->cast(a.dtype());
        const Shape shape = broadcastShapes(a.shape(), b.shape());
        switch (a.dtype()) {
        case DataType::Float32: return {compute<float>(m_kind, a, b, shape)};
        case DataType::Float64: return {compute<double>(m_kind, a, b, shape)};
        case DataType::Int64: return {compute<int64_t>(m_kind, a, b, shape)};
        case DataType::Int32: return {compute<int32_t>(m_kind, a, b, shape)};
        default: {
            // Rare types: compute in double.
            Tensor y(a.dtype(), shape);
            forEachBroadcast(shape, a.shape(), b.shape(), [&](int64_t o, int64_t ia, int64_t ib) {
                y.setElementFromDouble(o, apply<double>(m_kind, a.elementAsDouble(ia), b.elementAsDouble(ib)));
            });
            return {std::move(y)};
        }
        }
    }

    OpPrepareTraits prepareTraits(const Node&) const override
    {
        OpPrepareTraits t;
        t.sumsInputs = m_kind == BinaryKind::Add;
        return t;
    }

    OpQuantTraits quantTraits(const Node&) const override
    {
        OpQuantTraits t;
        t.quantizable = m_kind == BinaryKind::Add || m_kind == BinaryKind::Mul;
        if (m_kind == BinaryKind::Add) {
            t.role = QuantRole::Requantizing; // two integer inputs rescaled to the sum's quantization
            t.residualAdd = true;             // or a sum post-op inside the conv producing one of them
        }
        return t;
    }

private:
    const char* m_type;
    BinaryKind m_kind;
};

} // namespace

std::unique_ptr<Op> makeBinaryOp(const char* type) { return std::make_unique<BinaryOp>(type); }

} // namespace qs
