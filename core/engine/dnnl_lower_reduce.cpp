// ReduceMean / ReduceMax / ReduceSum -> oneDNN reduction over the producer's layout (squeeze-excite blocks
// and TF-exported global pooling reduce blocked nChw16c activations over H and W). The destination keeps
// the reduced dims as 1s; keepdims = 0 reads it through a plain view of the squeezed shape.
#include "core/engine/dnnl_lowerings.h"
#include "core/ops/op_util.h"

namespace qs {

bool lowerReduce(LoweringContext& ctx, const Node& node)
{
    if (!ctx.isRuntimeFloat(node.input(0)))
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const int64_t rank = static_cast<int64_t>(x.size());
    if (rank == 0 || rank > 12 || elementCount(x) == 0)
        return false;
    std::vector<int64_t> axes;
    if (node.hasInput(1)) {
        const Tensor* axesInput = ctx.constant(node.input(1));
        if (!axesInput)
            return false;
        axes = axesInput->toInt64();
    } else {
        axes = node.attributes.ints("axes");
    }
    if (axes.empty() && node.attributes.i("noop_with_empty_axes", 0))
        return false; // an identity: nothing to compute
    Shape reducedDims = x;
    for (auto& d : reducedDims)
        d = axes.empty() ? 1 : d;
    for (int64_t a : axes)
        reducedDims[normalizeAxis(a, rank)] = 1;
    if (reducedDims == x)
        return false; // reduces nothing (only dims of size 1): oneDNN rejects src == dst

    const dnnl::algorithm algorithm = node.opType == "ReduceMean"  ? dnnl::algorithm::reduction_mean
                                      : node.opType == "ReduceMax" ? dnnl::algorithm::reduction_max
                                                                   : dnnl::algorithm::reduction_sum;
    const bool keep = node.attributes.i("keepdims", 1) != 0;
    const int src = ctx.slotOf(node.input(0));
    const auto dstDesc = keep ? dnnl::memory::desc(LoweringContext::dims(reducedDims), dnnl::memory::data_type::f32,
                                                   dnnl::memory::format_tag::any)
                              : LoweringContext::plainDesc(reducedDims);
    const dnnl::reduction::desc d(algorithm, ctx.descOf(src), dstDesc, 0.0f, 0.0f);
    const dnnl::reduction::primitive_desc pd(d, ctx.engine());
    const int dst = ctx.addSlot(pd.dst_desc());
    ctx.addPrimitive(node, dnnl::reduction(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}}, {node.outputs[0]});
    if (keep)
        ctx.bindValue(node.outputs[0], dst, pd.dst_desc() == LoweringContext::plainDesc(y));
    else
        ctx.bindValue(node.outputs[0], ctx.addAlias(LoweringContext::plainDesc(y), dst), true);
    return true;
}

} // namespace qs
