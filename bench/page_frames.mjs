// The playground's frame time while it trains at full speed, for
// bench/run.mjs: opens the built site (scripts/build_web.sh) in a headless
// Chromium, lets one experiment train for a while and reads
// window.unroll.frameStats() (web/api.js): p50/p95 of frame-to-frame time and
// appP50/appP95 of the time spent inside the app's frame (training steps +
// widgets). Same approach as tests/browser/tools/budgets.mjs, whose static
// server it reuses.
//
// Headless Chromium draws WebGL with SwiftShader (software GL on the CPU),
// so frame-to-frame time includes software rasterisation a GPU machine
// does not pay; appP50/appP95 is the CPU time the app itself needs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveFolder } from '../tests/browser/static_server.mjs';

// Flags the browser needs for WebGL in headless mode (tests/browser/harness.mjs).
export const GL_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

// One measurement: `link` (hash keys, '' = the default experiment), trained
// (run=1 in the link) or left paused, `seconds` of frames after the first
// trained step (frameStats keeps the last 240 frames).
async function measure(browser, origin, { name, link, train, seconds }) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(link ? `${origin}/#${link}` : `${origin}/`);
    await page.waitForFunction(() => window.unroll && !window.unroll.getState().loading, null, { timeout: 120000 });
    if (train) {
      await page.waitForFunction(() => window.unroll.getState().step >= 1, null, { timeout: 120000, polling: 50 });
    } else {
      await page.evaluate(() => window.unroll.pause());
    }
    const drawn = () => page.evaluate(() => window.Module.ccall('unroll_frames_drawn', 'number', [], []));
    const step0 = (await page.evaluate(() => window.unroll.getState())).step;
    const frame0 = await drawn();
    // frameStats keeps the last 240 frames: wait `seconds`, and longer (up to
    // 3x) when the frames are slow, so that the window holds no load-time frames.
    const t0 = Date.now();
    await page.waitForTimeout(seconds * 1000);
    while ((await drawn()) - frame0 < 240 && Date.now() - t0 < 3000 * seconds) await page.waitForTimeout(250);
    const frames_drawn = (await drawn()) - frame0, elapsed = (Date.now() - t0) / 1000;
    const frames = await page.evaluate(() => window.unroll.frameStats());
    const st = await page.evaluate(() => window.unroll.getState());
    if (errors.length) throw new Error(`playground page error: ${errors.join('; ')}`);
    if (train && !st.running) throw new Error(`playground (${name}) stopped training: ${JSON.stringify(st.errors)}`);
    return { name, link: link || '(none: the default experiment)', training: st.running, seconds: elapsed, frames_drawn,
      p50: frames.p50, p95: frames.p95, appP50: frames.appP50, appP95: frames.appP95,
      steps_per_second: st.stepsPerSecond, steps: st.step - step0 };
  } finally {
    await context.close();
  }
}

// The WebGL renderer string (names SwiftShader when GL is software).
async function glRenderer(browser) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'no WebGL2';
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    });
  } finally {
    await page.close();
  }
}

// Training at full speed (`link`) and the default experiment paused.
export async function pageFrames(browser, site, { link, seconds }) {
  if (!existsSync(join(site, 'app.wasm')))
    throw new Error(`no playground in ${site}: run scripts/build_web.sh (bench/run.sh does), or pass --frames 0`);
  const server = await serveFolder(site);
  try {
    const runs = [];
    runs.push(await measure(browser, server.origin, { name: 'training', link, train: true, seconds }));
    runs.push(await measure(browser, server.origin, { name: 'paused', link: '', train: false, seconds }));
    return { renderer: await glRenderer(browser), viewport: '1600x1000', runs };
  } finally {
    await server.close();
  }
}
