// The variadic broadcasting operators Min, Max, Sum and Mean. Any numeric element type; float32 takes a
// direct path, other types go through double (exact for the integer ranges shape tensors hold).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

enum class VariadicKind { Min, Max, Sum, Mean };

template <typename T>
T combine(VariadicKind kind, T acc, T v)
{
    switch (kind) {
    case VariadicKind::Min: return std::isnan(static_cast<double>(v)) ? v : std::min(acc, v);
    case VariadicKind::Max: return std::isnan(static_cast<double>(v)) ? v : std::max(acc, v);
    case VariadicKind::Sum:
    case VariadicKind::Mean: return acc + v;
    }
    return acc;
}

class VariadicOp : public Op {
public:
    VariadicOp(const char* type, VariadicKind kind) : m_type(type), m_kind(kind) {}
    const char* type() const override { return m_type; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 1, -1);
        std::vector<Shape> shapes;
        for (std::size_t i = 0; i < ctx.node.inputs.size(); ++i) {
            if (ctx.in(i).dtype != ctx.in(0).dtype)
                throw Error("input types differ: " + toString(ctx.in(0).dtype) + " and " + toString(ctx.in(i).dtype));
            shapes.push_back(ctx.in(i).shape);
        }
        if ((m_kind == VariadicKind::Mean) && !isFloatingPoint(ctx.in(0).dtype))
            throw Error("Mean takes floating-point inputs");
        ctx.outputs = {makeInfo(ctx.in(0).dtype, broadcastAll(shapes))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const std::vector<Shape> shapes = shapesOf(in);
        const Shape out = broadcastAll(shapes);
        Tensor y(in[0]->dtype(), out);
        const double count = static_cast<double>(in.size());
        if (y.dtype() == DataType::Float32) {
            float* yd = y.data<float>();
            forEachBroadcastN(out, shapes, [&](int64_t o, const std::vector<int64_t>& i) {
                float acc = in[0]->data<float>()[i[0]];
                for (std::size_t k = 1; k < in.size(); ++k)
                    acc = combine(m_kind, acc, in[k]->data<float>()[i[k]]);
                yd[o] = m_kind == VariadicKind::Mean ? static_cast<float>(acc / count) : acc;
            });
        } else {
            forEachBroadcastN(out, shapes, [&](int64_t o, const std::vector<int64_t>& i) {
                double acc = in[0]->elementAsDouble(i[0]);
                for (std::size_t k = 1; k < in.size(); ++k)
                    acc = combine(m_kind, acc, in[k]->elementAsDouble(i[k]));
                y.setElementFromDouble(o, m_kind == VariadicKind::Mean ? acc / count : acc);
            });
        }
        return {std::move(y)};
    }

private:
    const char* m_type;
    VariadicKind m_kind;
};

} // namespace

std::unique_ptr<Op> makeVariadicOp(const char* type)
{
    const std::string t = type;
    const VariadicKind kind = t == "Min" ? VariadicKind::Min : t == "Max" ? VariadicKind::Max : t == "Sum" ? VariadicKind::Sum : VariadicKind::Mean;
    if (t != "Min" && t != "Max" && t != "Sum" && t != "Mean")
        throw Error("not a variadic operator: " + t);
    return std::make_unique<VariadicOp>(type, kind);
}

} // namespace qs
