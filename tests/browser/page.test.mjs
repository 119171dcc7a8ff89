// The page shell and the wasm app in headless Chromium (SwiftShader WebGL2).
// Run: scripts/test_browser.sh (builds the site first), or `node --test` here.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  SCREENSHOTS, SITE, framesDrawn, openRecordedPage, pixelStats, useSite, waitForStart,
} from './harness.mjs';
import { serveFolder } from './static_server.mjs';

const site = useSite();

// Loads the site and waits until the main loop has drawn a few frames.
async function openRunningApp(contextOptions) {
  const opened = await openRecordedPage(site.browser, site.origin, contextOptions);
  await opened.page.goto(site.origin + '/');
  const state = await waitForStart(opened.page);
  assert.equal(state, 'running', `loader state; page said:\n${opened.log.console.join('\n')}`);
  await opened.page.waitForFunction(
    () => window.Module.ccall('unroll_frames_drawn', 'number', [], []) >= 3, null, { timeout: 30000 });
  return opened;
}

test('the app starts and draws frames with no console errors and no outside requests', async () => {
  const { context, page, log } = await openRunningApp({ viewport: { width: 1024, height: 640 } });
  const before = await framesDrawn(page);
  await page.waitForTimeout(300);
  assert.ok(await framesDrawn(page) > before, 'the main loop keeps drawing');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'uncaught page errors');
  assert.deepEqual(log.httpErrors, [], 'failed or erroring requests (favicon included)');
  assert.deepEqual(log.foreignRequests, [], 'requests to anything but the local server');
  assert.equal(await page.isVisible('#loading'), false, 'loading overlay hidden once running');
  assert.equal(await page.isVisible('#error'), false, 'error box hidden');
  await context.close();
});

test('the canvas holds a WebGL2 context and fills the window', async () => {
  const { context, page } = await openRunningApp({ viewport: { width: 1024, height: 640 } });
  const info = await page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    // A canvas has one context type: getContext returns the app's own context
    // for the type it was created with, and null for any other type.
    const gl2 = canvas.getContext('webgl2');
    return {
      isWebGL2: gl2 instanceof WebGL2RenderingContext,
      webgl1: canvas.getContext('webgl') !== null,
      version: gl2 && gl2.getParameter(gl2.VERSION),
      css: [canvas.clientWidth, canvas.clientHeight],
      pixels: [canvas.width, canvas.height],
    };
  });
  assert.equal(info.isWebGL2, true, `context: ${JSON.stringify(info)}`);
  assert.equal(info.webgl1, false, 'the app context is not WebGL1');
  assert.match(info.version, /^WebGL 2\.0/);
  assert.deepEqual(info.css, [1024, 640], 'canvas fills the viewport');
  assert.deepEqual(info.pixels, [1024, 640], 'backing store = CSS size at devicePixelRatio 1');
  await context.close();
});

test('the playground renders its panels (screenshot build/screenshots/web_dpr1.png)', async () => {
  const { context, page } = await openRunningApp({ viewport: { width: 1024, height: 640 } });
  await page.waitForTimeout(200);
  const png = await page.screenshot({ path: join(SCREENSHOTS, 'web_dpr1.png') });
  const stats = await pixelStats(page, png);
  // The panels' background (0.125, 0.137, 0.161) covers most of the page...
  assert.deepEqual(stats.background, [32, 35, 41], `background: ${JSON.stringify(stats)}`);
  assert.ok(stats.backgroundCount > 0.3 * stats.total, 'mostly panel background');
  // ...and ImGui drew the panels' title bars and white text on top of it.
  assert.ok(stats.titleBar > 2000, `focused title bar pixels: ${stats.titleBar}`);
  assert.ok(stats.white > 200, `text pixels: ${stats.white}`);
  await context.close();
});

test('HiDPI: the canvas renders at devicePixelRatio and follows window resizes', async () => {
  const { context, page } = await openRunningApp({ viewport: { width: 800, height: 500 }, deviceScaleFactor: 2 });
  const size = () => page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { dpr: devicePixelRatio, pixels: [c.width, c.height], css: [c.clientWidth, c.clientHeight] };
  });
  assert.deepEqual(await size(), { dpr: 2, pixels: [1600, 1000], css: [800, 500] });
  await page.waitForTimeout(200);
  const png = await page.screenshot({ path: join(SCREENSHOTS, 'web_dpr2.png') });
  const stats = await pixelStats(page, png);
  assert.deepEqual([stats.width, stats.height], [1600, 1000]);
  assert.ok(stats.titleBar > 4 * 2000, `title bar pixels at 2x: ${stats.titleBar}`);

  await page.setViewportSize({ width: 640, height: 420 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 1280, null, { timeout: 5000 });
  assert.deepEqual(await size(), { dpr: 2, pixels: [1280, 840], css: [640, 420] });
  await context.close();
});

