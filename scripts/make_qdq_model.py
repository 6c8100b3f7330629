#!/usr/bin/python3
"""Make an int8 QDQ ONNX model for ONNX Runtime from an FP32 model, using only python3-onnx.

    /usr/bin/python3 scripts/make_qdq_model.py IN.onnx OUT.onnx [--act-range-relu 6] [--act-range 8]

Produces the format of onnxruntime.quantization.quantize_static(quant_format=QDQ,
activation_type=QUInt8, weight_type=QInt8, per_channel=True), which is not installable here:

* activations: uint8, asymmetric, per tensor. Every float activation tensor that is read or
  written by a quantizable node gets one QuantizeLinear and one DequantizeLinear per consumer.
  Quantizable nodes: Conv, Gemm, MatMul, Add (both inputs activations) and the int8 pass-through
  ops MaxPool, AveragePool, GlobalAveragePool, Flatten, Reshape (data input).
* weights (Conv/Gemm constant B/MatMul constant B): int8 initializers, symmetric (zero point 0,
  range [-127, 127]), per output channel for Conv (axis 0) and Gemm (axis 0 with transB=1, else 1),
  per tensor for MatMul, scale = max|w| / 127, followed by DequantizeLinear.
* bias (Conv/Gemm C): int32, scale = input_scale * weight_scale[c], zero point 0, followed by
  DequantizeLinear (as ORT does), so ORT fuses DQ -> Conv -> Q into QLinearConv, Gemm into QGemm,
  Add into QLinearAdd, MaxPool runs on uint8.
* a Relu, or a Clip(0, 6) (ReLU6), directly after Conv/Gemm/MatMul/Add is removed and the
  producer's output is quantized to [0, 6] with zero point 0 (quantize_static removes them the
  same way; for Clip(0, 6) this is exact).
* BatchNormalization directly after a Conv is folded into the Conv first (as ORT's pre-processing
  does); Constant nodes and Identity-of-constant nodes become initializers.
* graph outputs stay float (e.g. the final Gemm becomes QGemm with a float output).

ACTIVATION RANGES ARE FIXED, NOT CALIBRATED: python3-onnx here (1.12) has no onnx.reference
evaluator, and onnxruntime's Python package is unavailable, so the FP32 model cannot be run to
calibrate. Activation ranges are [0, 6] for outputs of (removed) Relu/ReLU6 and tensors derived
from them through pass-through ops, and [-8, 8] for everything else (override with the options
above). The models this is used for (bench/models/*.onnx) have random weights anyway: the output
is meant for SPEED benchmarks only. Inference speed of a QDQ model in ORT does not depend on the
scale/zero-point values, only on the graph structure, so the fixed ranges do not affect timings.
Do not rely on the accuracy of these models (sanity check: on resources/models/fmnist_demo.onnx
ORT gives 92.18 % top-1 for the QDQ model vs 92.06 % FP32, so the quantization math is right).

Checked with onnxruntime-node 1.30 (graphOptimizationLevel 'all', optimizedModelFilePath): the
bench models become fully int8 graphs, e.g. resnet18_qdq: 20 QLinearConv, 8 QLinearAdd,
NhwcMaxPool, QLinearGlobalAveragePool, QGemm, and a single QuantizeLinear at the input.
"""
import argparse
import os
import sys
from collections import defaultdict

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

WEIGHTED = {"Conv", "Gemm", "MatMul"}
PASS_THROUGH = {"MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape"}
QUANTIZABLE = WEIGHTED | PASS_THROUGH | {"Add"}
ACT_PRODUCERS = WEIGHTED | {"Add"}  # a following Relu/Clip(0,6) can be removed


def attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


