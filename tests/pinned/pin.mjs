// Pinned trajectories: for every model kind and every optimiser, 30 steps
// of `unroll train` (losses, metrics, gradient norms, ||dL/dh_t||, the
// summary and greedy evaluations) and a digest of the final weights,
// compared with trajectories.golden BIT FOR BIT (the CLI prints shortest
// round-trip doubles). A refactor must leave them identical; a change
// that must alter rounding re-records them in its own commit, saying why.
//
// The golden file is recorded with the wasm CLI (build/wasm/unroll.js in
// Node): WebAssembly's arithmetic is the same on every x86 CPU, so the
// file holds on any machine. A native build (-march=native, Eigen) rounds
// differently per CPU; --cli build/native/unroll --golden FILE compares
// two native builds on one machine.
//
//   node tests/pinned/pin.mjs                 # check against the golden file
//   node tests/pinned/pin.mjs --record        # (re)write it
//   node tests/pinned/pin.mjs --cli build/native/unroll --golden /tmp/native.golden [--record]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
export const GOLDEN = join(HERE, 'trajectories.golden');
export const STEPS = 30;

// Every model kind (each cell, encoder-decoder with each attention, the
// Transformer decoder-only and encoder-decoder), every optimiser, every
// clipping mode and init, truncated BPTT both ways, weight decay, layers.
// Small sizes keep the whole set to seconds.
export const CONFIGS = [
  'arch=rnn_tanh&task=adding&T=12&hidden=16&batch=8&optim=sgd&lr=0.05',
  'arch=rnn_relu&init=identity&task=parity&parity_at=every&T=10&hidden=12&batch=8&optim=momentum&clip=value&clip_at=0.5',
  'arch=lstm&layers=2&task=copy&T=6&symbols=3&alphabet=4&hidden=16&batch=8&wd=0.01',
  'arch=gru&init=orthogonal&rho=1.2&task=reber&hidden=16&batch=8&optim=rmsprop&clip=off&seed=5',
  'arch=lstm&task=sine&waves=3&T=20&tbptt=4&hidden=12&batch=8',
  'arch=gru&task=adding&T=20&tbptt=5&tbptt_update=chunk&hidden=12&batch=8&optim=sgd&lr=0.1',
  'arch=lstm&init=xavier&fbias=2&task=text&T=16&hidden=24&batch=8&optim=adam&lr=0.005',
  'arch=rnn_tanh&init=pytorch&rho=1.5&task=adding&T=15&hidden=16&batch=4&optim=adam&clip=norm&clip_at=0.1',
  'model=seq2seq&arch=gru&task=reverse&T=4&hidden=16&batch=8',
  'model=seq2seq&arch=lstm&attn=bahdanau&task=sort&T=4&eval_T=6&hidden=16&batch=8&optim=sgd&lr=0.1',
  'model=seq2seq&arch=rnn_tanh&attn=luong&layers=2&task=addition&T=2&hidden=16&batch=8&optim=rmsprop&lr=0.003',
  'model=transformer&task=repeat&T=4&d_model=16&heads=2&ff=32&batch=8',
  'model=transformer&task=adding&T=10&d_model=16&heads=4&ff=16&pos=learned&layers=2&batch=8&optim=momentum&lr=0.02',
  'model=transformer&task=text&T=12&d_model=32&heads=4&ff=32&batch=4&optim=sgd&clip=value&clip_at=0.1',
  'model=transformer&task=addition&T=2&eval_T=3&pos=learned&d_model=16&heads=2&ff=16&batch=8&optim=rmsprop&wd=0.001',
];

function runner(cli) {
  if (cli.endsWith('.js')) return { cmd: 'node', pre: [cli] };
  return { cmd: cli, pre: [] };
}

// Sorted keys of the numbers that vary with the clock, left out.
const CLOCK_KEYS = new Set(['seconds', 'steps_per_second']);

// sha256 over every weight tensor's name and data, in file order.
function weightsDigest(text) {
  const h = createHash('sha256');
  const walk = (v, name) => {
    if (Array.isArray(v)) v.forEach((x, k) => walk(x, `${name}[${k}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${name}.${k}`);
    else if (typeof v === 'number') h.update(`${name}=${v}\n`);
  };
  walk(JSON.parse(text).params ?? JSON.parse(text), '');
  return h.digest('hex');
}

// The pinned text of one config: its JSON lines and the weights digest.
export function trajectory(config, cli) {
  const { cmd, pre } = runner(cli);
  const dir = mkdtempSync(join(tmpdir(), 'unroll-pin-'));
  try {
    const weights = join(dir, 'w.json');
    const args = [...pre, 'train', '--config', `v=1&${config}`, '--steps', String(STEPS), '--jsonl', '-',
      '--dh', '--quiet', '--save-weights', weights, '--eval-n', '16'];
    if (/model=(seq2seq|transformer)/.test(config) && /task=(reverse|repeat|sort|addition)/.test(config)) {
      args.push('--by-length', '2,3');
    }
    const out = execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
    const lines = out.trim().split('\n').map((line) => {
      const o = JSON.parse(line);
      for (const k of CLOCK_KEYS) delete o[k];
      return JSON.stringify(o);
    });
    lines.push(`weights ${weightsDigest(readFileSync(weights, 'utf8'))}`);
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readGolden(path = GOLDEN) {
  const blocks = new Map();
  let cur = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('# ')) { cur = line.slice(2); blocks.set(cur, []); }
    else if (cur !== null && line !== '') blocks.get(cur).push(line);
  }
  return new Map([...blocks].map(([k, v]) => [k, v.join('\n')]));
}

export function defaultCli() {
  return join(process.env.UNROLL_WASM_BUILD || join(ROOT, 'build/wasm'), 'unroll.js');
}

// First differing line of two trajectories, for a readable failure.
export function firstDifference(want, got) {
  const a = want.split('\n'), b = got.split('\n');
  for (let k = 0; k < Math.max(a.length, b.length); ++k) {
    if (a[k] !== b[k]) return `line ${k + 1}:\n  golden: ${a[k]}\n  now:    ${b[k]}`;
  }
  return '';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (name, def) => { const k = argv.indexOf(name); return k >= 0 ? argv[k + 1] : def; };
  const cli = resolve(opt('--cli', defaultCli()));
  const golden = resolve(opt('--golden', GOLDEN));
  if (!existsSync(cli)) { console.error(`pin: ${cli} is missing (scripts/build_web.sh builds the wasm CLI)`); process.exit(2); }
  if (argv.includes('--record')) {
    const text = CONFIGS.map((c) => `# ${c}\n${trajectory(c, cli)}\n`).join('');
    writeFileSync(golden, text);
    console.log(`pin: recorded ${CONFIGS.length} trajectories into ${golden}`);
  } else {
    const want = readGolden(golden);
    let bad = 0;
    for (const c of CONFIGS) {
      const diff = want.has(c) ? firstDifference(want.get(c), trajectory(c, cli)) : 'not in the golden file';
      if (diff) { ++bad; console.log(`DIFFERS ${c}\n${diff}`); } else console.log(`same    ${c}`);
    }
    console.log(bad ? `pin: ${bad} of ${CONFIGS.length} differ` : `pin: all ${CONFIGS.length} identical`);
    process.exit(bad ? 1 : 0);
  }
}
