// Concat along one axis, for any element type (exporters concatenate int64 shape pieces too).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <cstring>

namespace qs {
namespace {

class ConcatOp : public Op {
public:
    const char* type() const override { return "Concat"; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1);
        for (std::size_t i = 0; i < ctx.node.inputs.size(); ++i)
            if (!ctx.has(i) || !ctx.inputs[i]->shapeKnown)
                throw Error("input " + std::to_string(i) + " is missing or has an unknown shape");
        Shape out = ctx.in(0).shape;
        const int64_t axis = resolveAxisAttribute(ctx, out.size());
        for (std::size_t i = 1; i < ctx.node.inputs.size(); ++i) {
            const Shape& s = ctx.in(i).shape;
            if (s.size() != out.size())
                throw Error("input ranks differ: " + toString(ctx.in(0).shape) + " and " + toString(s));
            // A dim known at run time only (-1: rows NonMaxSuppression selects) is checked by the kernel; along the
            // axis it leaves the sum unknown too.
            for (std::size_t d = 0; d < s.size(); ++d) {
                if (static_cast<int64_t>(d) == axis || s[d] < 0)
                    continue;
                if (out[d] >= 0 && s[d] != out[d])
                    throw Error("inputs " + toString(ctx.in(0).shape) + " and " + toString(s) + " differ outside axis " + std::to_string(axis));
                out[d] = s[d];
            }
            out[axis] = out[axis] < 0 || s[axis] < 0 ? -1 : out[axis] + s[axis];
        }
        ctx.outputs = {makeInfo(ctx.in(0).dtype, out)};
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        Shape out = in[0]->shape();
        const int64_t axis = normalizeAxis(node.attributes.i("axis", 0), static_cast<int64_t>(out.size()));
        out[axis] = 0;
        for (const Tensor* t : in) {
            for (std::size_t d = 0; d < out.size(); ++d)
                if (static_cast<int64_t>(d) != axis && (t->rank() != static_cast<int64_t>(out.size()) || t->shape()[d] != out[d]))
                    throw Error("inputs " + toString(in[0]->shape()) + " and " + toString(t->shape()) + " differ outside axis " + std::to_string(axis));
            out[axis] += t->shape()[axis];
        }
        Tensor y(in[0]->dtype(), out);
        const std::size_t es = elementSize(y.dtype());
        int64_t outer = 1;
        for (int64_t i = 0; i < axis; ++i)
            outer *= out[i];
        const int64_t outRow = y.size() / std::max<int64_t>(outer, 1) * static_cast<int64_t>(es);
        auto* dst = static_cast<unsigned char*>(y.raw());
        int64_t offset = 0;
        for (const Tensor* t : in) {
            const Tensor src = t->cast(y.dtype());
            const int64_t row = src.size() / std::max<int64_t>(outer, 1) * static_cast<int64_t>(es);
            for (int64_t o = 0; o < outer; ++o)
                std::memcpy(dst + o * outRow + offset, static_cast<const unsigned char*>(src.raw()) + o * row, static_cast<std::size_t>(row));
            offset += row;
        }
        return {std::move(y)};
    }

    OpQuantTraits quantTraits(const Node&) const override
    {
        OpQuantTraits t;
        t.quantizable = true;
        t.role = QuantRole::Requantizing; // each input rescaled to the concatenation's quantization
        t.quantizesFloatInputs = true;
        return t;
    }
};

} // namespace

std::unique_ptr<Op> makeConcatOp() { return std::make_unique<ConcatOp>(); }

} // namespace qs