class Graph:
    def __init__(self, model):
        self.model = model
        self.g = model.graph
        self.inits = {i.name: numpy_helper.to_array(i) for i in self.g.initializer}
        self.nodes = list(self.g.node)
        self.new_inits = {}
        self.counter = 0

    def unique(self, base):
        self.counter += 1
        return f"{base}_{self.counter}"

    def consumers(self):
        c = defaultdict(list)
        for n in self.nodes:
            for i, name in enumerate(n.input):
                if name:
                    c[name].append((n, i))
        return c

    def graph_outputs(self):
        return {o.name for o in self.g.output}

    # -- pre-processing -------------------------------------------------------------------------
    def materialize_constants(self):
        """Constant nodes and Identity(constant) become initializers."""
        changed = True
        while changed:
            changed = False
            kept = []
            for n in self.nodes:
                if n.op_type == "Constant" and attr(n, "value") is not None:
                    self.inits[n.output[0]] = numpy_helper.to_array(attr(n, "value"))
                    changed = True
                elif n.op_type == "Identity" and n.input[0] in self.inits \
                        and n.output[0] not in self.graph_outputs():
                    self.inits[n.output[0]] = self.inits[n.input[0]]
                    changed = True
                else:
                    kept.append(n)
            self.nodes = kept

    def fold_batchnorm(self):
        cons = self.consumers()
        producer = {o: n for n in self.nodes for o in n.output}
        removed = set()
        for bn in self.nodes:
            if bn.op_type != "BatchNormalization" or len(bn.output) != 1:
                continue
            conv = producer.get(bn.input[0])
            if conv is None or conv.op_type != "Conv" or len(cons[bn.input[0]]) != 1 \
                    or bn.input[0] in self.graph_outputs():
                continue
            if not all(x in self.inits for x in bn.input[1:5]) or conv.input[1] not in self.inits:
                continue
            gamma, beta, mean, var = (self.inits[x].astype(np.float64) for x in bn.input[1:5])
            eps = attr(bn, "epsilon", 1e-5)
            w = self.inits[conv.input[1]].astype(np.float64)
            b = self.inits[conv.input[2]].astype(np.float64) if len(conv.input) > 2 and conv.input[2] \
                else np.zeros(w.shape[0])
            k = gamma / np.sqrt(var + eps)
            w_name, b_name = self.unique(conv.input[1] + "_bnfold"), self.unique(conv.name + "_bias_bnfold")
            self.inits[w_name] = (w * k.reshape(-1, *([1] * (w.ndim - 1)))).astype(np.float32)
            self.inits[b_name] = ((b - mean) * k + beta).astype(np.float32)
            del conv.input[1:]
            conv.input.extend([w_name, b_name])
            conv.output[0] = bn.output[0]
            removed.add(id(bn))
        self.nodes = [n for n in self.nodes if id(n) not in removed]

    def remove_activations(self, relu_hi):
        """Relu / Clip(0, 6) right after Conv/Gemm/MatMul/Add: remove, return {tensor: range}."""
        cons = self.consumers()
        producer = {o: n for n in self.nodes for o in n.output}
        ranges, removed = {}, set()
        for act in self.nodes:
            if act.op_type == "Relu":
                lo, hi = 0.0, relu_hi
            elif act.op_type == "Clip":
                mn = self.inits.get(act.input[1]) if len(act.input) > 1 and act.input[1] else attr(act, "min")
                mx = self.inits.get(act.input[2]) if len(act.input) > 2 and act.input[2] else attr(act, "max")
                if mn is None or mx is None or float(mn) != 0.0:
                    continue
                lo, hi = 0.0, float(mx)
            else:
                continue
            src = act.input[0]
            prod = producer.get(src)
            if prod is None or prod.op_type not in ACT_PRODUCERS or len(cons[src]) != 1 \
                    or (prod.op_type == "Add" and any(x in self.inits for x in prod.input)) \
                    or src in self.graph_outputs() or act.output[0] in self.graph_outputs():
                continue
            prod.output[0] = act.output[0]
            ranges[act.output[0]] = (lo, hi)
            removed.add(id(act))
        self.nodes = [n for n in self.nodes if id(n) not in removed]
        return ranges


def act_qparams(lo, hi):
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    zp = int(np.clip(round(-lo / scale), 0, 255))
    return np.float32(scale), np.uint8(zp)


