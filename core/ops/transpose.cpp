// Transpose (any element type) and the axis-list views Squeeze/Unsqueeze, whose axes are an attribute
// before opset 13 and an input from 13 on.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>

namespace qs {
namespace {

std::vector<int64_t> permutationOf(const Node& node, std::size_t rank)
{
    std::vector<int64_t> perm = node.attributes.ints("perm");
    if (perm.empty()) {
        for (std::size_t i = 0; i < rank; ++i)
            perm.push_back(static_cast<int64_t>(rank - 1 - i));
        return perm;
    }
    if (perm.size() != rank)
        throw Error("perm has " + std::to_string(perm.size()) + " entries for rank " + std::to_string(rank));
    std::vector<bool> seen(rank, false);
    for (auto& p : perm) {
        p = normalizeAxis(p, static_cast<int64_t>(rank));
        if (seen[p])
            throw Error("perm " + toString(node.attributes.ints("perm")) + " is not a permutation");
        seen[p] = true;
    }
    return perm;
}

class TransposeOp : public Op {
public:
    const char* type() const override { return "Transpose"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        const Shape& x = ctx.in(0).shape;
        const std::vector<int64_t> perm = permutationOf(ctx.node, x.size());
        ctx.node.attributes.set("perm", perm);
        Shape out(x.size());
        for (std::size_t i = 0; i < x.size(); ++i)
            out[i] = x[perm[i]];
        ctx.outputs = {makeInfo(ctx.in(0).dtype, out)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const std::size_t rank = x.shape().size();
        const std::vector<int64_t> perm = permutationOf(node, rank);
        const std::vector<int64_t> inStrides = stridesOf(x.shape());
        Shape out(rank);
        std::vector<int64_t> strides(rank); // input stride of each output axis
        for (std::size_t i = 0; i < rank; ++i) {
            out[i] = x.shape()[perm[i]];
            strides[i] = inStrides[perm[i]];
        }
        Tensor y(x.dtype(), out);
        const std::size_t es = elementSize(x.dtype());
        const auto* src = static_cast<const unsigned char*>(x.raw());
        auto* dst = static_cast<unsigned char*>(y.raw());
        std::vector<int64_t> coord(rank, 0);
        int64_t from = 0;
        for (int64_t o = 0; o < y.size(); ++o) {
            std::memcpy(dst + o * es, src + from * es, es);
            for (int a = static_cast<int>(rank) - 1; a >= 0; --a) {
                from += strides[a];
                if (++coord[a] < out[a])
                    break;
                from -= strides[a] * out[a];
                coord[a] = 0;
            }
        }
        return {std::move(y)};
    }
};

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

std::unique_ptr<Op> makeTransposeOp() { return std::make_unique<TransposeOp>(); }
std::unique_ptr<Op> makeSqueezeOp() { return std::make_unique<SqueezeOp>(false); }
std::unique_ptr<Op> makeUnsqueezeOp() { return std::make_unique<SqueezeOp>(true); }

} // namespace qs
