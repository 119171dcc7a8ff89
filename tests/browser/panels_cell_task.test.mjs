// The "Inside the cell", "Task view" and "Compare runs" panels in headless
// Chromium: open a link, train a little through window.unroll.step(n), then
// screenshot the page and each panel (build/screenshots/panel_*.png) and
// check the pixels: the heatmaps are not uniform, the compare table shows
// one colour per run, and compare mode round-trips through the link/API.
// The text task's Generate tab is clicked open and used like a visitor would.
// Run: scripts/test_browser.sh panels_cell_task.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  SCREENSHOTS, clickRect, colourStats as colourStatsOf, openRecordedPage, panelRect, pixelStats, useSite,
  waitForStart,
} from './harness.mjs';

const site = useSite();

// Run colours of ui::run_color (0..3) in 8 bit.
const RUN_COLORS = [[87, 181, 232], [230, 158, 0], [0, 158, 115], [204, 120, 166]];

const PANELS = { cell: [1, 1], task: [2, 0], compare: [2, 1] };

// Distinct colours of a PNG and pixels within 6 of each wanted colour.
const colourStats = (page, png, wanted) => colourStatsOf(page, png, { wanted, tol: 6 });

// Opens a link, trains `steps` steps, waits for the probe to refresh, and
// screenshots the page and the three panels. Returns the page and the PNGs.
async function openTrained(hash, steps, name, viewport = { width: 1600, height: 1000 }) {
  const opened = await openRecordedPage(site.browser, site.origin, { viewport });
  const { page, log } = opened;
  await page.goto(`${site.origin}/#${hash}`);
  assert.equal(await waitForStart(page), 'running', `loader state; page said:\n${log.console.join('\n')}`);
  const done = await page.evaluate((n) => window.unroll.step(n), steps);
  assert.equal(done, steps, 'steps done through the API');
  await page.waitForTimeout(600);  // a few frames; the probe refreshes at most 10x/s
  const shots = { page: await page.screenshot({ path: join(SCREENSHOTS, `panel_${name}_page.png`) }) };
  for (const [panel, [r, c]] of Object.entries(PANELS)) {
    shots[panel] = await page.screenshot({
      path: join(SCREENSHOTS, `panel_${name}_${panel}.png`), clip: panelRect(viewport, r, c),
    });
  }
  assert.deepEqual(log.pageErrors, [], 'uncaught page errors');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  return { ...opened, shots };
}

test('LSTM on adding: cell heatmaps vary, task view drawn, one run in the compare table', async () => {
  const { context, page, shots } = await openTrained('v=1&arch=lstm&task=adding&T=20', 60, 'lstm_adding');
  const cell = await colourStats(page, shots.cell, []);
  // A uniform heatmap + text would have a few dozen colours; two maps of 64 x 20 gate values have hundreds.
  assert.ok(cell.distinct > 300, `cell panel distinct colours: ${cell.distinct}`);
  const task = await colourStats(page, shots.task, [RUN_COLORS[1]]);
  assert.ok(task.near[0] > 20, `adding view: orange marked bars (${task.near[0]} px)`);
  const cmp = await colourStats(page, shots.compare, RUN_COLORS);
  assert.ok(cmp.near[0] > 30, `main run colour in the compare panel (${cmp.near[0]} px)`);
  assert.ok(cmp.near[2] < 5 && cmp.near[3] < 5, `no third/fourth run colour: ${cmp.near}`);
  await context.close();
});

test('GRU on copy: cell heatmaps vary and the recall row is coloured right/wrong', async () => {
  const { context, page, shots } = await openTrained('v=1&arch=gru&task=copy&T=5', 60, 'gru_copy');
  const cell = await colourStats(page, shots.cell, []);
  assert.ok(cell.distinct > 300, `cell panel distinct colours: ${cell.distinct}`);
  // Recalled letters sit on green (right) or red (wrong) boxes: kRightBg / kWrongBg.
  const task = await colourStats(page, shots.task, [[40, 120, 70], [150, 50, 50]]);
  assert.ok(task.near[0] + task.near[1] > 200, `recall boxes green ${task.near[0]} px, red ${task.near[1]} px`);
  await context.close();
});

test('LSTM on text with compare=gru,rnn_tanh: three runs in the table, link and API keep compare', async () => {
  const hash = 'v=1&arch=lstm&task=text&T=32&compare=gru,rnn_tanh';
  const { context, page, shots } = await openTrained(hash, 40, 'text_compare');
  const state = await page.evaluate(() => window.unroll.getState());
  assert.match(state.config, /compare=gru,rnn_tanh/, 'compare runs are in the state link');
  assert.equal(state.step, 40);
  const cmp = await colourStats(page, shots.compare, RUN_COLORS);
  for (let k = 0; k < 3; ++k) assert.ok(cmp.near[k] > 30, `run ${k} colour in the compare panel: ${cmp.near}`);
  assert.ok(cmp.near[3] < 5, `no fourth run colour: ${cmp.near}`);
  const cell = await colourStats(page, shots.cell, []);
  assert.ok(cell.distinct > 300, `cell panel distinct colours: ${cell.distinct}`);
  // Next-character view: right/wrong tinted boxes.
  const task = await colourStats(page, shots.task, [[40, 120, 70], [150, 50, 50]]);
  assert.ok(task.near[0] + task.near[1] > 200, `model row green ${task.near[0]} px, red ${task.near[1]} px`);

  // setConfig with another compare list: rebuilds the runs from step 0 with one extra run.
  await page.evaluate(() => window.unroll.setConfig('v=1&arch=lstm&task=text&T=32&compare=gru'));
  await page.evaluate(() => window.unroll.step(10));
  await page.waitForTimeout(400);
  const after = await page.evaluate(() => window.unroll.getState());
  assert.match(after.config, /compare=gru(&|$)/);
  assert.equal(after.step, 10, 'runs restarted from step 0');
  const png = await page.screenshot({
    path: join(SCREENSHOTS, 'panel_text_compare2_compare.png'), clip: panelRect({ width: 1600, height: 1000 }, 2, 1),
  });
  const two = await colourStats(page, png, RUN_COLORS);
  assert.ok(two.near[0] > 30 && two.near[1] > 30, `two run colours: ${two.near}`);
  assert.ok(two.near[2] < 5, `the third run is gone: ${two.near}`);
  await context.close();
});

