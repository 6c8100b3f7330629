// Layout operators: Flatten/Reshape/Squeeze/Unsqueeze as zero-copy views of a plain buffer, Concat as one copy
// per input into its part of the output, Softmax/LogSoftmax as oneDNN primitives.
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

namespace {

// Concat as one reorder per input into its part of a row-major destination (a strided view at the part's offset):
// each input is read in whatever layout holds it (a convolution's channels-last output included) and copied at
// memcpy speed. oneDNN 2.6's concat primitive ran NanoDet's plain u8 channel concats at ~1 GB/s, a third of the
// model's int8 time, and needed every input reordered to one layout first.
void concatByParts(LoweringContext& ctx, const Node& node, const std::vector<int>& slots, int axis, const ActivationQuant* quant)
{
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const auto type = quant ? LoweringContext::storageType(*quant) : dnnl::memory::data_type::f32;
    const int dst = ctx.addSlot(LoweringContext::plainDesc(y, type));
    if (quant)
        ctx.setQuant(dst, *quant);
    const std::vector<int64_t> strides = stridesOf(y);
    int64_t offset = 0;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        const dnnl::memory::desc from = ctx.descOf(slots[i]);
        const dnnl::memory::dims partDims = from.dims();
        dnnl::memory::desc part(partDims, type, dnnl::memory::dims(strides.begin(), strides.end()));
        part.data.offset0 = offset * strides[static_cast<std::size_t>(axis)];
        offset += partDims[static_cast<std::size_t>(axis)];
        const int into = ctx.addAlias(part, dst);
        const dnnl::reorder::primitive_desc pd(ctx.engine(), from, ctx.engine(), part);
        std::vector<std::string> produced;
        if (i + 1 == slots.size())
            produced.push_back(node.outputs[0]);
        ctx.addPrimitive(node, dnnl::reorder(pd), {{DNNL_ARG_FROM, slots[i]}, {DNNL_ARG_TO, into}}, std::move(produced));
    }
    ctx.bindValue(node.outputs[0], dst, true);
}

} // namespace

bool lowerConcat(LoweringContext& ctx, const Node& node)
{
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const int axis = static_cast<int>(normalizeAxis(node.attributes.i("axis", 0), static_cast<int64_t>(y.size())));
    if (y.empty() || elementCount(y) == 0)
        return false;
    for (const auto& in : node.inputs)
        if (elementCount(ctx.shapeOf(in)) == 0) // an empty part: the reference handles it
            return false;
    std::vector<int> slots;
    // Integer concat: every input requantized to the output's scale and zero point (nothing to do when it
    // already has them), then copied as u8/s8.
    const ActivationQuant* outQ = ctx.quantization() ? ctx.quantization()->activation(node.outputs[0]) : nullptr;
    if (outQ) {
        bool allRuntime = true;
        for (const auto& in : node.inputs)
            allRuntime = allRuntime && !ctx.constant(in);
        if (!allRuntime)
            outQ = nullptr;
    }
    if (outQ) {
        for (const auto& in : node.inputs) {
            // In the layout that holds it (any layout: the part's copy converts it).
            const dnnl::memory::desc held = LoweringContext::withStorageType(ctx.descOf(ctx.rawSlotOf(in)), *outQ);
            slots.push_back(ctx.quantizedSlotOf(in, *outQ, held));
        }
        concatByParts(ctx, node, slots, axis, outQ);
        return true;
    }
    for (const auto& in : node.inputs) {
        if (!ctx.isFloat(in))
            return false;
        if (const Tensor* c = ctx.constant(in))
            slots.push_back(ctx.constantSlot(*c, LoweringContext::dims(c->shape()), LoweringContext::plainDesc(c->shape())));
        else
            slots.push_back(ctx.slotOf(in));
    }
    concatByParts(ctx, node, slots, axis, nullptr);
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
