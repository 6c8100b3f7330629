// Conv: N-D convolution (1-3 spatial dims) with groups (depthwise included), strides, dilations, pads, auto_pad.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {
namespace {

class ConvOp : public Op {
public:
    const char* type() const override { return "Conv"; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 3);
        checkConvRanks(ctx, "Conv");
        const Shape& x = ctx.in(0).shape;
        const Shape& w = ctx.in(1).shape;
        const int64_t group = ctx.node.attributes.i("group", 1);
        if (group <= 0 || (x[1] >= 0 && x[1] != w[1] * group))
            throw Error("input channels " + std::to_string(x[1]) + " != weight channels " + std::to_string(w[1]) +
                        " x group " + std::to_string(group));
        if (w[0] % group != 0)
            throw Error("output channels " + std::to_string(w[0]) + " not divisible by group " + std::to_string(group));
        const std::vector<int64_t> kernel = convKernel(ctx, w[0]);
        const WindowGeometry g = resolveWindow(ctx.node, {x.begin() + 2, x.end()}, kernel);
        Shape out{x[0], w[0]};
        out.insert(out.end(), g.outputSpatial.begin(), g.outputSpatial.end());
        ctx.outputs = {makeInfo(ctx.in(0).dtype, out)};
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const Tensor& w = *in[1];
        const Tensor* b = in.size() > 2 ? in[2] : nullptr;
        const std::size_t spatialRank = x.shape().size() - 2;
        const WindowGeometry g = windowOf(node, {x.shape().begin() + 2, x.shape().end()}, {w.shape().begin() + 2, w.shape().end()});
        const int64_t group = node.attributes.i("group", 1);
        const int64_t n = x.shape()[0], c = x.shape()[1], m = w.shape()[0];
        const int64_t cg = c / group, mg = m / group;

        // Embed 1-3 spatial dims into 3 (D, H, W) with size-1 leading dims.
        auto dims3 = [&](const std::vector<int64_t>& v, int64_t fill) {
            std::vector<int64_t> r(3 - spatialRank, fill);
            r.insert(r.end(), v.begin(), v.end());
            return r;
        };
        const auto in3 = dims3({x.shape().begin() + 2, x.shape().end()}, 1);
        const auto k3 = dims3(g.kernel, 1), s3 = dims3(g.strides, 1), d3 = dims3(g.dilations, 1);
        const auto p3 = dims3(g.padsBegin, 0), o3 = dims3(g.outputSpatial, 1);

        Shape outShape{n, m};
        outShape.insert(outShape.end(), g.outputSpatial.begin(), g.outputSpatial.end());
        Tensor y(DataType::Float32, outShape);
        const float* xd = x.data<float>();
        const float* wd = w.data<float>();
        float* yd = y.data<float>();
        const int64_t inPlane = in3[0] * in3[1] * in3[2], kPlane = k3[0] * k3[1] * k3[2];
        const int64_t outPlane = o3[0] * o3[1] * o3[2];
        for (int64_t b0 = 0; b0 < n; ++b0)
            for (int64_t oc = 0; oc < m; ++oc) {
                const int64_t gi = oc / mg;
                const float bias = b ? b->data<float>()[oc] : 0.0f;
                float* yo = yd + (b0 * m + oc) * outPlane;
                for (int64_t od = 0; od < o3[0]; ++od)
                    for (int64_t oh = 0; oh < o3[1]; ++oh)
                        for (int64_t ow = 0; ow < o3[2]; ++ow) {
                            double acc = 0.0;
                            for (int64_t ic = 0; ic < cg; ++ic) {
                                const float* xc = xd + (b0 * c + gi * cg + ic) * inPlane;
                                const float* wc = wd + (oc * cg + ic) * kPlane;
                                for (int64_t kd = 0; kd < k3[0]; ++kd) {
                                    const int64_t id = od * s3[0] - p3[0] + kd * d3[0];
                                    if (id < 0 || id >= in3[0])
                                        continue;
                                    for (int64_t kh = 0; kh < k3[1]; ++kh) {
                                        const int64_t ih = oh * s3[1] - p3[1] + kh * d3[1];
                                        if (ih < 0 || ih >= in3[1])
                                            continue;
                                        for (int64_t kw = 0; kw < k3[2]; ++kw) {
                                            const int64_t iw = ow * s3[2] - p3[2] + kw * d3[2];
                                            if (iw < 0 || iw >= in3[2])
                                                continue;
                                            acc += static_cast<double>(xc[(id * in3[1] + ih) * in3[2] + iw]) *
                                                   wc[(kd * k3[1] + kh) * k3[2] + kw];
                                        }
                                    }
                                }
                            }
                            yo[(od * o3[1] + oh) * o3[2] + ow] = static_cast<float>(acc + bias);
                        }
            }
        return {std::move(y)};
    }

    OpPrepareTraits prepareTraits(const Node&) const override
    {
        OpPrepareTraits t;
        t.absorbsChannelAffine = true; // weights [O, ...] scale by output channel, the bias shifts
        t.scalesByInputChannel = true;
        t.absorbsChannelShift = true;
        return t;
    }

    int64_t multiplyAccumulates(const std::vector<Shape>& in, const Shape& out) const override
    {
        // Each output element is a dot product over one filter: I/group x k... of W [O, I/group, k...].
        return in.size() > 1 && !in[1].empty() ? elementCount(out) * (elementCount(in[1]) / std::max<int64_t>(1, in[1][0])) : 0;
    }

    OpQuantTraits quantTraits(const Node&) const override
    {
        OpQuantTraits t;
        t.quantizable = true;
        t.role = QuantRole::IntegerLayer;
        t.weightInputs = {1}; // [O, I/group, k...]: output channels on axis 0
        t.biasInput = 2;
        return t;
    }
};

} // namespace

std::unique_ptr<Op> makeConvOp() { return std::make_unique<ConvOp>(); }

} // namespace qs
