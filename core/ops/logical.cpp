// Not: logical negation of a bool tensor.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

namespace qs {
namespace {

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

} // namespace

std::unique_ptr<Op> makeNotOp() { return std::make_unique<NotOp>(); }

} // namespace qs
