// Integer Conv, ConvTranspose (deconvolution) and Gemm on oneDNN's int8 kernels: u8/s8 source with its zero
// point, symmetric s8 weights with per-channel or per-tensor scales, the float bias folded into the s32
// accumulator domain (oneDNN 2.6 adds the bias before the output scale), and a destination that is either the
// next value's integers (requantized by the output scale, zero point and bit-range clamp) or FP32 at a border.
// Residual Adds fuse as a sum post-op on the integers; ReLU/LeakyReLU/Clip fuse as eltwise post-ops, PRelu as a
// prelu post-op reading its slopes.
// An Add no convolution could absorb runs as an integer binary primitive that rescales both inputs.
#include "core/engine/cpu_features.h"
#include "core/engine/dnnl_lowerings.h"
#include "core/ops/activation.h"
#include "core/ops/op_util.h"
#include "core/quant/integer_flow.h"

#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

namespace qs {
namespace {

struct Int8Epilogue {
    dnnl::post_ops ops;
    std::string out;                 // value the primitive finally produces
    std::string sumOperand;          // residual accumulated by the sum post-op ("" if none)
    bool sumInPlace = false;         // its buffer may be overwritten (else a copy)
    std::optional<ActivationQuant> sumQuant; // the residual's integers (none: it is float)
    const ActivationQuant* outQuant = nullptr;
    std::vector<std::pair<int, int>> postOpArgs; // operands of post-ops (PRelu's slope): execution argument, slot
};

// An activation whose traits say fusesAfterIntegerLayer, on the accumulator scaled to the destination's units.
void appendScaledActivation(const Node& node, const Graph& graph, float scale, dnnl::post_ops& ops)
{
    const ActivationParams p = activationParams(node, graph);
    if (p.kind == ActivationKind::Clip)
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip_v2, p.alpha / scale, p.beta / scale);
    else
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, p.kind == ActivationKind::LeakyRelu ? p.alpha : 0.0f, 0.0f);
}

// How a primitive's sum post-op can read an integer residual. oneDNN 2.6's int8 convolution takes the residual's
// own data type and zero point. Its int8 deconvolution rejects a sum with a data type, and one with a zero point
// runs on jit_uni_deconv, which computes it wrongly (up to 17 steps off, measured): there the sum reads the
// residual as the destination's type, and its zero point becomes a shift right after it.
enum class SumForm { TypedWithZeroPoint, DestinationTypeOnly };

