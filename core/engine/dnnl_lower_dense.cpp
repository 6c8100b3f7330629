// Gemm -> oneDNN inner product (constant weights, blocked as oneDNN likes) with fused activations;
// standalone BatchNormalization -> oneDNN batch normalization with global statistics.
#include "core/engine/dnnl_lowerings.h"

#include <cmath>

namespace qs {

Tensor gemmWeightsNK(const Node& node, const Tensor& b, int64_t n, int64_t k)
{
    Tensor weights = b.cast(DataType::Float32);
    if (node.attributes.i("transB", 0) != 0)
        return weights;
    Tensor t(DataType::Float32, {n, k});
    for (int64_t i = 0; i < k; ++i)
        for (int64_t j = 0; j < n; ++j)
            t.data<float>()[j * k + i] = weights.data<float>()[i * n + j];
    return t;
}

bool lowerGemm(LoweringContext& ctx, const Node& node)
{
    using dt = dnnl::memory::data_type;
    using tag = dnnl::memory::format_tag;
    if (ctx.quantization() && ctx.quantization()->layer(node.name) && lowerGemmInt8(ctx, node))
        return true;
    const Tensor* b = ctx.constant(node.input(1));
    if (!b || ctx.constant(node.input(0)) || node.attributes.i("transA", 0) != 0 || node.attributes.f("alpha", 1.0f) != 1.0f)
        return false;
    const Shape& a = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const int64_t n = y[1], k = a[1];
    const Tensor weights = gemmWeightsNK(node, *b, n, k);
    // Bias: beta * C when C is a constant vector of N (or [1, N]).
    std::vector<float> bias;
    if (node.hasInput(2)) {
        const Tensor* c = ctx.constant(node.input(2));
        if (!c || c->size() != n || (c->rank() == 2 && c->shape()[0] != 1) || c->rank() > 2)
            return false;
        const float beta = node.attributes.f("beta", 1.0f);
        for (float v : c->toFloat())
            bias.push_back(beta * v);
    }
    const auto srcDesc = dnnl::memory::desc({a[0], k}, dt::f32, tag::any);
    const auto wDesc = dnnl::memory::desc({n, k}, dt::f32, tag::any);
    const auto dstDesc = dnnl::memory::desc({a[0], n}, dt::f32, tag::any);
    const auto biasDesc = dnnl::memory::desc({n}, dt::f32, tag::a);
    dnnl::post_ops ops;
    const std::string out = fuseActivations(ctx, node.outputs[0], ops);
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    const auto d = bias.empty() ? dnnl::inner_product_forward::desc(dnnl::prop_kind::forward_inference, srcDesc, wDesc, dstDesc)
                                : dnnl::inner_product_forward::desc(dnnl::prop_kind::forward_inference, srcDesc, wDesc, biasDesc, dstDesc);
    const dnnl::inner_product_forward::primitive_desc pd(d, attr, ctx.engine());
    const int src = ctx.reorderTo(ctx.plainSlotOf(node.input(0)), pd.src_desc(), node.name + " input");
    std::vector<std::pair<int, int>> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, ctx.constantSlot(weights, {n, k}, pd.weights_desc())}};
    if (!bias.empty())
        args.emplace_back(DNNL_ARG_BIAS, ctx.constantSlot(Tensor::fromFloats({n}, bias), {n}, pd.bias_desc()));
    const int dst = ctx.addSlot(pd.dst_desc());
    args.emplace_back(DNNL_ARG_DST, dst);
    ctx.addPrimitive(node, dnnl::inner_product_forward(pd), std::move(args), {out});
    ctx.bindValue(out, dst, pd.dst_desc() == LoweringContext::plainDesc(y));
    return true;
}

bool lowerBatchNorm(LoweringContext& ctx, const Node& node)
{
    const Tensor *scale = ctx.constant(node.input(1)), *shift = ctx.constant(node.input(2));
    const Tensor *mean = ctx.constant(node.input(3)), *var = ctx.constant(node.input(4));
    if (!scale || !shift || !mean || !var || ctx.constant(node.input(0)))
        return false;
    const int64_t c = scale->size();
    const int src = ctx.slotOf(node.input(0));
    const float eps = node.attributes.f("epsilon", 1e-5f);
    const auto flags = dnnl::normalization_flags::use_global_stats | dnnl::normalization_flags::use_scale |
                       dnnl::normalization_flags::use_shift;
    const dnnl::batch_normalization_forward::desc d(dnnl::prop_kind::forward_inference, ctx.descOf(src), eps, flags);
    dnnl::post_ops ops;
    const std::string out = fuseActivations(ctx, node.outputs[0], ops);
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    const dnnl::batch_normalization_forward::primitive_desc pd(d, attr, ctx.engine());
    const auto vecDesc = LoweringContext::plainDesc({c});
    const int dst = ctx.addSlot(pd.dst_desc());
    ctx.addPrimitive(node, dnnl::batch_normalization_forward(pd),
                     {{DNNL_ARG_SRC, src},
                      {DNNL_ARG_MEAN, ctx.constantSlot(*mean, {c}, vecDesc)},
                      {DNNL_ARG_VARIANCE, ctx.constantSlot(*var, {c}, vecDesc)},
                      {DNNL_ARG_SCALE, ctx.constantSlot(*scale, {c}, vecDesc)},
                      {DNNL_ARG_SHIFT, ctx.constantSlot(*shift, {c}, vecDesc)},
                      {DNNL_ARG_DST, dst}},
                     {out});
    ctx.bindValue(out, dst, false);
    return true;
}

} // namespace qs
