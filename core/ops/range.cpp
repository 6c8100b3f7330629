// Range: start, start + delta, ... up to (excluding) limit, from scalar constant inputs of one numeric type.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

int64_t rangeCount(double start, double limit, double delta)
{
    if (delta == 0.0)
        throw Error("Range delta must not be zero");
    const double count = std::ceil((limit - start) / delta);
    if (std::isnan(count) || count >= 9.2e18) // infinite or NaN bounds in a corrupt model; must not be cast
        throw Error("Range from " + std::to_string(start) + " to " + std::to_string(limit) + " by " + std::to_string(delta) +
                    " has no countable length");
    return count <= 0.0 ? 0 : static_cast<int64_t>(count);
}

class RangeOp : public Op {
public:
    const char* type() const override { return "Range"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 3, 3);
        const DataType type = ctx.in(0).dtype;
        for (std::size_t i = 0; i < 3; ++i) {
            if (ctx.in(i).dtype != type)
                throw Error("start, limit and delta must have the same type");
            if (elementCount(ctx.in(i).shape) != 1)
                throw Error("start, limit and delta must be scalars");
        }
        const double start = ctx.constantInput(0, "start").elementAsDouble(0);
        const double limit = ctx.constantInput(1, "limit").elementAsDouble(0);
        const double delta = ctx.constantInput(2, "delta").elementAsDouble(0);
        ctx.outputs = {makeInfo(type, {rangeCount(start, limit, delta)})};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const double start = in[0]->elementAsDouble(0), delta = in[2]->elementAsDouble(0);
        const int64_t n = rangeCount(start, in[1]->elementAsDouble(0), delta);
        Tensor y(in[0]->dtype(), {n});
        for (int64_t i = 0; i < n; ++i)
            y.setElementFromDouble(i, start + static_cast<double>(i) * delta);
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeRangeOp() { return std::make_unique<RangeOp>(); }

} // namespace qs
