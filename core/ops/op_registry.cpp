// The explicit list of supported operators: one line each.
#include "core/ops/op_list.h"

#include <algorithm>
#include <map>

namespace qs {
namespace {

std::map<std::string, std::unique_ptr<Op>> buildRegistry()
{
    std::map<std::string, std::unique_ptr<Op>> ops;
    auto add = [&](std::unique_ptr<Op> op) { ops[op->type()] = std::move(op); };
    add(makeConvOp());
    add(makeGemmOp());
    add(makeBatchNormOp());
    for (const char* type : {"Relu", "LeakyRelu", "Clip", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Exp", "Log", "Abs", "Neg", "Sqrt", "Erf"})
        add(makeActivationOp(type));
    for (const char* type : {"Add", "Sub", "Mul", "Div", "Pow"})
        add(makeBinaryOp(type));
    for (const char* type : {"MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool"})
        add(makePoolOp(type));
    add(makeSoftmaxOp());
    add(makeSoftmaxOp(true));
    add(makeFlattenOp());
    add(makeReshapeOp());
    add(makeConcatOp());
    add(makePassThroughOp("Identity"));
    add(makePassThroughOp("Dropout"));
    add(makeConvTransposeOp());
    add(makeMatMulOp());
    add(makeTransposeOp());
    add(makeSqueezeOp());
    add(makeUnsqueezeOp());
    add(makePadOp());
    add(makeResizeOp());
    add(makeUpsampleOp());
    add(makeShapeOp());
    add(makeConstantOfShapeOp());
    add(makeRangeOp());
    add(makeCastOp());
    add(makeGatherOp());
    add(makeSliceOp());
    add(makeSplitOp());
    add(makeExpandOp());
    add(makeTileOp());
    add(makePReluOp());
    add(makeDepthSpaceOp(true));
    add(makeDepthSpaceOp(false));
    for (const char* type : {"Equal", "Less", "Greater"})
        add(makeCompareOp(type));
    add(makeNotOp());
    for (const char* type : {"And", "Or", "Xor"})
        add(makeLogicOp(type));
    add(makeWhereOp());
    for (const char* type : {"Min", "Max", "Sum", "Mean"})
        add(makeVariadicOp(type));
    for (const char* type : {"ReduceMean", "ReduceMax", "ReduceSum"})
        add(makeReduceOp(type));
    add(makeArgMaxOp());
    add(makeLstmOp());
    add(makeGatherNdOp());
    add(makeScatterNdOp());
    add(makeNonMaxSuppressionOp());
    add(makeQuantizeLinearOp());
    add(makeDequantizeLinearOp());
    return ops;
}

const std::map<std::string, std::unique_ptr<Op>>& registry()
{
    static const auto ops = buildRegistry();
    return ops;
}

} // namespace

const Op* findOp(const std::string& opType)
{
    auto it = registry().find(opType);
    return it == registry().end() ? nullptr : it->second.get();
}

OpPrepareTraits prepareTraitsOf(const Node& node)
{
    const Op* op = node.domain.empty() ? findOp(node.opType) : nullptr;
    return op ? op->prepareTraits(node) : OpPrepareTraits{};
}

std::vector<std::string> supportedOpTypes()
{
    std::vector<std::string> types;
    for (const auto& [type, op] : registry())
        types.push_back(type);
    return types;
}

} // namespace qs
