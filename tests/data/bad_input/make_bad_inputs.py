#!/usr/bin/python3
"""Writes the hand-made part of the bad-input corpus (models/, configs/, stats/); see README.md.
    /usr/bin/python3 tests/data/bad_input/make_bad_inputs.py
Deterministic: running it again gives the same files."""
import os
import numpy as np
import onnx
from onnx import TensorProto as T, helper as h, numpy_helper as nh

HERE = os.path.dirname(os.path.abspath(__file__))


def model(nodes, inputs, outputs, inits=(), opset=13, check=False):
    g = h.make_graph(nodes, "g", inputs, outputs, list(inits))
    m = h.make_model(g, opset_imports=[h.make_opsetid("", opset)], producer_name="quantscope-bad-input")
    m.ir_version = 8
    return m


def save(m, name):
    with open(os.path.join(HERE, "models", name), "wb") as f:
        f.write(m.SerializeToString())


x = h.make_tensor_value_info("x", T.FLOAT, [1, 1, 4, 4])
y = h.make_tensor_value_info("y", T.FLOAT, None)
relu = h.make_node("Relu", ["x"], ["y"], name="relu")
save(model([relu], [x], []), "no_outputs.onnx")
save(model([relu], [x], [y], opset=30), "opset_30.onnx")
wrap = T()
wrap.name, wrap.data_type = "w", T.FLOAT
wrap.dims.extend([(1 << 60) + 1, 16])
wrap.raw_data = bytes(64)
save(model([h.make_node("Add", ["x", "w"], ["y"], name="add")], [x], [y], [wrap]), "dims_wrap_2pow60.onnx")
huge = T()
huge.name, huge.data_type = "w", T.FLOAT
huge.dims.extend([16384, 32768])
save(model([h.make_node("Add", ["x", "w"], ["y"], name="add")], [x], [y], [huge]), "declared_2gib_without_data.onnx")
s = h.make_tensor_value_info("s", T.FLOAT, [])
save(model([h.make_node("Concat", ["s", "s"], ["y"], name="concat_scalars", axis=0)], [s], [y]), "concat_of_scalars.onnx")
ext = nh.from_array(np.zeros((4,), np.float32), "w")
ext.ClearField("raw_data")
ext.data_location = T.EXTERNAL
for k, v in (("location", "../../../../etc/passwd"), ("offset", "0"), ("length", "16")):
    e = ext.external_data.add()
    e.key, e.value = k, v
save(model([h.make_node("Add", ["x", "w"], ["y"], name="add")], [x], [y], [ext]), "external_data_outside_folder.onnx")
w = np.ones((2, 1, 3, 3), np.float32)
w[1, 0, 1, 1] = np.nan
save(model([h.make_node("Conv", ["x", "w"], ["y"], name="conv_nan", pads=[1, 1, 1, 1])],
           [x], [h.make_tensor_value_info("y", T.FLOAT, [1, 2, 4, 4])], [nh.from_array(w, "w")]), "nan_weights.onnx")
save(model([h.make_node("NonMaxSuppression", ["x", "x"], ["y"], name="nms")], [x], [y]), "unsupported_operator.onnx")
with open(os.path.join(HERE, "models", "truncated.onnx"), "wb") as f:
    f.write(model([relu], [x], [y]).SerializeToString()[:40])

header = "quantizers:\n  q:\n    class: PostTrainLinearQuantizer\n"
configs = {
    "nested_repetition.yaml": header + "    overrides:\n      '(.*)*X':\n        bits_activations: 4\n",
    "deep_nesting.yaml": header + "    overrides:\n      '" + "(" * 3000 + "a" + ")" * 3000 + "':\n        bits_activations: 4\n",
    "bits_activations_16.yaml": header + "    bits_activations: 16\n    bits_parameters: 8\n",
    "bits_accum_16.yaml": header + "    bits_activations: 8\n    bits_accum: 16\n",
    "list_as_layer_name.yaml": header + "    overrides:\n      [a, b]:\n        bits_activations: 4\n",
    "unknown_key.yaml": header + "    bits_activation: 8\n",
    "bad_yaml.yaml": header + "    mode: {activations: SYMMETRIC\n",
}
for name, text in configs.items():
    with open(os.path.join(HERE, "configs", name), "w") as f:
        f.write(text)

layer = "/features/conv1/Conv:\n  inputs:\n    0:\n      min: -1\n      max: 1\n      avg_min: -1\n      avg_max: 1\n      mean: 0\n      std: 0.5\n      b: 0.4\n      shape: (32, 1, 28, 28)\n  output:\n"
stats = {
    "max_1e30.yaml": layer + "    min: 0\n    max: 1e30\n    avg_min: 0\n    avg_max: 1\n    mean: 0.1\n    std: 0.2\n    b: 0.1\n    shape: (32, 16, 28, 28)\n",
    "nan_max.yaml": layer + "    min: 0\n    max: .nan\n    avg_min: 0\n    avg_max: 1\n    mean: 0.1\n    std: 0.2\n    b: 0.1\n    shape: (32, 16, 28, 28)\n",
    "negative_std.yaml": layer + "    min: 0\n    max: 1\n    avg_min: 0\n    avg_max: 1\n    mean: 0.1\n    std: -0.2\n    b: 0.1\n    shape: (32, 16, 28, 28)\n",
    "huge_dim.yaml": layer + "    min: 0\n    max: 1\n    avg_min: 0\n    avg_max: 1\n    mean: 0.1\n    std: 0.2\n    b: 0.1\n    shape: (99999999999999999999, 16)\n",
    "not_a_map.yaml": "- just\n- a list\n",
}
for name, text in stats.items():
    with open(os.path.join(HERE, "stats", name), "w") as f:
        f.write(text)
