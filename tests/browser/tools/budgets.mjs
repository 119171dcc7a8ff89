// Measures the page budgets (issues 3 and 13) and prints them as JSON:
// what a first visit downloads (each file the page and its workers asked
// for, raw and gzip; before the first frame and in all), the time from
// navigation to the first trained step, frame times while training, steps/s.
// Two profiles:
//   desktop  1600 x 1000, no throttling (the local server)
//   mobile   390 x 844 at device scale 3, touch; Chromium's network
//            throttling (DevTools' "Fast 3G": 562.5 ms latency, 1.44 Mbit/s
//            down, 675 kbit/s up) and CPU throttling (4x slower), served
//            gzipped as static hosts do
// Not a test: numbers only (they depend on the machine and its load).
//   node tests/browser/tools/budgets.mjs [--profile desktop|mobile|both] [--site DIR] [link]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serveFolder } from '../static_server.mjs';
import { SITE, launchChromium, openRecordedPage } from '../harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const k = args.indexOf(name);
  return k >= 0 ? args.splice(k, 2)[1] : fallback;
};
const profileArg = option('--profile', 'both');
const site = option('--site', SITE);
const link = args[0] || 'v=1&arch=lstm&task=adding&T=50&run=1';

export const PROFILES = {
  desktop: { context: { viewport: { width: 1600, height: 1000 } } },
  mobile: {
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
    gzip: true,
    // Bytes per second, as DevTools' Fast 3G preset.
    network: { offline: false, latency: 562.5, downloadThroughput: (1.6e6 * 0.9) / 8, uploadThroughput: (750e3 * 0.9) / 8 },
    cpuSlowdown: 4,
  },
};

function fileSizes(path) {
  const b = readFileSync(join(site, path));
  return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
}

async function measure(browser, name) {
  const profile = PROFILES[name];
  const server = await serveFolder(site, { gzip: !!profile.gzip });
  const { context, page } = await openRecordedPage(browser, server.origin, profile.context);
  if (profile.network || profile.cpuSlowdown) {
    const cdp = await context.newCDPSession(page);
    if (profile.network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', profile.network);
    }
    if (profile.cpuSlowdown) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
  }
  // What the page and its workers fetch (not the service worker's caching
  // of the site, which starts after the app runs), with when each was asked
  // for and when it had arrived.
  const t0 = Date.now();
  const fetched = new Map();
  let firstFrameAt = null;
  const pathOf = (r) => decodeURIComponent(new URL(r.url()).pathname).replace(/^\//, '') || 'index.html';
  page.on('request', (r) => {
    if (!r.serviceWorker() && !fetched.has(pathOf(r))) fetched.set(pathOf(r), { askedMs: Date.now() - t0, doneMs: null });
  });
  page.on('requestfinished', (r) => {
    const f = fetched.get(pathOf(r));
    if (f && f.doneMs === null) f.doneMs = Date.now() - t0;
  });
  await page.goto(`${server.origin}/#${link}`);
  // The first frame: the runtime is up (the loader says 'running') and has drawn once.
  await page.waitForFunction(() => document.body.dataset.state === 'running'
    && window.Module.ccall('unroll_frames_drawn', 'number', [], []) >= 1, null, { timeout: 300000, polling: 20 });
  firstFrameAt = Date.now() - t0;
  await page.waitForFunction(() => window.unroll && window.unroll.getState().step >= 1, null,
    { timeout: 300000, polling: 20 });
  const firstStepMs = Date.now() - t0;
  await page.waitForTimeout(8000);  // frame stats cover the last 240 frames
  const frames = await page.evaluate(() => window.unroll.frameStats());
  const st = await page.evaluate(() => window.unroll.getState());
  await context.close();
  await server.close();

  const files = {};
  const total = { raw: 0, gzip: 0 };
  const beforeFirstFrame = { raw: 0, gzip: 0 };
  for (const [path, at] of [...fetched.entries()].sort((a, b) => a[1].askedMs - b[1].askedMs)) {
    let size;
    try { size = fileSizes(path); } catch { continue; }  // not a file of the site
    files[path] = { ...size, ...at };
    for (const k of ['raw', 'gzip']) {
      total[k] += size[k];
      // Asked for before the first frame: what the page waits for to draw
      // (the engine workers' files come once the runtime runs).
      if (at.askedMs <= firstFrameAt) beforeFirstFrame[k] += size[k];
    }
  }
  return {
    profile: name, transfer: { total, beforeFirstFrame, files },
    first_frame_ms: firstFrameAt, first_trained_step_ms: firstStepMs,
    frame_ms: frames, steps_per_second: st.stepsPerSecond, step: st.step, engine: st.engine,
    layout: st.layout ? st.layout.kind : null,
  };
}

const browser = await launchChromium();
const names = profileArg === 'both' ? ['desktop', 'mobile'] : [profileArg];
const results = [];
for (const name of names) {
  if (!PROFILES[name]) throw new Error(`--profile: desktop, mobile or both, not '${name}'`);
  results.push(await measure(browser, name));
}
await browser.close();
console.log(JSON.stringify({ link, site, date: new Date().toISOString(), results }, null, 1));
