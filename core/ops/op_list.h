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

} // namespace qs