test('the three panels at 1280 x 800 (screenshots for a look)', async () => {
  const { context, page, shots } = await openTrained('v=1&arch=lstm&task=text&T=32&compare=gru,rnn_tanh', 20,
    'small_text_compare', { width: 1280, height: 800 });
  const cell = await colourStats(page, shots.cell, []);
  assert.ok(cell.distinct > 200, `cell panel distinct colours at 1280x800: ${cell.distinct}`);
  const cmp = await colourStats(page, shots.compare, RUN_COLORS);
  for (let k = 0; k < 3; ++k) assert.ok(cmp.near[k] > 20, `run ${k} colour at 1280x800: ${cmp.near}`);
  await context.close();
});

test('LSTM on text: the Generate tab, clicked open, writes text that continues the seed', async () => {
  const viewport = { width: 1600, height: 1000 };
  const { context, page, log, shots } = await openTrained('v=1&arch=lstm&task=text&T=32', 80, 'text_generate', viewport);
  const generate = async () => (await page.evaluate(() => window.unroll.getState())).generate;
  const taskRect = panelRect(viewport, ...PANELS.task);
  const inTask = (r) => r !== null && r.x >= taskRect.x && r.y >= taskRect.y &&
    r.x + r.width <= taskRect.x + taskRect.width && r.y + r.height <= taskRect.y + taskRect.height;
  // The mouse is parked over empty space so no tooltip covers the panel in screenshots.
  const taskShot = async (name) => {
    await page.mouse.move(viewport.width - 5, viewport.height - 5);
    await page.waitForTimeout(400);
    return page.screenshot({ path: join(SCREENSHOTS, `panel_text_generate_${name}.png`), clip: taskRect });
  };

  // The "Next character" tab is open first: its right/wrong boxes are on screen.
  let g = await generate();
  assert.equal(g.text, '', 'nothing generated yet');
  assert.equal(g.button, null, 'the Generate button is not on screen yet');
  assert.ok(inTask(g.tab), `the Generate tab ${JSON.stringify(g.tab)} lies in the task panel ${JSON.stringify(taskRect)}`);
  const boxes = await colourStats(page, shots.task, [[40, 120, 70], [150, 50, 50]]);
  assert.ok(boxes.near[0] + boxes.near[1] > 200, `next-character boxes before the switch: ${boxes.near}`);

  await clickRect(page, g.tab);
  await page.waitForFunction(() => window.unroll.getState().generate.button !== null, null, { timeout: 10000 });
  g = await generate();
  assert.ok(inTask(g.button), `the Generate button ${JSON.stringify(g.button)} lies in the task panel`);
  const empty = await taskShot('empty');
  const switched = await colourStats(page, empty, [[40, 120, 70], [150, 50, 50]]);
  assert.ok(switched.near[0] + switched.near[1] < 20, `the next-character boxes are gone: ${switched.near}`);
  const before = await pixelStats(page, empty);

  await clickRect(page, g.button);
  await page.waitForFunction(() => window.unroll.getState().generate.text !== '', null, { timeout: 10000 });
  g = await generate();
  assert.equal(g.error, '');
  assert.equal(g.atStep, 80, 'written with the weights after 80 steps');
  assert.equal(g.temperature, 0.7, 'the default temperature');
  // The seed text "The " and then 200 new characters (the slider's default).
  assert.ok(g.text.startsWith('The '), `starts with the seed text: ${JSON.stringify(g.text.slice(0, 40))}`);
  assert.equal([...g.text].length, 4 + 200, `length of ${JSON.stringify(g.text)}`);
  const after = await pixelStats(page, await taskShot('written'));
  // ~200 characters of white text in a bordered box (seen: ~1000 more text pixels; spaces vary).
  assert.ok(after.white > before.white + 400, `white text pixels ${before.white} -> ${after.white}`);

  // Each click draws a new sample (one rng seed per click).
  const first = g.text;
  await clickRect(page, g.button);
  await page.waitForFunction((t) => window.unroll.getState().generate.text !== t, first, { timeout: 10000 });
  assert.notEqual((await generate()).text, first);
  assert.deepEqual(log.pageErrors, [], 'uncaught page errors');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  await context.close();
});
