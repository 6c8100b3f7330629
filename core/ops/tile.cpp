// Tile: repeats a tensor of any element type along each axis by the (constant) repeats.
#include "core/ops/element_copy.h"
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

namespace qs {
namespace {

Shape tiledShape(const Shape& x, const std::vector<int64_t>& repeats)
{
    if (repeats.size() != x.size())
        throw Error("repeats has " + std::to_string(repeats.size()) + " entries for rank " + std::to_string(x.size()));
    Shape out = x;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (repeats[i] < 0)
            throw Error("negative repeat");
        if (__builtin_mul_overflow(out[i], repeats[i], &out[i])) // a corrupt model's repeats; must not wrap
            throw Error("repeating dim " + std::to_string(x[i]) + " " + std::to_string(repeats[i]) + " times overflows");
    }
    return out;
}

class TileOp : public Op {
public:
    const char* type() const override { return "Tile"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 2);
        ctx.outputs = {makeInfo(ctx.in(0).dtype, tiledShape(ctx.in(0).shape, ctx.constantInput(1, "repeats").toInt64()))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const Shape out = tiledShape(x.shape(), in[1]->toInt64());
        Tensor y(x.dtype(), out);
        const std::size_t es = elementSize(x.dtype());
        gatherIndexed(out, x.shape(), [&](std::size_t a, int64_t c) { return c % x.shape()[a]; },
                      [&](int64_t o, int64_t i) { copyElement(y, o, x, i, es); });
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeTileOp() { return std::make_unique<TileOp>(); }

} // namespace qs
