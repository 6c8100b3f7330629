// Activations -> oneDNN eltwise (in the producer's layout); PRelu -> oneDNN prelu; Add/Sub/Mul/Div -> oneDNN binary
// with broadcasting of the second operand (oneDNN 2.6 cannot broadcast the first).
#include "core/engine/dnnl_lowerings.h"

#include "core/engine/dnnl_eltwise.h"
#include "core/ops/binary.h"

namespace qs {

bool lowerActivation(LoweringContext& ctx, const Node& node)
{
    std::vector<DnnlEltwise> chain;
    // A chain of two (HardSigmoid: linear, then clip) stays on the reference kernel when it stands alone: oneDNN
    // 2.6's eltwise with a clip post-op gave 0 for 0.1 on ONNX's test_hardsigmoid_example (3 elements). After a
    // Conv or Gemm it is fused as post-ops like any activation.
    if (!dnnlEltwiseChain(node, ctx.graph(), chain) || chain.size() != 1 || ctx.constant(node.input(0)))
        return false;
    int src = ctx.slotOf(node.input(0));
    // Following activations are post-ops of this primitive.
    dnnl::post_ops ops;
    const std::string out = fuseActivations(ctx, node.outputs[0], ops);
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    const dnnl::memory::desc desc = ctx.descOf(src);
    const dnnl::eltwise_forward::desc d(dnnl::prop_kind::forward_inference, chain[0].algorithm, desc, chain[0].alpha, chain[0].beta);
    const dnnl::eltwise_forward::primitive_desc pd(d, attr, ctx.engine());
    const int dst = ctx.addSlot(pd.dst_desc());
    ctx.addPrimitive(node, dnnl::eltwise_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}}, {out});
    ctx.bindValue(out, dst, false);
    return true;
}

// PRelu -> oneDNN prelu with the slope as its weights, broadcast over x's rank (any slope shape that broadcasts).
bool lowerPRelu(LoweringContext& ctx, const Node& node)
{
    const Tensor* slope = ctx.constant(node.input(1));
    if (!slope || !ctx.isRuntimeFloat(node.input(0)))
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    if (x.empty() || slope->shape().size() > x.size() || elementCount(x) == 0)
        return false;
    Shape dims(x.size() - slope->shape().size(), 1); // right-aligned, as broadcasting reads it
    dims.insert(dims.end(), slope->shape().begin(), slope->shape().end());
    const int src = ctx.plainSlotOf(node.input(0));
    const auto desc = LoweringContext::plainDesc(x);
    const dnnl::prelu_forward::desc d(dnnl::prop_kind::forward_inference, desc, LoweringContext::plainDesc(dims));
    const dnnl::prelu_forward::primitive_desc pd(d, ctx.engine());
    const int weights = ctx.constantSlot(*slope, LoweringContext::dims(dims), pd.weights_desc());
    const int dst = ctx.addSlot(pd.dst_desc());
    ctx.addPrimitive(node, dnnl::prelu_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}}, {node.outputs[0]});
    ctx.bindValue(node.outputs[0], dst, true);
    return true;
}

namespace {

dnnl::algorithm binaryAlgorithm(BinaryKind kind)
{
    switch (kind) {
    case BinaryKind::Add: return dnnl::algorithm::binary_add;
    case BinaryKind::Sub: return dnnl::algorithm::binary_sub;
    case BinaryKind::Mul: return dnnl::algorithm::binary_mul;
    case BinaryKind::Div: return dnnl::algorithm::binary_div;
    default: return dnnl::algorithm::undef;
    }
}

Shape expandRank(const Shape& s, std::size_t rank)
{
    Shape out(rank - s.size(), 1);
    out.insert(out.end(), s.begin(), s.end());
    return out;
}

} // namespace

bool lowerBinary(LoweringContext& ctx, const Node& node)
{
    const BinaryKind kind = binaryKind(node.opType);
    const dnnl::algorithm algorithm = binaryAlgorithm(kind);
    if (algorithm == dnnl::algorithm::undef)
        return false;
    if (kind == BinaryKind::Add && ctx.quantization() && lowerAddInt8(ctx, node))
        return true;
    std::string a = node.input(0), b = node.input(1);
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    if (!ctx.isFloat(a) || !ctx.isFloat(b) || (ctx.constant(a) && ctx.constant(b)))
        return false;
    // oneDNN broadcasts only src1: swap commutative operands when src0 is the smaller one.
    if (ctx.shapeOf(a) != y || ctx.constant(a)) {
        if (kind != BinaryKind::Add && kind != BinaryKind::Mul)
            return false;
        std::swap(a, b);
        if (ctx.shapeOf(a) != y || ctx.constant(a))
            return false;
    }
    const int src0 = ctx.slotOf(a);
    const dnnl::memory::desc desc0 = ctx.descOf(src0);
    int src1;
    dnnl::memory::desc desc1;
    const Shape shapeB = expandRank(ctx.shapeOf(b), y.size());
    if (const Tensor* constantB = ctx.constant(b)) {
        desc1 = LoweringContext::plainDesc(shapeB);
        src1 = ctx.constantSlot(*constantB, LoweringContext::dims(shapeB), desc1);
    } else if (shapeB == y) {
        src1 = ctx.reorderTo(ctx.slotOf(b), desc0, node.name + " operand"); // same layout: the fast path
        desc1 = desc0;
    } else {
        const int plain = ctx.plainSlotOf(b);
        desc1 = LoweringContext::plainDesc(shapeB);
        src1 = ctx.addAlias(desc1, plain);
    }
    dnnl::post_ops ops;
    const std::string out = fuseActivations(ctx, node.outputs[0], ops);
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    const dnnl::binary::desc d(algorithm, desc0, desc1, desc0);
    const dnnl::binary::primitive_desc pd(d, attr, ctx.engine());
    const int dst = ctx.addSlot(pd.dst_desc());
    ctx.addPrimitive(node, dnnl::binary(pd), {{DNNL_ARG_SRC_0, src0}, {DNNL_ARG_SRC_1, src1}, {DNNL_ARG_DST, dst}}, {out});
    ctx.bindValue(out, dst, false);
    return true;
}

} // namespace qs
