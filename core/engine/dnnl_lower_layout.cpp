// Layout operators: Flatten/Reshape/Squeeze/Unsqueeze as zero-copy views of a plain buffer, Concat and
// Softmax/LogSoftmax as oneDNN primitives.
#include "core/engine/dnnl_lowerings.h"
#include "core/ops/op_util.h"

namespace qs {

bool lowerView(LoweringContext& ctx, const Node& node)
{
    if (ctx.constant(node.input(0)))
        return false;
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    // A view of integers stays integers (Flatten before an int8 Gemm).
    const int plain = ctx.plainSlotAsHeld(node.input(0));
    const int view = ctx.addAlias(LoweringContext::plainDesc(y, ctx.descOf(plain).data_type()), plain);
    ctx.bindValue(node.outputs[0], view, true);
    ctx.observeAfterLastStep(node.outputs[0]); // a view computes nothing: observe it once its data exists
    return true;
}

bool lowerConcat(LoweringContext& ctx, const Node& node)
{
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const int axis = static_cast<int>(normalizeAxis(node.attributes.i("axis", 0), static_cast<int64_t>(y.size())));
    std::vector<dnnl::memory::desc> descs;
    std::vector<int> slots;
    // Integer concat: every input requantized to the output's scale and zero point (a no-op reorder when it
    // already has them), then concatenated as u8/s8.
    const ActivationQuant* outQ = ctx.quantization() ? ctx.quantization()->activation(node.outputs[0]) : nullptr;
    if (outQ) {
        bool allRuntime = true;
        for (const auto& in : node.inputs)
            allRuntime = allRuntime && !ctx.constant(in);
        if (!allRuntime)
            outQ = nullptr;
    }
    if (outQ) {
        const auto type = LoweringContext::storageType(*outQ);
        for (const auto& in : node.inputs) {
            const int slot = ctx.quantizedSlotOf(in, *outQ, LoweringContext::plainDesc(ctx.shapeOf(in), type));
            slots.push_back(slot);
            descs.push_back(ctx.descOf(slot));
        }
        const auto dstAny = dnnl::memory::desc(LoweringContext::dims(y), type, dnnl::memory::format_tag::any);
        const dnnl::concat::primitive_desc pd(dstAny, axis, descs, ctx.engine());
        const int dst = ctx.addSlot(pd.dst_desc());
        ctx.setQuant(dst, *outQ);
        std::vector<std::pair<int, int>> args;
        for (std::size_t i = 0; i < slots.size(); ++i)
            args.emplace_back(DNNL_ARG_MULTIPLE_SRC + static_cast<int>(i), slots[i]);
        args.emplace_back(DNNL_ARG_DST, dst);
        ctx.addPrimitive(node, dnnl::concat(pd), std::move(args), {node.outputs[0]});
        ctx.bindValue(node.outputs[0], dst, false);
        return true;
    }
    for (const auto& in : node.inputs) {
        if (!ctx.isFloat(in))
            return false;
        int slot;
        if (const Tensor* c = ctx.constant(in))
            slot = ctx.constantSlot(*c, LoweringContext::dims(c->shape()), LoweringContext::plainDesc(c->shape()));
        else
            slot = ctx.slotOf(in);
        slots.push_back(slot);
        descs.push_back(ctx.descOf(slot));
    }
    const auto dstAny = dnnl::memory::desc(LoweringContext::dims(y), dnnl::memory::data_type::f32, dnnl::memory::format_tag::any);
    const dnnl::concat::primitive_desc pd(dstAny, axis, descs, ctx.engine());
    const int dst = ctx.addSlot(pd.dst_desc());
    std::vector<std::pair<int, int>> args;
    for (std::size_t i = 0; i < slots.size(); ++i)
        args.emplace_back(DNNL_ARG_MULTIPLE_SRC + static_cast<int>(i), slots[i]);
    args.emplace_back(DNNL_ARG_DST, dst);
    ctx.addPrimitive(node, dnnl::concat(pd), std::move(args), {node.outputs[0]});
    ctx.bindValue(node.outputs[0], dst, false);
    return true;
}

bool lowerSoftmax(LoweringContext& ctx, const Node& node)
{
    const Shape& x = ctx.shapeOf(node.input(0));
    const int64_t rank = static_cast<int64_t>(x.size());
    if (ctx.constant(node.input(0)))
        return false;
    int plain = ctx.plainSlotOf(node.input(0));
    Shape shape = x;
    int axis;
    if (node.attributes.has("_flatten_from")) { // opset < 13: softmax over the flattened trailing dims
        const int64_t from = node.attributes.i("_flatten_from", 1);
        int64_t outer = 1, inner = 1;
        for (int64_t i = 0; i < rank; ++i)
            (i < from ? outer : inner) *= x[i];
        shape = {outer, inner};
        plain = ctx.addAlias(LoweringContext::plainDesc(shape), plain);
        axis = 1;
    } else {
        axis = static_cast<int>(normalizeAxis(node.attributes.i("axis", -1), rank));
    }
    const auto desc = LoweringContext::plainDesc(shape);
    const int dst = ctx.addSlot(desc);
    if (node.opType == "LogSoftmax") {
        const dnnl::logsoftmax_forward::desc d(dnnl::prop_kind::forward_inference, desc, axis);
        const dnnl::logsoftmax_forward::primitive_desc pd(d, ctx.engine());
        ctx.addPrimitive(node, dnnl::logsoftmax_forward(pd), {{DNNL_ARG_SRC, plain}, {DNNL_ARG_DST, dst}}, {node.outputs[0]});
    } else {
        const dnnl::softmax_forward::desc d(dnnl::prop_kind::forward_inference, desc, axis);
        const dnnl::softmax_forward::primitive_desc pd(d, ctx.engine());
        ctx.addPrimitive(node, dnnl::softmax_forward(pd), {{DNNL_ARG_SRC, plain}, {DNNL_ARG_DST, dst}}, {node.outputs[0]});
    }
    const int view = ctx.addAlias(LoweringContext::plainDesc(x), dst);
    ctx.bindValue(node.outputs[0], view, true);
    return true;
}

} // namespace qs
