// FP32 reference outputs from ONNX Runtime for QuantScope's tests (tests/core/integration/test_realmodels_vs_ort.cpp):
//   node reference.js MODEL.onnx INPUT.bin DIMS OUT_PREFIX
// INPUT.bin holds float32 values (little-endian) of the model's only input with shape DIMS ("1x3x240x320");
// each output is written to OUT_PREFIX<index>.bin as float32, its dims on a line of stdout: "<index> <name> d0xd1x...".
const fs = require('fs');
const ort = require('onnxruntime-node');

(async () => {
  const [model, inputFile, dimsText, prefix] = process.argv.slice(2);
  const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3, graphOptimizationLevel: 'disabled' });
  const dims = dimsText.split('x').map(Number);
  const bytes = fs.readFileSync(inputFile);
  const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const outputs = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', Float32Array.from(data), dims) });
  session.outputNames.forEach((name, i) => {
    const t = outputs[name];
    const values = Float32Array.from(t.data, Number);
    fs.writeFileSync(prefix + i + '.bin', Buffer.from(values.buffer));
    console.log(i, name, t.dims.join('x'));
  });
})().catch((e) => { console.error('reference.js: ' + e.message); process.exit(1); });
