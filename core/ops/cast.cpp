// Cast: converts a tensor to the element type of attribute "to".
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

namespace qs {
namespace {

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

std::unique_ptr<Op> makeCastOp() { return std::make_unique<CastOp>(); }

} // namespace qs
