// PRelu: x where x >= 0, else slope * x, the slope broadcast to x (unidirectionally: the output has x's shape).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

namespace qs {
namespace {

class PReluOp : public Op {
public:
    const char* type() const override { return "PRelu"; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 2, 2);
        if (ctx.in(0).dtype != DataType::Float32 || ctx.in(1).dtype != DataType::Float32)
            throw Error("PRelu takes float32 input and slope, not " + toString(ctx.in(0).dtype) + " and " + toString(ctx.in(1).dtype));
        if (broadcastShapes(ctx.in(0).shape, ctx.in(1).shape) != ctx.in(0).shape)
            throw Error("the slope " + toString(ctx.in(1).shape) + " does not broadcast to the input " + toString(ctx.in(0).shape));
        ctx.outputs = {makeInfo(DataType::Float32, ctx.in(0).shape)};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const Tensor &x = *in[0], &slope = *in[1];
        Tensor y(DataType::Float32, x.shape());
        const float* xd = x.data<float>();
        const float* sd = slope.data<float>();
        float* yd = y.data<float>();
        forEachBroadcast(x.shape(), x.shape(), slope.shape(), [&](int64_t o, int64_t ix, int64_t is) {
            yd[o] = xd[ix] >= 0.0f ? xd[ix] : sd[is] * xd[ix];
        });
        return {std::move(y)};
    }
    OpQuantTraits quantTraits(const Node&) const override
    {
        OpQuantTraits t;
        // A post-op on the accumulator scaled to the destination's units: prelu(s x) = s prelu(x) for s > 0.
        t.fusesAfterIntegerLayer = true;
        t.channelOperand = 1;
        return t;
    }
};

} // namespace

std::unique_ptr<Op> makePReluOp() { return std::make_unique<PReluOp>(); }

} // namespace qs
