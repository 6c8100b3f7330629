// Operators that move elements without arithmetic, for any element type: Gather, Slice, Split, Expand,
// Tile. Exporters use them on int64 shape tensors (folded at load time) and on activations.
#include "core/ops/slicing.h"

#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <numeric>

namespace qs {
namespace {

// Copies element `from` of src to element `to` of dst (same type).
inline void copyElement(Tensor& dst, int64_t to, const Tensor& src, int64_t from, std::size_t es)
{
    std::memcpy(static_cast<unsigned char*>(dst.raw()) + to * es, static_cast<const unsigned char*>(src.raw()) + from * es, es);
}

// Calls fn(outIndex, inIndex) for every output element, where in = sum over axes of map(axis, outCoord) * inStride.
template <typename Map>
void gatherIndexed(const Shape& out, const Shape& in, Map&& map, const std::function<void(int64_t, int64_t)>& fn)
{
    const std::vector<int64_t> inStrides = stridesOf(in);
    const int64_t total = elementCount(out);
    std::vector<int64_t> coord(out.size(), 0);
    for (int64_t o = 0; o < total; ++o) {
        int64_t src = 0;
        for (std::size_t a = 0; a < out.size(); ++a)
            src += map(a, coord[a]) * inStrides[a];
        fn(o, src);
        for (int a = static_cast<int>(out.size()) - 1; a >= 0; --a) {
            if (++coord[a] < out[a])
                break;
            coord[a] = 0;
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Gather

class GatherOp : public Op {
public:
    const char* type() const override { return "Gather"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 2);
        const Shape& x = ctx.in(0).shape;
        const Shape& idx = ctx.in(1).shape;
        if (!isInteger(ctx.in(1).dtype))
            throw Error("indices must be integers");
        const int64_t axis = resolveAxisAttribute(ctx, x.size());
        Shape out(x.begin(), x.begin() + axis);
        out.insert(out.end(), idx.begin(), idx.end());
        out.insert(out.end(), x.begin() + axis + 1, x.end());
        ctx.outputs = {makeInfo(ctx.in(0).dtype, out)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const std::vector<int64_t> indices = in[1]->toInt64();
        const int64_t axis = normalizeAxis(node.attributes.i("axis", 0), x.rank());
        const int64_t dim = x.shape()[axis];
        int64_t outer = 1, inner = 1;
        for (int64_t i = 0; i < x.rank(); ++i)
            if (i < axis)
                outer *= x.shape()[i];
            else if (i > axis)
                inner *= x.shape()[i];
        Shape out(x.shape().begin(), x.shape().begin() + axis);
        out.insert(out.end(), in[1]->shape().begin(), in[1]->shape().end());
        out.insert(out.end(), x.shape().begin() + axis + 1, x.shape().end());
        Tensor y(x.dtype(), out);
        const std::size_t es = elementSize(x.dtype());
        const auto* src = static_cast<const unsigned char*>(x.raw());
        auto* dst = static_cast<unsigned char*>(y.raw());
        const int64_t n = static_cast<int64_t>(indices.size());
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t k = 0; k < n; ++k) {
                int64_t i = indices[k];
                if (i < -dim || i >= dim)
                    throw Error("index " + std::to_string(i) + " is out of range for dim " + std::to_string(dim));
                if (i < 0)
                    i += dim;
                std::memcpy(dst + ((o * n + k) * inner) * es, src + ((o * dim + i) * inner) * es, static_cast<std::size_t>(inner) * es);
            }
        return {std::move(y)};
    }
};

// ---------------------------------------------------------------------------------------------------------
// Slice

SliceSpec sliceSpec(const Shape& x, std::vector<int64_t> starts, std::vector<int64_t> ends, std::vector<int64_t> axes,
                    std::vector<int64_t> steps)
{
    const int64_t rank = static_cast<int64_t>(x.size());
    if (axes.empty()) {
        axes.resize(starts.size());
        std::iota(axes.begin(), axes.end(), 0);
    }
    if (steps.empty())
        steps.assign(starts.size(), 1);
    if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
        throw Error("starts, ends, axes and steps must have the same length");
    SliceSpec s{x, std::vector<int64_t>(x.size(), 0), std::vector<int64_t>(x.size(), 1)};
    std::vector<bool> seen(x.size(), false);
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const int64_t axis = normalizeAxis(axes[i], rank);
        if (seen[axis])
            throw Error("axis " + std::to_string(axes[i]) + " is sliced twice");
        seen[axis] = true;
        const int64_t dim = x[axis], step = steps[i];
        if (step == 0)
            throw Error("slice step must not be zero");
        if (dim == 0) { // nothing to take (and the clamps below would have an empty range)
            s.out[axis] = 0;
            continue;
        }
        int64_t start = starts[i], end = ends[i];
        if (start < 0)
            start += dim;
        if (end < 0)
            end += dim;
        if (step > 0) {
            start = std::clamp<int64_t>(start, 0, dim);
            end = std::clamp<int64_t>(end, 0, dim);
        } else {
            start = std::clamp<int64_t>(start, 0, dim - 1);
            end = std::clamp<int64_t>(end, -1, dim - 1);
        }
        const int64_t len = step > 0 ? (end - start + step - 1) / step : (start - end + (-step) - 1) / (-step);
        s.out[axis] = std::max<int64_t>(len, 0);
        s.start[axis] = start;
        s.step[axis] = step;
    }
    return s;
}

} // namespace

// Attributes (opset < 10) or inputs 1-4 (opset >= 10).
SliceSpec sliceSpecOf(const Node& node, const Shape& x, const std::vector<const Tensor*>& in)
{
    auto inputOr = [&](std::size_t i, const char* name) {
        if (i < in.size() && in[i])
            return in[i]->toInt64();
        return node.attributes.ints(name);
    };
    return sliceSpec(x, inputOr(1, "starts"), inputOr(2, "ends"), inputOr(3, "axes"), inputOr(4, "steps"));
}

namespace {

class SliceOp : public Op {
public:
    const char* type() const override { return "Slice"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 5);
        std::vector<const Tensor*> in(ctx.node.inputs.size(), nullptr);
        for (std::size_t i = 1; i < in.size(); ++i)
            if (ctx.has(i))
                in[i] = &ctx.constantInput(i, i == 1 ? "starts" : i == 2 ? "ends" : i == 3 ? "axes" : "steps");
        if (ctx.opset >= 10 && (!ctx.has(1) || !ctx.has(2)))
            throw Error("starts and ends inputs are required");
        ctx.outputs = {makeInfo(ctx.in(0).dtype, sliceSpecOf(ctx.node, ctx.in(0).shape, in).out)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const SliceSpec s = sliceSpecOf(node, x.shape(), in);
        Tensor y(x.dtype(), s.out);
        const std::size_t es = elementSize(x.dtype());
        gatherIndexed(s.out, x.shape(), [&](std::size_t a, int64_t c) { return s.start[a] + c * s.step[a]; },
                      [&](int64_t o, int64_t i) { copyElement(y, o, x, i, es); });
        return {std::move(y)};
    }
};

// ---------------------------------------------------------------------------------------------------------
// Split

} // namespace

std::vector<int64_t> splitSizes(const Node& node, const Shape& x, const Tensor* splitInput)
{
    const int64_t axis = normalizeAxis(node.attributes.i("axis", 0), static_cast<int64_t>(x.size()));
    const int64_t outputs = static_cast<int64_t>(node.outputs.size());
    std::vector<int64_t> sizes = splitInput ? splitInput->toInt64() : node.attributes.ints("split");
    if (sizes.empty()) {
        if (outputs == 0 || x[axis] % outputs != 0)
            throw Error("dim " + std::to_string(x[axis]) + " cannot be split into " + std::to_string(outputs) + " equal parts");
        sizes.assign(static_cast<std::size_t>(outputs), x[axis] / outputs);
    }
    if (static_cast<int64_t>(sizes.size()) != outputs)
        throw Error("split has " + std::to_string(sizes.size()) + " sizes for " + std::to_string(outputs) + " outputs");
    int64_t sum = 0;
    for (int64_t s : sizes) {
        if (s < 0)
            throw Error("negative split size");
        sum += s;
    }
    if (sum != x[axis])
        throw Error("split sizes sum to " + std::to_string(sum) + ", dim " + std::to_string(axis) + " is " + std::to_string(x[axis]));
    return sizes;
}

namespace {

class SplitOp : public Op {
public:
    const char* type() const override { return "Split"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 2);
        const Shape& x = ctx.in(0).shape;
        const int64_t axis = resolveAxisAttribute(ctx, x.size());
        const std::vector<int64_t> sizes = splitSizes(ctx.node, x, ctx.has(1) ? &ctx.constantInput(1, "split") : nullptr);
        for (int64_t s : sizes) {
            Shape out = x;
            out[axis] = s;
            ctx.outputs.push_back(makeInfo(ctx.in(0).dtype, out));
        }
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const int64_t axis = node.attributes.i("axis", 0);
        const std::vector<int64_t> sizes = splitSizes(node, x.shape(), in.size() > 1 ? in[1] : nullptr);
        const std::size_t es = elementSize(x.dtype());
        int64_t outer = 1, inner = 1;
        for (int64_t i = 0; i < x.rank(); ++i)
            if (i < axis)
                outer *= x.shape()[i];
            else if (i > axis)
                inner *= x.shape()[i];
        std::vector<Tensor> outs;
        int64_t offset = 0;
        for (int64_t s : sizes) {
            Shape shape = x.shape();
            shape[axis] = s;
            Tensor y(x.dtype(), shape);
            for (int64_t o = 0; o < outer; ++o)
                std::memcpy(static_cast<unsigned char*>(y.raw()) + o * s * inner * es,
                            static_cast<const unsigned char*>(x.raw()) + (o * x.shape()[axis] + offset) * inner * es,
                            static_cast<std::size_t>(s * inner) * es);
            offset += s;
            outs.push_back(std::move(y));
        }
        return outs;
    }
};

// ---------------------------------------------------------------------------------------------------------
// Expand and Tile

class ExpandOp : public Op {
public:
    const char* type() const override { return "Expand"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 2);
        const Tensor& shape = ctx.constantInput(1, "shape");
        ctx.outputs = {makeInfo(ctx.in(0).dtype, broadcastShapes(ctx.in(0).shape, shape.toInt64()))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const Shape out = broadcastShapes(x.shape(), in[1]->toInt64());
        Tensor y(x.dtype(), out);
        const std::size_t es = elementSize(x.dtype());
        forEachBroadcast(out, x.shape(), out, [&](int64_t o, int64_t i, int64_t) { copyElement(y, o, x, i, es); });
        return {std::move(y)};
    }
};

Shape tiledShape(const Shape& x, const std::vector<int64_t>& repeats)
{
    if (repeats.size() != x.size())
        throw Error("repeats has " + std::to_string(repeats.size()) + " entries for rank " + std::to_string(x.size()));
    Shape out = x;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (repeats[i] < 0)
            throw Error("negative repeat");
        out[i] *= repeats[i];
    }
    return out;
}

class TileOp : public Op {
public:
    const char* type() const override { return "Tile"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 2);
        ctx.outputs = {makeInfo(ctx.in(0).dtype, tiledShape(ctx.in(0).shape, ctx.constantInput(1, "repeats").toInt64()))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const Shape out = tiledShape(x.shape(), in[1]->toInt64());
        Tensor y(x.dtype(), out);
        const std::size_t es = elementSize(x.dtype());
        gatherIndexed(out, x.shape(), [&](std::size_t a, int64_t c) { return c % x.shape()[a]; },
                      [&](int64_t o, int64_t i) { copyElement(y, o, x, i, es); });
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeGatherOp() { return std::make_unique<GatherOp>(); }
std::unique_ptr<Op> makeSliceOp() { return std::make_unique<SliceOp>(); }
std::unique_ptr<Op> makeSplitOp() { return std::make_unique<SplitOp>(); }
std::unique_ptr<Op> makeExpandOp() { return std::make_unique<ExpandOp>(); }
std::unique_ptr<Op> makeTileOp() { return std::make_unique<TileOp>(); }

} // namespace qs
