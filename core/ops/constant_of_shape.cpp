// ConstantOfShape: a tensor of the shape given by its (constant) input, filled with the one-element
// "value" attribute (default float32 zero).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <cstring>

namespace qs {
namespace {

Shape shapeFromTensor(const Tensor& t)
{
    if (t.rank() > 1)
        throw Error("the shape input must be 1-D, is " + toString(t.shape()));
    Shape shape = t.toInt64();
    for (int64_t d : shape)
        if (d < 0)
            throw Error("negative dim in shape " + toString(shape));
    return shape;
}

class ConstantOfShapeOp : public Op {
public:
    const char* type() const override { return "ConstantOfShape"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        const Shape shape = shapeFromTensor(ctx.constantInput(0, "shape"));
        DataType type = DataType::Float32;
        if (ctx.node.attributes.has("value")) {
            const Tensor& v = ctx.node.attributes.tensor("value");
            if (v.size() != 1)
                throw Error("attribute 'value' must hold one element, has " + std::to_string(v.size()));
            type = v.dtype();
        }
        ctx.outputs = {makeInfo(type, shape)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Shape shape = shapeFromTensor(*in[0]);
        if (!node.attributes.has("value"))
            return {Tensor(DataType::Float32, shape)};
        const Tensor& v = node.attributes.tensor("value");
        Tensor y(v.dtype(), shape);
        const std::size_t es = elementSize(v.dtype());
        auto* dst = static_cast<unsigned char*>(y.raw());
        for (int64_t i = 0; i < y.size(); ++i)
            std::memcpy(dst + i * es, v.raw(), es);
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeConstantOfShapeOp() { return std::make_unique<ConstantOfShapeOp>(); }

} // namespace qs
