// Resize/Upsample -> oneDNN resampling, only where oneDNN picks the same source pixels with the same
// weights as ONNX. oneDNN maps dst index y to src coordinate (y + 0.5) * in / out - 0.5 (nearest: rounded
// half away from zero; linear: the two neighbours, clamped). ONNX's formula depends on the coordinate mode,
// nearest_mode and the given scales, so rather than enumerating the equal cases the lowering evaluates both
// formulas for every output coordinate and lowers only when they agree; otherwise the reference runs.
#include "core/engine/dnnl_lowerings.h"
#include "core/ops/resize.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace qs {
namespace {

// oneDNN's source taps (resampling_utils.hpp in oneDNN 2.x), computed in float as oneDNN does.
std::map<int64_t, double> dnnlTaps(bool nearest, int64_t y, int64_t outLength, int64_t inLength)
{
    const float s = (static_cast<float>(y) + 0.5f) * static_cast<float>(inLength) / static_cast<float>(outLength) - 0.5f;
    if (nearest)
        return {{std::clamp<int64_t>(static_cast<int64_t>(std::round(s)), 0, inLength - 1), 1.0}};
    const int64_t left = std::max<int64_t>(static_cast<int64_t>(std::floor(s)), 0);
    const int64_t right = std::min<int64_t>(s <= 0 ? 0 : static_cast<int64_t>(std::ceil(s)), inLength - 1);
    const double w1 = std::fabs(s - static_cast<float>(left));
    std::map<int64_t, double> taps;
    taps[left] += 1.0 - w1;
    taps[right] += w1;
    return taps;
}

bool sameTaps(const std::map<int64_t, double>& a, const std::vector<ResizeTap>& onnx)
{
    std::map<int64_t, double> b;
    for (const auto& t : onnx)
        b[t.index] += t.weight;
    auto significant = [](const std::map<int64_t, double>& m) {
        std::map<int64_t, double> r;
        for (const auto& [i, w] : m)
            if (std::fabs(w) > 1e-6)
                r[i] = w;
        return r;
    };
    const auto sa = significant(a), sb = significant(b);
    if (sa.size() != sb.size())
        return false;
    for (auto ia = sa.begin(), ib = sb.begin(); ia != sa.end(); ++ia, ++ib)
        if (ia->first != ib->first || std::fabs(ia->second - ib->second) > 1e-5)
            return false;
    return true;
}

} // namespace

bool lowerResize(LoweringContext& ctx, const Node& node)
{
    if (!ctx.isRuntimeFloat(node.input(0)))
        return false;
    const Shape& x = ctx.shapeOf(node.input(0));
    const Shape& y = ctx.shapeOf(node.outputs[0]);
    if (x.size() < 3 || x.size() > 5 || elementCount(x) == 0 || elementCount(y) == 0 || x[0] != y[0] || x[1] != y[1])
        return false;
    const ResizeSpec spec = resizeSpecOf(node, x);
    const bool nearest = spec.mode == "nearest";
    if (!nearest && spec.mode != "linear")
        return false;
    for (std::size_t a = 2; a < x.size(); ++a)
        for (int64_t o = 0; o < y[a]; ++o) {
            const auto onnx = resizeTaps(spec, a, x[a], o);
            if (onnx.empty() || !sameTaps(dnnlTaps(nearest, o, y[a], x[a]), onnx))
                return false;
        }
    const int src = ctx.slotOf(node.input(0));
    const auto dstAny = dnnl::memory::desc(LoweringContext::dims(y), dnnl::memory::data_type::f32, dnnl::memory::format_tag::any);
    const auto alg = nearest ? dnnl::algorithm::resampling_nearest : dnnl::algorithm::resampling_linear;
    const dnnl::resampling_forward::desc d(dnnl::prop_kind::forward_inference, alg, ctx.descOf(src), dstAny);
    const dnnl::resampling_forward::primitive_desc pd(d, ctx.engine());
    const int source = ctx.reorderTo(src, pd.src_desc(), node.name + " input");
    const int dst = ctx.addSlot(pd.dst_desc());
    ctx.addPrimitive(node, dnnl::resampling_forward(pd), {{DNNL_ARG_SRC, source}, {DNNL_ARG_DST, dst}}, {node.outputs[0]});
    ctx.bindValue(node.outputs[0], dst, pd.dst_desc() == LoweringContext::plainDesc(y));
    return true;
}

} // namespace qs
