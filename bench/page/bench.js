// The two in-page runners of the benchmark (bench/run.mjs calls them):
//   runUnroll(args)              `unroll bench <args>` in this page's wasm, JSON text out
//   runTfjs(cfg, runs, seconds)  the same training step in TensorFlow.js (wasm backend)
'use strict';

let unrollWasm = null;  // fetched once; each call instantiates a fresh module

window.runUnroll = async (args) => {
  if (!unrollWasm) {
    const r = await fetch('/build/wasm/unroll_bench_web.wasm');
    if (!r.ok) throw new Error(`unroll_bench_web.wasm: HTTP ${r.status}`);
    unrollWasm = await r.arrayBuffer();
  }
  const out = [];
  // A fresh instance per config, so its linear memory size is that config's peak.
  const mod = await createUnrollBench({ wasmBinary: unrollWasm, print: (s) => out.push(s),
    printErr: (s) => out.push(s) });
  const rc = mod.callMain(['bench', ...args]);
  if (rc) throw new Error(`unroll bench exited ${rc}: ${out.join('\n')}`);
  return out.join('\n');
};

let tfReady = null;
async function initTf() {
  tf.wasm.setWasmPaths('/bench/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend did not start');
  await tf.ready();
}

// tf.layers recurrent layer for a benchmark cell name.
function recurrentLayer(cell, opts) {
  if (cell === 'lstm') return tf.layers.lstm(opts);
  if (cell === 'gru') return tf.layers.gru(opts);
  if (cell === 'rnn_tanh') return tf.layers.simpleRNN({ ...opts, activation: 'tanh' });
  if (cell === 'rnn_relu') return tf.layers.simpleRNN({ ...opts, activation: 'relu' });
  throw new Error(`TF.js runner: no layer for cell '${cell}'`);
}

window.runTfjs = async (cfg, runs, seconds) => {
  if (!tfReady) tfReady = initTf();
  await tfReady;
  const model = tf.sequential();
  // x: B x T x I (batch-major, as tf.layers wants), y: B x T x O
  model.add(recurrentLayer(cfg.cell, { units: cfg.hidden, returnSequences: true,
    inputShape: [cfg.seq, cfg.input] }));
  model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: cfg.output }) }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  const x = tf.randomNormal([cfg.batch, cfg.seq, cfg.input], 0, 1, 'float32', 12345);
  const y = tf.randomNormal([cfg.batch, cfg.seq, cfg.output], 0, 0.5, 'float32', 54321);
  const first = [];
  // Warm-up: 2 steps and at least 1 s (wasm code is optimised after a while).
  const w0 = performance.now();
  for (let s = 0; s < 2 || performance.now() - w0 < 1000; ++s) {
    const loss = Number(await model.trainOnBatch(x, y));
    if (s < 2) first.push(loss);
  }
  const rates = [];
  for (let r = 0; r < runs; ++r) {
    const t0 = performance.now();
    let n = 0, el = 0;
    do {
      await model.trainOnBatch(x, y);
      ++n;
      el = (performance.now() - t0) / 1000;
    } while (el < seconds);
    rates.push(n / el);
  }
  x.dispose(); y.dispose(); model.dispose();
  const sorted = [...rates].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
  return { steps_per_s: rates, median, first_losses: first, backend: tf.getBackend(), tfjs: tf.version.tfjs };
};
