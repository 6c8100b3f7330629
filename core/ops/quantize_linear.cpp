// QuantizeLinear and DequantizeLinear (opset 10 per tensor, 13 per axis): y = saturate(round(x / scale) + zero_point)
// and y = (x - zero_point) * scale. QuantScope reads them in QDQ models (ONNX Runtime's quantize_static output,
// and its own export: core/onnx_export/qdq_model.h) and runs them in FP32 on the reference kernels; a
// DequantizeLinear of constant integer weights folds into float weights when the graph is prepared.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

bool isQuantizedType(DataType t) { return t == DataType::UInt8 || t == DataType::Int8; }

// Scale and zero point are one value (per tensor) or one per index of `axis` of the data (per axis).
struct LinearParams {
    std::vector<float> scales;
    std::vector<double> zeroPoints;
    int64_t axis = 0;
    int64_t inner = 1; // elements per step of the axis
    int64_t axisSize = 1;

    std::size_t channelOf(int64_t element) const
    {
        return scales.size() == 1 ? 0 : static_cast<std::size_t>((element / inner) % axisSize);
    }
};

int64_t checkedAxis(const Node& node, const Shape& data, const Shape& scale)
{
    if (scale.size() > 1)
        throw Error("scale must be a scalar or 1-D, got " + toString(scale));
    const int64_t count = scale.empty() ? 1 : scale[0];
    if (count == 1) // per tensor: the axis is not read
        return 0;
    const int64_t axis = normalizeAxis(node.attributes.i("axis", 1), static_cast<int64_t>(data.size()));
    if (data[static_cast<std::size_t>(axis)] != count)
        throw Error("scale has " + std::to_string(count) + " values but axis " + std::to_string(axis) + " of the input " +
                    toString(data) + " does not have that many");
    return axis;
}

void checkZeroPoint(const InferContext& ctx, DataType expected, const char* what)
{
    if (!ctx.has(2))
        return;
    if (ctx.in(2).shape != ctx.in(1).shape)
        throw Error(std::string(what) + " zero point shape " + toString(ctx.in(2).shape) + " differs from the scale's " +
                    toString(ctx.in(1).shape));
    if (expected != DataType::Undefined && ctx.in(2).dtype != expected)
        throw Error(std::string(what) + " zero point is " + toString(ctx.in(2).dtype) + ", the data is " + toString(expected));
}

LinearParams paramsOf(const Node& node, const Tensor& data, const Tensor& scale, const Tensor* zeroPoint)
{
    LinearParams p;
    p.axis = checkedAxis(node, data.shape(), scale.shape());
    p.scales = scale.toFloat();
    p.zeroPoints.assign(p.scales.size(), 0.0);
    if (zeroPoint)
        for (std::size_t c = 0; c < p.scales.size(); ++c)
            p.zeroPoints[c] = zeroPoint->elementAsDouble(static_cast<int64_t>(c));
    if (p.scales.size() > 1) {
        p.axisSize = data.shape()[static_cast<std::size_t>(p.axis)];
        for (std::size_t d = static_cast<std::size_t>(p.axis) + 1; d < data.shape().size(); ++d)
            p.inner *= data.shape()[d];
    }
    return p;
}

class QuantizeLinearOp : public Op {
public:
    const char* type() const override { return "QuantizeLinear"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 3);
        const DataType out = ctx.has(2) ? ctx.in(2).dtype : DataType::UInt8;
        if (!isQuantizedType(out))
            throw Error("QuantizeLinear to " + toString(out) + " is not supported (uint8 and int8 are)");
        if (!isFloatingPoint(ctx.in(0).dtype))
            throw Error("QuantizeLinear input must be float, got " + toString(ctx.in(0).dtype));
        checkedAxis(ctx.node, ctx.in(0).shape, ctx.in(1).shape);
        checkZeroPoint(ctx, DataType::Undefined, "QuantizeLinear");
        ctx.outputs = {makeInfo(out, ctx.in(0).shape)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor x = in[0]->cast(DataType::Float32);
        const LinearParams p = paramsOf(node, x, *in[1], in.size() > 2 ? in[2] : nullptr);
        const DataType type = in.size() > 2 && in[2] ? in[2]->dtype() : DataType::UInt8;
        const double lo = type == DataType::UInt8 ? 0.0 : -128.0, hi = type == DataType::UInt8 ? 255.0 : 127.0;
        Tensor y(type, x.shape());
        for (int64_t i = 0; i < x.size(); ++i) {
            const std::size_t c = p.channelOf(i);
            // ONNX rounds half to even (std::nearbyint in the default rounding mode).
            const double q = std::nearbyint(static_cast<double>(x.data<float>()[i] / p.scales[c])) + p.zeroPoints[c];
            y.setElementFromDouble(i, std::clamp(q, lo, hi));
        }
        return {std::move(y)};
    }
};

class DequantizeLinearOp : public Op {
public:
    const char* type() const override { return "DequantizeLinear"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 3);
        const DataType data = ctx.in(0).dtype;
        if (!isQuantizedType(data) && data != DataType::Int32)
            throw Error("DequantizeLinear of " + toString(data) + " is not supported (uint8, int8 and int32 are)");
        checkedAxis(ctx.node, ctx.in(0).shape, ctx.in(1).shape);
        checkZeroPoint(ctx, data, "DequantizeLinear");
        ctx.outputs = {makeInfo(DataType::Float32, ctx.in(0).shape)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const LinearParams p = paramsOf(node, x, *in[1], in.size() > 2 ? in[2] : nullptr);
        Tensor y(DataType::Float32, x.shape());
        for (int64_t i = 0; i < x.size(); ++i) {
            const std::size_t c = p.channelOf(i);
            y.data<float>()[i] = static_cast<float>(x.elementAsDouble(i) - p.zeroPoints[c]) * p.scales[c];
        }
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeQuantizeLinearOp() { return std::make_unique<QuantizeLinearOp>(); }
std::unique_ptr<Op> makeDequantizeLinearOp() { return std::make_unique<DequantizeLinearOp>(); }

} // namespace qs
