// Logic on bool tensors: Not, and And / Or / Xor with broadcasting.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

namespace qs {
namespace {

class NotOp : public Op {
public:
    const char* type() const override { return "Not"; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 1, 1);
        if (ctx.in(0).dtype != DataType::Bool)
            throw Error("Not takes a bool tensor, not " + toString(ctx.in(0).dtype));
        ctx.outputs = {makeInfo(DataType::Bool, ctx.in(0).shape)};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        Tensor y(DataType::Bool, in[0]->shape());
        for (int64_t i = 0; i < y.size(); ++i)
            y.data<uint8_t>()[i] = in[0]->data<uint8_t>()[i] ? 0 : 1;
        return {std::move(y)};
    }
};

enum class LogicKind { And, Or, Xor };

class LogicOp : public Op {
public:
    LogicOp(const char* type, LogicKind kind) : m_type(type), m_kind(kind) {}
    const char* type() const override { return m_type; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 2, 2);
        if (ctx.in(0).dtype != DataType::Bool || ctx.in(1).dtype != DataType::Bool)
            throw Error(std::string(m_type) + " takes bool tensors, not " + toString(ctx.in(0).dtype) + " and " + toString(ctx.in(1).dtype));
        ctx.outputs = {makeInfo(DataType::Bool, broadcastShapes(ctx.in(0).shape, ctx.in(1).shape))};
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const auto* ad = in[0]->data<uint8_t>();
        const auto* bd = in[1]->data<uint8_t>();
        return {broadcastBool(*in[0], *in[1], [&](int64_t ia, int64_t ib) {
            const bool x = ad[ia] != 0, z = bd[ib] != 0;
            return m_kind == LogicKind::And ? (x && z) : m_kind == LogicKind::Or ? (x || z) : (x != z);
        })};
    }

private:
    const char* m_type;
    LogicKind m_kind;
};

} // namespace

std::unique_ptr<Op> makeNotOp() { return std::make_unique<NotOp>(); }

std::unique_ptr<Op> makeLogicOp(const char* type)
{
    const std::string t = type;
    if (t == "And")
        return std::make_unique<LogicOp>(type, LogicKind::And);
    if (t == "Or")
        return std::make_unique<LogicOp>(type, LogicKind::Or);
    if (t == "Xor")
        return std::make_unique<LogicOp>(type, LogicKind::Xor);
    throw Error("not a logic operator: " + t);
}

} // namespace qs
