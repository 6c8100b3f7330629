// Shape-computation operators exporters put in front of Reshape/Resize/Slice: Shape, ConstantOfShape,
// Range and Cast. They mostly see integer tensors and vanish by constant folding once input shapes are fixed.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace qs {
namespace {

// Shape-15 start/end, clamped to [0, rank] after adding rank to negative values.
std::vector<int64_t> shapeSlice(const Node& node, const Shape& shape)
{
    const int64_t rank = static_cast<int64_t>(shape.size());
    auto clampIndex = [&](int64_t v) { return std::clamp<int64_t>(v < 0 ? v + rank : v, 0, rank); };
    const int64_t start = clampIndex(node.attributes.i("start", 0));
    const int64_t end = clampIndex(node.attributes.i("end", rank));
    return end > start ? std::vector<int64_t>(shape.begin() + start, shape.begin() + end) : std::vector<int64_t>{};
}

class ShapeOp : public Op {
public:
    const char* type() const override { return "Shape"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        const std::vector<int64_t> dims = shapeSlice(ctx.node, ctx.in(0).shape);
        ctx.outputs = {makeInfo(DataType::Int64, {static_cast<int64_t>(dims.size())})};
        // The value follows from the shape alone: fold even when the input is a runtime tensor.
        if (std::all_of(dims.begin(), dims.end(), [](int64_t d) { return d >= 0; }))
            ctx.values = std::vector<Tensor>{Tensor::fromInt64({static_cast<int64_t>(dims.size())}, dims)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const std::vector<int64_t> dims = shapeSlice(node, in[0]->shape());
        return {Tensor::fromInt64({static_cast<int64_t>(dims.size())}, dims)};
    }
};

Shape shapeFromTensor(const Tensor& t)
{
    if (t.rank() > 1)
        throw Error("the shape input must be 1-D, is " + toString(t.shape()));
    Shape shape = t.toInt64();
    for (int64_t d : shape)
        if (d < 0)
            throw Error("negative dim in shape " + toString(shape));
    return shape;
}

class ConstantOfShapeOp : public Op {
public:
    const char* type() const override { return "ConstantOfShape"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        const Shape shape = shapeFromTensor(ctx.constantInput(0, "shape"));
        DataType type = DataType::Float32;
        if (ctx.node.attributes.has("value")) {
            const Tensor& v = ctx.node.attributes.tensor("value");
            if (v.size() != 1)
                throw Error("attribute 'value' must hold one element, has " + std::to_string(v.size()));
            type = v.dtype();
        }
        ctx.outputs = {makeInfo(type, shape)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Shape shape = shapeFromTensor(*in[0]);
        if (!node.attributes.has("value"))
            return {Tensor(DataType::Float32, shape)};
        const Tensor& v = node.attributes.tensor("value");
        Tensor y(v.dtype(), shape);
        const std::size_t es = elementSize(v.dtype());
        auto* dst = static_cast<unsigned char*>(y.raw());
        for (int64_t i = 0; i < y.size(); ++i)
            std::memcpy(dst + i * es, v.raw(), es);
        return {std::move(y)};
    }
};

int64_t rangeCount(double start, double limit, double delta)
{
    if (delta == 0.0)
        throw Error("Range delta must not be zero");
    return std::max<int64_t>(static_cast<int64_t>(std::ceil((limit - start) / delta)), 0);
}

class RangeOp : public Op {
public:
    const char* type() const override { return "Range"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 3, 3);
        const DataType type = ctx.in(0).dtype;
        for (std::size_t i = 0; i < 3; ++i) {
            if (ctx.in(i).dtype != type)
                throw Error("start, limit and delta must have the same type");
            if (elementCount(ctx.in(i).shape) != 1)
                throw Error("start, limit and delta must be scalars");
        }
        const double start = ctx.constantInput(0, "start").elementAsDouble(0);
        const double limit = ctx.constantInput(1, "limit").elementAsDouble(0);
        const double delta = ctx.constantInput(2, "delta").elementAsDouble(0);
        ctx.outputs = {makeInfo(type, {rangeCount(start, limit, delta)})};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const double start = in[0]->elementAsDouble(0), delta = in[2]->elementAsDouble(0);
        const int64_t n = rangeCount(start, in[1]->elementAsDouble(0), delta);
        Tensor y(in[0]->dtype(), {n});
        for (int64_t i = 0; i < n; ++i)
            y.setElementFromDouble(i, start + static_cast<double>(i) * delta);
        return {std::move(y)};
    }
};

DataType castTarget(const Node& node)
{
    const auto to = static_cast<DataType>(node.attributes.i("to", 0));
    if (elementSize(to) == 0)
        throw Error("Cast to type " + std::to_string(static_cast<int>(to)) + " is not supported");
    return to;
}

class CastOp : public Op {
public:
    const char* type() const override { return "Cast"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        ctx.outputs = {makeInfo(castTarget(ctx.node), ctx.in(0).shape)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        return {in[0]->cast(castTarget(node))};
    }
};

} // namespace

std::unique_ptr<Op> makeShapeOp() { return std::make_unique<ShapeOp>(); }
std::unique_ptr<Op> makeConstantOfShapeOp() { return std::make_unique<ConstantOfShapeOp>(); }
std::unique_ptr<Op> makeRangeOp() { return std::make_unique<RangeOp>(); }
std::unique_ptr<Op> makeCastOp() { return std::make_unique<CastOp>(); }

} // namespace qs