test('the loading bar counts downloaded bytes (slow network)', async () => {
  const { context, page } = await openRecordedPage(site.browser, site.origin, { viewport: { width: 800, height: 500 } });
  // ~250 KB/s: app.wasm takes a few seconds, long enough to watch the bar.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: 250 * 1024, uploadThroughput: -1 });
  await page.goto(site.origin + '/');
  await page.waitForFunction(() => parseFloat(document.getElementById('loading-fill').style.width) > 5,
    null, { timeout: 30000, polling: 50 });
  const progress = await page.evaluate(() => ({
    text: document.getElementById('loading-text').textContent,
    width: parseFloat(document.getElementById('loading-fill').style.width),
  }));
  await page.screenshot({ path: join(SCREENSHOTS, 'web_loading.png') });
  const wasmMB = (statSync(join(SITE, 'app.wasm')).size / 1048576).toFixed(1);
  assert.match(progress.text, new RegExp(`^Downloading \\d+\\.\\d of ${wasmMB.replace('.', '\\.')} MB$`));
  assert.ok(progress.width > 0 && progress.width < 100, `bar width ${progress.width}%`);
  assert.equal(await waitForStart(page), 'running', 'and the app starts afterwards');
  await context.close();
});

test('favicon.ico is served and is an icon', async () => {
  const response = await fetch(site.origin + '/favicon.ico');
  assert.equal(response.status, 200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // ICONDIR: reserved 0, type 1 (icon), at least one image.
  assert.deepEqual([...bytes.slice(0, 4)], [0, 0, 1, 0]);
  assert.ok(bytes[4] >= 1);
});

// Serves a modified copy of the site to `check(origin)`, then cleans up.
async function withBrokenSite(breakIt, check) {
  const copy = mkdtempSync(join(tmpdir(), 'unroll-site-'));
  cpSync(SITE, copy, { recursive: true });
  breakIt(copy);
  const copyServer = await serveFolder(copy);
  try {
    await check(copyServer.origin);
  } finally {
    await copyServer.close();
    rmSync(copy, { recursive: true, force: true });
  }
}

// Opens origin and expects the error box with this title; returns the detail text.
async function expectErrorBox(origin, title, { initScript, screenshot } = {}) {
  const { context, page, log } = await openRecordedPage(site.browser, origin);
  if (initScript) await page.addInitScript(initScript);
  await page.goto(origin + '/');
  assert.equal(await waitForStart(page, 30000), 'error');
  assert.equal(await page.isVisible('#error'), true, 'error box visible');
  assert.equal(await page.isVisible('#loading'), false, 'loading overlay gone');
  assert.equal(await page.textContent('#error-title'), title);
  const detail = await page.textContent('#error-detail');
  if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
  await context.close();
  return { detail, log };
}

test('a missing app.wasm shows the error box, naming the file', async () => {
  await withBrokenSite((dir) => rmSync(join(dir, 'app.wasm')), async (origin) => {
    const { detail } = await expectErrorBox(origin, 'Unroll could not load', { screenshot: 'web_missing_wasm.png' });
    assert.equal(detail, 'Could not download app.wasm: the server answered 404 Not Found.');
  });
});

test('a corrupt app.wasm shows the error box with the compile error', async () => {
  await withBrokenSite((dir) => writeFileSync(join(dir, 'app.wasm'), 'not a wasm module'), async (origin) => {
    const { detail } = await expectErrorBox(origin, 'Unroll could not start');
    assert.match(detail, /WebAssembly/);
  });
});

test('a browser without WebGL2 gets an explanation and no download', async () => {
  const { detail, log } = await expectErrorBox(site.origin, 'Unroll cannot run here', {
    initScript: () => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return type === 'webgl2' ? null : original.call(this, type, ...rest);
      };
    },
  });
  assert.match(detail, /WebGL2/);
  assert.deepEqual(log.httpErrors, []);
});

test('a browser without WebAssembly gets an explanation', async () => {
  const { detail } = await expectErrorBox(site.origin, 'Unroll cannot run here', {
    initScript: () => { delete window.WebAssembly; },
  });
  assert.match(detail, /WebAssembly/);
});
