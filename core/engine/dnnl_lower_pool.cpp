// MaxPool / AveragePool / GlobalAveragePool / GlobalMaxPool -> oneDNN pooling_v2 (dilations) in the
// producer's layout.
#include "core/engine/dnnl_lowerings.h"
#include "core/ops/op_util.h"

namespace qs {

bool lowerPool(LoweringContext& ctx, const Node& node)
{
    const bool global = node.opType.rfind("Global", 0) == 0;
    const bool isMax = node.opType.find("Max") != std::string::npos;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const std::size_t spatial = x.size() - 2;
    WindowGeometry g;
    if (global) {
        g.kernel.assign(x.begin() + 2, x.end());
        g.strides = g.dilations = std::vector<int64_t>(spatial, 1);
        g.padsBegin = g.padsEnd = std::vector<int64_t>(spatial, 0);
    } else {
        g = windowOf(node, {x.begin() + 2, x.end()}, node.attributes.ints("kernel_shape"), node.attributes.i("ceil_mode", 0));
    }
    const bool includePad = node.attributes.i("count_include_pad", 0) != 0;
    dnnl::memory::dims kernel(g.kernel.begin(), g.kernel.end()), strides(g.strides.begin(), g.strides.end());
    dnnl::memory::dims padL(g.padsBegin.begin(), g.padsBegin.end()), padR(spatial), dilation(spatial);
    for (std::size_t i = 0; i < spatial; ++i) {
        dilation[i] = g.dilations[i] - 1;
        const int64_t effective = (g.kernel[i] - 1) * g.dilations[i] + 1;
        padR[i] = (y[2 + i] - 1) * g.strides[i] + effective - x[2 + i] - g.padsBegin[i];
        // ceil_mode overhang beyond the explicit padding: oneDNN would count it as padding.
        if (!isMax && includePad && padR[i] > g.padsEnd[i])
            return false;
        // A floor-mode window that leaves input columns unused gives a negative right padding; oneDNN sizes its
        // output with floor division too, so zero padding describes the same pooling.
        if (padR[i] < 0) {
            padR[i] = 0;
            if ((x[2 + i] - effective + g.padsBegin[i]) / g.strides[i] + 1 != y[2 + i])
                return false;
        }
    }
    const dnnl::algorithm algorithm = isMax ? dnnl::algorithm::pooling_max
                                      : includePad ? dnnl::algorithm::pooling_avg_include_padding
                                                   : dnnl::algorithm::pooling_avg_exclude_padding;
    // A quantized input pools on its integers: max and average keep the scale and zero point.
    const int raw = ctx.rawSlotOf(node.input(0));
    const auto quant = ctx.quantOf(raw);
    const int src = quant ? raw : ctx.slotOf(node.input(0));
    const auto dstType = quant ? LoweringContext::storageType(*quant) : dnnl::memory::data_type::f32;
    const auto dstAny = dnnl::memory::desc(LoweringContext::dims(y), dstType, dnnl::memory::format_tag::any);
    const dnnl::pooling_v2_forward::desc d(dnnl::prop_kind::forward_inference, algorithm, ctx.descOf(src), dstAny, strides,
                                           kernel, dilation, padL, padR);
    dnnl::post_ops ops;
    const std::string out = quant ? node.outputs[0] : fuseActivations(ctx, node.outputs[0], ops);
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    const dnnl::pooling_v2_forward::primitive_desc pd(d, attr, ctx.engine());
    const int dst = ctx.addSlot(pd.dst_desc());
    if (quant)
        ctx.setQuant(dst, *quant);
    ctx.addPrimitive(node, dnnl::pooling_v2_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}}, {out});
    ctx.bindValue(out, dst, false);
    return true;
}

} // namespace qs
