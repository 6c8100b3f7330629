// ArgMax: the int64 index of the largest entry along "axis" (the first, or with select_last_index the last,
// of equal maxima); keepdims keeps the axis as 1. Compares in double; any numeric element type.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"

namespace qs {
namespace {

class ArgMaxOp : public Op {
public:
    const char* type() const override { return "ArgMax"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        const Shape& x = ctx.in(0).shape;
        const int64_t axis = resolveAxisAttribute(ctx, x.size());
        ctx.outputs = {makeInfo(DataType::Int64, outShape(ctx.node, x, axis))};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const int64_t axis = normalizeAxis(node.attributes.i("axis", 0), x.rank());
        const bool last = node.attributes.i("select_last_index", 0) != 0;
        int64_t outer = 1, inner = 1;
        for (int64_t i = 0; i < x.rank(); ++i)
            if (i < axis)
                outer *= x.shape()[i];
            else if (i > axis)
                inner *= x.shape()[i];
        const int64_t dim = x.shape()[axis];
        Tensor y(DataType::Int64, outShape(node, x.shape(), axis));
        int64_t* yd = y.data<int64_t>();
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t k = 0; k < inner; ++k) {
                int64_t best = 0;
                double bestValue = x.elementAsDouble(o * dim * inner + k);
                for (int64_t j = 1; j < dim; ++j) {
                    const double v = x.elementAsDouble((o * dim + j) * inner + k);
                    if (v > bestValue || (last && v == bestValue)) {
                        best = j;
                        bestValue = v;
                    }
                }
                yd[o * inner + k] = best;
            }
        return {std::move(y)};
    }

private:
    static Shape outShape(const Node& node, const Shape& x, int64_t axis)
    {
        Shape out = x;
        if (node.attributes.i("keepdims", 1))
            out[axis] = 1;
        else
            out.erase(out.begin() + axis);
        return out;
    }
};

} // namespace

std::unique_ptr<Op> makeArgMaxOp() { return std::make_unique<ArgMaxOp>(); }

} // namespace qs