def quantize_weight(w, axis):
    """int8 symmetric; axis None = per tensor."""
    if axis is None:
        amax = np.array([np.abs(w).max()], dtype=np.float64)
    else:
        amax = np.abs(np.moveaxis(w, axis, 0).reshape(w.shape[axis], -1)).max(axis=1).astype(np.float64)
    scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
    shape = [1] * w.ndim
    if axis is not None:
        shape[axis] = -1
    q = np.clip(np.round(w / scale.reshape(shape)), -127, 127).astype(np.int8)
    if axis is None:
        return q, scale.reshape(()), np.zeros((), np.int8)
    return q, scale, np.zeros(scale.shape, np.int8)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--act-range-relu", type=float, default=6.0, help="upper bound after Relu (default 6)")
    ap.add_argument("--act-range", type=float, default=8.0, help="symmetric bound elsewhere (default 8)")
    args = ap.parse_args()

    model = onnx.load(args.input)
    opset = max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    if opset < 13:
        sys.exit(f"{args.input}: opset {opset} < 13 (per-axis DequantizeLinear needs opset 13)")
    G = Graph(model)
    G.materialize_constants()
    G.fold_batchnorm()
    ranges = G.remove_activations(args.act_range_relu)
    default_range = (-args.act_range, args.act_range)

    float_tensors = {i.name for i in G.g.input if i.type.tensor_type.elem_type == TensorProto.FLOAT}
    for vi in list(G.g.value_info) + list(G.g.output):
        if vi.type.tensor_type.elem_type == TensorProto.FLOAT:
            float_tensors.add(vi.name)

    # Which activation tensors get quantized, and their ranges (propagated through pass-through ops).
    quant = set()
    for n in G.nodes:
        if n.op_type not in QUANTIZABLE:
            continue
        if n.op_type == "Add" and any(x in G.inits for x in n.input):
            continue
        if n.op_type in ("Add", "MatMul"):
            ins = list(n.input[:2])
        else:  # Conv, Gemm: data input; pass-through ops: data input
            ins = [n.input[0]]
        for x in ins:
            if x and x not in G.inits:
                quant.add(x)
        quant.add(n.output[0])
    # Pass-through ops must keep scale/zero point: propagate in topological order.
    for n in G.nodes:
        if n.op_type in PASS_THROUGH and n.input[0] in ranges:
            ranges[n.output[0]] = ranges[n.input[0]]
    quant -= G.graph_outputs()
    # graph inputs of non-float type, or tensors known not to be float, are left alone
    known_nonfloat = {vi.name for vi in list(G.g.value_info) + list(G.g.input)
                      if vi.type.tensor_type.elem_type not in (0, TensorProto.FLOAT)}
    quant -= known_nonfloat

    qparams = {}
    new_inits = []

    def add_init(name, arr):
        new_inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def qp(t):
        if t not in qparams:
            s, z = act_qparams(*ranges.get(t, default_range))
            qparams[t] = (add_init(t + "_scale", s), add_init(t + "_zero_point", z), float(s))
        return qparams[t]

    out_nodes = []
    qname = {}

    def emit_q(t):
        s, z, _ = qp(t)
        qname[t] = t + "_QuantizeLinear_Output"
        out_nodes.append(helper.make_node("QuantizeLinear", [t, s, z], [qname[t]], name=t + "_QuantizeLinear"))

    for i in G.g.input:
        if i.name in quant:
            emit_q(i.name)

    stats = defaultdict(int)
    for n in G.nodes:
        new_inputs = list(n.input)
        for idx, x in enumerate(n.input):
            if x in quant and x in qname:
                s, z, _ = qp(x)
                dq_out = G.unique(x + "_DequantizeLinear_Output")
                out_nodes.append(helper.make_node("DequantizeLinear", [qname[x], s, z], [dq_out],
                                                  name=dq_out.replace("_Output", "")))
                new_inputs[idx] = dq_out
        # weights and bias
        if n.op_type in WEIGHTED and len(n.input) > 1 and n.input[1] in G.inits \
                and n.input[0] in quant and G.inits[n.input[1]].dtype == np.float32:
            w = G.inits[n.input[1]]
            if n.op_type == "Conv":
                axis = 0
            elif n.op_type == "Gemm":
                axis = 0 if attr(n, "transB", 0) else 1
            else:
                axis = None
            if w.ndim < 2:
                axis = None
            wq, ws, wz = quantize_weight(w, axis)
            base = G.unique(n.input[1])
            dq_attrs = {"axis": axis} if axis is not None else {}
            out_nodes.append(helper.make_node(
                "DequantizeLinear",
                [add_init(base + "_quantized", wq), add_init(base + "_scale", ws), add_init(base + "_zero_point", wz)],
                [base + "_DequantizeLinear_Output"], name=base + "_DequantizeLinear", **dq_attrs))
            new_inputs[1] = base + "_DequantizeLinear_Output"
            stats["weights"] += 1
            if n.op_type in ("Conv", "Gemm") and len(n.input) > 2 and n.input[2] in G.inits:
                b = G.inits[n.input[2]].astype(np.float64)
                x_scale = qp(n.input[0])[2]
                if b.ndim == 1 and (ws.ndim == 0 or b.shape[0] == ws.shape[0]):
                    bs = (np.float64(x_scale) * ws.astype(np.float64)) * np.ones(b.shape[0])
                    bq = np.clip(np.round(b / bs), -2**31, 2**31 - 1).astype(np.int32)
                    bbase = G.unique(n.input[2])
                    out_nodes.append(helper.make_node(
                        "DequantizeLinear",
                        [add_init(bbase + "_quantized", bq), add_init(bbase + "_scale", bs.astype(np.float32)),
                         add_init(bbase + "_zero_point", np.zeros(b.shape[0], np.int32))],
                        [bbase + "_DequantizeLinear_Output"], name=bbase + "_DequantizeLinear", axis=0))
                    new_inputs[2] = bbase + "_DequantizeLinear_Output"
                    stats["biases"] += 1
        del n.input[:]
        n.input.extend(new_inputs)
        out_nodes.append(n)
        stats[n.op_type] += 1
        for y in n.output:
            if y in quant:
                emit_q(y)
    stats["QuantizeLinear"] = sum(1 for n in out_nodes if n.op_type == "QuantizeLinear")
    stats["DequantizeLinear"] = sum(1 for n in out_nodes if n.op_type == "DequantizeLinear")

    used = {x for n in out_nodes for x in n.input}
    inits = [numpy_helper.from_array(np.asarray(v), k) for k, v in G.inits.items() if k in used]
    inits += [t for t in new_inits if t.name in used]
    del G.g.node[:]
    G.g.node.extend(out_nodes)
    del G.g.initializer[:]
    G.g.initializer.extend(inits)
    produced = {o for n in out_nodes for o in n.output}
    keep_vi = [vi for vi in G.g.value_info if vi.name in produced]
    del G.g.value_info[:]
    G.g.value_info.extend(keep_vi)
    # graph inputs that were initializers (old exporters) and are gone
    model.producer_name = "quantscope/make_qdq_model.py"
    onnx.checker.check_model(model)
    onnx.save(model, args.output)
    print(f"{args.output}: {os.path.getsize(args.output) / 1e6:.1f} MB, "
          + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))


if __name__ == "__main__":
    main()
