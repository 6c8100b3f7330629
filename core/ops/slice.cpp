// Slice: starts/ends/axes/steps (attributes before opset 10, inputs from 10 on) clamped as ONNX
// specifies, negative steps included; any element type. The geometry (slicing.h) is shared with the
// oneDNN lowering.
#include "core/ops/slicing.h"

#include "core/ops/element_copy.h"
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <numeric>

namespace qs {
namespace {

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
    if (rank == 0 && !starts.empty()) // normalizeAxis accepts axis 0 of a scalar; `seen` below has no entry for it
        throw Error("cannot slice a scalar input");
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
        if (dim < 0) { // known at run time only (rows NonMaxSuppression selects): so is the slice's length
            s.out[axis] = -1;
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
    OpQuantTraits quantTraits(const Node&) const override { return movesElementsTraits(); }
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

} // namespace

std::unique_ptr<Op> makeSliceOp() { return std::make_unique<SliceOp>(); }

} // namespace qs