// The chain fused after an integer layer ([residual Add] then activations) as post-ops for the destination's
// quantization. With SumForm::DestinationTypeOnly, a residual stored in another type than the destination is
// added as a float step instead.
Int8Epilogue planEpilogue(LoweringContext& ctx, const Node& node, SumForm sumForm = SumForm::TypedWithZeroPoint)
{
    const QuantizationPlan& plan = *ctx.quantization();
    Int8Epilogue e;
    e.out = node.outputs[0];
    // Which value the fused chain would end at decides the destination's scale: the plan builder walked the
    // same chain (core/quant/integer_flow.h).
    const FusedChain chain = integerLayerChain(ctx.graph(), node, ctx.options().fusePostOps);
    const std::string& end = chain.end;
    const Node* add = chain.residualAdd;
    const std::string& residual = chain.residual;
    const bool residualInPlace = add && ctx.residualInPlace(node, residual);
    const std::vector<const Node*>& acts = chain.activations;
    e.outQuant = plan.activation(end);
    const float dstScale = e.outQuant ? e.outQuant->scale : 1.0f;
    if (add) {
        const int raw = ctx.rawSlotOf(residual);
        const std::optional<ActivationQuant> rq = ctx.quantOf(raw);
        if (rq && e.outQuant && sumForm == SumForm::TypedWithZeroPoint) {
            // The sum reads dst's bytes as the residual's type (s8 into a u8 destination or back), so a
            // signed residual from a branch without ReLU fuses into a ReLU'd unsigned output.
            e.ops.append_sum(rq->scale / dstScale, rq->zeroPoint, LoweringContext::storageType(*rq));
            e.sumQuant = *rq;
        } else if (rq && e.outQuant && LoweringContext::storageType(*rq) == LoweringContext::storageType(*e.outQuant)) {
            // s (r - z) = s r - s z: the same sum, on the fast kernel.
            const float sumScale = rq->scale / dstScale;
            e.ops.append_sum(sumScale);
            if (rq->zeroPoint != 0)
                e.ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_linear, 1.0f, -sumScale * static_cast<float>(rq->zeroPoint));
            e.sumQuant = *rq;
        } else if (!e.outQuant) {
            e.ops.append_sum(1.0f);
        } else {
            // The residual is float (a float layer made it), or integers of a type the sum cannot read: the Add,
            // and what follows it, run as float steps and the conv output is a border value of its own.
            e.outQuant = plan.activation(e.out);
            return e;
        }
        e.sumOperand = residual;
        e.sumInPlace = residualInPlace;
        ctx.markFused(*add);
        e.out = add->outputs[0];
    }
    for (const Node* act : acts) {
        if (const Tensor* slope = channelOperandOf(ctx.graph(), *act)) {
            // PRelu: per-channel (or one) slopes; scaling commutes with it, so dst units need no change.
            const bool perChannel = slope->size() > 1;
            e.ops.append_prelu(perChannel ? 1 << 1 : 0);
            Shape dims(ctx.shapeOf(act->outputs[0]).size(), 1);
            dims[1] = slope->size();
            if (!perChannel)
                dims.assign(dims.size(), 1);
            const int slot = ctx.constantSlot(*slope, LoweringContext::dims(dims), LoweringContext::plainDesc(dims));
            e.postOpArgs.emplace_back(DNNL_ARG_ATTR_MULTIPLE_POST_OP(e.ops.len() - 1) | DNNL_ARG_WEIGHTS, slot);
        } else {
            appendScaledActivation(*act, ctx.graph(), dstScale, e.ops);
        }
        ctx.markFused(*act);
        e.out = act->outputs[0];
    }
    // The destination's quantization belongs to the value actually produced.
    e.outQuant = plan.activation(e.out);
    if (e.outQuant && e.outQuant->narrowerThanStorage())
        e.ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip_v2, static_cast<float>(e.outQuant->qmin() - e.outQuant->zeroPoint),
                             static_cast<float>(e.outQuant->qmax() - e.outQuant->zeroPoint));
    return e;
}

struct Int8Weights {
    std::vector<int8_t> values;
    std::vector<float> scales;
};

// The primitive's attributes: output scales (source scale x weight scale / destination scale, per channel or
// per tensor), source and destination zero points, and the fused post-ops.
// `zeroPoints` false: the primitive takes none (oneDNN 2.6's inner product); the caller folds them in instead.
dnnl::primitive_attr int8Attributes(const Int8Weights& w, const ActivationQuant& in, const Int8Epilogue& e, bool zeroPoints = true)
{
    std::vector<float> scales;
    for (float ws : w.scales)
        scales.push_back(in.scale * ws / (e.outQuant ? e.outQuant->scale : 1.0f));
    dnnl::primitive_attr attr;
    attr.set_output_scales(scales.size() == 1 ? 0 : 1 << 1, scales);
    if (zeroPoints) {
        attr.set_zero_points(DNNL_ARG_SRC, 0, {in.zeroPoint});
        if (e.outQuant)
            attr.set_zero_points(DNNL_ARG_DST, 0, {e.outQuant->zeroPoint});
    }
    attr.set_post_ops(e.ops);
    return attr;
}

// oneDNN's int8 kernels without VNNI halve the weights when the source is s8 (the weights' scale_adjust 0.5: the
// source is shifted to u8 and vpmaddubsw's 16-bit sums must not saturate), rounding every odd weight away. Given
// doubled weights (exact up to 7 bits, which is what runnableWeightQuant() leaves for an s8 source) with halved scales, the
// halving gives back the planned integers. Returns whether the weights were changed (then the attributes, built
// from the scales, must be made again).
bool compensateScaleAdjust(Int8Weights& w, const dnnl::memory::desc& weights)
{
    if (!(weights.data.extra.flags & dnnl_memory_extra_flag_scale_adjust) || weights.data.extra.scale_adjust == 1.0f)
        return false;
    const float factor = 1.0f / weights.data.extra.scale_adjust;
    for (int8_t v : w.values)
        if (v * factor < -128.0f || v * factor > 127.0f || std::nearbyint(v * factor) != v * factor)
            return false; // 8-bit weights: the kernel's rounding stays (runnableWeightQuant() avoids them)
    for (int8_t& v : w.values)
        v = static_cast<int8_t>(v * factor);
    for (float& scale : w.scales)
        scale /= factor;
    return true;
}

