// Shape (with opset 15's start/end): the input's dims as an int64 tensor. Inference supplies the value
// whenever the dims are known, so it folds away even on a runtime input.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"

#include <algorithm>

namespace qs {
namespace {

// Shape-15 start/end, clamped to [0, rank] after adding rank to negative values.
std::vector<int64_t> shapeSlice(const Node& node, const Shape& shape)
{
    const int64_t rank = static_cast<int64_t>(shape.size());
    auto clampIndex = [&](int64_t v) { return std::clamp<int64_t>(v < 0 ? v + rank : v, 0, rank); };
    const int64_t start = clampIndex(node.attributes.i("start", 0));
    const int64_t end = clampIndex(node.attributes.i("end", rank));
    return end > start ? std::vector<int64_t>(shape.begin() + start, shape.begin() + end) : std::vector<int64_t>{};
}

class ShapeOp : public Op {
public:
    const char* type() const override { return "Shape"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        const std::vector<int64_t> dims = shapeSlice(ctx.node, ctx.in(0).shape);
        ctx.outputs = {makeInfo(DataType::Int64, {static_cast<int64_t>(dims.size())})};
        // The value follows from the shape alone: fold even when the input is a runtime tensor.
        if (std::all_of(dims.begin(), dims.end(), [](int64_t d) { return d >= 0; }))
            ctx.values = std::vector<Tensor>{Tensor::fromInt64({static_cast<int64_t>(dims.size())}, dims)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const std::vector<int64_t> dims = shapeSlice(node, in[0]->shape());
        return {Tensor::fromInt64({static_cast<int64_t>(dims.size())}, dims)};
    }
};

} // namespace

std::unique_ptr<Op> makeShapeOp() { return std::make_unique<ShapeOp>(); }

} // namespace qs
