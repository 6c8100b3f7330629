// Broadcasting element-wise operators beyond binary arithmetic: the comparisons Equal/Less/Greater (bool
// output), Not, Where (select), and the variadic Min/Max/Sum/Mean. Any numeric element type; float32
// takes a direct path, other types go through double (exact for the integer ranges shape tensors hold).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

// Iterates the broadcast of several shapes: fn(outIndex, inputIndices).
template <typename Fn>
void forEachBroadcastN(const Shape& out, const std::vector<Shape>& shapes, Fn&& fn)
{
    const std::size_t rank = out.size(), n = shapes.size();
    std::vector<std::vector<int64_t>> strides(n, std::vector<int64_t>(rank, 0));
    for (std::size_t s = 0; s < n; ++s) {
        int64_t stride = 1;
        for (std::size_t k = 0; k < shapes[s].size(); ++k) {
            const std::size_t axis = shapes[s].size() - 1 - k;
            if (shapes[s][axis] != 1)
                strides[s][rank - 1 - k] = stride;
            stride *= shapes[s][axis];
        }
    }
    const int64_t total = elementCount(out);
    std::vector<int64_t> coord(rank, 0), index(n, 0);
    for (int64_t o = 0; o < total; ++o) {
        fn(o, index);
        for (int a = static_cast<int>(rank) - 1; a >= 0; --a) {
            if (++coord[a] < out[a]) {
                for (std::size_t s = 0; s < n; ++s)
                    index[s] += strides[s][a];
                break;
            }
            for (std::size_t s = 0; s < n; ++s)
                index[s] -= strides[s][a] * (out[a] - 1);
            coord[a] = 0;
        }
    }
}

Shape broadcastAll(const std::vector<Shape>& shapes)
{
    Shape out = shapes.empty() ? Shape{} : shapes[0];
    for (std::size_t i = 1; i < shapes.size(); ++i)
        out = broadcastShapes(out, shapes[i]);
    return out;
}

std::vector<Shape> shapesOf(const std::vector<const Tensor*>& in)
{
    std::vector<Shape> shapes;
    for (const Tensor* t : in)
        shapes.push_back(t->shape());
    return shapes;
}

void requireAllInputs(const InferContext& ctx, std::size_t min, int max)
{
    requireInputs(ctx, min, max);
    for (std::size_t i = 0; i < ctx.node.inputs.size(); ++i)
        if (!ctx.has(i) || !ctx.inputs[i]->shapeKnown)
            throw Error("input " + std::to_string(i) + " is missing or has an unknown shape");
}

// ---------------------------------------------------------------------------------------------------------
// Comparisons and Not

enum class CompareKind { Equal, Less, Greater };

class CompareOp : public Op {
public:
    CompareOp(const char* type, CompareKind kind) : m_type(type), m_kind(kind) {}
    const char* type() const override { return m_type; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 2, 2);
        if (ctx.in(0).dtype != ctx.in(1).dtype)
            throw Error("input types differ: " + toString(ctx.in(0).dtype) + " and " + toString(ctx.in(1).dtype));
        ctx.outputs = {makeInfo(DataType::Bool, broadcastShapes(ctx.in(0).shape, ctx.in(1).shape))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const Tensor &a = *in[0], &b = *in[1];
        const Shape out = broadcastShapes(a.shape(), b.shape());
        Tensor y(DataType::Bool, out);
        auto* yd = y.data<uint8_t>();
        forEachBroadcast(out, a.shape(), b.shape(), [&](int64_t o, int64_t ia, int64_t ib) {
            const double x = a.elementAsDouble(ia), z = b.elementAsDouble(ib);
            yd[o] = m_kind == CompareKind::Equal ? x == z : m_kind == CompareKind::Less ? x < z : x > z;
        });
        return {std::move(y)};
    }

private:
    const char* m_type;
    CompareKind m_kind;
};

class NotOp : public Op {
public:
    const char* type() const override { return "Not"; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 1, 1);
        if (ctx.in(0).dtype != DataType::Bool)
            throw Error("Not takes a bool tensor, not " + toString(ctx.in(0).dtype));
        ctx.outputs = {makeInfo(DataType::Bool, ctx.in(0).shape)};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        Tensor y(DataType::Bool, in[0]->shape());
        for (int64_t i = 0; i < y.size(); ++i)
            y.data<uint8_t>()[i] = in[0]->data<uint8_t>()[i] ? 0 : 1;
        return {std::move(y)};
    }
};

