// Resize (opset 10-17: nearest with every nearest_mode, linear, cubic; every coordinate_transformation_mode;
// scales or sizes) and Upsample (opset 7-9: nearest/linear over asymmetric coordinates). The taps follow
// ONNX's reference implementation exactly, including its edge padding and the integer-coordinate case.
#include "core/ops/resize.h"

#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {

ResizeSpec resizeSpecOf(const Node& node, const Shape& input)
{
    ResizeSpec s;
    s.mode = node.attributes.s("mode", "nearest");
    s.coordinates = node.attributes.s("coordinate_transformation_mode", "half_pixel");
    s.nearestMode = node.attributes.s("nearest_mode", "round_prefer_floor");
    s.cubicA = node.attributes.f("cubic_coeff_a", -0.75f);
    s.excludeOutside = node.attributes.i("exclude_outside", 0) != 0;
    s.extrapolation = node.attributes.f("extrapolation_value", 0.0f);
    s.out = node.attributes.ints("_out");
    if (s.out.size() != input.size())
        throw Error("internal: Resize node was not normalised by inference");
    const std::vector<float> scales = node.attributes.floats("_scales");
    for (std::size_t i = 0; i < input.size(); ++i)
        s.scales.push_back(scales.empty() ? static_cast<double>(s.out[i]) / static_cast<double>(input[i]) : scales[i]);
    for (float r : node.attributes.floats("_roi"))
        s.roi.push_back(r);
    return s;
}

namespace {

std::vector<double> cubicCoefficients(double r, double a)
{
    const double r1 = r + 1, s = 1 - r, s1 = s + 1;
    return {((a * r1 - 5 * a) * r1 + 8 * a) * r1 - 4 * a, ((a + 2) * r - (a + 3)) * r * r + 1,
            ((a + 2) * s - (a + 3)) * s * s + 1, ((a * s1 - 5 * a) * s1 + 8 * a) * s1 - 4 * a};
}

} // namespace

std::vector<ResizeTap> resizeTaps(const ResizeSpec& spec, std::size_t axis, int64_t inLength, int64_t o)
{
    const double scale = spec.scales[axis];
    const double outLength = scale * static_cast<double>(inLength);
    const double x = static_cast<double>(o);
    const double in = static_cast<double>(inLength);
    double xo;
    const std::string& c = spec.coordinates;
    if (c == "half_pixel")
        xo = (x + 0.5) / scale - 0.5;
    else if (c == "pytorch_half_pixel")
        xo = outLength > 1 ? (x + 0.5) / scale - 0.5 : -0.5;
    else if (c == "align_corners")
        xo = outLength == 1 ? 0.0 : x * (in - 1) / (outLength - 1);
    else if (c == "asymmetric")
        xo = x / scale;
    else if (c == "tf_half_pixel_for_nn")
        xo = (x + 0.5) / scale;
    else if (c == "tf_crop_and_resize") {
        const std::size_t rank = spec.roi.size() / 2;
        const double start = spec.roi[axis], end = spec.roi[axis + rank];
        xo = outLength == 1 ? (end - start) * (in - 1) / 2 : x * (end - start) * (in - 1) / (outLength - 1);
        xo += start * (in - 1);
        if (xo < 0 || xo > in - 1)
            return {};
    } else
        throw Error("unsupported coordinate_transformation_mode '" + c + "'");

    if (!(std::abs(xo) < 1e15)) // NaN or absurd scales / roi in a corrupt model: the coordinate cannot be an index
        throw Error("output coordinate " + std::to_string(o) + " of axis " + std::to_string(axis) + " maps to input coordinate " +
                    std::to_string(xo) + " (scale " + std::to_string(scale) + ")");
    auto clampIndex = [&](int64_t i) { return std::clamp<int64_t>(i, 0, inLength - 1); };
    // As ONNX's reference: an integer coordinate is "ratio 1 from the index below".
    const bool integral = xo == std::floor(xo);
    const int64_t base = static_cast<int64_t>(std::floor(xo)) - (integral ? 1 : 0);
    const double ratio = integral ? 1.0 : xo - std::floor(xo);
    if (spec.mode == "nearest") {
        bool upper;
        if (integral)
            upper = true;
        else if (spec.nearestMode == "round_prefer_floor")
            upper = ratio > 0.5;
        else if (spec.nearestMode == "round_prefer_ceil")
            upper = ratio >= 0.5;
        else if (spec.nearestMode == "floor")
            upper = false;
        else if (spec.nearestMode == "ceil")
            upper = true;
        else
            throw Error("unsupported nearest_mode '" + spec.nearestMode + "'");
        return {{clampIndex(base + (upper ? 1 : 0)), 1.0}};
    }
    if (spec.mode == "linear")
        return {{clampIndex(base), 1.0 - ratio}, {clampIndex(base + 1), ratio}};
    if (spec.mode != "cubic")
        throw Error("unsupported Resize mode '" + spec.mode + "'");
    std::vector<double> w = cubicCoefficients(ratio, spec.cubicA);
    std::vector<ResizeTap> taps;
    double sum = 0.0;
    for (int k = 0; k < 4; ++k) {
        const int64_t i = base - 1 + k;
        if (spec.excludeOutside && (i < 0 || i >= inLength))
            w[k] = 0.0;
        sum += w[k];
        taps.push_back({clampIndex(i), w[k]});
    }
    if (spec.excludeOutside)
        for (auto& t : taps)
            t.weight /= sum;
    return taps;
}

