// Squeeze and Unsqueeze, one family of axis-list views (the same bytes with size-1 dims removed or
// inserted). The axes are an attribute before opset 13 and an input from 13 on.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

namespace qs {
namespace {

// Axes from input 1 (opset >= 13) or the attribute; `present` says whether any were given.
std::vector<int64_t> axesOf(const Node& node, const Tensor* input, bool& present)
{
    present = input || node.attributes.has("axes");
    return input ? input->toInt64() : node.attributes.ints("axes");
}

Shape squeezed(const Shape& x, const std::vector<int64_t>& axesIn, bool present)
{
    const int64_t rank = static_cast<int64_t>(x.size());
    std::vector<bool> drop(x.size(), false);
    if (!present) {
        for (std::size_t i = 0; i < x.size(); ++i)
            drop[i] = x[i] == 1;
    }
    for (int64_t a : axesIn) {
        const int64_t axis = normalizeAxis(a, rank);
        if (x[axis] != 1)
            throw Error("cannot squeeze dim " + std::to_string(axis) + " of " + toString(x) + ": it is not 1");
        drop[axis] = true;
    }
    Shape out;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!drop[i])
            out.push_back(x[i]);
    return out;
}

Shape unsqueezed(const Shape& x, const std::vector<int64_t>& axesIn)
{
    const int64_t rank = static_cast<int64_t>(x.size() + axesIn.size());
    std::vector<bool> inserted(static_cast<std::size_t>(rank), false);
    for (int64_t a : axesIn) {
        const int64_t axis = normalizeAxis(a, rank);
        if (inserted[axis])
            throw Error("axis " + std::to_string(a) + " is given twice");
        inserted[axis] = true;
    }
    Shape out;
    std::size_t next = 0;
    for (int64_t i = 0; i < rank; ++i)
        out.push_back(inserted[i] ? 1 : x[next++]);
    return out;
}

class SqueezeOp : public Op {
public:
    explicit SqueezeOp(bool unsqueeze) : m_unsqueeze(unsqueeze) {}
    const char* type() const override { return m_unsqueeze ? "Unsqueeze" : "Squeeze"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 2);
        bool present = false;
        const auto axes = axesOf(ctx.node, ctx.has(1) ? &ctx.constantInput(1, "axes") : nullptr, present);
        if (m_unsqueeze && !present)
            throw Error("Unsqueeze needs axes");
        ctx.outputs = {makeInfo(ctx.in(0).dtype, outShape(ctx.in(0).shape, axes, present))};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        bool present = false;
        const auto axes = axesOf(node, in.size() > 1 ? in[1] : nullptr, present);
        return {in[0]->reshaped(outShape(in[0]->shape(), axes, present))};
    }
    OpQuantTraits quantTraits(const Node&) const override
    {
        OpQuantTraits t;
        t.view = true;
        return t;
    }

private:
    Shape outShape(const Shape& x, const std::vector<int64_t>& axes, bool present) const
    {
        return m_unsqueeze ? unsqueezed(x, axes) : squeezed(x, axes, present);
    }
    bool m_unsqueeze;
};

} // namespace

std::unique_ptr<Op> makeSqueezeOp() { return std::make_unique<SqueezeOp>(false); }
std::unique_ptr<Op> makeUnsqueezeOp() { return std::make_unique<SqueezeOp>(true); }

} // namespace qs
