// Measures the page budgets of issue 3 and prints them as JSON:
// transfer size (raw, gzip), time from navigation to the first trained
// step, frame time p50/p95 while training at full speed, steps/s in the
// page. Not a test: numbers only (they depend on the machine's load).
//   node tests/browser/tools/budgets.mjs [link]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serveFolder } from '../static_server.mjs';
import { SITE, launchChromium, openRecordedPage } from '../harness.mjs';

const link = process.argv[2] || 'v=1&arch=lstm&task=adding&T=50&run=1';
const files = ['index.html', 'app.js', 'app.wasm', 'favicon.ico', 'assets/DejaVuSans.ttf',
  ...readdirSync(join(SITE, 'web')).map((f) => `web/${f}`)];
let raw = 0, gz = 0;
const sizes = {};
for (const f of files) {
  const b = readFileSync(join(SITE, f));
  sizes[f] = { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
  raw += b.length;
  gz += sizes[f].gzip;
}
const server = await serveFolder(SITE);
const browser = await launchChromium();
const { page } = await openRecordedPage(browser, server.origin, { viewport: { width: 1600, height: 1000 } });
const t0 = Date.now();
await page.goto(`${server.origin}/#${link}`);
await page.waitForFunction(() => window.unroll && window.unroll.getState().step >= 1, null, { timeout: 120000, polling: 5 });
const firstStepMs = Date.now() - t0;
await page.waitForTimeout(8000);  // frame stats cover the last 240 frames
const frames = await page.evaluate(() => window.unroll.frameStats());
const st = await page.evaluate(() => window.unroll.getState());
console.log(JSON.stringify({
  link, date: new Date().toISOString(), transfer: { raw, gzip: gz, files: sizes },
  first_trained_step_ms: firstStepMs, frame_ms: frames, steps_per_second: st.stepsPerSecond, step: st.step,
}, null, 1));
await browser.close();
await server.close();
