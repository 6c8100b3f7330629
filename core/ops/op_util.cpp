#include "core/ops/op_util.h"

#include "core/util/error.h"

#include <algorithm>

namespace qs {

ValueInfo makeInfo(DataType type, Shape shape)
{
    ValueInfo info;
    info.dtype = type;
    info.shape = std::move(shape);
    info.shapeKnown = true;
    return info;
}

Shape broadcastShapes(const Shape& a, const Shape& b)
{
    const std::size_t rank = std::max(a.size(), b.size());
    Shape out(rank);
    for (std::size_t k = 0; k < rank; ++k) {
        const int64_t da = k < a.size() ? a[a.size() - 1 - k] : 1;
        const int64_t db = k < b.size() ? b[b.size() - 1 - k] : 1;
        int64_t d;
        if (da == db || db == 1)
            d = da;
        else if (da == 1)
            d = db;
        else if (da < 0 || db < 0)
            d = -1;
        else
            throw Error("shapes " + toString(a) + " and " + toString(b) + " cannot be broadcast together");
        out[rank - 1 - k] = d;
    }
    return out;
}

Shape broadcastAll(const std::vector<Shape>& shapes)
{
    Shape out = shapes.empty() ? Shape{} : shapes[0];
    for (std::size_t i = 1; i < shapes.size(); ++i)
        out = broadcastShapes(out, shapes[i]);
    return out;
}

std::vector<Shape> shapesOf(const std::vector<const Tensor*>& in)
{
    std::vector<Shape> shapes;
    for (const Tensor* t : in)
        shapes.push_back(t->shape());
    return shapes;
}

int64_t normalizeAxis(int64_t axis, int64_t rank)
{
    if (axis < -rank || axis >= std::max<int64_t>(rank, 1))
        throw Error("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
    return axis < 0 ? axis + rank : axis;
}

int64_t resolveAxisAttribute(InferContext& ctx, std::size_t rank, int64_t fallback)
{
    // Concat, Split, ArgMax, Gather, Softmax index a dimension: a scalar has none (axis 0 of rank 0 used to pass
    // and crash the kernels).
    if (rank == 0)
        throw Error("needs an input of rank 1 or more for its axis, got a scalar");
    const int64_t axis = normalizeAxis(ctx.node.attributes.i("axis", fallback), static_cast<int64_t>(rank));
    ctx.node.attributes.set("axis", axis);
    return axis;
}

void requireInputs(const InferContext& ctx, std::size_t min, int max)
{
    const std::size_t count = ctx.node.inputs.size();
    if (count < min || (max >= 0 && count > static_cast<std::size_t>(max)))
        throw Error("expects " + std::to_string(min) + (max < 0 ? "+" : max == static_cast<int>(min) ? "" : "-" + std::to_string(max)) +
                    " inputs, has " + std::to_string(count));
    for (std::size_t i = 0; i < min; ++i) {
        if (!ctx.has(i))
            throw Error("input " + std::to_string(i) + " is required");
        if (!ctx.inputs[i]->shapeKnown)
            throw Error("the shape of input '" + ctx.node.inputs[i] + "' is unknown");
    }
}

void requireAllInputs(const InferContext& ctx, std::size_t min, int max)
{
    requireInputs(ctx, min, max);
    for (std::size_t i = 0; i < ctx.node.inputs.size(); ++i)
        if (!ctx.has(i) || !ctx.inputs[i]->shapeKnown)
            throw Error("input " + std::to_string(i) + " is missing or has an unknown shape");
}

void checkConvRanks(const InferContext& ctx, const char* op)
{
    const Shape& x = ctx.in(0).shape;
    const Shape& w = ctx.in(1).shape;
    if (x.size() < 3 || x.size() > 5)
        throw Error(std::string(op) + " supports 1 to 3 spatial dims, input is " + toString(x));
    if (w.size() != x.size())
        throw Error("weight rank " + toString(w) + " does not match input " + toString(x));
}

std::vector<int64_t> convKernel(const InferContext& ctx, int64_t outputChannels)
{
    const Shape& w = ctx.in(1).shape;
    if (ctx.has(2) && ctx.in(2).shape != Shape{outputChannels})
        throw Error("bias shape " + toString(ctx.in(2).shape) + " should be [" + std::to_string(outputChannels) + "]");
    const std::vector<int64_t> kernel(w.begin() + 2, w.end());
    if (ctx.node.attributes.ints("kernel_shape", kernel) != kernel)
        throw Error("kernel_shape attribute does not match the weight shape " + toString(w));
    return kernel;
}

WindowGeometry windowOf(const Node& node, const std::vector<int64_t>& spatial, const std::vector<int64_t>& kernel,
                        bool ceilMode)
{
    const std::size_t n = spatial.size();
    WindowGeometry g;
    g.kernel = kernel;
    g.strides = node.attributes.ints("strides", std::vector<int64_t>(n, 1));
    g.dilations = node.attributes.ints("dilations", std::vector<int64_t>(n, 1));
    std::vector<int64_t> pads = node.attributes.ints("pads", std::vector<int64_t>(2 * n, 0));
    if (g.kernel.size() != n || g.strides.size() != n || g.dilations.size() != n || pads.size() != 2 * n)
        throw Error("kernel/strides/dilations/pads do not match the " + std::to_string(n) + " spatial dims");
    g.padsBegin.assign(pads.begin(), pads.begin() + static_cast<long>(n));
    g.padsEnd.assign(pads.begin() + static_cast<long>(n), pads.end());
    g.outputSpatial.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (g.strides[i] <= 0 || g.dilations[i] <= 0 || g.kernel[i] <= 0)
            throw Error("kernel, strides and dilations must be positive");
        const int64_t effective = (g.kernel[i] - 1) * g.dilations[i] + 1;
        const int64_t span = spatial[i] + g.padsBegin[i] + g.padsEnd[i] - effective;
        if (span < 0)
            throw Error("kernel " + std::to_string(effective) + " is larger than the padded input " +
                        std::to_string(spatial[i] + g.padsBegin[i] + g.padsEnd[i]));
        int64_t out = ceilMode ? (span + g.strides[i] - 1) / g.strides[i] + 1 : span / g.strides[i] + 1;
        // ONNX (like PyTorch) drops a last window that would start inside the end padding.
        if (ceilMode && (out - 1) * g.strides[i] >= spatial[i] + g.padsBegin[i])
            --out;
        g.outputSpatial[i] = out;
    }
    return g;
}

WindowGeometry resolveWindow(Node& node, const std::vector<int64_t>& spatial, const std::vector<int64_t>& kernel,
                             bool ceilMode)
{
    const std::string autoPad = node.attributes.s("auto_pad", "NOTSET");
    const std::size_t n = spatial.size();
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER" || autoPad == "VALID") {
        std::vector<int64_t> strides = node.attributes.ints("strides", std::vector<int64_t>(n, 1));
        std::vector<int64_t> dilations = node.attributes.ints("dilations", std::vector<int64_t>(n, 1));
        std::vector<int64_t> pads(2 * n, 0);
        if (autoPad != "VALID") {
            for (std::size_t i = 0; i < n && i < strides.size() && i < dilations.size(); ++i) {
                const int64_t out = (spatial[i] + strides[i] - 1) / strides[i];
                const int64_t effective = (kernel[i] - 1) * dilations[i] + 1;
                const int64_t total = std::max<int64_t>(0, (out - 1) * strides[i] + effective - spatial[i]);
                const int64_t small = total / 2, large = total - small;
                pads[i] = autoPad == "SAME_UPPER" ? small : large;
                pads[i + n] = autoPad == "SAME_UPPER" ? large : small;
            }
        }
        node.attributes.set("pads", pads);
        node.attributes.erase("auto_pad");
    } else if (autoPad != "NOTSET") {
        throw Error("unknown auto_pad '" + autoPad + "'");
    }
    return windowOf(node, spatial, kernel, ceilMode);
}

OpQuantTraits movesElementsTraits()
{
    OpQuantTraits t;
    t.role = QuantRole::PassThrough;
    return t;
}

} // namespace qs
