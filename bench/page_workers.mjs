// The page with its runs in Web Workers: how free the main thread stays and
// how fast each run trains, for 1 and 4 runs of a small (LSTM H 64 T 50) and
// a large (LSTM H 256 T 200) model, against the page paused and against the
// same build's wasm CLI in Node (the raw engine, one core).
//   node bench/page_workers.mjs [--seconds S] [--out bench/results/workers.md]
// Measures, per scenario: the gaps between the callbacks of a 10 ms timer
// on the main thread (p50/p95), long tasks (PerformanceObserver), the app's
// own frame time (frameStats appP50/appP95) and each run's wall-clock
// steps/s over the window. Headless Chromium draws with SwiftShader on the
// CPU: its frames cost ~75 ms of the same two cores, so the control row
// "paused + a busy worker" shows what one core taken away does by itself.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveFolder } from '../tests/browser/static_server.mjs';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '..');
const SITE = process.env.UNROLL_SITE || join(ROOT, 'build/web');
const WASM = process.env.UNROLL_WASM_BUILD || join(ROOT, 'build/wasm');
const arg = (name, def) => { const k = process.argv.indexOf(name); return k > 0 ? process.argv[k + 1] : def; };
const SECONDS = Number(arg('--seconds', '6'));
const OUT = arg('--out', join(ROOT, 'bench/results/workers.md'));

const SMALL = 'v=1&arch=lstm&hidden=64&task=adding&T=50&batch=32';
const LARGE = 'v=1&arch=lstm&hidden=256&task=adding&T=200&batch=32';
const FOUR = '&compare=gru,lstm,rnn_tanh';
const SCENARIOS = [
  { name: 'paused (small model)', link: SMALL, train: false },
  { name: 'paused + a busy worker (control)', link: SMALL, train: false, busy: true },
  { name: '1 run, small', link: SMALL, train: true },
  { name: '4 runs, small', link: SMALL + FOUR, train: true },
  { name: '1 run, large', link: LARGE, train: true },
  { name: '4 runs, large', link: LARGE + FOUR, train: true },
  { name: '1 run, small, workers=2', link: SMALL + '&workers=2', train: true },
  { name: '2 runs, small, workers=2', link: SMALL + '&compare=lstm&workers=2', train: true },
];

async function measure(browser, origin, sc) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  try {
    await page.goto(`${origin}/#${sc.link}`);
    await page.waitForFunction(() => window.unroll && !window.unroll.getState().loading, null, { timeout: 120000 });
    if (sc.busy) {
      await page.evaluate(() => {
        const src = 'for (;;) { let x = 0; for (let i = 0; i < 1e7; ++i) x += Math.sqrt(i); }';
        window.__busy = new Worker(URL.createObjectURL(new Blob([src])));
      });
    }
    if (sc.train) {
      await page.evaluate(() => window.unroll.play());
      await page.waitForFunction(() => window.unroll.getState().runs.every((r) => r.step >= 2), null, { timeout: 120000 });
    }
    await page.waitForTimeout(1000);
    const s0 = await page.evaluate(() => window.unroll.getState());
    const r = await page.evaluate((ms) => new Promise((resolve) => {
      const gaps = [];
      window.__long.length = 0;
      let last = performance.now();
      const id = setInterval(() => { const t = performance.now(); gaps.push(t - last); last = t; }, 10);
      setTimeout(() => {
        clearInterval(id);
        gaps.sort((a, b) => a - b);
        const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * p))];
        resolve({ p50: q(0.5), p95: q(0.95), long: window.__long.length,
                  longMs: window.__long.reduce((a, b) => a + b, 0) });
      }, ms);
    }), SECONDS * 1000);
    const s1 = await page.evaluate(() => window.unroll.getState());
    const f = await page.evaluate(() => window.unroll.frameStats());
    const rates = s1.runs.map((run, k) => (run.step - s0.runs[k].step) / SECONDS);
    return { ...sc, ...r, appP50: f.appP50, appP95: f.appP95, engine: s1.engine, rates,
             labels: s1.runs.map((x) => x.label) };
  } finally {
    await context.close();
  }
}

// The raw engine: the same build's wasm CLI in Node, one run alone.
function cliRate(link) {
  const out = execFileSync('node', [join(WASM, 'unroll.js'), 'train', '--config', link, '--steps', link === LARGE ? '15' : '150', '--quiet'],
    { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  return JSON.parse(out.trim().split('\n').at(-1)).steps_per_second;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'] });
const server = await serveFolder(SITE);
const load = loadavg()[0];
const rows = [];
try {
  for (const sc of SCENARIOS) {
    rows.push(await measure(browser, server.origin, sc));
    console.log(JSON.stringify(rows.at(-1)));
  }
} finally {
  await browser.close();
  await server.close();
}
const cli = { small: cliRate(SMALL), large: cliRate(LARGE) };
const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const paused = rows[0].p95;
let md = `Page with its runs in Web Workers, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
  `${cpus()[0].model}, ${cpus().length} cores (load ${load.toFixed(1)} at start), ${SECONDS} s per scenario, ` +
  `headless Chromium (SwiftShader GL). Raw engine (wasm CLI in Node, one run alone): small ${f(cli.small)} steps/s, ` +
  `large ${f(cli.large)} steps/s.\n\n`;
md += '| scenario | engine | 10 ms timer gap p50 / p95 (ms) | p95 / paused | long tasks (count, ms) | app frame p50 / p95 (ms) | wall steps/s per run | main run / raw engine |\n';
md += '|---|---|---:|---:|---:|---:|---|---:|\n';
for (const r of rows) {
  const raw = r.link.startsWith(LARGE) ? cli.large : cli.small;
  md += `| ${r.name} | ${r.engine} | ${f(r.p50)} / ${f(r.p95)} | ${(r.p95 / paused).toFixed(2)}x | ${r.long}, ${f(r.longMs)} | ` +
    `${f(r.appP50)} / ${f(r.appP95)} | ${r.train ? r.rates.map((x, k) => `${r.labels[k]} ${f(x)}`).join(', ') : '-'} | ` +
    `${r.train ? (r.rates[0] / raw).toFixed(2) + 'x' : '-'} |\n`;
}
writeFileSync(OUT, md);
process.stdout.write(md);