// The float bias in accumulator units (oneDNN 2.6 adds it before the output scale).
std::vector<float> accumulatorBias(const Tensor* bias, const Int8Weights& w, float srcScale, int64_t channels)
{
    std::vector<float> out(static_cast<std::size_t>(channels), 0.0f);
    if (!bias)
        return out;
    const std::vector<float> b = bias->toFloat();
    for (int64_t c = 0; c < channels; ++c)
        out[static_cast<std::size_t>(c)] = b[static_cast<std::size_t>(c)] / (srcScale * w.scales[w.scales.size() == 1 ? 0 : static_cast<std::size_t>(c)]);
    return out;
}

int destinationSlot(LoweringContext& ctx, const Int8Epilogue& e, const dnnl::memory::desc& dst, const std::string& why)
{
    if (e.sumOperand.empty()) {
        const int slot = ctx.addSlot(dst);
        if (e.outQuant)
            ctx.setQuant(slot, *e.outQuant);
        return slot;
    }
    // The sum post-op accumulates into dst: a private copy of the residual in dst's layout and the residual's
    // own storage type, which dst then aliases.
    const int raw = e.outQuant ? ctx.rawSlotOf(e.sumOperand) : ctx.slotOf(e.sumOperand);
    const dnnl::memory::desc residual = e.sumQuant ? LoweringContext::withStorageType(dst, *e.sumQuant) : dst;
    int slot = e.sumInPlace ? ctx.reorderTo(raw, residual, why) : ctx.copyTo(raw, residual, why);
    if (!(residual == dst))
        slot = ctx.addAlias(dst, slot);
    if (e.outQuant)
        ctx.setQuant(slot, *e.outQuant);
    return slot;
}

// AMX tiles pay a setup cost that small 1x1 and depthwise convolutions do not amortise: int8 MobileNetV2 at
// batch 1 measured 2.9 ms with AMX and 2.1 ms with AVX512-VNNI kernels, while ResNets gain from AMX on their
// 3x3 convolutions. Up to a 56x56 map of output positions, take oneDNN's next implementation that is not AMX.
void preferVnniForSmallConvs(dnnl::convolution_forward::primitive_desc& pd, const Shape& w, const Shape& y)
{
    int64_t positions = y[0];
    for (std::size_t i = 2; i < y.size(); ++i)
        positions *= y[i];
    const bool pointwise = w.size() == 4 && w[2] == 1 && w[3] == 1;
    const bool depthwise = w.size() >= 2 && w[1] == 1;
    if (positions > 3136 || !(pointwise || depthwise))
        return;
    const dnnl::convolution_forward::primitive_desc first = pd;
    while (std::string(pd.impl_info_str()).find("amx") != std::string::npos) {
        if (!pd.next_impl()) {
            pd = first;
            return;
        }
    }
}

