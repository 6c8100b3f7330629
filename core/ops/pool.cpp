// Pooling: MaxPool, AveragePool (ceil_mode, count_include_pad, dilations), GlobalAveragePool, GlobalMaxPool.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <limits>

namespace qs {
namespace {

class PoolOp : public Op {
public:
    explicit PoolOp(const char* type) : m_type(type) {}
    const char* type() const override { return m_type; }

    bool isGlobal() const { return m_type[0] == 'G'; }
    bool isMax() const { return std::string(m_type).find("Max") != std::string::npos; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        const Shape& x = ctx.in(0).shape;
        if (x.size() < 3 || x.size() > 5)
            throw Error("pooling supports 1 to 3 spatial dims, input is " + toString(x));
        if (ctx.node.outputs.size() > 1 && !ctx.node.outputs[1].empty())
            throw Error("the Indices output of MaxPool is not supported");
        Shape out{x[0], x[1]};
        if (isGlobal()) {
            out.resize(x.size(), 1);
        } else {
            const auto kernel = ctx.node.attributes.ints("kernel_shape");
            if (kernel.size() != x.size() - 2)
                throw Error("kernel_shape must have " + std::to_string(x.size() - 2) + " values");
            if (ctx.node.attributes.i("storage_order", 0) != 0)
                throw Error("storage_order=1 is not supported");
            const auto g = resolveWindow(ctx.node, {x.begin() + 2, x.end()}, kernel, ctx.node.attributes.i("ceil_mode", 0));
            out.insert(out.end(), g.outputSpatial.begin(), g.outputSpatial.end());
        }
        ctx.outputs = {makeInfo(ctx.in(0).dtype, out)};
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        if (in[0]->dtype() != DataType::Float32) { // integer max pooling (uint8 tests): compute in float
            const Tensor x = in[0]->cast(DataType::Float32);
            return {run(node, {&x})[0].cast(in[0]->dtype())};
        }
        const Tensor& x = *in[0];
        const std::size_t spatialRank = x.shape().size() - 2;
        const std::vector<int64_t> spatial(x.shape().begin() + 2, x.shape().end());
        WindowGeometry g;
        if (isGlobal()) {
            g.kernel = spatial;
            g.strides = g.dilations = std::vector<int64_t>(spatialRank, 1);
            g.padsBegin = g.padsEnd = std::vector<int64_t>(spatialRank, 0);
            g.outputSpatial = std::vector<int64_t>(spatialRank, 1);
        } else {
            g = windowOf(node, spatial, node.attributes.ints("kernel_shape"), node.attributes.i("ceil_mode", 0));
        }
        const bool includePad = node.attributes.i("count_include_pad", 0) != 0;
        auto dims3 = [&](const std::vector<int64_t>& v, int64_t fill) {
            std::vector<int64_t> r(3 - spatialRank, fill);
            r.insert(r.end(), v.begin(), v.end());
            return r;
        };
        const auto in3 = dims3(spatial, 1), k3 = dims3(g.kernel, 1), s3 = dims3(g.strides, 1);
        const auto d3 = dims3(g.dilations, 1), p3 = dims3(g.padsBegin, 0), e3 = dims3(g.padsEnd, 0);
        const auto o3 = dims3(g.outputSpatial, 1);
        Shape outShape{x.shape()[0], x.shape()[1]};
        outShape.insert(outShape.end(), g.outputSpatial.begin(), g.outputSpatial.end());
        Tensor y(DataType::Float32, outShape);
        const int64_t planes = x.shape()[0] * x.shape()[1];
        const int64_t inPlane = in3[0] * in3[1] * in3[2], outPlane = o3[0] * o3[1] * o3[2];
        for (int64_t p = 0; p < planes; ++p) {
            const float* xp = x.data<float>() + p * inPlane;
            float* yp = y.data<float>() + p * outPlane;
            for (int64_t od = 0; od < o3[0]; ++od)
                for (int64_t oh = 0; oh < o3[1]; ++oh)
                    for (int64_t ow = 0; ow < o3[2]; ++ow) {
                        double sum = 0.0;
                        float best = -std::numeric_limits<float>::infinity();
                        int64_t valid = 0, padded = 0;
                        for (int64_t kd = 0; kd < k3[0]; ++kd)
                            for (int64_t kh = 0; kh < k3[1]; ++kh)
                                for (int64_t kw = 0; kw < k3[2]; ++kw) {
                                    const int64_t id = od * s3[0] - p3[0] + kd * d3[0];
                                    const int64_t ih = oh * s3[1] - p3[1] + kh * d3[1];
                                    const int64_t iw = ow * s3[2] - p3[2] + kw * d3[2];
                                    // Positions inside the explicit padding count for count_include_pad; the
                                    // extra ceil_mode overhang beyond it never does.
                                    if (id < -p3[0] || id >= in3[0] + e3[0] || ih < -p3[1] || ih >= in3[1] + e3[1] ||
                                        iw < -p3[2] || iw >= in3[2] + e3[2])
                                        continue;
                                    ++padded;
                                    if (id < 0 || id >= in3[0] || ih < 0 || ih >= in3[1] || iw < 0 || iw >= in3[2])
                                        continue;
                                    const float v = xp[(id * in3[1] + ih) * in3[2] + iw];
                                    sum += v;
                                    best = std::max(best, v);
                                    ++valid;
                                }
                        float value;
                        if (isMax())
                            value = best;
                        else
                            value = static_cast<float>(sum / static_cast<double>(std::max<int64_t>(1, includePad ? padded : valid)));
                        yp[(od * o3[1] + oh) * o3[2] + ow] = value;
                    }
        }
        return {std::move(y)};
    }

    OpPrepareTraits prepareTraits(const Node&) const override
    {
        OpPrepareTraits t;
        t.positivelyHomogeneous = true; // max and mean of a channel's window: a channel's scale passes through
        return t;
    }

    OpQuantTraits quantTraits(const Node&) const override
    {
        OpQuantTraits t;
        t.quantizable = true;
        // oneDNN pools u8/s8 in place of floats, keeping the input's scale and zero point (GlobalMaxPool has no
        // integer lowering yet).
        t.role = type() == std::string("GlobalMaxPool") ? QuantRole::None : QuantRole::PassThrough;
        t.commutesWithRelu = isMax();
        return t;
    }

private:
    const char* m_type;
};

} // namespace

std::unique_ptr<Op> makePoolOp(const char* type) { return std::make_unique<PoolOp>(type); }

} // namespace qs
