// Reductions ReduceMean/ReduceMax/ReduceSum (axes as attribute, or as input for ReduceSum from opset 13).
// Accumulates in double; any numeric element type.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <cmath>
#include <limits>

namespace qs {
namespace {

enum class ReduceKind { Mean, Max, Sum };

struct Reduction {
    std::vector<bool> reduced; // per input axis
    Shape out;                 // with keepdims applied
    bool identity = false;     // empty axes with noop_with_empty_axes
};

Reduction reductionOf(const Node& node, const Shape& x, const Tensor* axesInput)
{
    const int64_t rank = static_cast<int64_t>(x.size());
    std::vector<int64_t> axes = axesInput ? axesInput->toInt64() : node.attributes.ints("axes");
    Reduction r;
    if (axes.empty() && node.attributes.i("noop_with_empty_axes", 0)) {
        r.identity = true;
        r.out = x;
        r.reduced.assign(x.size(), false);
        return r;
    }
    r.reduced.assign(x.size(), axes.empty());
    for (int64_t a : axes)
        r.reduced[normalizeAxis(a, rank)] = true;
    const bool keep = node.attributes.i("keepdims", 1) != 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!r.reduced[i])
            r.out.push_back(x[i]);
        else if (keep)
            r.out.push_back(1);
    return r;
}

// Output element (row-major, reduced axes collapsed) of every input element.
std::vector<int64_t> outputIndexMap(const Shape& x, const std::vector<bool>& reduced)
{
    Shape collapsed = x;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (reduced[i])
            collapsed[i] = 1;
    const std::vector<int64_t> outStrides = stridesOf(collapsed);
    const int64_t total = elementCount(x);
    std::vector<int64_t> map(static_cast<std::size_t>(total));
    std::vector<int64_t> coord(x.size(), 0);
    int64_t o = 0;
    for (int64_t i = 0; i < total; ++i) {
        map[i] = o;
        for (int a = static_cast<int>(x.size()) - 1; a >= 0; --a) {
            if (!reduced[a])
                o += outStrides[a];
            if (++coord[a] < x[a])
                break;
            if (!reduced[a])
                o -= outStrides[a] * x[a];
            coord[a] = 0;
        }
    }
    return map;
}

class ReduceOp : public Op {
public:
    ReduceOp(const char* type, ReduceKind kind) : m_type(type), m_kind(kind) {}
    const char* type() const override { return m_type; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 2);
        const Tensor* axes = ctx.has(1) ? &ctx.constantInput(1, "axes") : nullptr;
        ctx.outputs = {makeInfo(ctx.in(0).dtype, reductionOf(ctx.node, ctx.in(0).shape, axes).out)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const Reduction r = reductionOf(node, x.shape(), in.size() > 1 ? in[1] : nullptr);
        if (r.identity)
            return {x};
        Tensor y(x.dtype(), r.out);
        const double init = m_kind == ReduceKind::Max ? -std::numeric_limits<double>::infinity() : 0.0;
        std::vector<double> acc(static_cast<std::size_t>(y.size()), init);
        const std::vector<int64_t> map = outputIndexMap(x.shape(), r.reduced);
        for (int64_t i = 0; i < x.size(); ++i) {
            const double v = x.elementAsDouble(i);
            double& a = acc[map[i]];
            a = m_kind == ReduceKind::Max ? (std::isnan(v) || v > a ? v : a) : a + v;
        }
        const double count = y.size() > 0 ? static_cast<double>(x.size()) / static_cast<double>(y.size()) : 1.0;
        for (int64_t o = 0; o < y.size(); ++o)
            y.setElementFromDouble(o, m_kind == ReduceKind::Mean ? acc[o] / count : acc[o]);
        return {std::move(y)};
    }

private:
    const char* m_type;
    ReduceKind m_kind;
};

} // namespace

std::unique_ptr<Op> makeReduceOp(const char* type)
{
    const std::string t = type;
    if (t == "ReduceMean")
        return std::make_unique<ReduceOp>(type, ReduceKind::Mean);
    if (t == "ReduceMax")
        return std::make_unique<ReduceOp>(type, ReduceKind::Max);
    if (t == "ReduceSum")
        return std::make_unique<ReduceOp>(type, ReduceKind::Sum);
    throw Error("not a reduction: " + t);
}

} // namespace qs
