// Where a training step's time goes inside headless Chromium: runs
// `unroll bench` for one config in the bench page under the DevTools CPU
// profiler and prints the wasm functions by self time.
//
//   bench/profile.sh [--cell lstm --hidden 128 ...]   (builds build/wasm-prof first)
//   node bench/profile.mjs [unroll bench options]      (uses build/wasm-prof as is)
//
// Needs a wasm build linked with --profiling-funcs (function names kept):
// bench/profile.sh makes one in build/wasm-prof.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const PROF_DIR = process.env.UNROLL_PROF_DIR || join(ROOT, 'build/wasm-prof');

function serve() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    // The bench page asks for build/wasm: hand it the profiling build instead.
    let file = path.startsWith('/build/wasm/') ? join(PROF_DIR, path.slice('/build/wasm/'.length)) : join(ROOT, path);
    if (!existsSync(file) || !statSync(file).isFile()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(server)));
}

async function main() {
  if (!existsSync(join(PROF_DIR, 'unroll_bench_web.wasm'))) throw new Error(`no ${PROF_DIR}/unroll_bench_web.wasm: run bench/profile.sh`);
  // --no-profile: time only (the sampling profiler slows wasm by ~25%).
  const noProfile = process.argv.includes('--no-profile');
  const args = process.argv.slice(2).filter((a) => a !== '--no-profile');
  const benchArgs = ['--runs', '2', '--seconds', '1', ...args];
  const server = await serve();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/page/index.html`);
    await page.waitForFunction(() => typeof createUnrollBench === 'function');
    // Warm-up run (tiers the wasm up), then the profiled one.
    await page.evaluate((a) => window.runUnroll(a), ['--runs', '1', '--seconds', '1', ...args]);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    if (!noProfile) await cdp.send('Profiler.start');
    const out = await page.evaluate((a) => window.runUnroll(a), benchArgs);
    const res = JSON.parse(out);
    console.log(`unroll bench ${benchArgs.join(' ')}: ${res.median.toFixed(1)} steps/s`);
    for (const k of res.kernels || []) console.log(`${k.gflops.toFixed(1).padStart(6)} GFLOP/s  ${k.name}  m ${k.m} n ${k.n} k ${k.k}`);
    if (res.peak_gflops_4lane) console.log(`${res.peak_gflops_4lane.toFixed(1).padStart(6)} GFLOP/s  4-lane multiply-add peak`);
    if (noProfile) return;
    const { profile } = await cdp.send('Profiler.stop');
    // Self time per function: samples x their intervals.
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    for (let i = 0; i < profile.samples.length; ++i) {
      const n = byId.get(profile.samples[i]);
      const dt = profile.timeDeltas[i + 1] ?? 0;
      const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'program'})`;
      self.set(name, (self.get(name) || 0) + dt);
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.log('self time  function');
    for (const [name, t] of rows) console.log(`${(100 * t / total).toFixed(1).padStart(6)}%  ${name}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => { console.error(e.message || e); process.exit(1); });
