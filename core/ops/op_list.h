#pragma once
// Factories of every operator; op_registry.cpp registers each with one line.

#include "core/ops/activation.h"
#include "core/ops/binary.h"
#include "core/ops/op.h"

#include <memory>

namespace qs {

std::unique_ptr<Op> makeConvOp();
std::unique_ptr<Op> makeActivationOp(const char* type);
std::unique_ptr<Op> makeBinaryOp(const char* type);
std::unique_ptr<Op> makeGemmOp();
std::unique_ptr<Op> makeBatchNormOp();
std::unique_ptr<Op> makePoolOp(const char* type);
std::unique_ptr<Op> makeSoftmaxOp();
std::unique_ptr<Op> makeFlattenOp();
std::unique_ptr<Op> makeReshapeOp();
std::unique_ptr<Op> makeConcatOp();
std::unique_ptr<Op> makePassThroughOp(const char* type); // Identity, Dropout
std::unique_ptr<Op> makeConvTransposeOp();
std::unique_ptr<Op> makeMatMulOp();
std::unique_ptr<Op> makeTransposeOp();
std::unique_ptr<Op> makeSqueezeOp();
std::unique_ptr<Op> makeUnsqueezeOp();
std::unique_ptr<Op> makePadOp();
std::unique_ptr<Op> makeResizeOp();
std::unique_ptr<Op> makeUpsampleOp();
std::unique_ptr<Op> makeShapeOp();
std::unique_ptr<Op> makeConstantOfShapeOp();
std::unique_ptr<Op> makeRangeOp();
std::unique_ptr<Op> makeCastOp();
std::unique_ptr<Op> makeGatherOp();
std::unique_ptr<Op> makeSliceOp();
std::unique_ptr<Op> makeSplitOp();
std::unique_ptr<Op> makeExpandOp();
std::unique_ptr<Op> makeTileOp();
std::unique_ptr<Op> makeCompareOp(const char* type);  // Equal, Less, Greater
std::unique_ptr<Op> makeNotOp();
std::unique_ptr<Op> makeWhereOp();
std::unique_ptr<Op> makeVariadicOp(const char* type); // Min, Max, Sum, Mean
std::unique_ptr<Op> makeReduceOp(const char* type);   // ReduceMean, ReduceMax, ReduceSum
std::unique_ptr<Op> makeArgMaxOp();

} // namespace qs
