// The comparisons Equal, Less and Greater: broadcasting, bool output, any numeric element type (compared
// as double, exact for the integer ranges shape tensors hold).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

namespace qs {
namespace {

enum class CompareKind { Equal, Less, Greater };

class CompareOp : public Op {
public:
    CompareOp(const char* type, CompareKind kind) : m_type(type), m_kind(kind) {}
    const char* type() const override { return m_type; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 2, 2);
        if (ctx.in(0).dtype != ctx.in(1).dtype)
            throw Error("input types differ: " + toString(ctx.in(0).dtype) + " and " + toString(ctx.in(1).dtype));
        ctx.outputs = {makeInfo(DataType::Bool, broadcastShapes(ctx.in(0).shape, ctx.in(1).shape))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const Tensor &a = *in[0], &b = *in[1];
        return {broadcastBool(a, b, [&](int64_t ia, int64_t ib) {
            const double x = a.elementAsDouble(ia), z = b.elementAsDouble(ib);
            return m_kind == CompareKind::Equal ? x == z : m_kind == CompareKind::Less ? x < z : x > z;
        })};
    }

private:
    const char* m_type;
    CompareKind m_kind;
};

} // namespace

std::unique_ptr<Op> makeCompareOp(const char* type)
{
    const std::string t = type;
    if (t == "Equal")
        return std::make_unique<CompareOp>(type, CompareKind::Equal);
    if (t == "Less")
        return std::make_unique<CompareOp>(type, CompareKind::Less);
    if (t == "Greater")
        return std::make_unique<CompareOp>(type, CompareKind::Greater);
    throw Error("not a comparison operator: " + t);
}

} // namespace qs
