// ConvTranspose -> oneDNN deconvolution with fused activations. ONNX weights are [C_in, C_out/group, k...]:
// oneDNN's logical order is (g,) O, I, k, so the user memory is described with the strides of ONNX's
// layout (iohw / giohw) and reordered once into the layout the primitive asks for.
#include "core/engine/dnnl_lowerings.h"

namespace qs {

bool lowerConvTranspose(LoweringContext& ctx, const Node& node)
{
    using dt = dnnl::memory::data_type;
    using tag = dnnl::memory::format_tag;
    const Tensor* weightsIn = ctx.constant(node.input(1));
    if (!weightsIn || ctx.constant(node.input(0)))
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const Tensor weights = weightsIn->cast(DataType::Float32);
    const Shape& w = weights.shape();
    const std::size_t spatial = x.size() - 2;
    const int64_t group = node.attributes.i("group", 1);
    const int64_t icg = w[0] / group, ocg = w[1], oc = ocg * group;
    const auto strides = node.attributes.ints("strides", std::vector<int64_t>(spatial, 1));
    const auto dilations = node.attributes.ints("dilations", std::vector<int64_t>(spatial, 1));
    const auto pads = node.attributes.ints("pads", std::vector<int64_t>(2 * spatial, 0));
    if (elementCount(x) == 0 || elementCount(y) == 0)
        return false;

    dnnl::memory::dims padL(spatial), padR(spatial), dilation(spatial), stride(spatial);
    int64_t kernelSize = 1;
    for (std::size_t i = 0; i < spatial; ++i) {
        kernelSize *= w[2 + i];
        stride[i] = strides[i];
        dilation[i] = dilations[i] - 1;
        padL[i] = pads[i];
        // The right padding that yields exactly the ONNX output size (output_padding folded in).
        padR[i] = (x[2 + i] - 1) * strides[i] + (w[2 + i] - 1) * dilations[i] + 1 - pads[i] - y[2 + i];
    }
    // Logical weight dims and the strides of ONNX's layout.
    dnnl::memory::dims weightDims, userStrides;
    if (group > 1) {
        weightDims = {group, ocg, icg};
        userStrides = {icg * ocg * kernelSize, kernelSize, ocg * kernelSize};
    } else {
        weightDims = {oc, icg};
        userStrides = {kernelSize, ocg * kernelSize};
    }
    int64_t inner = kernelSize;
    for (std::size_t i = 0; i < spatial; ++i) {
        weightDims.push_back(w[2 + i]);
        inner /= w[2 + i];
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
