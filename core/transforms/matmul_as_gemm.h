#pragma once
// MatMul by a constant matrix as Gemm. torch.onnx and paddle2onnx export a Linear layer on a sequence
// ([B, T, K] x [K, N], then an Add of the bias) as MatMul + Add, which the int8 engine has no kernel for;
// the same product is a Gemm on the rows: Reshape [B*T, K] -> Gemm (B, bias) -> Reshape [B, T, N]. The Gemm
// keeps the MatMul's name, so a Distiller configuration that names the layer still applies to it, and the
// Reshapes are views that integers pass through. A MatMul of two computed values stays a MatMul.

#include "core/ir/graph.h"

namespace qs {

// Rewrites every MatMul whose second operand is a constant 2-D float matrix and whose first has a known
// shape of rank >= 2; an Add of a constant that broadcasts along the last axis only (a bias) and reads
// nothing else becomes the Gemm's C. Needs inferred shapes. Returns how many MatMuls were rewritten.
int matMulsAsGemm(Graph& graph);

} // namespace qs
