#!/usr/bin/python3
"""Copies two real pretrained models (YuNet-n at 1x3x320x320, NanoDet-m) from tests/data/realmodels into bench/models for bench/run_bench.sh,
converted to opset 13 (onnx.version_converter; per-axis DequantizeLinear needs it) and with their QDQ twins for
ONNX Runtime's int8 (scripts/make_qdq_model.py):

    /usr/bin/python3 scripts/prepare_real_bench_models.py
    bench/run_bench.sh --models "yunet_n_320 nanodet_m_320" [--int8]

Both engines run the same converted FP32 file; QuantScope quantizes it itself (--quantize-eval).
"""
import os
import subprocess
import sys

import onnx
from onnx import version_converter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = {"yunet_n_320": "yunet_n_dynamic.onnx", "nanodet_m_320": "nanodet_m_320.onnx"}

os.makedirs(os.path.join(ROOT, "bench", "models"), exist_ok=True)
for name, source in MODELS.items():
    model = onnx.load(os.path.join(ROOT, "tests", "data", "realmodels", source))
    # Weights listed as graph inputs (old torch.onnx exports) are not inputs to feed.
    initializers = {i.name for i in model.graph.initializer}
    keep = [i for i in model.graph.input if i.name not in initializers]
    del model.graph.input[:]
    model.graph.input.extend(keep)
    for dim in model.graph.input[0].type.tensor_type.shape.dim[2:]:  # YuNet's dynamic height and width: 320
        if not dim.HasField("dim_value"):
            dim.dim_value = 320
    model = onnx.shape_inference.infer_shapes(model)  # the Softmax adapter needs its input shape
    converted = version_converter.convert_version(model, 13)
    out = os.path.join(ROOT, "bench", "models", name + ".onnx")
    onnx.save(converted, out)
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "make_qdq_model.py"), out,
                    os.path.join(ROOT, "bench", "models", name + "_qdq.onnx")], check=True)
    print("wrote", out)