// Conv and ConvTranspose on integers, one path: `weights` in output-channel-major order [O, I/group, k...]
// (the order quantizeWeights() takes and oneDNN's logical order for both primitives), geometry in oneDNN's terms.
template <class Primitive>
bool lowerConvolutionInt8(LoweringContext& ctx, const Node& node, const Tensor& weights, const DnnlConvGeometry& geometry,
                          dnnl::algorithm algorithm)
{
    using dt = dnnl::memory::data_type;
    using tag = dnnl::memory::format_tag;
    const QuantizationPlan& plan = *ctx.quantization();
    const WeightQuant* wq = plan.layer(node.name);
    const ActivationQuant* inQ = plan.activation(node.input(0));
    if (!wq || !inQ)
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& w = weights.shape();
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const int64_t channels = w[0];
    Int8Weights iw;
    iw.scales = quantizeWeights(weights, runnableWeightQuant(*wq, weights, *inQ), iw.values);
    const Int8Epilogue e = planEpilogue(ctx, node, std::is_same_v<Primitive, dnnl::convolution_forward> ? SumForm::TypedWithZeroPoint
                                                                                                   : SumForm::DestinationTypeOnly);
    dnnl::primitive_attr attr = int8Attributes(iw, *inQ, e);

    const auto srcAny = dnnl::memory::desc(LoweringContext::dims(x), LoweringContext::storageType(*inQ), tag::any);
    const auto wAny = dnnl::memory::desc(geometry.weightDims, dt::s8, tag::any);
    const auto dstAny = dnnl::memory::desc(LoweringContext::dims(y), e.outQuant ? LoweringContext::storageType(*e.outQuant) : dt::f32, tag::any);
    const auto biasDesc = dnnl::memory::desc({channels}, dt::f32, tag::a);
    const typename Primitive::desc d(dnnl::prop_kind::forward_inference, algorithm, srcAny, wAny, biasDesc, dstAny, geometry.strides,
                                     geometry.dilation, geometry.padL, geometry.padR);
    auto choose = [&] {
        typename Primitive::primitive_desc chosen(d, attr, ctx.engine());
        if constexpr (std::is_same_v<Primitive, dnnl::convolution_forward>)
            preferVnniForSmallConvs(chosen, w, y);
        return chosen;
    };
    typename Primitive::primitive_desc pd = choose();
    if (compensateScaleAdjust(iw, pd.weights_desc())) {
        attr = int8Attributes(iw, *inQ, e);
        pd = choose();
    }

    const int src = ctx.quantizedSlotOf(node.input(0), *inQ, pd.src_desc());
    const Shape userShape(geometry.weightDims.begin(), geometry.weightDims.end());
    const int wSlot = ctx.constantSlot(iw.values.data(), LoweringContext::plainDesc(userShape, dt::s8), pd.weights_desc());
    const auto bias = accumulatorBias(node.hasInput(2) ? ctx.constant(node.input(2)) : nullptr, iw, inQ->scale, channels);
    const int bSlot = ctx.constantSlot(Tensor::fromFloats({channels}, bias), {channels}, pd.bias_desc());
    const int dst = destinationSlot(ctx, e, pd.dst_desc(), node.name + " residual");
    std::vector<std::pair<int, int>> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, wSlot}, {DNNL_ARG_BIAS, bSlot}, {DNNL_ARG_DST, dst}};
    args.insert(args.end(), e.postOpArgs.begin(), e.postOpArgs.end());
    ctx.addPrimitive(node, Primitive(pd), std::move(args), {e.out});
    ctx.bindValue(e.out, dst, false);
    return true;
}

} // namespace

bool lowerConvInt8(LoweringContext& ctx, const Node& node)
{
    const Tensor* weights = ctx.constant(node.input(1));
    if (!weights || ctx.constant(node.input(0)))
        return false;
    const DnnlConvGeometry geometry = convGeometry(node, ctx.shapeOf(node.input(0)), weights->shape(), ctx.shapeOf(node.outputs[0]));
    return lowerConvolutionInt8<dnnl::convolution_forward>(ctx, node, *weights, geometry, dnnl::algorithm::convolution_direct);
}

// ONNX's [C_in, C_out/group, k...] weights regrouped to [C_out, C_in/group, k...] (the traits say how), so that
// per-channel scales follow the true output channels.
bool lowerConvTransposeInt8(LoweringContext& ctx, const Node& node)
{
    const Tensor* weights = ctx.constant(node.input(1));
    if (!weights || ctx.constant(node.input(0)))
        return false;
    const DnnlConvGeometry geometry = deconvGeometry(node, ctx.shapeOf(node.input(0)), weights->shape(), ctx.shapeOf(node.outputs[0]));
    return lowerConvolutionInt8<dnnl::deconvolution_forward>(ctx, node, outputChannelMajor(*weights, quantTraitsOf(node)), geometry,
                                                             dnnl::algorithm::deconvolution_direct);
}

