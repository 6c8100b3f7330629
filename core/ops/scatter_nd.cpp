// ScatterND: a copy of `data` with the slices addressed by the last axis of `indices` (k-tuples, negative from the
// end) replaced by `updates` (reduction "none"), or combined with them: "add"/"mul" from opset 16, "max"/"min" from
// 18. Duplicate indices apply in order (ONNX leaves "none" with duplicates undefined). Any element type.
// Exporters use it to write decoded boxes back into a head's output tensor.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>

namespace qs {
namespace {

enum class Reduction { None, Add, Mul, Max, Min };

Reduction reductionOf(const Node& node)
{
    const std::string r = node.attributes.s("reduction", "none");
    if (r == "none")
        return Reduction::None;
    if (r == "add")
        return Reduction::Add;
    if (r == "mul")
        return Reduction::Mul;
    if (r == "max")
        return Reduction::Max;
    if (r == "min")
        return Reduction::Min;
    throw Error("reduction '" + r + "' is not one of none, add, mul, max, min");
}

// The opset that introduced a reduction: ScatterND-16 added add/mul, ScatterND-18 max/min.
int64_t introducedIn(Reduction r)
{
    return r == Reduction::None ? 11 : r == Reduction::Add || r == Reduction::Mul ? 16 : 18;
}

template <typename T>
T combine(Reduction r, T a, T b)
{
    switch (r) {
    case Reduction::None: return b;
    case Reduction::Add: return static_cast<T>(a + b);
    case Reduction::Mul: return static_cast<T>(a * b);
    case Reduction::Max: return std::max(a, b);
    case Reduction::Min: return std::min(a, b);
    }
    return b;
}

// Calls apply(outOffset, updateOffset) for each index tuple: `slice` elements from there on.
template <typename Apply>
void forEachTuple(const Shape& data, const Tensor& indicesTensor, int64_t slice, Apply&& apply)
{
    const std::vector<int64_t> indices = indicesTensor.toInt64();
    const int64_t k = indicesTensor.shape().back();
    const int64_t tuples = k > 0 ? static_cast<int64_t>(indices.size()) / k : 0;
    const std::vector<int64_t> strides = stridesOf(data);
    for (int64_t t = 0; t < tuples; ++t) {
        int64_t offset = 0;
        for (int64_t j = 0; j < k; ++j) {
            const std::size_t axis = static_cast<std::size_t>(j);
            int64_t i = indices[static_cast<std::size_t>(t * k + j)];
            if (i < -data[axis] || i >= data[axis])
                throw Error("index " + std::to_string(i) + " is out of range for dim " + std::to_string(j) + " of data " + toString(data));
            offset += (i < 0 ? i + data[axis] : i) * strides[axis];
        }
        apply(offset, t * slice);
    }
}

template <typename T>
void scatterTyped(Tensor& y, const Tensor& indices, const Tensor& updates, int64_t slice, Reduction r)
{
    T* out = y.data<T>();
    const T* upd = updates.data<T>();
    forEachTuple(y.shape(), indices, slice, [&](int64_t o, int64_t u) {
        for (int64_t e = 0; e < slice; ++e)
            out[o + e] = combine(r, out[o + e], upd[u + e]);
    });
}

class ScatterNdOp : public Op {
public:
    const char* type() const override { return "ScatterND"; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 3, 3);
        const Reduction r = reductionOf(ctx.node);
        if (ctx.opset < introducedIn(r))
            throw Error("reduction '" + ctx.node.attributes.s("reduction", "none") + "' needs opset " + std::to_string(introducedIn(r)) +
                        ", the model imports opset " + std::to_string(ctx.opset));
        const Shape& data = ctx.in(0).shape;
        const Shape& indices = ctx.in(1).shape;
        const Shape& updates = ctx.in(2).shape;
        if (!isInteger(ctx.in(1).dtype))
            throw Error("indices must be integers, are " + toString(ctx.in(1).dtype));
        if (ctx.in(2).dtype != ctx.in(0).dtype)
            throw Error("updates are " + toString(ctx.in(2).dtype) + ", data is " + toString(ctx.in(0).dtype));
        if (data.empty() || indices.empty())
            throw Error("data and indices need rank 1 or more, are " + toString(data) + " and " + toString(indices));
        const int64_t k = indices.back();
        if (k < 1 || k > static_cast<int64_t>(data.size()))
            throw Error("the last dim of indices " + toString(indices) + " must be in [1, " + std::to_string(data.size()) + "] for data " +
                        toString(data));
        Shape expected(indices.begin(), indices.end() - 1);
        expected.insert(expected.end(), data.begin() + k, data.end());
        bool fits = expected.size() == updates.size();
        for (std::size_t i = 0; fits && i < updates.size(); ++i)
            fits = expected[i] < 0 || updates[i] < 0 || expected[i] == updates[i];
        if (!fits)
            throw Error("updates " + toString(updates) + " should be " + toString(expected) + " (indices.shape[:-1] + data.shape[k:]) for data " +
                        toString(data) + " and indices " + toString(indices));
        ctx.outputs = {makeInfo(ctx.in(0).dtype, data)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        Tensor y = *in[0];
        const Tensor& indices = *in[1];
        const Tensor& updates = *in[2];
        const Reduction r = reductionOf(node);
        int64_t slice = 1;
        for (std::size_t i = static_cast<std::size_t>(indices.shape().back()); i < y.shape().size(); ++i)
            slice *= y.shape()[i];
        if (updates.size() != (indices.size() / std::max<int64_t>(indices.shape().back(), 1)) * slice)
            throw Error("updates " + toString(updates.shape()) + " do not fit indices " + toString(indices.shape()) + " into data " +
                        toString(y.shape()));
        switch (r == Reduction::None ? DataType::Undefined : y.dtype()) {
        case DataType::Undefined: { // replacing moves bytes, whatever the type
            const std::size_t es = elementSize(y.dtype());
            auto* dst = static_cast<unsigned char*>(y.raw());
            const auto* src = static_cast<const unsigned char*>(updates.raw());
            forEachTuple(y.shape(), indices, slice, [&](int64_t o, int64_t u) {
                std::memcpy(dst + o * static_cast<int64_t>(es), src + u * static_cast<int64_t>(es), static_cast<std::size_t>(slice) * es);
            });
            break;
        }
        case DataType::Float32: scatterTyped<float>(y, indices, updates, slice, r); break;
        case DataType::Float64: scatterTyped<double>(y, indices, updates, slice, r); break;
        case DataType::Int32: scatterTyped<int32_t>(y, indices, updates, slice, r); break;
        case DataType::Int64: scatterTyped<int64_t>(y, indices, updates, slice, r); break;
        default: // rare types: combined in double
            forEachTuple(y.shape(), indices, slice, [&](int64_t o, int64_t u) {
                for (int64_t e = 0; e < slice; ++e)
                    y.setElementFromDouble(o + e, combine(r, y.elementAsDouble(o + e), updates.elementAsDouble(u + e)));
            });
        }
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeScatterNdOp() { return std::make_unique<ScatterNdOp>(); }

} // namespace qs
