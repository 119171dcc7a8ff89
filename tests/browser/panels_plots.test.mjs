// The Loss, Gradient flow and Recurrent matrix panels after 50 training steps
// of an exploding Elman RNN (rho = 1.5, norm clipping at 0.5): screenshots of
// the page and of each panel in build/screenshots/, and pixel checks that the
// plots, the heatmap and the eigenvalue plane really drew data.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCREENSHOTS, decodePng, openRecordedPage, panelRect, useSite, waitForStart } from './harness.mjs';

const HASH = '#v=1&arch=rnn_tanh&task=adding&T=30&rho=1.5&clip=norm&clip_at=0.5';
// Main run colour (ui::run_color(0), sky blue 0.34/0.71/0.91) in 8 bit.
const RUN0 = [87, 181, 232];

const site = useSite();

// Pixel census of a PNG: distinct colours, line pixels near the run colour,
// and heatmap pixels in the viridis colormap.
async function census(page, png, runColor) {
  const { width, height, data: px } = await decodePng(page, png);
  const colors = new Set();
  let run = 0;
  let viridis = 0;  // saturated greens/yellows/purples of the colormap
  for (let i = 0; i < px.length; i += 4) {
    const [r, gg, b] = [px[i], px[i + 1], px[i + 2]];
    colors.add((r << 16) | (gg << 8) | b);
    if (Math.abs(r - runColor[0]) < 20 && Math.abs(gg - runColor[1]) < 20 && Math.abs(b - runColor[2]) < 20) run++;
    // viridis: green channel well above red and blue-ish mid tones, or yellow top
    if ((gg > r + 40 && gg > 90 && b < gg + 30 && b > 40 && r < 120) || (r > 200 && gg > 200 && b < 80)) viridis++;
  }
  return { width, height, distinct: colors.size, run, viridis };
}

// Distinct colours in a sub-rectangle (relative to the png), for "not uniform".
async function distinctIn(page, png, rect) {
  const { width, data: px } = await decodePng(page, png);
  const s = new Set();
  for (let y = rect.y; y < rect.y + rect.height; ++y) {
    for (let x = rect.x; x < rect.x + rect.width; ++x) {
      const i = 4 * (y * width + x);
      s.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    }
  }
  return s.size;
}

async function openAndTrain(viewport) {
  const opened = await openRecordedPage(site.browser, site.origin, { viewport });
  const { page, log } = opened;
  await page.goto(site.origin + '/' + HASH);
  assert.equal(await waitForStart(page), 'running', log.console.join('\n'));
  await page.evaluate(() => window.unroll.step(50));
  // A few frames so the panels draw the new history (and the eigenvalue cache refreshes).
  const f0 = await page.evaluate(() => window.Module.ccall('unroll_frames_drawn', 'number', [], []));
  await page.waitForFunction((f) => window.Module.ccall('unroll_frames_drawn', 'number', [], []) >= f + 20,
    f0, { timeout: 30000 });
  await page.waitForTimeout(400);
  return opened;
}

for (const viewport of [{ width: 1600, height: 1000 }, { width: 1280, height: 800 }]) {
  const tag = `${viewport.width}x${viewport.height}`;
  test(`loss, gradient-flow and matrix panels draw data at ${tag}`, async () => {
    const { context, page, log } = await openAndTrain(viewport);
    const state = await page.evaluate(() => window.unroll.getState());
    assert.ok(state.step >= 50, `trained 50 steps (state.step = ${state.step})`);

    writeFileSync(join(SCREENSHOTS, `panels_${tag}_page.png`), await page.screenshot());
    const rects = { loss: panelRect(viewport, 0, 0), gradflow: panelRect(viewport, 0, 1), matrix: panelRect(viewport, 1, 0) };
    const shots = {};
    for (const [name, clip] of Object.entries(rects)) {
      shots[name] = await page.screenshot({ clip });
      writeFileSync(join(SCREENSHOTS, `panel_${name}_${tag}.png`), shots[name]);
    }

    const loss = await census(page, shots.loss, RUN0);
    assert.ok(loss.run > 150, `loss panel has line pixels in the main run colour (${loss.run})`);

    const grad = await census(page, shots.gradflow, RUN0);
    assert.ok(grad.run > 100, `gradient-flow plots have line pixels in the run colour (${grad.run})`);
    assert.ok(grad.viridis > 500, `gradient-flow heatmap drew colormap pixels (${grad.viridis})`);
    // The heatmap sits in the top-right quarter of the panel: many distinct colours, not one flat fill.
    const r = rects.gradflow;
    const heat = { x: Math.round(r.width * 0.6), y: 40, width: Math.round(r.width * 0.3), height: Math.round(r.height * 0.35) };
    const heatColors = await distinctIn(page, shots.gradflow, heat);
    assert.ok(heatColors > 12, `heatmap area is not uniform (${heatColors} colours)`);

    const matrix = await census(page, shots.matrix, RUN0);
    // rho = 1.5: some eigenvalues lie outside the unit circle (drawn orange-red), the rest in the run colour.
    assert.ok(matrix.run > 30, `eigenvalue dots in the run colour (${matrix.run})`);
    assert.ok(matrix.distinct > 40, `matrix panel drew more than a flat background (${matrix.distinct} colours)`);

    assert.deepEqual(log.pageErrors, [], 'no uncaught page errors');
    assert.deepEqual(log.consoleErrors, [], 'no console errors (shader compile failures print here)');
    await context.close();
  });
}
