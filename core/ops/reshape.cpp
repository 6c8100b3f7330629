// Reshape: the same bytes under the shape given by a constant input (0 copies the input's dim unless
// allowzero, -1 is inferred).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

namespace qs {
namespace {

Shape reshapeTarget(const Shape& x, const std::vector<int64_t>& spec, bool allowZero)
{
    Shape out(spec.size());
    int64_t known = 1, inferAt = -1;
    for (std::size_t i = 0; i < spec.size(); ++i) {
        int64_t d = spec[i];
        if (d == 0 && !allowZero) {
            if (i >= x.size())
                throw Error("shape entry " + std::to_string(i) + " is 0 (copy) but the input has rank " + std::to_string(x.size()));
            d = x[i];
            if (d < 0) { // copies a dim known at run time only
                out[i] = -1;
                continue;
            }
        }
        if (d == -1) {
            if (inferAt >= 0)
                throw Error("more than one -1 in the target shape");
            inferAt = static_cast<int64_t>(i);
            continue;
        }
        if (d < 0)
            throw Error("invalid target dim " + std::to_string(d));
        out[i] = d;
        if (__builtin_mul_overflow(known, d, &known)) // a corrupt model's shape tensor; must not wrap
            throw Error("target shape " + toString(spec) + " has more elements than can be counted");
    }
    const int64_t total = elementCount(x);
    if (total < 0) { // a dim known at run time only (rows NonMaxSuppression selects): the kernel checks the count
        if (inferAt >= 0)
            out[inferAt] = -1;
        return out;
    }
    if (inferAt >= 0) {
        if (known == 0 || total % known != 0)
            throw Error("cannot reshape " + toString(x) + " to " + toString(spec));
        out[inferAt] = total / known;
    } else if (known != total) {
        throw Error("cannot reshape " + toString(x) + " (" + std::to_string(total) + " elements) to " + toString(out));
    }
    return out;
}

class ReshapeOp : public Op {
public:
    const char* type() const override { return "Reshape"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 2);
        const Tensor& spec = ctx.constantInput(1, "shape");
        const Shape out = reshapeTarget(ctx.in(0).shape, spec.toInt64(), ctx.node.attributes.i("allowzero", 0));
        ctx.outputs = {makeInfo(ctx.in(0).dtype, out)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        return {in[0]->reshaped(reshapeTarget(in[0]->shape(), in[1]->toInt64(), node.attributes.i("allowzero", 0)))};
    }
    OpQuantTraits quantTraits(const Node&) const override
    {
        OpQuantTraits t;
        t.role = QuantRole::PassThrough;
        t.view = true;
        return t;
    }
};

} // namespace

std::unique_ptr<Op> makeReshapeOp() { return std::make_unique<ReshapeOp>(); }

} // namespace qs