bool lowerGemmInt8(LoweringContext& ctx, const Node& node)
{
    using dt = dnnl::memory::data_type;
    using tag = dnnl::memory::format_tag;
    const QuantizationPlan& plan = *ctx.quantization();
    const WeightQuant* wq = plan.layer(node.name);
    const ActivationQuant* inQ = plan.activation(node.input(0));
    const Tensor* b = ctx.constant(node.input(1));
    if (!wq || !inQ || !b || ctx.constant(node.input(0)) || node.attributes.i("transA", 0) != 0 || node.attributes.f("alpha", 1.0f) != 1.0f)
        return false;
    const Shape& a = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const int64_t n = y[1], k = a[1];
    const Tensor weights = gemmWeightsNK(node, *b, n, k);
    const Tensor* c = node.hasInput(2) ? ctx.constant(node.input(2)) : nullptr;
    if (node.hasInput(2) && (!c || c->size() != n))
        return false;
    Tensor biasTensor;
    if (c) {
        std::vector<float> beta = c->toFloat();
        for (float& v : beta)
            v *= node.attributes.f("beta", 1.0f);
        biasTensor = Tensor::fromFloats({n}, beta);
    }
    Int8Weights iw;
    iw.scales = quantizeWeights(weights, runnableWeightQuant(*wq, weights, *inQ), iw.values);
    Int8Epilogue e = planEpilogue(ctx, node);
    // oneDNN 2.6's inner product takes no zero points (it refuses them, and the layer would silently run in FP32):
    // the source's is folded into the bias, acc = sum v (q - z) = sum v q - z sum v with constant v, and the
    // destination's is added by a last post-op (after the clamp to [qmin - z, qmax - z]).
    if (!e.sumOperand.empty() && e.sumQuant && e.sumQuant->zeroPoint != 0)
        return false; // a residual with a zero point would need the sum's zero point too
    if (e.outQuant && e.outQuant->zeroPoint != 0)
        e.ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_linear, 1.0f, static_cast<float>(e.outQuant->zeroPoint));
    dnnl::primitive_attr attr = int8Attributes(iw, *inQ, e, false);
    const auto srcDesc = dnnl::memory::desc({a[0], k}, LoweringContext::storageType(*inQ), tag::any);
    const auto wDesc = dnnl::memory::desc({n, k}, dt::s8, tag::any);
    const auto dstDesc = dnnl::memory::desc({a[0], n}, e.outQuant ? LoweringContext::storageType(*e.outQuant) : dt::f32, tag::any);
    const auto biasDesc = dnnl::memory::desc({n}, dt::f32, tag::a);
    const dnnl::inner_product_forward::desc d(dnnl::prop_kind::forward_inference, srcDesc, wDesc, biasDesc, dstDesc);
    dnnl::inner_product_forward::primitive_desc pd(d, attr, ctx.engine());
    if (compensateScaleAdjust(iw, pd.weights_desc())) {
        attr = int8Attributes(iw, *inQ, e, false);
        pd = dnnl::inner_product_forward::primitive_desc(d, attr, ctx.engine());
    }
    // The source must be a plain [M, K] matrix of integers (a Flatten view of a quantized value is).
    const int src = ctx.quantizedSlotOf(node.input(0), *inQ, pd.src_desc());
    const int wSlot = ctx.constantSlot(iw.values.data(), LoweringContext::plainDesc({n, k}, dt::s8), pd.weights_desc());
    std::vector<float> bias = accumulatorBias(c ? &biasTensor : nullptr, iw, inQ->scale, n);
    for (int64_t row = 0; row < n; ++row) {
        int64_t sum = 0;
        for (int64_t col = 0; col < k; ++col)
            sum += iw.values[static_cast<std::size_t>(row * k + col)];
        bias[static_cast<std::size_t>(row)] -= static_cast<float>(inQ->zeroPoint) * static_cast<float>(sum);
    }
    const int bSlot = ctx.constantSlot(Tensor::fromFloats({n}, bias), {n}, pd.bias_desc());
    const int dst = destinationSlot(ctx, e, pd.dst_desc(), node.name + " residual");
    std::vector<std::pair<int, int>> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, wSlot}, {DNNL_ARG_BIAS, bSlot}, {DNNL_ARG_DST, dst}};
    args.insert(args.end(), e.postOpArgs.begin(), e.postOpArgs.end());
    ctx.addPrimitive(node, dnnl::inner_product_forward(pd), std::move(args), {e.out});
    ctx.bindValue(e.out, dst, false);
    return true;
}

