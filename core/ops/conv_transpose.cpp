// ConvTranspose: N-D transposed convolution (1-3 spatial dims) with groups, strides, dilations, pads,
// output_padding, output_shape and auto_pad. Weights are [C_in, C_out/group, k...]. Inference resolves
// auto_pad and output_shape into explicit "pads" (the end pad may be negative: output_shape larger than
// the natural size extends the output), so the reference and the engine read one form.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {
namespace {

int64_t floorDiv2(int64_t v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }

struct DeconvGeometry {
    std::vector<int64_t> kernel, strides, dilations, padsBegin, padsEnd, outputPadding, outputSpatial;
};

DeconvGeometry deconvGeometry(const Node& node, const Shape& x, const Shape& w)
{
    const std::size_t n = x.size() - 2;
    DeconvGeometry g;
    g.kernel.assign(w.begin() + 2, w.end());
    g.strides = node.attributes.ints("strides", std::vector<int64_t>(n, 1));
    g.dilations = node.attributes.ints("dilations", std::vector<int64_t>(n, 1));
    g.outputPadding = node.attributes.ints("output_padding", std::vector<int64_t>(n, 0));
    const std::vector<int64_t> pads = node.attributes.ints("pads", std::vector<int64_t>(2 * n, 0));
    if (g.strides.size() != n || g.dilations.size() != n || g.outputPadding.size() != n || pads.size() != 2 * n)
        throw Error("strides/dilations/output_padding/pads do not match the " + std::to_string(n) + " spatial dims");
    g.padsBegin.assign(pads.begin(), pads.begin() + static_cast<long>(n));
    g.padsEnd.assign(pads.begin() + static_cast<long>(n), pads.end());
    for (std::size_t i = 0; i < n; ++i) {
        if (g.strides[i] <= 0 || g.dilations[i] <= 0 || g.kernel[i] <= 0)
            throw Error("kernel, strides and dilations must be positive");
        if (g.outputPadding[i] < 0 || g.outputPadding[i] >= std::max(g.strides[i], g.dilations[i]))
            throw Error("output_padding must be smaller than the stride or the dilation");
        const int64_t out = g.strides[i] * (x[2 + i] - 1) + g.outputPadding[i] + (g.kernel[i] - 1) * g.dilations[i] + 1 -
                            g.padsBegin[i] - g.padsEnd[i];
        if (out <= 0)
            throw Error("the output would be empty");
        g.outputSpatial.push_back(out);
    }
    return g;
}

// Rewrites auto_pad / output_shape into explicit pads.
void resolvePads(Node& node, const Shape& x, const Shape& w, int64_t opset)
{
    (void)opset;
    const std::size_t n = x.size() - 2;
    const std::string autoPad = node.attributes.s("auto_pad", "NOTSET");
    if (autoPad != "NOTSET" && autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER" && autoPad != "VALID")
        throw Error("unknown auto_pad '" + autoPad + "'");
    std::vector<int64_t> outputShape = node.attributes.ints("output_shape");
    if (outputShape.size() == n + 2)
        outputShape.erase(outputShape.begin(), outputShape.begin() + 2);
    if (!outputShape.empty() && outputShape.size() != n)
        throw Error("output_shape has " + std::to_string(outputShape.size()) + " entries for " + std::to_string(n) + " spatial dims");
    if (outputShape.empty() && (autoPad == "NOTSET" || autoPad == "VALID")) {
        if (autoPad == "VALID")
            node.attributes.set("pads", std::vector<int64_t>(2 * n, 0));
        node.attributes.erase("auto_pad");
        return;
    }
    const auto strides = node.attributes.ints("strides", std::vector<int64_t>(n, 1));
    const auto dilations = node.attributes.ints("dilations", std::vector<int64_t>(n, 1));
    const auto outputPadding = node.attributes.ints("output_padding", std::vector<int64_t>(n, 0));
    if (strides.size() != n || dilations.size() != n || outputPadding.size() != n)
        throw Error("strides/dilations/output_padding do not match the " + std::to_string(n) + " spatial dims");
    std::vector<int64_t> pads(2 * n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const int64_t target = outputShape.empty() ? x[2 + i] * strides[i] : outputShape[i];
        const int64_t total = strides[i] * (x[2 + i] - 1) + outputPadding[i] + (w[2 + i] - 1) * dilations[i] + 1 - target;
        const int64_t half = floorDiv2(total);
        pads[i] = autoPad == "SAME_UPPER" ? half : total - half;
        pads[i + n] = total - pads[i];
    }
    node.attributes.set("pads", pads);
    node.attributes.erase("auto_pad");
    node.attributes.erase("output_shape");
}

class ConvTransposeOp : public Op {
public:
    const char* type() const override { return "ConvTranspose"; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 3);
        checkConvRanks(ctx, "ConvTranspose");
        const Shape& x = ctx.in(0).shape;
        const Shape& w = ctx.in(1).shape;
        const int64_t group = ctx.node.attributes.i("group", 1);
        if (group <= 0 || w[0] != x[1] || x[1] % group != 0)
            throw Error("input channels " + std::to_string(x[1]) + " do not match weights " + toString(w) + " with group " +
                        std::to_string(group));
        const int64_t m = w[1] * group;
        convKernel(ctx, m);
        resolvePads(ctx.node, x, w, ctx.opset);
        const DeconvGeometry g = deconvGeometry(ctx.node, x, w);
        Shape out{x[0], m};
        out.insert(out.end(), g.outputSpatial.begin(), g.outputSpatial.end());
        ctx.outputs = {makeInfo(ctx.in(0).dtype, out)};
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor x = in[0]->cast(DataType::Float32);
        const Tensor w = in[1]->cast(DataType::Float32);
        const Tensor* b = in.size() > 2 ? in[2] : nullptr;
        const DeconvGeometry g = deconvGeometry(node, x.shape(), w.shape());
        const std::size_t spatialRank = x.shape().size() - 2;
        const int64_t group = node.attributes.i("group", 1);
        const int64_t n = x.shape()[0], c = x.shape()[1], cg = c / group, mg = w.shape()[1], m = mg * group;

        auto dims3 = [&](const std::vector<int64_t>& v, int64_t fill) {
            std::vector<int64_t> r(3 - spatialRank, fill);
            r.insert(r.end(), v.begin(), v.end());
            return r;
        };
        const auto in3 = dims3({x.shape().begin() + 2, x.shape().end()}, 1);
        const auto k3 = dims3(g.kernel, 1), s3 = dims3(g.strides, 1), d3 = dims3(g.dilations, 1);
        const auto p3 = dims3(g.padsBegin, 0), o3 = dims3(g.outputSpatial, 1);
        const int64_t inPlane = in3[0] * in3[1] * in3[2], kPlane = k3[0] * k3[1] * k3[2], outPlane = o3[0] * o3[1] * o3[2];

        Shape outShape{n, m};
        outShape.insert(outShape.end(), g.outputSpatial.begin(), g.outputSpatial.end());
        std::vector<double> acc(static_cast<std::size_t>(elementCount(outShape)), 0.0);
        const float* xd = x.data<float>();
        const float* wd = w.data<float>();
        // Scatter: every input element adds kernel-weighted contributions to the outputs it reaches.
        for (int64_t b0 = 0; b0 < n; ++b0)
            for (int64_t ic = 0; ic < c; ++ic) {
                const int64_t gi = ic / cg;
                const float* xc = xd + (b0 * c + ic) * inPlane;
                for (int64_t oc = 0; oc < mg; ++oc) {
                    const float* wc = wd + (ic * mg + oc) * kPlane;
                    double* yo = acc.data() + (b0 * m + gi * mg + oc) * outPlane;
                    for (int64_t id = 0; id < in3[0]; ++id)
                        for (int64_t ih = 0; ih < in3[1]; ++ih)
                            for (int64_t iw = 0; iw < in3[2]; ++iw) {
                                const double v = xc[(id * in3[1] + ih) * in3[2] + iw];
                                for (int64_t kd = 0; kd < k3[0]; ++kd) {
                                    const int64_t od = id * s3[0] - p3[0] + kd * d3[0];
                                    if (od < 0 || od >= o3[0])
                                        continue;
                                    for (int64_t kh = 0; kh < k3[1]; ++kh) {
                                        const int64_t oh = ih * s3[1] - p3[1] + kh * d3[1];
                                        if (oh < 0 || oh >= o3[1])
                                            continue;
                                        for (int64_t kw = 0; kw < k3[2]; ++kw) {
                                            const int64_t ow = iw * s3[2] - p3[2] + kw * d3[2];
                                            if (ow < 0 || ow >= o3[2])
                                                continue;
                                            yo[(od * o3[1] + oh) * o3[2] + ow] += v * wc[(kd * k3[1] + kh) * k3[2] + kw];
                                        }
                                    }
                                }
                            }
                }
            }
        Tensor y(DataType::Float32, outShape);
        float* yd = y.data<float>();
        const std::vector<float> bias = b ? b->toFloat() : std::vector<float>(static_cast<std::size_t>(m), 0.0f);
        for (int64_t i = 0; i < y.size(); ++i)
            yd[i] = static_cast<float>(acc[i] + bias[(i / outPlane) % m]);
        return {std::move(y)};
    }

    int64_t multiplyAccumulates(const std::vector<Shape>& in, const Shape&) const override
    {
        // Each input element scatters into O/group x k... outputs of W [I, O/group, k...].
        return in.size() > 1 && !in[1].empty() ? elementCount(in[0]) * (elementCount(in[1]) / std::max<int64_t>(1, in[1][0])) : 0;
    }

    OpPrepareTraits prepareTraits(const Node&) const override
    {
        OpPrepareTraits t;
        t.absorbsChannelShift = true; // bias [C_out] adds per output channel, as Conv's
        return t;
    }

    OpQuantTraits quantTraits(const Node& node) const override
    {
        OpQuantTraits t;
        t.quantizable = true;
        t.role = QuantRole::IntegerLayer;
        t.weightInputs = {1};
        t.weightOutputAxis = 1; // [C_in, C_out/group, k...]
        t.weightGroups = node.attributes.i("group", 1);
        t.biasInput = 2;
        // The int8 deconvolution (like the float one) takes end pad - output_padding as its right pad and has no
        // kernel for one of -stride or less, which dilations allow (output_padding < max(stride, dilation)).
        const auto outputPadding = node.attributes.ints("output_padding");
        const std::size_t n = outputPadding.size();
        const auto strides = node.attributes.ints("strides", std::vector<int64_t>(n, 1));
        const auto pads = node.attributes.ints("pads", std::vector<int64_t>(2 * n, 0));
        for (std::size_t i = 0; i < n && i < strides.size() && n + i < pads.size(); ++i)
            if (outputPadding[i] - pads[n + i] >= strides[i])
                t.noIntegerKernel = "ConvTranspose with output_padding a stride or more past its end pad has no int8 kernel";
        return t;
    }
};

} // namespace

std::unique_ptr<Op> makeConvTransposeOp() { return std::make_unique<ConvTransposeOp>(); }

} // namespace qs
