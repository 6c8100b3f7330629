#!/usr/bin/env node
// ONNX Runtime (CPU execution provider) reference benchmark for QuantScope.
//
//   node bench.js --model M.onnx --batch B --threads T [--iterations N] [--warmup W]
//
// Session: intraOpNumThreads=T, interOpNumThreads=1, graphOptimizationLevel 'all',
// executionMode 'sequential'. Input: random uniform [-1, 1) floats of the model's first input
// shape, symbolic/unknown dim 0 set to B (other symbolic dims are an error). Timing: W untimed
// warm-up runs, then N timed session.run() calls (wall clock, input tensor created once).
// Prints ONE JSON line on stdout:
//   {"engine":"onnxruntime","version":...,"model":...,"batch":B,"threads":T,
//    "median_ms":...,"p90_ms":...,"throughput_ips":...}
// throughput_ips = B * 1000 / median_ms.
'use strict';

const path = require('path');
const ort = require('onnxruntime-node');

function usage(msg) {
  if (msg) console.error(`bench.js: ${msg}`);
  console.error('usage: node bench.js --model M.onnx --batch B --threads T [--iterations N] [--warmup W]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { iterations: 20, warmup: 3 };
  for (let i = 0; i < argv.length; ++i) {
    const key = argv[i];
    const value = argv[i + 1];
    if (!key.startsWith('--') || value === undefined) usage(`bad argument '${key}'`);
    const name = key.slice(2);
    if (name === 'model') opts.model = value;
    else if (['batch', 'threads', 'iterations', 'warmup'].includes(name)) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (name === 'warmup' ? 0 : 1)) usage(`--${name} must be a positive integer`);
      opts[name] = n;
    } else usage(`unknown option '${key}'`);
    ++i;
  }
  if (!opts.model || !opts.batch || !opts.threads) usage('--model, --batch and --threads are required');
  return opts;
}

function percentile(sorted, p) {
  // linear interpolation between closest ranks
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const typedArrays = {
  float32: Float32Array, float64: Float64Array, int8: Int8Array, uint8: Uint8Array,
  int32: Int32Array, int64: BigInt64Array,
};

function inputMetadata(session, name) {
  // onnxruntime-node >= 1.21 exposes session.inputMetadata; fall back to a float32 NCHW guess.
  const md = session.inputMetadata;
  if (Array.isArray(md)) return md.find((m) => m.name === name) || md[0];
  if (md && md[name]) return md[name];
  return undefined;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const session = await ort.InferenceSession.create(opts.model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: opts.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  });

  const feeds = {};
  for (const name of session.inputNames) {
    const md = inputMetadata(session, name);
    if (!md || !md.isTensor || !md.shape) throw new Error(`no tensor metadata for input '${name}'`);
    const shape = md.shape.map((d, i) => {
      if (typeof d === 'number' && d >= 0) return d;
      if (i === 0) return opts.batch;
      throw new Error(`input '${name}' has symbolic dimension ${i} ('${d}'); only dim 0 may be symbolic`);
    });
    if (typeof md.shape[0] === 'number' && md.shape[0] !== opts.batch) {
      throw new Error(`input '${name}' has a fixed batch ${md.shape[0]} != --batch ${opts.batch}`);
    }
    const Ctor = typedArrays[md.type];
    if (!Ctor) throw new Error(`input '${name}' has unsupported type ${md.type}`);
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Ctor(size);
    if (md.type === 'float32' || md.type === 'float64') {
      for (let i = 0; i < size; ++i) data[i] = Math.random() * 2 - 1;
    } else if (md.type === 'int64') {
      for (let i = 0; i < size; ++i) data[i] = 0n;
    }
    feeds[name] = new ort.Tensor(md.type, data, shape);
  }

  for (let i = 0; i < opts.warmup; ++i) await session.run(feeds);
  const times = [];
  for (let i = 0; i < opts.iterations; ++i) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 0.5);
  const p90 = percentile(times, 0.9);
  let version = ort.env && ort.env.versions && (ort.env.versions.node || ort.env.versions.common);
  if (!version) {
    try { version = require('onnxruntime-node/package.json').version; } catch (e) { version = 'unknown'; }
  }
  const round = (x, d) => Number(x.toFixed(d));
  console.log(JSON.stringify({
    engine: 'onnxruntime',
    version,
    model: path.basename(opts.model),
    batch: opts.batch,
    threads: opts.threads,
    iterations: opts.iterations,
    warmup: opts.warmup,
    median_ms: round(median, 3),
    p90_ms: round(p90, 3),
    throughput_ips: round((opts.batch * 1000) / median, 2),
  }));
  if (typeof session.release === 'function') await session.release();
}

main().catch((err) => {
  console.error(`bench.js: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
