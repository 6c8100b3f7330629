// Pad (constant mode) -> oneDNN reorders into views of one plain destination: each padded border is a
// slab copied from a small constant holding the pad value, and the input (cropped where a pad is negative)
// is copied into the interior box. The destination comes from the activation arena and holds leftovers, so
// every element is written; filling it with an eltwise (0 * x + value) would turn leftover NaN bits into NaN.
// Reflect and edge modes run on the reference kernel.
#include "core/engine/dnnl_lowerings.h"
#include "core/ops/op_util.h"

#include <algorithm>

namespace qs {
namespace {

// A box of a plain tensor of shape `whole`: dims `box` starting at `start`.
dnnl::memory::desc boxOf(const Shape& whole, const Shape& box, const std::vector<int64_t>& start)
{
    const std::vector<int64_t> strides = stridesOf(whole);
    int64_t offset = 0;
    for (std::size_t a = 0; a < whole.size(); ++a)
        offset += start[a] * strides[a];
    dnnl::memory::desc desc(LoweringContext::dims(box), dnnl::memory::data_type::f32, dnnl::memory::dims(strides.begin(), strides.end()));
    desc.data.offset0 = offset;
    return desc;
}

} // namespace

bool lowerPad(LoweringContext& ctx, const Node& node)
{
    if (!ctx.isRuntimeFloat(node.input(0)))
        return false;
    if (node.attributes.s("mode", "constant") != "constant")
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    const std::size_t rank = x.size();
    std::vector<int64_t> pads;
    float value = node.attributes.f("value", 0.0f);
    if (node.hasInput(1)) {
        const Tensor* t = ctx.constant(node.input(1));
        if (!t)
            return false;
        pads = t->toInt64();
    } else {
        pads = node.attributes.ints("pads");
    }
    if (node.hasInput(2)) {
        const Tensor* t = ctx.constant(node.input(2));
        if (!t)
            return false;
        value = t->size() > 0 ? static_cast<float>(t->elementAsDouble(0)) : 0.0f;
    }
    if (rank == 0 || rank > 12 || pads.size() != 2 * rank || elementCount(y) == 0)
        return false;

    // The part of the input that survives negative pads, and where it lands.
    Shape interior(rank);
    std::vector<int64_t> srcStart(rank), dstStart(rank);
    for (std::size_t a = 0; a < rank; ++a) {
        srcStart[a] = std::max<int64_t>(-pads[a], 0);
        dstStart[a] = std::max<int64_t>(pads[a], 0);
        interior[a] = x[a] - srcStart[a] - std::max<int64_t>(-pads[a + rank], 0);
        if (interior[a] <= 0)
            return false; // all padding: rare enough for the reference
    }
    struct Copy {
        dnnl::reorder::primitive_desc pd;
        int from;
    };
    std::vector<Copy> copies;
    for (std::size_t a = 0; a < rank; ++a)
        for (const bool begin : {true, false}) {
            const int64_t width = begin ? pads[a] : pads[a + rank];
            if (width <= 0)
                continue;
            Shape box = y;
            box[a] = width;
            std::vector<int64_t> start(rank, 0);
            start[a] = begin ? 0 : y[a] - width;
            Tensor slab(DataType::Float32, box);
            std::fill(slab.floats().begin(), slab.floats().end(), value);
            const auto plain = LoweringContext::plainDesc(box);
            copies.push_back({dnnl::reorder::primitive_desc(ctx.engine(), plain, ctx.engine(), boxOf(y, box, start)),
                              ctx.constantSlot(slab, LoweringContext::dims(box), plain)});
        }
    const dnnl::reorder::primitive_desc inner(ctx.engine(), boxOf(x, interior, srcStart), ctx.engine(), boxOf(y, interior, dstStart));
    const int dst = ctx.addSlot(LoweringContext::plainDesc(y));
    for (const auto& c : copies)
        ctx.addPrimitive(node, dnnl::reorder(c.pd), {{DNNL_ARG_FROM, c.from}, {DNNL_ARG_TO, ctx.addAlias(c.pd.dst_desc(), dst)}}, {});
    const int src = ctx.addAlias(inner.src_desc(), ctx.plainSlotOf(node.input(0)));
    ctx.addPrimitive(node, dnnl::reorder(inner), {{DNNL_ARG_FROM, src}, {DNNL_ARG_TO, ctx.addAlias(inner.dst_desc(), dst)}}, {node.outputs[0]});
    ctx.bindValue(node.outputs[0], dst, true);
    return true;
}

} // namespace qs
