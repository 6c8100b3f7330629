// Expand: broadcasts a tensor of any element type to a (constant) shape.
#include "core/ops/element_copy.h"
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"

namespace qs {
namespace {

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

} // namespace

std::unique_ptr<Op> makeExpandOp() { return std::make_unique<ExpandOp>(); }

} // namespace qs
