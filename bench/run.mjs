// The benchmark driver: runs every runner on every config in turns
// (round 1: runners A B C D E, round 2: E D C B A, ...) so machine drift
// hits them all alike, then writes results/{latest.json, latest.md} and
// asks plot.py for results/latest.png. bench/run.sh builds and calls this.
// After the step timings it measures the playground's frame time while it
// trains (page_frames.mjs; the site from scripts/build_web.sh in UNROLL_SITE).
//
//   node bench/run.mjs [--smoke] [--rounds N] [--runs R] [--seconds S]
//                      [--runners a,b] [--configs a,b] [--out DIR]
//                      [--frames S (seconds of page frames per measurement; 0 = skip)]
import { spawn, execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { GL_ARGS, pageFrames } from './page_frames.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const NATIVE = process.env.UNROLL_NATIVE || join(ROOT, 'build/native/unroll');
const WASM_DIR = process.env.UNROLL_WASM_DIR || join(ROOT, 'build/wasm');
const OPENBLAS = process.env.UNROLL_OPENBLAS_DIR || '';
const SITE = process.env.UNROLL_SITE || join(ROOT, 'build/web');
// The playground experiment whose frame time is measured: LSTM H=64, T=50,
// batch 32 on the adding task (also the playground's defaults), started at once.
const FRAMES_LINK = 'v=1&arch=lstm&hidden=64&task=adding&T=50&batch=32&run=1';
// Models a runner has no implementation of: reported as n/a, never faked.
const NOT_APPLICABLE = {
  tfjs: { transformer: 'tf.layers 4.22 has no attention / Transformer layer' },
};
const RUNNERS = ['native', 'node', 'chromium', 'pytorch', 'tfjs'];
const LABEL = { native: 'Unroll native', node: 'Unroll wasm (Node)', chromium: 'Unroll wasm (Chromium)',
  pytorch: 'PyTorch 1 thread', tfjs: 'TF.js wasm (Chromium)' };

function parseArgs(argv) {
  const o = { smoke: false, rounds: 2, runs: 3, seconds: 0.5, runners: RUNNERS, configs: null,
    out: join(BENCH, 'results'), frames: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i], v = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === '--smoke') o.smoke = true;
    else if (a === '--rounds') o.rounds = Number(v());
    else if (a === '--runs') o.runs = Number(v());
    else if (a === '--seconds') o.seconds = Number(v());
    else if (a === '--runners') o.runners = v().split(',');
    else if (a === '--configs') o.configs = v().split(',');
    else if (a === '--out') o.out = resolve(v());
    else if (a === '--frames') o.frames = Number(v());
    else throw new Error(`unknown option '${a}' (see the header of bench/run.mjs)`);
  }
  for (const r of o.runners) if (!RUNNERS.includes(r)) throw new Error(`unknown runner '${r}' (allowed: ${RUNNERS.join(', ')})`);
  for (const k of ['rounds', 'runs', 'seconds'])
    if (!(o[k] > 0)) throw new Error(`--${k} must be a positive number`);
  if (o.frames === null) o.frames = o.smoke ? 2 : 6;
  if (!(o.frames >= 0)) throw new Error('--frames must be a number of seconds (0 = skip)');
  return o;
}

const median = (v) => { const s = [...v].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]); };

function cliArgs(cfg, o, extra = []) {
  const size = cfg.cell === 'transformer'
    ? ['--d-model', cfg.d_model, '--layers', cfg.layers, '--heads', cfg.heads, '--ff', cfg.ff]
    : ['--hidden', cfg.hidden];
  return ['--cell', cfg.cell, '--input', cfg.input, ...size, '--seq', cfg.seq, '--batch', cfg.batch,
    '--output', cfg.output, '--runs', o.runs, '--seconds', o.seconds, ...extra].map(String);
}

// The size part of a config's label.
const shape = (cfg) => (cfg.cell === 'transformer'
  ? `d ${cfg.d_model}, ${cfg.layers} layers, ${cfg.heads} heads, ff ${cfg.ff}, T ${cfg.seq}`
  : `H ${cfg.hidden}, T ${cfg.seq}`);

