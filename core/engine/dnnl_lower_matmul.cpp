// MatMul -> oneDNN matmul with fused activations. 1-D operands and unequal ranks become plain views with
// leading 1s (oneDNN broadcasts batch dims of size 1); a constant second operand is reordered once into
// the layout the primitive prefers.
#include "core/engine/dnnl_lowerings.h"

#include <algorithm>

namespace qs {

bool lowerMatMul(LoweringContext& ctx, const Node& node)
{
    using dt = dnnl::memory::data_type;
    using tag = dnnl::memory::format_tag;
    if (!ctx.isRuntimeFloat(node.input(0)) || !ctx.isFloat(node.input(1)))
        return false;
    Shape a = ctx.shapeOf(node.input(0)), b = ctx.shapeOf(node.input(1));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    if (elementCount(a) == 0 || elementCount(b) == 0 || elementCount(y) == 0)
        return false;
    if (a.size() == 1)
        a.insert(a.begin(), 1);
    if (b.size() == 1)
        b.push_back(1);
    const std::size_t rank = std::max(a.size(), b.size());
    if (rank > 12)
        return false;
    a.insert(a.begin(), rank - a.size(), 1);
    b.insert(b.begin(), rank - b.size(), 1);
    Shape y2(rank);
    for (std::size_t i = 0; i + 2 < rank; ++i)
        y2[i] = std::max(a[i], b[i]);
    y2[rank - 2] = a[rank - 2];
    y2[rank - 1] = b[rank - 1];

    const Tensor* constantB = ctx.constant(node.input(1));
    const auto srcDesc = LoweringContext::plainDesc(a);
    const auto wDesc = constantB ? dnnl::memory::desc(LoweringContext::dims(b), dt::f32, tag::any) : LoweringContext::plainDesc(b);
    const auto dstDesc = LoweringContext::plainDesc(y2);
    dnnl::post_ops ops;
    const PendingActivations fused = collectActivations(ctx, node.outputs[0], ops);
    const std::string& out = fused.output;
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(srcDesc, wDesc, dstDesc), attr, ctx.engine());
    fused.commit(ctx);

    const int src = ctx.addAlias(srcDesc, ctx.plainSlotOf(node.input(0)));
    const int weights = constantB ? ctx.constantSlot(*constantB, LoweringContext::dims(b), pd.weights_desc())
                                  : ctx.addAlias(wDesc, ctx.plainSlotOf(node.input(1)));
    const int dst = ctx.addSlot(dstDesc);
    ctx.addPrimitive(node, dnnl::matmul(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}}, {out});
    ctx.bindValue(out, ctx.addAlias(LoweringContext::plainDesc(y), dst), true);
    return true;
}

} // namespace qs
