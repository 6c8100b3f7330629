#!/usr/bin/python3
"""Train torchvision's MobileNetV2 (adapted to 1x28x28 inputs) on Fashion-MNIST and export it to ONNX.

Run once by a developer (never by CI or the product) with Debian's PyTorch and torchvision
(apt-get install python3-torch python3-torchvision python3-onnx):

    /usr/bin/python3 scripts/train_fmnist_mobilenetv2.py [--epochs 1] [--seed 0] [--threads 2]

Data: Debian's IDX files in /usr/share/datasets/fashion-mnist/*.gz (package fashion-mnist),
read by scripts/train_demo_model.py's loader (gzip + numpy); nothing is downloaded. Same conventions as that script.

Input normalisation (exactly what QuantScope's preprocessing must reproduce):
    x = (pixel / 255 - 0.2860) / 0.3530,  input `input` float32 [N, 1, 28, 28] (dynamic N)
Output: `logits` float32 [N, 10] (no softmax).

Network: torchvision.models.mobilenet_v2(weights=None, num_classes=10), i.e. the standard definition
(width 1.0; inverted residual blocks with expand ratio 6 except the first, ReLU6, depthwise 3x3, linear
bottlenecks; [t, c, n, s] table [1,16,1,1] [6,24,2,2] [6,32,3,2] [6,64,4,2] [6,96,3,1] [6,160,3,2]
[6,320,1,1]; last channel 1280; global average pool; Dropout(0.2) + Linear(1280 -> 10)).
Exactly two things are changed from torchvision's definition, both for Fashion-MNIST's 1x28x28 images:
  1. features[0][0], the stem conv: Conv2d(3, 32, 3, stride=2, padding=1) becomes
     Conv2d(1, 32, 3, stride=1, padding=1) -- one input channel (greyscale) and stride 1
     (re-initialised with torchvision's own init, kaiming_normal_(mode="fan_out")).
  2. features[2].conv[1][0], the depthwise 3x3 conv of the first block of the first stride-2 stage
     ([6,24,2,2]): stride 2 becomes stride 1. (That block has 16 -> 24 channels, so it has no residual
     connection with either stride; nothing else in the block changes.)
Why: torchvision's network downsamples by 32 (designed for 224x224). On 28x28 that leaves 14 -> 7 -> 4
-> 2 -> 1, i.e. the 160/320/1280-channel stages would see a 1x1 map. With the two strides set to 1 the
total downsampling is 8: 28 (stem, 16, 24) -> 14 (32) -> 7 (64, 96) -> 4 (160, 320, 1280) -> global pool.
No other layer, width, activation or initialisation is changed.

Writes
    tests/data/models/fmnist_mobilenetv2.onnx   opset 13, BatchNormalization nodes kept (exported in eval
                                                mode with TrainingMode.PRESERVE), ReLU6 exported as Clip
and prints a summary (per-epoch time and test top-1, final FP32 top-1) for tests/data/models/README.md.
After export the file is checked with onnx.checker; its top-1 on the 10k test images is computed with
ONNX Runtime if that is importable, else (and always, for comparison) with the PyTorch model in eval mode.
"""
import argparse
import math
import os
import sys
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The same data and normalisation as the demo model: its IDX reader and split loader, not a copy.
from train_demo_model import load_split  # noqa: E402


def build_model():
    """torchvision's MobileNetV2 with the two changes listed in the module docstring."""
    model = torchvision.models.mobilenet_v2(weights=None, num_classes=10)
    stem = model.features[0][0]
    assert isinstance(stem, nn.Conv2d) and stem.in_channels == 3 and stem.stride == (2, 2)
    new_stem = nn.Conv2d(1, stem.out_channels, kernel_size=3, stride=1, padding=1, bias=False)
    nn.init.kaiming_normal_(new_stem.weight, mode="fan_out")  # torchvision's init for convs
    model.features[0][0] = new_stem
    dw = model.features[2].conv[1][0]  # first block of the [6, 24, 2, 2] stage: its depthwise 3x3
    assert isinstance(dw, nn.Conv2d) and dw.groups == dw.in_channels == 96 and dw.stride == (2, 2)
    assert not model.features[2].use_res_connect
    dw.stride = (1, 1)
    return model


