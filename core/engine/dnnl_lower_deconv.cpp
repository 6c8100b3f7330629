// ConvTranspose -> oneDNN deconvolution with fused activations, or on integers when the quantization plan
// lists it (lowerConvTransposeInt8). ONNX weights are [C_in, C_out/group, k...]: oneDNN's logical order is
// (g,) O, I, k, so the float weights are described with the strides of ONNX's layout (iohw / giohw) and
// reordered once into the layout the primitive asks for.
#include "core/engine/dnnl_lowerings.h"

namespace qs {

DnnlConvGeometry deconvGeometry(const Node& node, const Shape& x, const Shape& w, const Shape& y)
{
    const std::size_t spatial = x.size() - 2;
    const int64_t group = node.attributes.i("group", 1);
    const auto strides = node.attributes.ints("strides", std::vector<int64_t>(spatial, 1));
    const auto dilations = node.attributes.ints("dilations", std::vector<int64_t>(spatial, 1));
    const auto pads = node.attributes.ints("pads", std::vector<int64_t>(2 * spatial, 0));
    DnnlConvGeometry d;
    d.weightDims = group > 1 ? dnnl::memory::dims{group, w[1], w[0] / group} : dnnl::memory::dims{w[1], w[0]};
    d.weightDims.insert(d.weightDims.end(), w.begin() + 2, w.end());
    d.strides.assign(strides.begin(), strides.end());
    d.padL.assign(pads.begin(), pads.begin() + static_cast<long>(spatial));
    d.padR.resize(spatial);
    d.dilation.resize(spatial);
    for (std::size_t i = 0; i < spatial; ++i) {
        d.dilation[i] = dilations[i] - 1;
        // The right padding that yields exactly the ONNX output size (output_padding folded in).
        d.padR[i] = (x[2 + i] - 1) * strides[i] + (w[2 + i] - 1) * dilations[i] + 1 - pads[i] - y[2 + i];
    }
    return d;
}

bool lowerConvTranspose(LoweringContext& ctx, const Node& node)
{
    using dt = dnnl::memory::data_type;
    using tag = dnnl::memory::format_tag;
    if (ctx.quantization() && ctx.quantization()->layer(node.name) && lowerConvTransposeInt8(ctx, node))
        return true;
    const Tensor* weightsIn = ctx.constant(node.input(1));
    if (!weightsIn || ctx.constant(node.input(0)))
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const Tensor weights = weightsIn->cast(DataType::Float32);
    const Shape& w = weights.shape();
    const int64_t group = node.attributes.i("group", 1);
    const int64_t icg = w[0] / group, ocg = w[1], oc = ocg * group;
    if (elementCount(x) == 0 || elementCount(y) == 0)
        return false;
    const auto [weightDims, stride, dilation, padL, padR] = deconvGeometry(node, x, w, y);

    // The strides of ONNX's layout for oneDNN's logical weight dims.
    const int64_t kernelSize = elementCount(Shape(w.begin() + 2, w.end()));
    dnnl::memory::dims userStrides = group > 1 ? dnnl::memory::dims{icg * ocg * kernelSize, kernelSize, ocg * kernelSize}
                                               : dnnl::memory::dims{kernelSize, ocg * kernelSize};
    int64_t inner = kernelSize;
    for (std::size_t i = 2; i < w.size(); ++i) {
        inner /= w[i];
        userStrides.push_back(inner);
    }
    const dnnl::memory::desc userWeights(weightDims, dt::f32, userStrides);

    const auto srcAny = dnnl::memory::desc(LoweringContext::dims(x), dt::f32, tag::any);
    const auto wAny = dnnl::memory::desc(weightDims, dt::f32, tag::any);
    const auto dstAny = dnnl::memory::desc(LoweringContext::dims(y), dt::f32, tag::any);
    const bool hasBias = node.hasInput(2);
    const Tensor* bias = hasBias ? ctx.constant(node.input(2)) : nullptr;
    if (hasBias && !bias)
        return false;
    const auto biasDesc = dnnl::memory::desc({oc}, dt::f32, tag::a);

    dnnl::post_ops ops;
    const PendingActivations fused = collectActivations(ctx, node.outputs[0], ops);
    const std::string& out = fused.output;
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    const auto prop = dnnl::prop_kind::forward_inference;
    const auto alg = dnnl::algorithm::deconvolution_direct;
    const auto desc = hasBias ? dnnl::deconvolution_forward::desc(prop, alg, srcAny, wAny, biasDesc, dstAny, stride, dilation, padL, padR)
                              : dnnl::deconvolution_forward::desc(prop, alg, srcAny, wAny, dstAny, stride, dilation, padL, padR);
    const dnnl::deconvolution_forward::primitive_desc pd(desc, attr, ctx.engine());
    fused.commit(ctx);

    const int src = ctx.reorderTo(ctx.slotOf(node.input(0)), pd.src_desc(), node.name + " input");
    std::vector<std::pair<int, int>> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, ctx.constantSlot(weights.raw(), userWeights, pd.weights_desc())}};
    if (hasBias)
        args.emplace_back(DNNL_ARG_BIAS, ctx.constantSlot(*bias, {oc}, pd.bias_desc()));
    const int dst = ctx.addSlot(pd.dst_desc());
    args.emplace_back(DNNL_ARG_DST, dst);
    ctx.addPrimitive(node, dnnl::deconvolution_forward(pd), std::move(args), {out});
    ctx.bindValue(out, dst, false);
    return true;
}

} // namespace qs