class WhereOp : public Op {
public:
    const char* type() const override { return "Where"; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 3, 3);
        if (ctx.in(0).dtype != DataType::Bool)
            throw Error("the condition must be bool, is " + toString(ctx.in(0).dtype));
        if (ctx.in(1).dtype != ctx.in(2).dtype)
            throw Error("X and Y types differ: " + toString(ctx.in(1).dtype) + " and " + toString(ctx.in(2).dtype));
        ctx.outputs = {makeInfo(ctx.in(1).dtype, broadcastAll({ctx.in(0).shape, ctx.in(1).shape, ctx.in(2).shape}))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const std::vector<Shape> shapes = shapesOf(in);
        const Shape out = broadcastAll(shapes);
        Tensor y(in[1]->dtype(), out);
        const uint8_t* c = in[0]->data<uint8_t>();
        const std::size_t es = elementSize(y.dtype());
        auto* dst = static_cast<unsigned char*>(y.raw());
        const auto* x1 = static_cast<const unsigned char*>(in[1]->raw());
        const auto* x2 = static_cast<const unsigned char*>(in[2]->raw());
        forEachBroadcastN(out, shapes, [&](int64_t o, const std::vector<int64_t>& i) {
            std::copy_n(c[i[0]] ? x1 + i[1] * es : x2 + i[2] * es, es, dst + o * es);
        });
        return {std::move(y)};
    }
};

// ---------------------------------------------------------------------------------------------------------
// Min, Max, Sum, Mean

enum class VariadicKind { Min, Max, Sum, Mean };

template <typename T>
T combine(VariadicKind kind, T acc, T v)
{
    switch (kind) {
    case VariadicKind::Min: return std::isnan(static_cast<double>(v)) ? v : std::min(acc, v);
    case VariadicKind::Max: return std::isnan(static_cast<double>(v)) ? v : std::max(acc, v);
    case VariadicKind::Sum:
    case VariadicKind::Mean: return acc + v;
    }
    return acc;
}

class VariadicOp : public Op {
public:
    VariadicOp(const char* type, VariadicKind kind) : m_type(type), m_kind(kind) {}
    const char* type() const override { return m_type; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 1, -1);
        std::vector<Shape> shapes;
        for (std::size_t i = 0; i < ctx.node.inputs.size(); ++i) {
            if (ctx.in(i).dtype != ctx.in(0).dtype)
                throw Error("input types differ: " + toString(ctx.in(0).dtype) + " and " + toString(ctx.in(i).dtype));
            shapes.push_back(ctx.in(i).shape);
        }
        if ((m_kind == VariadicKind::Mean) && !isFloatingPoint(ctx.in(0).dtype))
            throw Error("Mean takes floating-point inputs");
        ctx.outputs = {makeInfo(ctx.in(0).dtype, broadcastAll(shapes))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const std::vector<Shape> shapes = shapesOf(in);
        const Shape out = broadcastAll(shapes);
        Tensor y(in[0]->dtype(), out);
        const double count = static_cast<double>(in.size());
        if (y.dtype() == DataType::Float32) {
            float* yd = y.data<float>();
            forEachBroadcastN(out, shapes, [&](int64_t o, const std::vector<int64_t>& i) {
                float acc = in[0]->data<float>()[i[0]];
                for (std::size_t k = 1; k < in.size(); ++k)
                    acc = combine(m_kind, acc, in[k]->data<float>()[i[k]]);
                yd[o] = m_kind == VariadicKind::Mean ? static_cast<float>(acc / count) : acc;
            });
        } else {
            forEachBroadcastN(out, shapes, [&](int64_t o, const std::vector<int64_t>& i) {
                double acc = in[0]->elementAsDouble(i[0]);
                for (std::size_t k = 1; k < in.size(); ++k)
                    acc = combine(m_kind, acc, in[k]->elementAsDouble(i[k]));
                y.setElementFromDouble(o, m_kind == VariadicKind::Mean ? acc / count : acc);
            });
        }
        return {std::move(y)};
    }

private:
    const char* m_type;
    VariadicKind m_kind;
};

} // namespace

std::unique_ptr<Op> makeCompareOp(const char* type)
{
    const std::string t = type;
    if (t == "Equal")
        return std::make_unique<CompareOp>(type, CompareKind::Equal);
    if (t == "Less")
        return std::make_unique<CompareOp>(type, CompareKind::Less);
    if (t == "Greater")
        return std::make_unique<CompareOp>(type, CompareKind::Greater);
    throw Error("not a comparison operator: " + t);
}
std::unique_ptr<Op> makeNotOp() { return std::make_unique<NotOp>(); }
std::unique_ptr<Op> makeWhereOp() { return std::make_unique<WhereOp>(); }
std::unique_ptr<Op> makeVariadicOp(const char* type)
{
    const std::string t = type;
    const VariadicKind kind = t == "Min" ? VariadicKind::Min : t == "Max" ? VariadicKind::Max : t == "Sum" ? VariadicKind::Sum : VariadicKind::Mean;
    if (t != "Min" && t != "Max" && t != "Sum" && t != "Mean")
        throw Error("not a variadic operator: " + t);
    return std::make_unique<VariadicOp>(type, kind);
}

} // namespace qs