namespace {

std::vector<Tensor> runResize(const Node& node, const Tensor& xIn)
{
    const Tensor x = xIn.cast(DataType::Float32);
    const Shape& shape = x.shape();
    const ResizeSpec spec = resizeSpecOf(node, shape);
    const std::size_t rank = shape.size();
    // An empty output needs no taps; it may still have an absurdly long axis (out [0, 10^12] in a corrupt model),
    // whose taps would be built one by one for minutes.
    if (elementCount(spec.out) == 0)
        return {Tensor(DataType::Float32, spec.out)};
    // taps[axis][outCoord]
    std::vector<std::vector<std::vector<ResizeTap>>> taps(rank);
    for (std::size_t a = 0; a < rank; ++a)
        for (int64_t o = 0; o < spec.out[a]; ++o)
            taps[a].push_back(resizeTaps(spec, a, shape[a], o));
    const std::vector<int64_t> strides = stridesOf(shape);
    Tensor y(DataType::Float32, spec.out);
    float* yd = y.data<float>();
    const float* xd = x.data<float>();
    std::vector<int64_t> coord(rank, 0), pick(rank, 0);
    for (int64_t o = 0; o < y.size(); ++o) {
        bool outside = false;
        for (std::size_t a = 0; a < rank; ++a)
            outside = outside || taps[a][coord[a]].empty();
        double acc = 0.0;
        if (outside) {
            acc = spec.extrapolation;
        } else {
            // Sum over the cartesian product of the per-axis taps.
            std::fill(pick.begin(), pick.end(), 0);
            while (true) {
                double w = 1.0;
                int64_t from = 0;
                for (std::size_t a = 0; a < rank; ++a) {
                    const ResizeTap& t = taps[a][coord[a]][pick[a]];
                    w *= t.weight;
                    from += t.index * strides[a];
                }
                acc += w * xd[from];
                int a = static_cast<int>(rank) - 1;
                for (; a >= 0; --a) {
                    if (++pick[a] < static_cast<int64_t>(taps[a][coord[a]].size()))
                        break;
                    pick[a] = 0;
                }
                if (a < 0)
                    break;
            }
        }
        yd[o] = static_cast<float>(acc);
        for (int a = static_cast<int>(rank) - 1; a >= 0; --a) {
            if (++coord[a] < spec.out[a])
                break;
            coord[a] = 0;
        }
    }
    return {xIn.dtype() == DataType::Float32 ? std::move(y) : y.cast(xIn.dtype())};
}

std::vector<float> scalesFrom(const Tensor& t, std::size_t rank)
{
    std::vector<float> scales = t.toFloat();
    if (scales.size() != rank)
        throw Error("scales has " + std::to_string(scales.size()) + " entries for rank " + std::to_string(rank));
    for (float s : scales)
        if (!(s > 0.0f))
            throw Error("scales must be positive");
    return scales;
}

// Records the resolved output shape and scales on the node.
void setGeometry(Node& node, const Shape& x, const std::vector<float>& scales, const std::vector<int64_t>& sizes)
{
    Shape out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double scaled = sizes.empty() ? std::floor(static_cast<double>(x[i]) * scales[i]) : 0.0;
        if (sizes.empty() && !(scaled >= 0.0 && scaled < 9.2e18)) // NaN, negative or past int64 (a corrupt model's scales)
            throw Error("scale " + std::to_string(scales[i]) + " of dim " + std::to_string(i) + " gives no valid size");
        out[i] = sizes.empty() ? static_cast<int64_t>(scaled) : sizes[i];
    }
    node.attributes.set("_out", out);
    if (sizes.empty())
        node.attributes.set("_scales", scales);
    else
        node.attributes.erase("_scales");
}

