#!/usr/bin/python3
"""Train QuantScope's demo model (a small BatchNorm CNN) on Fashion-MNIST and export it to ONNX.

Run once by a developer (never by CI or the product) with Debian's PyTorch:

    /usr/bin/python3 scripts/train_demo_model.py [--epochs 8] [--seed 0] [--threads 1]

Data: Debian's IDX files in /usr/share/datasets/fashion-mnist/*.gz (package fashion-mnist),
read with gzip + numpy; nothing is downloaded.

Input normalisation (exactly what QuantScope's preprocessing must reproduce):
    x = (pixel / 255 - 0.2860) / 0.3530,  input `input` float32 [N, 1, 28, 28] (dynamic N)
Output: `logits` float32 [N, 10] (no softmax).

Writes
    resources/models/fmnist_demo.onnx   opset 13, module names kept (`/features/conv1/Conv`, ...)
    resources/models/fmnist_demo.json   {"fp32_torch_top1": ..., "normalize": {...}, ...}
and prints a summary for resources/models/README.md.
"""
import argparse
import gzip
import json
import os
import random
import time
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN = 0.2860
STD = 0.3530
DATA_DIR = "/usr/share/datasets/fashion-mnist"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    ndim = magic & 0xFF
    assert (magic >> 8) == 0x08, f"{path}: not an unsigned-byte IDX file"
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_split(prefix):
    images = read_idx(os.path.join(DATA_DIR, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(DATA_DIR, f"{prefix}-labels-idx1-ubyte.gz"))
    x = (images.astype(np.float32) / 255.0 - MEAN) / STD
    return torch.from_numpy(x[:, None, :, :].copy()), torch.from_numpy(labels.astype(np.int64))


class DemoNet(nn.Module):
    """conv3x3(1->16)-BN-ReLU-maxpool2, conv3x3(16->32)-BN-ReLU-maxpool2,
    conv3x3(32->64)-BN-ReLU-maxpool2 (7x7 -> 3x3), flatten(576), fc(576->10)."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(OrderedDict([
            ("conv1", nn.Conv2d(1, 16, 3, padding=1, bias=False)),
            ("bn1", nn.BatchNorm2d(16)),
            ("relu1", nn.ReLU()),
            ("pool1", nn.MaxPool2d(2)),
            ("conv2", nn.Conv2d(16, 32, 3, padding=1, bias=False)),
            ("bn2", nn.BatchNorm2d(32)),
            ("relu2", nn.ReLU()),
            ("pool2", nn.MaxPool2d(2)),
            ("conv3", nn.Conv2d(32, 64, 3, padding=1, bias=False)),
            ("bn3", nn.BatchNorm2d(64)),
            ("relu3", nn.ReLU()),
            ("pool3", nn.MaxPool2d(2)),
        ]))
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(64 * 3 * 3, 10)

    def forward(self, x):
        return self.fc(self.flatten(self.features(x)))


def evaluate(model, x, y, batch=1000):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            correct += (model(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
    return correct / len(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--outdir", default=os.path.join(REPO, "resources", "models"))
    args = ap.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    xtr, ytr = load_split("train")
    xte, yte = load_split("t10k")
    print(f"train {tuple(xtr.shape)}, test {tuple(xte.shape)}, torch {torch.__version__}, threads {args.threads}")

    model = DemoNet()
    steps_per_epoch = (len(xtr) + args.batch - 1) // args.batch
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr * 10, epochs=args.epochs,
                                                steps_per_epoch=steps_per_epoch, pct_start=0.25)
    gen = torch.Generator().manual_seed(args.seed)
    t0 = time.time()
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(len(xtr), generator=gen)
        total_loss = 0.0
        for i in range(0, len(xtr), args.batch):
            idx = perm[i:i + args.batch]
            xb, yb = xtr[idx], ytr[idx]
            # light augmentation: random horizontal flip (clothes are left/right symmetric)
            flip = torch.rand(len(idx), generator=gen) < 0.5
            xb = torch.where(flip[:, None, None, None], xb.flip(3), xb)
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total_loss += loss.item() * len(idx)
        acc = evaluate(model, xte, yte)
        print(f"epoch {epoch + 1}/{args.epochs}: train loss {total_loss / len(xtr):.4f}, "
              f"test top-1 {acc * 100:.2f}%, elapsed {time.time() - t0:.0f}s", flush=True)
    train_seconds = time.time() - t0

    model.eval()
    top1 = evaluate(model, xte, yte)
    os.makedirs(args.outdir, exist_ok=True)
    onnx_path = os.path.join(args.outdir, "fmnist_demo.onnx")
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28), onnx_path, opset_version=13,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}},
                      do_constant_folding=True, export_params=True,
                      # PRESERVE (model is in eval mode) instead of EVAL: keeps BatchNormalization nodes
                      # in the graph instead of folding them into the Conv weights at export, so that
                      # QuantScope's own BN folding is exercised by the demo model.
                      training=torch.onnx.TrainingMode.PRESERVE)

    import onnx
    exported = onnx.load(onnx_path)
    onnx.checker.check_model(exported)
    print("ops:", " ".join(n.op_type for n in exported.graph.node))
    # Reference logits for the first 8 test images, so an ONNX runtime can be cross-checked.
    with torch.no_grad():
        ref_logits = model(xte[:8]).numpy()

    info = {
        "fp32_torch_top1": round(top1, 4),
        "test_images": int(len(xte)),
        "normalize": {"scale": 1.0 / 255.0, "mean": [MEAN], "std": [STD],
                      "formula": "x = (pixel/255 - 0.2860) / 0.3530"},
        "input": {"name": "input", "shape": ["N", 1, 28, 28], "dtype": "float32"},
        "output": {"name": "logits", "shape": ["N", 10]},
        "classes": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        "reference_logits_first8": [[round(float(v), 5) for v in row] for row in ref_logits],
        "training": {"epochs": args.epochs, "batch": args.batch, "seed": args.seed,
                     "threads": args.threads, "seconds": round(train_seconds, 1),
                     "torch": torch.__version__, "opset": 13},
    }
    with open(os.path.join(args.outdir, "fmnist_demo.json"), "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    print(json.dumps(info))
    print(f"wrote {onnx_path} ({os.path.getsize(onnx_path)} bytes); PyTorch test top-1 {top1 * 100:.2f}%")


if __name__ == "__main__":
    main()
