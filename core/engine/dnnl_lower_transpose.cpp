// Transpose -> one oneDNN reorder: the destination is described over the input's dims with the output's
// row-major strides permuted back, so the reorder writes the transposed tensor as a plain buffer (integers as
// integers: the transposed value keeps its quantization).
#include "core/engine/dnnl_lowerings.h"

namespace qs {

bool lowerTranspose(LoweringContext& ctx, const Node& node)
{
    if (!ctx.isRuntimeFloat(node.input(0)))
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const std::vector<int64_t> perm = node.attributes.ints("perm");
    if (perm.size() != x.size() || x.empty() || x.size() > 12 || elementCount(x) == 0)
        return false;
    const std::vector<int64_t> outStrides = stridesOf(y);
    dnnl::memory::dims strides(x.size());
    for (std::size_t i = 0; i < perm.size(); ++i)
        strides[perm[i]] = outStrides[i];
    // Integers move as integers, from whatever layout holds them, and keep their scale and zero point.
    const int raw = ctx.rawSlotOf(node.input(0));
    const auto quant = ctx.quantOf(raw);
    const int src = quant ? raw : ctx.slotOf(node.input(0));
    const auto type = ctx.descOf(src).data_type();
    const dnnl::memory::desc permuted(LoweringContext::dims(x), type, strides);
    const dnnl::reorder::primitive_desc pd(ctx.engine(), ctx.descOf(src), ctx.engine(), permuted);
    const int dst = ctx.addSlot(permuted);
    if (quant)
        ctx.setQuant(dst, *quant);
    ctx.addPrimitive(node, dnnl::reorder(pd), {{DNNL_ARG_FROM, src}, {DNNL_ARG_TO, dst}}, {node.outputs[0]});
    ctx.bindValue(node.outputs[0], ctx.addAlias(LoweringContext::plainDesc(y, type), dst), true);
    return true;
}

} // namespace qs
