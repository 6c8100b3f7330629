#!/usr/bin/python3
"""Export the benchmark models (torchvision resnet18, resnet50, mobilenet_v2) to ONNX.

    /usr/bin/python3 scripts/export_bench_models.py [outdir=bench/models]

Random weights (weights=None, seeded), eval mode, input `input` float32 [N, 3, 224, 224] with a
dynamic batch dimension N, output `output` [N, 1000], opset 13. Inference speed does not depend on
the weight values, so random weights are fine for benchmarking (accuracy is meaningless).
bench/models is git-ignored: the models are regenerated, never committed.
Run with Debian's PyTorch (/usr/bin/python3; packages python3-torch python3-torchvision).
"""
import os
import sys
import time

import torch
import torchvision

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = ["resnet18", "resnet50", "mobilenet_v2"]


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "bench", "models")
    os.makedirs(outdir, exist_ok=True)
    torch.set_num_threads(1)
    for name in MODELS:
        torch.manual_seed(0)
        model = getattr(torchvision.models, name)(weights=None).eval()
        path = os.path.join(outdir, f"{name}.onnx")
        t0 = time.time()
        with torch.no_grad():
            torch.onnx.export(model, torch.randn(1, 3, 224, 224), path, opset_version=13,
                              input_names=["input"], output_names=["output"],
                              dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
                              do_constant_folding=True)
        print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB ({time.time() - t0:.1f}s), "
              f"torch {torch.__version__}, torchvision {torchvision.__version__}")


if __name__ == "__main__":
    main()