void checkModes(const Node& node)
{
    const std::string mode = node.attributes.s("mode", "nearest");
    if (mode != "nearest" && mode != "linear" && mode != "cubic")
        throw Error("unsupported mode '" + mode + "'");
    if (node.attributes.has("axes") || node.attributes.has("keep_aspect_ratio_policy"))
        throw Error("Resize-18 attributes axes/keep_aspect_ratio_policy are not supported");
}

class ResizeOp : public Op {
public:
    const char* type() const override { return "Resize"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 4);
        const Shape& x = ctx.in(0).shape;
        Node& node = ctx.node;
        checkModes(node);
        std::vector<float> scales;
        std::vector<int64_t> sizes;
        if (ctx.opset < 11) { // Resize-10: (X, scales), asymmetric coordinates
            if (!ctx.has(1))
                throw Error("the scales input is required");
            scales = scalesFrom(ctx.constantInput(1, "scales"), x.size());
            node.attributes.set("coordinate_transformation_mode", std::string("asymmetric"));
            node.attributes.set("nearest_mode", std::string("floor"));
        } else {
            const bool hasScales = ctx.has(2) && elementCount(ctx.in(2).shape) > 0;
            const bool hasSizes = ctx.has(3) && elementCount(ctx.in(3).shape) > 0;
            if (hasScales == hasSizes)
                throw Error("exactly one of scales and sizes must be given");
            if (hasScales)
                scales = scalesFrom(ctx.constantInput(2, "scales"), x.size());
            else {
                sizes = ctx.constantInput(3, "sizes").toInt64();
                if (sizes.size() != x.size())
                    throw Error("sizes has " + std::to_string(sizes.size()) + " entries for rank " + std::to_string(x.size()));
                for (int64_t s : sizes)
                    if (s <= 0)
                        throw Error("sizes must be positive");
            }
            const std::string coordinates = node.attributes.s("coordinate_transformation_mode", "half_pixel");
            node.attributes.set("coordinate_transformation_mode", coordinates);
            if (coordinates == "tf_crop_and_resize") {
                const std::vector<float> roi = ctx.constantInput(1, "roi").toFloat();
                if (roi.size() != 2 * x.size())
                    throw Error("roi has " + std::to_string(roi.size()) + " entries for rank " + std::to_string(x.size()));
                node.attributes.set("_roi", roi);
            }
        }
        setGeometry(node, x, scales, sizes);
        resizeSpecOf(node, x); // validates
        ctx.outputs = {makeInfo(ctx.in(0).dtype, node.attributes.ints("_out"))};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        return runResize(node, *in[0]);
    }
};

class UpsampleOp : public Op {
public:
    const char* type() const override { return "Upsample"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 2);
        const Shape& x = ctx.in(0).shape;
        const std::string mode = ctx.node.attributes.s("mode", "nearest");
        if (mode != "nearest" && mode != "linear")
            throw Error("unsupported Upsample mode '" + mode + "'");
        const std::vector<float> scales =
            ctx.has(1) ? scalesFrom(ctx.constantInput(1, "scales"), x.size()) : scalesFrom(Tensor::fromFloats({static_cast<int64_t>(ctx.node.attributes.floats("scales").size())}, ctx.node.attributes.floats("scales")), x.size());
        ctx.node.attributes.set("coordinate_transformation_mode", std::string("asymmetric"));
        ctx.node.attributes.set("nearest_mode", std::string("floor"));
        setGeometry(ctx.node, x, scales, {});
        ctx.outputs = {makeInfo(ctx.in(0).dtype, ctx.node.attributes.ints("_out"))};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        return runResize(node, *in[0]);
    }
};

} // namespace

std::unique_ptr<Op> makeResizeOp() { return std::make_unique<ResizeOp>(); }
std::unique_ptr<Op> makeUpsampleOp() { return std::make_unique<UpsampleOp>(); }

} // namespace qs