// Add of two integer values into an integer result. oneDNN 2.6's binary takes per-input scales but no zero
// points, so with s_a = scale_a / scale_y (likewise b) it computes
//   y_q = s_a * a_q + s_b * b_q + (z_y - s_a * z_a - s_b * z_b), then ReLU / Clip as a clamp shifted by z_y
// (one linear post-op only: 2.6's jit binary zeroes the result of two in a row), rounded and saturated to
// y's storage type; narrower bit widths clamp to their grid.
bool lowerAddInt8(LoweringContext& ctx, const Node& node)
{
    const std::string& a = node.input(0);
    const std::string& b = node.input(1);
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    if (node.inputs.size() != 2 || ctx.constant(a) || ctx.constant(b) || ctx.shapeOf(a) != y || ctx.shapeOf(b) != y)
        return false;
    const int rawA = ctx.rawSlotOf(a), rawB = ctx.rawSlotOf(b);
    const std::optional<ActivationQuant> qa = ctx.quantOf(rawA), qb = ctx.quantOf(rawB);
    if (!qa || !qb)
        return false;
    const FusedChain chain = integerAddChain(ctx.graph(), node, ctx.options().fusePostOps);
    const std::string& end = chain.end;
    const std::vector<const Node*>& acts = chain.activations;
    const ActivationQuant* outQ = ctx.quantization()->activation(end);
    if (!outQ)
        return false;
    const float sa = qa->scale / outQ->scale, sb = qb->scale / outQ->scale;
    const float zy = static_cast<float>(outQ->zeroPoint);
    dnnl::post_ops ops;
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_linear, 1.0f,
                       zy - sa * static_cast<float>(qa->zeroPoint) - sb * static_cast<float>(qb->zeroPoint));
    for (const Node* act : acts) {
        const ActivationParams p = activationParams(*act, ctx.graph());
        const float lo = p.kind == ActivationKind::Clip ? p.alpha / outQ->scale + zy : zy;
        const float hi = p.kind == ActivationKind::Clip ? p.beta / outQ->scale + zy : std::numeric_limits<float>::max();
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip_v2, lo, hi);
    }
    if (outQ->narrowerThanStorage())
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip_v2, static_cast<float>(outQ->qmin()), static_cast<float>(outQ->qmax()));
    dnnl::primitive_attr attr;
    attr.set_scales(DNNL_ARG_SRC_0, 0, {sa});
    attr.set_scales(DNNL_ARG_SRC_1, 0, {sb});
    attr.set_post_ops(ops);
    const dnnl::memory::desc descA = ctx.descOf(rawA);
    // The second operand and the result in the first's layout, each in its own type.
    const dnnl::memory::desc descB = LoweringContext::withStorageType(descA, *qb);
    const dnnl::memory::desc descY = LoweringContext::withStorageType(descA, *outQ);
    const dnnl::binary::desc d(dnnl::algorithm::binary_add, descA, descB, descY);
    const dnnl::binary::primitive_desc pd(d, attr, ctx.engine());
    const int srcB = ctx.reorderTo(rawB, descB, node.name + " operand");
    const int dst = ctx.addSlot(pd.dst_desc());
    ctx.setQuant(dst, *outQ);
    for (const Node* act : acts)
        ctx.markFused(*act);
    ctx.addPrimitive(node, dnnl::binary(pd), {{DNNL_ARG_SRC_0, rawA}, {DNNL_ARG_SRC_1, srcB}, {DNNL_ARG_DST, dst}}, {end});
    ctx.bindValue(end, dst, false);
    return true;
}

} // namespace qs
