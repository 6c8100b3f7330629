// Gather: takes the entries of `data` along "axis" at the given indices (negative from the end), any
// element type. Exporters use it on int64 shape tensors (folded at load time) and on activations.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <cstring>

namespace qs {
namespace {

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

} // namespace

std::unique_ptr<Op> makeGatherOp() { return std::make_unique<GatherOp>(); }

} // namespace qs
