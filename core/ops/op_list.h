#pragma once
// Factories of every operator; op_registry.cpp registers each with one line. Each factory lives in the file
// named after its operator (or family), noted where the name alone does not say it.

#include "core/ops/activation.h"
#include "core/ops/binary.h"
#include "core/ops/op.h"

#include <memory>

namespace qs {

std::unique_ptr<Op> makeConvOp();
std::unique_ptr<Op> makeActivationOp(const char* type); // activation.cpp: Relu, LeakyRelu, Clip, Sigmoid, Tanh, ...
std::unique_ptr<Op> makeBinaryOp(const char* type);     // binary.cpp: Add, Sub, Mul, Div, Pow
std::unique_ptr<Op> makeGemmOp();
std::unique_ptr<Op> makeBatchNormOp();                  // batch_norm.cpp: BatchNormalization
std::unique_ptr<Op> makePoolOp(const char* type);       // pool.cpp: MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool
std::unique_ptr<Op> makeSoftmaxOp(bool log = false); // softmax.cpp: Softmax, LogSoftmax
std::unique_ptr<Op> makeFlattenOp();
std::unique_ptr<Op> makeReshapeOp();
std::unique_ptr<Op> makeConcatOp();
std::unique_ptr<Op> makePassThroughOp(const char* type); // identity.cpp: Identity, Dropout
std::unique_ptr<Op> makeConvTransposeOp();
std::unique_ptr<Op> makeMatMulOp();
std::unique_ptr<Op> makeTransposeOp();
std::unique_ptr<Op> makeSqueezeOp();                    // squeeze.cpp: Squeeze and Unsqueeze
std::unique_ptr<Op> makeUnsqueezeOp();
std::unique_ptr<Op> makePadOp();
std::unique_ptr<Op> makeResizeOp();                     // resize.cpp: Resize and Upsample
std::unique_ptr<Op> makeUpsampleOp();
// Shape computations exporters put in front of Reshape/Resize/Slice; they mostly see integer tensors and
// vanish by constant folding once input shapes are fixed.
std::unique_ptr<Op> makeShapeOp();
std::unique_ptr<Op> makeConstantOfShapeOp();
std::unique_ptr<Op> makeRangeOp();
std::unique_ptr<Op> makeCastOp();
// Data movement without arithmetic, any element type (int64 shape tensors and activations alike).
std::unique_ptr<Op> makeGatherOp();
std::unique_ptr<Op> makeSliceOp();
std::unique_ptr<Op> makeSplitOp();
std::unique_ptr<Op> makeExpandOp();
std::unique_ptr<Op> makeTileOp();
std::unique_ptr<Op> makePReluOp();                    // prelu.cpp
std::unique_ptr<Op> makeDepthSpaceOp(bool toSpace);   // depth_to_space.cpp: DepthToSpace (true), SpaceToDepth
std::unique_ptr<Op> makeCompareOp(const char* type);  // compare.cpp: Equal, Less, Greater
std::unique_ptr<Op> makeNotOp();                      // logical.cpp: Not
std::unique_ptr<Op> makeLogicOp(const char* type);    // logical.cpp: And, Or, Xor
std::unique_ptr<Op> makeWhereOp();
std::unique_ptr<Op> makeVariadicOp(const char* type); // variadic.cpp: Min, Max, Sum, Mean
std::unique_ptr<Op> makeReduceOp(const char* type);   // reduce.cpp: ReduceMean, ReduceMax, ReduceSum
std::unique_ptr<Op> makeArgMaxOp();                   // arg_max.cpp
std::unique_ptr<Op> makeLstmOp();                     // lstm.cpp (activations in rnn_activation.cpp)
// Detector post-processing: NonMaxSuppression's output row count depends on the data.
std::unique_ptr<Op> makeGatherNdOp();                 // gather_nd.cpp: GatherND
std::unique_ptr<Op> makeScatterNdOp();                // scatter_nd.cpp: ScatterND
std::unique_ptr<Op> makeNonMaxSuppressionOp();        // non_max_suppression.cpp
// QDQ models (quantize_linear.cpp): run in FP32, as ONNX defines them.
std::unique_ptr<Op> makeQuantizeLinearOp();
std::unique_ptr<Op> makeDequantizeLinearOp();

} // namespace qs
