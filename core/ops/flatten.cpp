// Flatten: the same bytes as a 2-D tensor, the dims before "axis" folded into rows and the rest into columns.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

namespace qs {
namespace {

Shape flattenShape(const Shape& x, int64_t axisAttr)
{
    const int64_t rank = static_cast<int64_t>(x.size());
    const int64_t axis = axisAttr < 0 ? axisAttr + rank : axisAttr;
    if (axis < 0 || axis > rank)
        throw Error("axis " + std::to_string(axisAttr) + " is out of range for rank " + std::to_string(rank));
    int64_t outer = 1, inner = 1;
    for (int64_t i = 0; i < rank; ++i)
        (i < axis ? outer : inner) *= x[i];
    return {outer, inner};
}

class FlattenOp : public Op {
public:
    const char* type() const override { return "Flatten"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        ctx.outputs = {makeInfo(ctx.in(0).dtype, flattenShape(ctx.in(0).shape, ctx.node.attributes.i("axis", 1)))};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        return {in[0]->reshaped(flattenShape(in[0]->shape(), node.attributes.i("axis", 1)))};
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

std::unique_ptr<Op> makeFlattenOp() { return std::make_unique<FlattenOp>(); }

} // namespace qs
