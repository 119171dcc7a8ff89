// Shared setup for the browser tests: the built site, headless Chromium, and
// a record of everything a page reports (console errors, failed requests...).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serveFolder } from './static_server.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = process.env.UNROLL_SITE || join(ROOT, 'build/web');
export const SCREENSHOTS = join(ROOT, 'build/screenshots');

export function requireSite() {
  if (!existsSync(join(SITE, 'app.wasm'))) {
    throw new Error(`No built site in ${SITE}: run scripts/build_web.sh first (or scripts/test_browser.sh).`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
}

// For a test file: registers before/after hooks that serve the built site and
// start Chromium once for all the file's tests, and closes both at the end.
// The returned accessors read the browser and server once the hooks ran.
export function useSite() {
  let browser;
  let server;
  before(async () => {
    requireSite();
    browser = await launchChromium();
    server = await serveFolder(SITE);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() { return browser; },
    get server() { return server; },
    get origin() { return server.origin; },
  };
}

// Headless Chromium from Debian (Playwright's own browser download does not work here).
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run'],
  });
}

// Opens a page that records problems: console errors, page errors, failed
// requests, HTTP errors, and any request leaving `origin`.
// The first visit's greeting (web/welcome.js) is marked as seen, so tests
// meet the playground; { welcome: true } keeps it.
export async function openRecordedPage(browser, origin, contextOptions = {}) {
  const { welcome = false, ...options } = contextOptions;
  const context = await browser.newContext(options);
  if (!welcome) await context.addInitScript(() => { try { localStorage.setItem('unroll.welcomed', '1'); } catch (e) { /* */ } });
  const page = await context.newPage();
  const log = { consoleErrors: [], pageErrors: [], httpErrors: [], foreignRequests: [], console: [] };
  page.on('console', (m) => {
    log.console.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin + '/')) log.foreignRequests.push(r.url());
  });
  // net::ERR_ABORTED is the browser dropping a request it no longer needs
  // (seen once for app.wasm on a loaded machine, with the app running fine);
  // HTTP errors are caught by the 'response' handler below either way.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') log.httpErrors.push(`${r.url()}: ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) log.httpErrors.push(`${r.url()}: HTTP ${r.status()}`); });
  return { context, page, log };
}

// Waits until the loader leaves the 'loading' state; returns 'running' or 'error'.
export async function waitForStart(page, timeout = 90000) {
  await page.waitForFunction(() => document.body.dataset.state !== 'loading', null, { timeout });
  return page.evaluate(() => document.body.dataset.state);
}

// Frames the wasm main loop has drawn, through the JS bridge.
export function framesDrawn(page) {
  return page.evaluate(() => window.Module.ccall('unroll_frames_drawn', 'number', [], []));
}

// Clicks the middle of a rectangle the app reported (CSS pixels) the way a
// hand does: hover first, for a frame or two, then click. ImGui tabs (and
// other items that allow overlap) take a click only when the previous frame
// already saw the mouse over them; a bare page.mouse.click is lost on them.
export async function clickRect(page, r) {
  const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
  await page.mouse.move(x, y);
  const f0 = await framesDrawn(page);
  await page.waitForFunction((f) => window.Module.ccall('unroll_frames_drawn', 'number', [], []) >= f + 2,
    f0, { timeout: 30000 });
  await page.mouse.click(x, y);
}

// Decodes a PNG (a Playwright screenshot) with the page's own image decoder,
// so the tests need no image library: {width, height, data}, data being RGBA
// bytes row by row. The pixels come back base64-encoded (a JSON array of
// numbers would be four times larger).
export async function decodePng(page, png) {
  const { width, height, base64 } = await page.evaluate(async (src) => {
    const image = new Image();
    image.src = `data:image/png;base64,${src}`;
    await image.decode();
    const c = document.createElement('canvas');
    c.width = image.width; c.height = image.height;
    const g = c.getContext('2d');
    g.drawImage(image, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    let binary = '';
    for (let i = 0; i < px.length; i += 0x8000) binary += String.fromCharCode.apply(null, px.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, base64: btoa(binary) };
  }, png.toString('base64'));
  return { width, height, data: new Uint8Array(Buffer.from(base64, 'base64')) };
}

// Counts pixel classes of a PNG: the most common colour, white text, the
// panels' title bars.
export async function pixelStats(page, png) {
  const { width, height, data: px } = await decodePng(page, png);
  const counts = new Map();
  let white = 0;
  for (let i = 0; i < px.length; i += 4) {
    const key = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
    if (px[i] > 220 && px[i + 1] > 220 && px[i + 2] > 220) white++;
  }
  const [background, backgroundCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  const rgb = (k) => [(k >> 16) & 255, (k >> 8) & 255, k & 255];
  const near = (k, want, tol) => rgb(k).every((v, i) => Math.abs(v - want[i]) <= tol);
  const countNear = (want, tol) => [...counts.entries()]
    .filter(([k]) => near(k, want, tol)).reduce((s, [, n]) => s + n, 0);
  return {
    width,
    height,
    total: width * height,
    background: rgb(background),
    backgroundCount,
    distinctColors: counts.size,
    white,
    // The playground's panel title bars: (0.16, 0.18, 0.21) and, for the
    // focused one, (0.18, 0.21, 0.26) in 8 bit (src/app/panels/app.cpp style()).
    titleBar: countNear([41, 46, 54], 2) + countNear([46, 54, 66], 2),
  };
}

// Colours of a PNG: distinct ones, how many of them cover at least `blob`
// pixels (a heatmap cell rather than anti-aliased text), and how many pixels
// lie within `tol` of each wanted colour.
export async function colourStats(page, png, { wanted = [], tol = 8, blob = 60 } = {}) {
  const { data: px } = await decodePng(page, png);
  const counts = new Map();
  const near = wanted.map(() => 0);
  for (let i = 0; i < px.length; i += 4) {
    const key = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
    wanted.forEach((w, k) => {
      if (Math.abs(px[i] - w[0]) <= tol && Math.abs(px[i + 1] - w[1]) <= tol && Math.abs(px[i + 2] - w[2]) <= tol) near[k]++;
    });
  }
  const big = [...counts.values()].filter((n) => n >= blob).length;
  return { distinct: counts.size, big, near };
}

// The panel grid of src/app/panels/app.cpp at device pixel ratio 1: a run bar on
// top (2 framed rows of the 15 px font with spacing + 14 px), the experiment
// column on the left, 3 rows x 2 columns of panels in the rest. A panel's
// rectangle in CSS pixels, e.g. for a screenshot clip.
export function panelRect(viewport, row, col) {
  const barH = 2 * (15 + 2 * 3 + 6) + 14;
  const sideW = Math.min(360, Math.max(280, viewport.width * 0.24));
  const cw = (viewport.width - sideW) / 2;
  const ch = (viewport.height - barH) / 3;
  return { x: Math.round(sideW + col * cw), y: Math.round(barH + row * ch), width: Math.floor(cw), height: Math.floor(ch) };
}
