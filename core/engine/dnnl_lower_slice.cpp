// Slice and Split -> one oneDNN reorder per output, reading a strided view of the plain input: the view
// has the output's dims, the input's strides times the step, and the first selected element as its offset
// (detectors slice and split activations along channels; YOLO's Focus takes every second pixel). Integers
// are moved as integers and keep their scale and zero point (ShuffleNet's channel split between int8 convs). Negative
// steps would need negative strides, and a step that does not divide the remaining length makes strides
// oneDNN takes for overlapping: the reference runs those.
#include "core/engine/dnnl_lowerings.h"
#include "core/ops/op_util.h"
#include "core/ops/slicing.h"

#include <optional>

namespace qs {
namespace {

// The elements of a plain tensor of shape x selected by start/step, as a strided view of shape `out`.
// Empty when oneDNN refuses the strides: it rejects views whose strides look overlapping, which a step
// that does not divide the remaining length produces (dim 5, start 1, step 3 spans 6 elements).
std::optional<dnnl::reorder::primitive_desc> viewCopy(const LoweringContext& ctx, const Shape& x, const Shape& out,
                                                      const std::vector<int64_t>& start, const std::vector<int64_t>& step,
                                                      dnnl::memory::data_type type)
{
    const std::vector<int64_t> inStrides = stridesOf(x);
    dnnl::memory::dims strides(x.size());
    int64_t offset = 0;
    for (std::size_t a = 0; a < x.size(); ++a) {
        strides[a] = inStrides[a] * step[a];
        offset += start[a] * inStrides[a];
    }
    try {
        dnnl::memory::desc view(LoweringContext::dims(out), type, strides);
        view.data.offset0 = offset;
        return dnnl::reorder::primitive_desc(ctx.engine(), view, ctx.engine(), LoweringContext::plainDesc(out, type));
    } catch (const dnnl::error&) {
        return std::nullopt;
    }
}

// Adds the copy `pd` (from viewCopy) out of the plain slot `plain` and binds its result to `value`.
void addViewCopy(LoweringContext& ctx, const Node& node, int plain, const dnnl::reorder::primitive_desc& pd, const std::string& value)
{
    const int src = ctx.addAlias(pd.src_desc(), plain);
    const int dst = ctx.addSlot(pd.dst_desc());
    if (const auto quant = ctx.quantOf(plain))
        ctx.setQuant(dst, *quant);
    ctx.addPrimitive(node, dnnl::reorder(pd), {{DNNL_ARG_FROM, src}, {DNNL_ARG_TO, dst}}, {value});
    ctx.bindValue(value, dst, true);
}

} // namespace

bool lowerSlice(LoweringContext& ctx, const Node& node)
{
    if (!ctx.isRuntimeFloat(node.input(0)))
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    std::vector<const Tensor*> inputs(node.inputs.size(), nullptr);
    for (std::size_t i = 1; i < node.inputs.size(); ++i)
        if (node.hasInput(i) && !(inputs[i] = ctx.constant(node.input(i))))
            return false;
    const SliceSpec spec = sliceSpecOf(node, x, inputs);
    if (x.empty() || x.size() > 12 || elementCount(spec.out) == 0)
        return false;
    for (int64_t s : spec.step)
        if (s < 0)
            return false;
    const auto type = ctx.heldType(node.input(0));
    if (spec.out == x) { // takes everything: a view, no copy
        ctx.bindValue(node.outputs[0], ctx.addAlias(LoweringContext::plainDesc(x, type), ctx.plainSlotAsHeld(node.input(0))), true);
        ctx.observeAfterLastStep(node.outputs[0]);
        return true;
    }
    const auto pd = viewCopy(ctx, x, spec.out, spec.start, spec.step, type);
    if (!pd)
        return false;
    addViewCopy(ctx, node, ctx.plainSlotAsHeld(node.input(0)), *pd, node.outputs[0]);
    return true;
}

bool lowerSplit(LoweringContext& ctx, const Node& node)
{
    if (!ctx.isRuntimeFloat(node.input(0)))
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Tensor* splitInput = nullptr;
    if (node.hasInput(1) && !(splitInput = ctx.constant(node.input(1))))
        return false;
    if (x.empty() || x.size() > 12 || elementCount(x) == 0)
        return false;
    const std::vector<int64_t> sizes = splitSizes(node, x, splitInput);
    // An empty part still needs a (zero-size) value for its consumers: leave such a node to the reference.
    for (int64_t s : sizes)
        if (s == 0)
            return false;
    const std::size_t axis = static_cast<std::size_t>(normalizeAxis(node.attributes.i("axis", 0), static_cast<int64_t>(x.size())));
    std::vector<dnnl::reorder::primitive_desc> copies;
    std::vector<int64_t> start(x.size(), 0);
    const std::vector<int64_t> step(x.size(), 1);
    const auto type = ctx.heldType(node.input(0));
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        Shape out = x;
        out[axis] = sizes[i];
        start[axis] += i > 0 ? sizes[i - 1] : 0;
        const auto pd = viewCopy(ctx, x, out, start, step, type);
        if (!pd)
            return false;
        copies.push_back(*pd);
    }
    const int plain = ctx.plainSlotAsHeld(node.input(0));
    for (std::size_t i = 0; i < copies.size(); ++i)
        addViewCopy(ctx, node, plain, copies[i], node.outputs[i]);
    return true;
}

} // namespace qs
