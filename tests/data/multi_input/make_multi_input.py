#!/usr/bin/python3
"""Writes the model and samples of tests/data/multi_input (see README.md there): a model of three float inputs
and four samples as np.savez files with one array per input, named after it.

    image [N, 3, 6, 6] -> Conv 3x3 (4) -+
    aux   [N, 3, 6, 6] -> Conv 3x3 (4) -+- Add -> Relu -> GlobalAveragePool -> Flatten -> Gemm (5) -> + bias [N, 5] -> out

Run from the repository root: /usr/bin/python3 tests/data/multi_input/make_multi_input.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def weights(name, shape):
    return numpy_helper.from_array(rng.uniform(-1, 1, shape).astype(np.float32), name)


def conv(name, x, w, out):
    return helper.make_node("Conv", [x, w], [out], name=name, kernel_shape=[3, 3], pads=[1, 1, 1, 1])


nodes = [
    conv("conv_image", "image", "wi", "ci"),
    conv("conv_aux", "aux", "wa", "ca"),
    helper.make_node("Add", ["ci", "ca"], ["s"], name="sum"),
    helper.make_node("Relu", ["s"], ["r"], name="relu"),
    helper.make_node("GlobalAveragePool", ["r"], ["p"], name="pool"),
    helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
    helper.make_node("Gemm", ["f", "wg", "bg"], ["logits"], name="fc"),
    helper.make_node("Add", ["logits", "bias"], ["out"], name="add_bias"),
]
graph = helper.make_graph(
    nodes,
    "multi_input",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, 6, 6]),
     helper.make_tensor_value_info("aux", TensorProto.FLOAT, ["N", 3, 6, 6]),
     helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["N", 5])],
    [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["N", 5])],
    [weights("wi", (4, 3, 3, 3)), weights("wa", (4, 3, 3, 3)), weights("wg", (4, 5)), weights("bg", (5,))],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_multi_input.py")
model.ir_version = 7
onnx.checker.check_model(model)
onnx.save(model, os.path.join(HERE, "multi_input.onnx"))

os.makedirs(os.path.join(HERE, "samples"), exist_ok=True)
for i in range(4):
    np.savez(os.path.join(HERE, "samples", f"sample_{i}.npz"),
             image=rng.uniform(0, 1, (1, 3, 6, 6)).astype(np.float32),  # with its batch dimension of 1
             aux=rng.uniform(-2, 2, (3, 6, 6)).astype(np.float64),      # float64: converted to float
             bias=rng.uniform(-0.5, 0.5, (5,)).astype(np.float32))
