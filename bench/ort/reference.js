// FP32 reference outputs from ONNX Runtime for QuantScope's tests (tests/core/integration/test_realmodels_vs_ort.cpp):
//   node reference.js MODEL.onnx INPUT.bin DIMS OUT_PREFIX [optimized]
// With "optimized" ONNX Runtime applies all its graph optimizations (a QDQ model then runs on its int8 kernels:
// QLinearConv, QGemm...); without, every node runs as written (a QDQ model's QuantizeLinear and DequantizeLinear too).
// INPUT.bin holds float32 values (little-endian) of the model's only input with shape DIMS ("1x3x240x320");
// each output is written to OUT_PREFIX<index>.bin, a line of stdout saying how: "<index> <name> d0xd1x... <type>". Float
// outputs are written as float32 (type "float32"); integer and bool outputs as int64, exactly (type "int64"). A dim
// may be 0 (a detector that selected no box): the dims then read e.g. "0x7"; a scalar's read "scalar".
const fs = require('fs');
const ort = require('onnxruntime-node');

(async () => {
  const [model, inputFile, dimsText, prefix, mode] = process.argv.slice(2);
  const graphOptimizationLevel = mode === 'optimized' ? 'all' : 'disabled';
  const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3, graphOptimizationLevel });
  const dims = dimsText.split('x').map(Number);
  const bytes = fs.readFileSync(inputFile);
  const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const outputs = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', Float32Array.from(data), dims) });
  session.outputNames.forEach((name, i) => {
    const t = outputs[name];
    const float = t.type.startsWith('float');
    const values = float ? Float32Array.from(t.data, Number) : BigInt64Array.from(t.data, (v) => BigInt(v));
    fs.writeFileSync(prefix + i + '.bin', Buffer.from(values.buffer));
    console.log(i, name, t.dims.join('x') || 'scalar', float ? 'float32' : 'int64');
  });
})().catch((e) => { console.error('reference.js: ' + e.message); process.exit(1); });
