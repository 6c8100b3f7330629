// Where: element-wise select between X and Y by a bool condition, all three broadcast; any element type.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {
namespace {

class WhereOp : public Op {
public:
    const char* type() const override { return "Where"; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 3, 3);
        if (ctx.in(0).dtype != DataType::Bool)
            throw Error("the condition must be bool, is " + toString(ctx.in(0).dtype));
        if (ctx.in(1).dtype != ctx.in(2).dtype)
            throw Error("X and Y types differ: " + toString(ctx.in(1).dtype) + " and " + toString(ctx.in(2).dtype));
        ctx.outputs = {makeInfo(ctx.in(1).dtype, broadcastAll({ctx.in(0).shape, ctx.in(1).shape, ctx.in(2).shape}))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const std::vector<Shape> shapes = shapesOf(in);
        const Shape out = broadcastAll(shapes);
        Tensor y(in[1]->dtype(), out);
        const uint8_t* c = in[0]->data<uint8_t>();
        const std::size_t es = elementSize(y.dtype());
        auto* dst = static_cast<unsigned char*>(y.raw());
        const auto* x1 = static_cast<const unsigned char*>(in[1]->raw());
        const auto* x2 = static_cast<const unsigned char*>(in[2]->raw());
        forEachBroadcastN(out, shapes, [&](int64_t o, const std::vector<int64_t>& i) {
            std::copy_n(c[i[0]] ? x1 + i[1] * es : x2 + i[2] * es, es, dst + o * es);
        });
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeWhereOp() { return std::make_unique<WhereOp>(); }

} // namespace qs