def evaluate(model, x, y, batch=500):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            xb = x[i:i + batch].contiguous(memory_format=torch.channels_last)
            correct += (model(xb).argmax(1) == y[i:i + batch]).sum().item()
    return correct / len(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=float, default=1.0,
                    help="passes over the 60k training images; may be fractional (the LR schedule spans them)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.05, help="peak LR of the one-cycle schedule (SGD, Nesterov)")
    ap.add_argument("--wd", type=float, default=4e-5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--log-every", type=int, default=100, help="print progress every N steps")
    ap.add_argument("--out", default=os.path.join(REPO, "tests", "data", "models", "fmnist_mobilenetv2.onnx"))
    args = ap.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    xtr, ytr = load_split("train")
    xte, yte = load_split("t10k")
    print(f"train {tuple(xtr.shape)}, test {tuple(xte.shape)}, torch {torch.__version__}, "
          f"torchvision {torchvision.__version__}, threads {args.threads}", flush=True)

    model = build_model()
    print(f"parameters: {sum(p.numel() for p in model.parameters())}", flush=True)
    # channels_last is markedly faster for the depthwise convs on CPU (oneDNN); it does not change the model.
    model = model.to(memory_format=torch.channels_last)

    steps_per_epoch = (len(xtr) + args.batch - 1) // args.batch
    total_steps = max(1, int(math.ceil(args.epochs * steps_per_epoch)))
    opt = torch.optim.SGD(model.parameters(), lr=args.lr / 10, momentum=0.9, nesterov=True,
                          weight_decay=args.wd)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=total_steps, pct_start=0.2)
    gen = torch.Generator().manual_seed(args.seed)
    t0 = time.time()
    step = 0
    epoch = 0
    history = []
    while step < total_steps:
        epoch += 1
        t_epoch = time.time()
        model.train()
        perm = torch.randperm(len(xtr), generator=gen)
        total_loss, seen = 0.0, 0
        for i in range(0, len(xtr), args.batch):
            if step >= total_steps:
                break
            idx = perm[i:i + args.batch]
            xb = xtr[idx].contiguous(memory_format=torch.channels_last)
            yb = ytr[idx]
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            total_loss += loss.item() * len(idx)
            seen += len(idx)
            if step % args.log_every == 0:
                print(f"  step {step}/{total_steps}: loss {total_loss / seen:.4f}, "
                      f"lr {sched.get_last_lr()[0]:.4f}, elapsed {time.time() - t0:.0f}s", flush=True)
        train_time = time.time() - t_epoch
        acc = evaluate(model, xte, yte)
        history.append((epoch, seen, train_time, acc))
        print(f"epoch {epoch} ({seen} images): train loss {total_loss / max(seen, 1):.4f}, "
              f"epoch time {train_time:.0f}s, test top-1 {acc * 100:.2f}%, elapsed {time.time() - t0:.0f}s",
              flush=True)
    train_seconds = time.time() - t0

    top1 = history[-1][3]  # PyTorch eval-mode top-1 of the final model (evaluated right above)
    model.eval()
    model = model.to(memory_format=torch.contiguous_format)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28), args.out, opset_version=13,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}},
                      do_constant_folding=True, export_params=True,
                      # PRESERVE (model is in eval mode) instead of EVAL: keeps BatchNormalization nodes
                      # in the graph, so QuantScope's own BN folding is exercised.
                      training=torch.onnx.TrainingMode.PRESERVE)

    import onnx
    exported = onnx.load(args.out)
    onnx.checker.check_model(exported)
    ops = {}
    for n in exported.graph.node:
        ops[n.op_type] = ops.get(n.op_type, 0) + 1
    print("onnx.checker: OK; ops:", ", ".join(f"{k} x{v}" for k, v in sorted(ops.items())))

    try:
        import onnxruntime as ort
    except ImportError:
        ort = None
    if ort is not None:
        sess = ort.InferenceSession(args.out, providers=["CPUExecutionProvider"])
        correct = 0
        for i in range(0, len(xte), 500):
            logits = sess.run(["logits"], {"input": xte[i:i + 500].numpy()})[0]
            correct += int((logits.argmax(1) == yte[i:i + 500].numpy()).sum())
        print(f"ONNX Runtime {ort.__version__} top-1 of the exported file: {correct / len(xte) * 100:.2f}%")
    else:
        print("onnxruntime is not importable: top-1 below is the PyTorch model in eval mode")

    size = os.path.getsize(args.out)
    print(f"summary: torch {torch.__version__}, torchvision {torchvision.__version__}, "
          f"epochs {args.epochs:g} ({step} steps of {args.batch}), seed {args.seed}, threads {args.threads}, "
          f"training {train_seconds:.0f}s; per epoch: "
          + "; ".join(f"#{e} {n} imgs {t:.0f}s {a * 100:.2f}%" for e, n, t, a in history))
    print(f"wrote {args.out} ({size} bytes, {size / 1e6:.2f} MB); PyTorch eval test top-1 {top1 * 100:.2f}%")


if __name__ == "__main__":
    main()
