// ONNX Runtime's outputs for a model with several inputs, for the node tests QuantScope makes itself
// (tests/data/onnx_node_extra/make_lstm_cases.py writes the inputs and turns these outputs into output_N.pb):
//   node node_test_outputs.js MODEL.onnx MANIFEST.json OUT_PREFIX
// MANIFEST.json lists the inputs: [{"name", "type" ("float32" | "int32" | "int64"), "dims", "file"}], each file
// holding the values raw and little-endian. Output i goes to OUT_PREFIX<i>.bin as float32, its dims on a line
// of stdout: "<index> <name> d0xd1x...".
const fs = require('fs');
const ort = require('onnxruntime-node');

const arrays = { float32: Float32Array, int32: Int32Array, int64: BigInt64Array };

(async () => {
  const [model, manifestFile, prefix] = process.argv.slice(2);
  const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3, graphOptimizationLevel: 'disabled' });
  const feeds = {};
  for (const input of JSON.parse(fs.readFileSync(manifestFile, 'utf8'))) {
    const bytes = fs.readFileSync(input.file);
    const Array = arrays[input.type];
    const copy = new Uint8Array(bytes); // aligned for the typed array
    feeds[input.name] = new ort.Tensor(input.type, new Array(copy.buffer, 0, copy.byteLength / Array.BYTES_PER_ELEMENT), input.dims);
  }
  const outputs = await session.run(feeds);
  session.outputNames.forEach((name, i) => {
    const t = outputs[name];
    fs.writeFileSync(prefix + i + '.bin', Buffer.from(Float32Array.from(t.data, Number).buffer));
    console.log(i, name, t.dims.join('x'));
  });
})().catch((e) => { console.error('node_test_outputs.js: ' + e.message); process.exit(1); });
