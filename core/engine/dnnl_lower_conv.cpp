// Conv -> oneDNN convolution in the layout oneDNN prefers, with fused activations and a fused residual
// Add (sum post-op) when the Add's other operand is ready and read by nobody else.
#include "core/engine/dnnl_lowerings.h"
#include "core/ops/op_util.h"

namespace qs {

DnnlConvGeometry convGeometry(const Node& node, const Shape& x, const Shape& w, const Shape& y)
{
    const std::size_t spatial = x.size() - 2;
    const WindowGeometry g = windowOf(node, {x.begin() + 2, x.end()}, {w.begin() + 2, w.end()});
    const int64_t group = node.attributes.i("group", 1);
    DnnlConvGeometry c;
    c.weightDims = LoweringContext::dims(w);
    if (group > 1) {
        c.weightDims = {group, w[0] / group, w[1]};
        c.weightDims.insert(c.weightDims.end(), w.begin() + 2, w.end());
    }
    c.strides.assign(g.strides.begin(), g.strides.end());
    c.padL.assign(g.padsBegin.begin(), g.padsBegin.end());
    c.padR.resize(spatial);
    c.dilation.resize(spatial);
    for (std::size_t i = 0; i < spatial; ++i) {
        c.dilation[i] = g.dilations[i] - 1;
        const int64_t effective = (g.kernel[i] - 1) * g.dilations[i] + 1;
        c.padR[i] = (y[2 + i] - 1) * g.strides[i] + effective - x[2 + i] - g.padsBegin[i];
    }
    return c;
}

bool lowerConv(LoweringContext& ctx, const Node& node)
{
    using dt = dnnl::memory::data_type;
    using tag = dnnl::memory::format_tag;
    if (ctx.quantization() && ctx.quantization()->layer(node.name) && lowerConvInt8(ctx, node))
        return true;
    const Tensor* weights = ctx.constant(node.input(1));
    if (!weights || ctx.constant(node.input(0)))
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& w = weights->shape();
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const auto [weightDims, strides, dilation, padL, padR] = convGeometry(node, x, w, y);

    const auto srcAny = dnnl::memory::desc(LoweringContext::dims(x), dt::f32, tag::any);
    const auto wAny = dnnl::memory::desc(weightDims, dt::f32, tag::any);
    const auto dstAny = dnnl::memory::desc(LoweringContext::dims(y), dt::f32, tag::any);
    const bool hasBias = node.hasInput(2);
    const auto biasDesc = dnnl::memory::desc({w[0]}, dt::f32, tag::a);

    // Post-ops: residual Add (sum) first, then activations.
    dnnl::post_ops ops;
    std::string out = node.outputs[0];
    std::string sumOperand;
    bool sumInPlace = false;
    const Node* add = ctx.soleConsumer(out);
    if (add) {
        if (const auto residual = ctx.residualFor(node, *add)) {
            ops.append_sum(1.0f);
            sumOperand = residual->value;
            sumInPlace = residual->inPlace;
            ctx.markFused(*add);
            out = add->outputs[0];
        }
    }
    out = fuseActivations(ctx, out, ops);
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);

    const auto desc = hasBias ? dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
                                                                srcAny, wAny, biasDesc, dstAny, strides, dilation, padL, padR)
                              : dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
                                                                srcAny, wAny, dstAny, strides, dilation, padL, padR);
    const dnnl::convolution_forward::primitive_desc pd(desc, attr, ctx.engine());

    const int src = ctx.reorderTo(ctx.slotOf(node.input(0)), pd.src_desc(), node.name + " input");
    const int wSlot = ctx.constantSlot(*weights, weightDims, pd.weights_desc());
    std::vector<std::pair<int, int>> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, wSlot}};
    if (hasBias) {
        const Tensor* bias = ctx.constant(node.input(2));
        if (!bias)
            return false;
        args.emplace_back(DNNL_ARG_BIAS, ctx.constantSlot(*bias, {w[0]}, pd.bias_desc()));
    }
    int dst;
    if (!sumOperand.empty()) {
        // The sum post-op accumulates into dst: give it a private copy of the other operand in dst's layout.
        const int otherSlot = ctx.slotOf(sumOperand);
        dst = sumInPlace ? ctx.reorderTo(otherSlot, pd.dst_desc(), node.name + " residual")
                         : ctx.copyTo(otherSlot, pd.dst_desc(), node.name + " residual");
    } else {
        dst = ctx.addSlot(pd.dst_desc());
    }
    args.emplace_back(DNNL_ARG_DST, dst);
    ctx.addPrimitive(node, dnnl::convolution_forward(pd), std::move(args), {out});
    ctx.bindValue(out, dst, false);
    return true;
}

} // namespace qs
