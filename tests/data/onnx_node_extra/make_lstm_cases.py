#!/usr/bin/python3
"""Write LSTM node tests for what ONNX's own four (test_lstm_*) leave out, with ONNX Runtime as the oracle.

Run once by a developer (never by CI or the product) from the repository root, with Debian's onnx and numpy
(apt-get install python3-onnx) and onnxruntime-node in bench/ort (cd bench/ort && npm install):

    /usr/bin/python3 tests/data/onnx_node_extra/make_lstm_cases.py

Each case is a directory in ONNX's node-test format (model.onnx, test_data_set_0/input_N.pb, output_N.pb), so
tests/core/conformance/test_onnx_node_conformance.cpp runs it like the libonnx-testdata ones. The inputs are
seeded random numbers; the outputs are what onnxruntime-node (bench/ort/node_test_outputs.js) computes from them (for layout 1, which
onnxruntime refuses, from the same LSTM in layout 0 on the transposed inputs, its outputs transposed back).
Covered here and not by ONNX's cases: reverse and bidirectional directions, sequence_lens (with a zero length),
initial_h/initial_c, peepholes in both directions, layout 1 with two directions, clip, input_forget, every
activation function with explicit alphas/betas, and omitted outputs.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
ORT_SCRIPT = os.path.join(ROOT, "bench", "ort", "node_test_outputs.js")


def lstm_model(name, names, node_outputs, attributes, values, opset):
    node = helper.make_node("LSTM", names, node_outputs, **attributes)
    graph_inputs = [helper.make_tensor_value_info(n, TensorProto.INT32 if n == "sequence_lens" else TensorProto.FLOAT,
                                                  list(values[n].shape)) for n in names if n]
    graph_outputs = [helper.make_tensor_value_info(o, TensorProto.FLOAT, []) for o in node_outputs if o]
    graph = helper.make_graph([node], name, graph_inputs, graph_outputs)
    model = helper.make_model(graph, producer_name="make_lstm_cases.py", opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    return model


def case(name, *, seq, batch, input_size, hidden, direction="forward", layout=0, opset=7, attrs=None,
         with_bias=True, lens=None, initial=False, peepholes=False, outputs=("Y", "Y_h", "Y_c"), scale=0.5, seed=0):
    rng = np.random.default_rng(seed)
    dirs = 2 if direction == "bidirectional" else 1
    x_shape = [batch, seq, input_size] if layout else [seq, batch, input_size]
    state_shape = [batch, dirs, hidden] if layout else [dirs, batch, hidden]
    values = {
        "X": rng.uniform(-1, 1, x_shape).astype(np.float32),
        "W": rng.uniform(-scale, scale, [dirs, 4 * hidden, input_size]).astype(np.float32),
        "R": rng.uniform(-scale, scale, [dirs, 4 * hidden, hidden]).astype(np.float32),
    }
    names = ["X", "W", "R"]
    optional = [("B", with_bias, lambda: rng.uniform(-scale, scale, [dirs, 8 * hidden]).astype(np.float32)),
                ("sequence_lens", lens is not None, lambda: np.array(lens, dtype=np.int32)),
                ("initial_h", initial, lambda: rng.uniform(-1, 1, state_shape).astype(np.float32)),
                ("initial_c", initial, lambda: rng.uniform(-1, 1, state_shape).astype(np.float32)),
                ("P", peepholes, lambda: rng.uniform(-scale, scale, [dirs, 3 * hidden]).astype(np.float32))]
    for input_name, present, make in optional:
        names.append(input_name if present else "")
        if present:
            values[input_name] = make()
    while names[-1] == "":
        names.pop()
    node_outputs = [o if o in outputs else "" for o in ("Y", "Y_h", "Y_c")]
    while node_outputs[-1] == "":
        node_outputs.pop()
    attributes = {"hidden_size": hidden, "direction": direction}
    if layout:
        attributes["layout"] = layout
    attributes.update(attrs or {})
    model = lstm_model(name, names, node_outputs, attributes, values, opset)
    # onnxruntime refuses layout 1 ("Batchwise recurrent operations are not supported"): it runs the same LSTM in
    # layout 0 on the transposed inputs, and its outputs are transposed back to batch-first.
    batch_first = {"X": (1, 0, 2), "initial_h": (1, 0, 2), "initial_c": (1, 0, 2)} if layout else {}
    ort_values = {n: v.transpose(batch_first[n]) if n in batch_first else v for n, v in values.items()}
    ort_model = model if not layout else lstm_model(name, names, node_outputs, {k: v for k, v in attributes.items() if k != "layout"}, ort_values, 7)
    back = {"Y": (2, 0, 1, 3), "Y_h": (1, 0, 2), "Y_c": (1, 0, 2)} if layout else {}

    out_dir = os.path.join(HERE, name)
    shutil.rmtree(out_dir, ignore_errors=True)
    data_dir = os.path.join(out_dir, "test_data_set_0")
    os.makedirs(data_dir)
    onnx.save(model, os.path.join(out_dir, "model.onnx"))
    with tempfile.TemporaryDirectory() as tmp:
        manifest = []
        for i, n in enumerate(n for n in names if n):
            onnx.save_tensor(numpy_helper.from_array(values[n], n), os.path.join(data_dir, f"input_{i}.pb"))
            raw = os.path.join(tmp, f"{n}.bin")
            np.ascontiguousarray(ort_values[n]).tofile(raw)
            manifest.append({"name": n, "type": "int32" if n == "sequence_lens" else "float32",
                             "dims": list(ort_values[n].shape), "file": raw})
        with open(os.path.join(tmp, "manifest.json"), "w") as f:
            json.dump(manifest, f)
        onnx.save(ort_model, os.path.join(tmp, "ort.onnx"))
        run = subprocess.run(["node", ORT_SCRIPT, os.path.join(tmp, "ort.onnx"), os.path.join(tmp, "manifest.json"),
                              os.path.join(tmp, "out")], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{name}: onnxruntime failed: {run.stderr}")
        for line in run.stdout.split("\n"):
            if not line:
                continue
            index, output_name, dims = line.split(" ")
            shape = [int(d) for d in dims.split("x")] if dims else []
            array = np.fromfile(os.path.join(tmp, f"out{index}.bin"), dtype=np.float32).reshape(shape)
            if output_name in back:
                array = np.ascontiguousarray(array.transpose(back[output_name]))
            onnx.save_tensor(numpy_helper.from_array(array, output_name), os.path.join(data_dir, f"output_{index}.pb"))
    print(name, "inputs", [n for n in names if n], "outputs", [o for o in node_outputs if o])


case("test_lstm_qs_forward_sequence_lens", seq=5, batch=3, input_size=4, hidden=3, lens=[5, 2, 0], initial=True, seed=1)
case("test_lstm_qs_reverse_peepholes", seq=4, batch=3, input_size=3, hidden=5, direction="reverse", lens=[4, 1, 3],
     initial=True, peepholes=True, seed=2)
case("test_lstm_qs_bidirectional", seq=6, batch=2, input_size=5, hidden=4, direction="bidirectional", lens=[6, 3],
     initial=True, peepholes=True, seed=3)
case("test_lstm_qs_bidirectional_batchwise", seq=5, batch=3, input_size=2, hidden=3, direction="bidirectional", layout=1,
     opset=14, lens=[2, 5, 4], initial=True, seed=4)
case("test_lstm_qs_clip_input_forget", seq=4, batch=2, input_size=3, hidden=4, attrs={"clip": 0.6, "input_forget": 1},
     peepholes=True, initial=True, outputs=("Y_h", "Y_c"), scale=1.5, seed=5)
case("test_lstm_qs_activations", seq=3, batch=2, input_size=3, hidden=3, direction="bidirectional",
     attrs={"activations": ["HardSigmoid", "LeakyRelu", "Softsign", "Sigmoid", "ScaledTanh", "Affine"],
            "activation_alpha": [0.3, 0.05, 0.9, 0.7], "activation_beta": [0.4, 1.1, 0.1]},
     initial=True, outputs=("Y",), scale=1.0, seed=6)
case("test_lstm_qs_activations_more", seq=3, batch=2, input_size=3, hidden=3, direction="bidirectional",
     attrs={"activations": ["Sigmoid", "Elu", "Softplus", "HardSigmoid", "ThresholdedRelu", "Relu"],
            "activation_alpha": [0.8, 0.25, 0.1], "activation_beta": [0.45]},
     initial=True, outputs=("Y", "Y_c"), scale=1.0, seed=7)
