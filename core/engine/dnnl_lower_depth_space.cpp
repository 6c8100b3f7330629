// DepthToSpace / SpaceToDepth -> one oneDNN reorder over six dims: the depth-heavy tensor [N, C*b*b, H, W] and
// the wide one [N, C, H*b, W*b] hold the same elements indexed by (n, c, y, by, x, bx); each is described over
// those dims with its own strides, so one strided copy moves every element. Integers move as integers and keep
// their scale and zero point (a super-resolution or YOLO "Focus" head between int8 convs).
#include "core/engine/dnnl_lowerings.h"

namespace qs {
namespace {

// Strides over (n, c, y, by, x, bx) of the depth-heavy tensor whose channel index is (by, bx, c) (DCR, and
// SpaceToDepth's output) or (c, by, bx) (CRD).
dnnl::memory::dims deepStrides(int64_t c, int64_t h, int64_t w, int64_t b, bool crd)
{
    const int64_t plane = h * w;
    const int64_t strideC = crd ? b * b * plane : plane;
    const int64_t strideBy = crd ? b * plane : b * c * plane;
    const int64_t strideBx = crd ? plane : c * plane;
    return {c * b * b * plane, strideC, w, strideBy, 1, strideBx};
}

// Strides over (n, c, y, by, x, bx) of the wide tensor [N, C, H*b, W*b]: plain row-major of those dims.
dnnl::memory::dims wideStrides(int64_t c, int64_t h, int64_t w, int64_t b)
{
    return {c * h * b * w * b, h * b * w * b, b * w * b, w * b, b, 1};
}

} // namespace

bool lowerDepthSpace(LoweringContext& ctx, const Node& node)
{
    if (!ctx.isRuntimeFloat(node.input(0)))
        return false;
    const bool toSpace = node.opType == "DepthToSpace";
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const int64_t b = node.attributes.i("blocksize", 1);
    if (x.size() != 4 || elementCount(x) == 0 || b < 1)
        return false;
    const Shape& wide = toSpace ? y : x;
    const int64_t n = wide[0], c = wide[1], h = wide[2] / b, w = wide[3] / b;
    const bool crd = toSpace && node.attributes.s("mode", "DCR") == "CRD";
    const dnnl::memory::dims dims{n, c, h, b, w, b};
    const auto type = ctx.heldType(node.input(0));
    const dnnl::memory::desc deep(dims, type, deepStrides(c, h, w, b, crd));
    const dnnl::memory::desc spread(dims, type, wideStrides(c, h, w, b));
    const dnnl::memory::desc& from = toSpace ? deep : spread;
    const dnnl::memory::desc& to = toSpace ? spread : deep;
    const dnnl::reorder::primitive_desc pd(ctx.engine(), from, ctx.engine(), to);
    const int src = ctx.addAlias(from, ctx.plainSlotAsHeld(node.input(0)));
    const int dst = ctx.addSlot(to);
    if (const auto quant = ctx.quantOf(src))
        ctx.setQuant(dst, *quant);
    ctx.addPrimitive(node, dnnl::reorder(pd), {{DNNL_ARG_FROM, src}, {DNNL_ARG_TO, dst}}, {node.outputs[0]});
    ctx.bindValue(node.outputs[0], ctx.addAlias(LoweringContext::plainDesc(y, type), dst), true);
    return true;
}

} // namespace qs