function run(cmd, args) {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => (code === 0 ? res(out) : rej(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

// Static files of the repository for the bench page, on 127.0.0.1 only.
function serve() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    // The bench page asks for /build/wasm/...: served from WASM_DIR.
    const file = path.startsWith('/build/wasm/') ? join(WASM_DIR, path.slice('/build/wasm/'.length)) : join(ROOT, path);
    if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(server)));
}

// One long-lived PyTorch process: a config line in, a result line out.
function torchWorker() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  if (OPENBLAS) env.LD_LIBRARY_PATH = OPENBLAS;
  const p = spawn('/usr/bin/python3', [join(BENCH, 'torch_bench.py')], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: p.stdout });
  const waiting = [];
  lines.on('line', (l) => waiting.shift()?.(l));
  return {
    ask: (req) => new Promise((res) => { waiting.push((l) => res(JSON.parse(l))); p.stdin.write(JSON.stringify(req) + '\n'); }),
    close: () => p.stdin.end(),
  };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const all = JSON.parse(readFileSync(join(BENCH, 'configs.json'), 'utf8'));
  let configs = o.smoke ? all.smoke : all.configs;
  if (o.configs) configs = [...all.configs, ...all.smoke].filter((c) => o.configs.includes(c.name));
  if (!configs.length) throw new Error('no config selected');
  const need = new Set(o.runners);

  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  let browser = null, page = null, torch = null;
  if (need.has('chromium') || need.has('tfjs') || o.frames > 0) {
    // GL_ARGS: WebGL for the playground's frame time (the bench page draws nothing).
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...GL_ARGS] });
    page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await page.goto(`${origin}/bench/page/index.html`);
    await page.waitForFunction(() => typeof createUnrollBench === 'function' && typeof tf === 'object');
  }
  if (need.has('pytorch')) torch = torchWorker();

  const exec = {
    native: async (cfg, extra = []) => JSON.parse(await run(NATIVE, ['bench', ...cliArgs(cfg, o, extra)])),
    node: async (cfg, extra = []) => JSON.parse(await run(process.execPath, [join(WASM_DIR, 'unroll.js'), 'bench', ...cliArgs(cfg, o, extra)])),
    chromium: async (cfg, extra = []) => JSON.parse(await page.evaluate((a) => window.runUnroll(a), cliArgs(cfg, o, extra))),
    pytorch: async (cfg) => { const r = await torch.ask({ config: cfg, runs: o.runs, seconds: o.seconds }); if (r.error) throw new Error(`pytorch: ${r.error}`); return r; },
    tfjs: async (cfg) => page.evaluate(([c, r, s]) => window.runTfjs(c, r, s), [cfg, o.runs, o.seconds]),
  };

  const started = new Date();
  const load0 = loadavg()[0];
  const raw = [];  // every measurement, in the order taken
  for (let round = 0; round < o.rounds; ++round) {
    const order = round % 2 ? [...o.runners].reverse() : o.runners;
    for (const cfg of configs) {
      for (const r of order) {
        const na = NOT_APPLICABLE[r]?.[cfg.cell];
        if (na) { raw.push({ round, runner: r, config: cfg.name, na }); continue; }
        const t0 = Date.now();
        const res = await exec[r](cfg);
        raw.push({ round, runner: r, config: cfg.name, ...res });
        console.error(`round ${round + 1}/${o.rounds}  ${cfg.name.padEnd(17)} ${LABEL[r].padEnd(24)} ${res.median.toFixed(2).padStart(9)} steps/s  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      }
    }
  }

  // Kernel GFLOP/s and the SIMD peak, per Unroll runner, LSTM at each hidden size.
  const kernels = {};
  const lstmConfigs = o.smoke ? [configs.find((c) => c.cell === 'lstm') || configs[0]]
    : [...new Map(configs.filter((c) => c.cell === 'lstm').reverse().map((c) => [c.hidden, c])).values()].reverse();  // first per H
  for (const r of ['native', 'node', 'chromium'].filter((x) => need.has(x))) {
    kernels[r] = [];
    for (const cfg of lstmConfigs) {
      const res = await exec[r](cfg, ['--runs', '1', '--seconds', '0.05', '--kernels', '--peak']);
      kernels[r].push({ config: cfg.name, peak_gflops_4lane: res.peak_gflops_4lane, kernels: res.kernels });
    }
  }
  // The playground while it trains: after the step timings, so the two never share the CPU.
  let frames = null;
  if (o.frames > 0) {
    frames = await pageFrames(browser, SITE, { link: FRAMES_LINK, seconds: o.frames });
    for (const m of frames.runs)
      console.error(`page frames (${m.name}): p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, app p50 ${m.appP50.toFixed(1)} ms, app p95 ${m.appP95.toFixed(1)} ms`);
  }
  const env = await environment(page);
  if (torch) torch.close();
  if (browser) await browser.close();
  server.close();

  const summary = summarise(raw, configs, o.runners);
  const result = { date: started.toISOString(), smoke: o.smoke, options: { rounds: o.rounds, runs: o.runs, seconds: o.seconds },
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, load_average_at_start: load0 }, environment: env,
    configs, summary, kernels, raw,
    // The playground's frame time (ms) training at full speed and paused; null with --frames 0.
    page_frame_ms: frames };
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'latest.json'), JSON.stringify(result, null, 1) + '\n');
  const md = markdown(result);
  writeFileSync(join(o.out, 'latest.md'), md);
  process.stdout.write(md);
  if (!o.smoke) {
    execFileSync('/usr/bin/python3', [join(BENCH, 'plot.py'), join(o.out, 'latest.json'), join(o.out, 'latest.png')], { stdio: 'inherit' });
  }
  // The README shows the latest full result's ratios (between its bench
  // markers); the whole table and the lab notes live in bench/.
  const readme = join(ROOT, 'README.md');
  if (!o.smoke && o.out === join(BENCH, 'results') && existsSync(readme)) {
    const text = readFileSync(readme, 'utf8');
    const a = '<!-- bench:start -->', b = '<!-- bench:end -->';
    if (text.includes(a) && text.includes(b))
      writeFileSync(readme, text.slice(0, text.indexOf(a) + a.length) + '\n' + ratios(result) + text.slice(text.indexOf(b)));
  }
}

async function environment(page) {
  const env = { node: process.version };
  try { env.emscripten = execFileSync('emcc', ['--version'], { env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }).toString().split('\n')[0]; } catch { /* optional */ }
  try { env.chromium = execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { /* optional */ }
  if (page) env.tfjs = await page.evaluate(() => tf.version.tfjs);
  return env;
}

function summarise(raw, configs, runners) {
  const rows = [];
  for (const cfg of configs) {
    const row = { config: cfg.name, runners: {} };
    for (const r of runners) {
      const ms = raw.filter((x) => x.runner === r && x.config === cfg.name);
      if (!ms.length) continue;
      if (ms[0].na) { row.runners[r] = { na: ms[0].na }; continue; }
      const rates = ms.flatMap((x) => x.steps_per_s);
      const s = { median: median(rates), min: Math.min(...rates), max: Math.max(...rates), n: rates.length };
      if (ms[0].median_no_probes !== undefined) {
        s.median_no_probes = median(ms.flatMap((x) => x.steps_per_s_no_probes));
        s.probe_overhead_pct = 100 * (s.median_no_probes / s.median - 1);
        s.phases_ms = ms[ms.length - 1].phases_ms;
        s.first_losses = [...new Set(ms.map((x) => x.first_losses.join(' ')))];
      }
      if (ms[0].wasm_memory_bytes !== undefined) s.wasm_memory_bytes = Math.max(...ms.map((x) => x.wasm_memory_bytes));
      if (ms[0].state_bytes !== undefined) s.state_bytes = ms[0].state_bytes;
      if (ms[0].param_count !== undefined) s.param_count = ms[0].param_count;
      row.runners[r] = s;
    }
    const base = row.runners.pytorch?.median;
    for (const s of Object.values(row.runners)) if (base && !s.na) s.vs_pytorch = s.median / base;
    rows.push(row);
  }
  return rows;
}

// Ratios only, one line per config: Unroll (native, wasm in Chromium) to
// PyTorch 1 thread, and Unroll in Chromium to TF.js in the same Chromium.
function ratios(res) {
  const x = (v) => (v ? `${v.toFixed(2)}x` : '-');
  let s = `${res.date.slice(0, 10)}, ${res.machine.cpu}, ${res.machine.cores} cores; training steps per second as ratios measured in one session.\n\n`;
  s += '| config | native / PyTorch | wasm in Chromium / PyTorch | wasm in Chromium / TF.js |\n|---|---:|---:|---:|\n';
  for (const row of res.summary) {
    const u = row.runners.chromium, t = row.runners.tfjs;
    const tf = u?.median > 0 && t?.median > 0 ? `${(u.median / t.median).toFixed(0)}x` : 'n/a';
    s += `| ${row.config} | ${x(row.runners.native?.vs_pytorch)} | ${x(u?.vs_pytorch)} | ${tf} |\n`;
  }
  return s;
}

function markdown(res) {
  const rs = RUNNERS.filter((r) => res.summary.some((row) => row.runners[r]));
  const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  let s = `Benchmark ${res.date.slice(0, 16).replace('T', ' ')} UTC, ${res.machine.cpu}, ${res.machine.cores} cores ` +
    `(load average ${res.machine.load_average_at_start.toFixed(1)} at start), ${res.options.rounds} rounds x ${res.options.runs} runs of ${res.options.seconds} s.\n` +
    `Training steps per second: median (min-max) and ratio to PyTorch. Input ${res.configs[0].input}, batch ${res.configs[0].batch}, MSE at every step, full backward pass (BPTT for the recurrent nets), SGD.\n\n`;
  s += `| config | ${rs.map((r) => LABEL[r]).join(' | ')} |\n|---|${rs.map(() => '---:').join('|')}|\n`;
  for (const row of res.summary) {
    const cfg = res.configs.find((c) => c.name === row.config);
    s += `| ${row.config} (${shape(cfg)}) | ` + rs.map((r) => {
      const x = row.runners[r];
      if (!x) return '-';
      if (x.na) return 'n/a¹';
      return `${f(x.median)} (${f(x.min)}-${f(x.max)})` + (x.vs_pytorch && r !== 'pytorch' ? ` **${x.vs_pytorch.toFixed(2)}x**` : '');
    }).join(' | ') + ' |\n';
  }
  const nas = [...new Set(res.summary.flatMap((row) => Object.entries(row.runners).filter(([, x]) => x.na)
    .map(([r, x]) => `${LABEL[r]}: ${x.na}`)))];
  if (nas.length) s += `\n¹ not applicable: ${nas.join('; ')}.\n`;
  s += tfjsNote(res);
  s += paramNote(res);
  s += framesNote(res.page_frame_ms);
  const ur = rs.filter((r) => ['native', 'node', 'chromium'].includes(r));
  s += `\nProbe overhead (steps/s without probes / with, -1; per-timestep dL/dh norms and per-parameter gradient norms) and wasm memory:\n\n`;
  s += `| config | ${ur.map((r) => `${LABEL[r]} probes`).join(' | ')} | wasm memory peak (Chromium) | engine state |\n|---|${ur.map(() => '---:').join('|')}|---:|---:|\n`;
  for (const row of res.summary) {
    const mem = row.runners.chromium?.wasm_memory_bytes ?? row.runners.node?.wasm_memory_bytes;
    const st = Object.values(row.runners).find((x) => x.state_bytes)?.state_bytes;
    s += `| ${row.config} | ` + ur.map((r) => (row.runners[r]?.probe_overhead_pct !== undefined ? `${row.runners[r].probe_overhead_pct.toFixed(1)}%` : '-')).join(' | ') +
      ` | ${mem ? (mem / 1048576).toFixed(0) + ' MiB' : '-'} | ${st ? (st / 1048576).toFixed(1) + ' MiB' : '-'} |\n`;
  }
  s += `\nTime per step by phase (ms, last measurement):\n\n| config | runner | forward | loss | backward | probes | update |\n|---|---|---:|---:|---:|---:|---:|\n`;
  for (const row of res.summary)
    for (const r of ur) {
      const p = row.runners[r]?.phases_ms;
      if (p) s += `| ${row.config} | ${LABEL[r]} | ${p.forward.toFixed(2)} | ${p.loss.toFixed(2)} | ${p.backward.toFixed(2)} | ${p.probes.toFixed(3)} | ${p.update.toFixed(3)} |\n`;
    }
  if (res.configs.some((c) => c.cell === 'transformer'))
    s += `\nTransformer probes: per-parameter gradient norms only (it has no per-timestep dL/dh probe); its engine state is not counted (activation caches are private to the model).\n`;
  s += `\nMatrix product GFLOP/s (LSTM shapes; peak = 4-lane multiply-add loop, no memory traffic):\n\n`;
  for (const [r, list] of Object.entries(res.kernels))
    for (const k of list)
      s += `- ${LABEL[r]}, ${k.config}: peak ${k.peak_gflops_4lane.toFixed(1)}; ` + k.kernels.map((x) => `${x.name} ${x.gflops.toFixed(1)}`).join('; ') + '\n';
  const det = res.summary.every((row) => Object.values(row.runners).every((x) => !x.first_losses || x.first_losses.length === 1));
  s += `\nSame build + same config = same first three losses in every run: ${det ? 'yes' : 'NO'}.\n`;
  return s;
}

// Unroll wasm in Chromium against TF.js wasm in the same Chromium, per
// config (the issue's target is >= 30x): medians of this run.
function tfjsNote(res) {
  const parts = [];
  for (const row of res.summary) {
    const u = row.runners.chromium, t = row.runners.tfjs;
    if (u?.median > 0 && t?.median > 0) parts.push(`${row.config} ${(u.median / t.median).toFixed(1)}x`);
  }
  return parts.length ? `\nUnroll wasm (Chromium) / TF.js wasm (Chromium), medians: ${parts.join(', ')}.\n` : '';
}

// Parameter counts of Unroll and PyTorch per config: the two models must be the same size.
function paramNote(res) {
  const parts = [];
  let differ = false;
  for (const row of res.summary) {
    const u = ['native', 'node', 'chromium'].map((r) => row.runners[r]?.param_count).find((x) => x !== undefined);
    const t = row.runners.pytorch?.param_count;
    if (u === undefined && t === undefined) continue;
    if (u !== undefined && t !== undefined && u !== t) differ = true;
    parts.push(`${row.config} ${u ?? '-'} / ${t ?? '-'}`);
  }
  if (!parts.length) return '';
  return `\nParameters, Unroll / PyTorch: ${parts.join(', ')}` +
    (differ ? ' (**they differ**: the comparison is not like for like).\n' : ' (same models, same sizes).\n');
}

// The playground's frame time (page_frames.mjs).
function framesNote(fr) {
  if (!fr) return '';
  const f = (x) => x.toFixed(1);
  let s = `\nPlayground frame time (ms, last ≤240 frames, headless Chromium ${fr.viewport}; GL: ${fr.renderer}):\n\n` +
    '| page | frame-to-frame p50 | p95 | in the app p50 | p95 | steps/s | frames measured |\n|---|---:|---:|---:|---:|---:|---:|\n';
  for (const m of fr.runs)
    s += `| ${m.name === 'training' ? `training at full speed (\`#${m.link}\`)` : 'default experiment, paused (no hash)'} | ` +
      `${f(m.p50)} | ${f(m.p95)} | ${f(m.appP50)} | ${f(m.appP95)} | ${m.training ? m.steps_per_second.toFixed(1) : '-'} | ${m.frames_drawn} in ${m.seconds.toFixed(0)} s |\n`;
  s += '\nHeadless Chromium draws WebGL with SwiftShader (software GL on the CPU, which also runs the training), ' +
    'so frame-to-frame time here is not what a machine with a GPU shows; the time inside the app\'s frame ' +
    '(CPU: training steps + widgets) is, up to the machine\'s speed.' +
    (fr.runs.some((m) => m.frames_drawn < 240) ? ' Where fewer than 240 frames were measured (after waiting up to 3x), ' +
      'the stats\' 240-frame window also holds frames from before the measurement (loading, first steps).' : '') + '\n';
  return s;
}

main().catch((e) => { console.error(`bench: ${e.message}`); process.exit(1); });
