// The attention views in headless Chromium: with model=transformer or
// model=seq2seq the panel grid's second row shows "Attention" and "Beyond
// the bottleneck" (src/app/panels/panel_attention.cpp, panel_bottleneck.cpp).
// Opens a link, trains through window.unroll.step(n), screenshots the page
// and both panels (build/screenshots/attention_*.png) and checks:
//  - the attention map is drawn and not uniform (many distinct colours,
//    each covering a cell-sized area);
//  - seq2seq without attention says so (warning colour, no map);
//  - the "sequential vs parallel" and "accuracy vs length" measurements,
//    started through the Module hooks, finish and produce points.
// Run: scripts/test_browser.sh attention.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCREENSHOTS, colourStats, openRecordedPage, panelRect, useSite, waitForStart } from './harness.mjs';

const site = useSite();

const VIEWPORT = { width: 1600, height: 1000 };

// The panel grid of src/app/panels/app.cpp: attention = row 1 col 0, bottleneck = row 1 col 1.
const ATTENTION = panelRect(VIEWPORT, 1, 0);
const BOTTLENECK = panelRect(VIEWPORT, 1, 1);

async function openTrained(hash, steps, name) {
  const opened = await openRecordedPage(site.browser, site.origin, { viewport: VIEWPORT });
  const { page, log } = opened;
  await page.goto(`${site.origin}/#${hash}`);
  assert.equal(await waitForStart(page), 'running', `loader state; page said:\n${log.console.join('\n')}`);
  if (steps > 0) assert.equal(await page.evaluate((n) => window.unroll.step(n), steps), steps, 'steps done');
  await page.waitForTimeout(700);  // a few frames; the probe refreshes at most 10x/s
  const shots = {
    page: await page.screenshot({ path: join(SCREENSHOTS, `attention_${name}_page.png`) }),
    attention: await page.screenshot({ path: join(SCREENSHOTS, `attention_${name}_attention.png`), clip: ATTENTION }),
    bottleneck: await page.screenshot({ path: join(SCREENSHOTS, `attention_${name}_bottleneck.png`), clip: BOTTLENECK }),
  };
  return { ...opened, shots };
}

// Starts a measurement (0 = accuracy vs length, 1 = sequential vs parallel)
// and waits for it to finish; returns its points.
async function measure(page, which, timeout = 240000) {
  await page.evaluate((w) => window.Module.ccall('unroll_bottleneck_measure', null, ['number'], [w]), which);
  await page.waitForFunction((w) => {
    const r = JSON.parse(window.Module.ccall('unroll_bottleneck_result', 'string', ['number'], [w]));
    return !r.running && r.total > 0;
  }, which, { timeout, polling: 500 });
  return JSON.parse(await page.evaluate((w) => window.Module.ccall('unroll_bottleneck_result', 'string', ['number'], [w]), which));
}

function assertNoErrors(log) {
  assert.deepEqual(log.pageErrors, [], 'uncaught page errors');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
}

test('Transformer on reverse: attention map varies; time per step is measured for both models', async () => {
  const { context, page, log, shots } = await openTrained(
    'v=1&model=transformer&task=reverse&T=8&d_model=32&heads=2&layers=1', 150, 'transformer');
  const attn = await colourStats(page, shots.attention);
  // A uniform map is one colour; 9 x 8 trained weights give dozens of cell-sized colour areas.
  assert.ok(attn.big >= 20, `attention panel: ${attn.big} colours cover >= 60 px (distinct ${attn.distinct})`);

  const time = await measure(page, 1);
  assert.equal(time.curves.length, 2, 'a recurrent and a Transformer curve');
  for (const c of time.curves) {
    assert.equal(c.error, '', `${c.label}: no error`);
    assert.ok(c.x.length >= 5, `${c.label}: ${c.x.length} lengths timed`);
    assert.ok(c.y.every((ms) => ms > 0 && ms < 60000), `${c.label}: ms per step ${c.y}`);
  }
  assert.match(time.curves[0].label, /recurrent/);
  assert.match(time.curves[1].label, /Transformer/);
  await page.waitForTimeout(400);
  const png = await page.screenshot({ path: join(SCREENSHOTS, 'attention_transformer_time.png'), clip: BOTTLENECK });
  // Run colours 1 and 2 of ui::run_color: the two curves.
  const lines = await colourStats(page, png, { wanted: [[230, 158, 0], [0, 158, 115]] });
  assert.ok(lines.near[0] > 40 && lines.near[1] > 40, `both curves drawn: ${lines.near}`);
  assertNoErrors(log);
  await context.close();
});

test('seq2seq GRU with Bahdanau attention: decoder-over-encoder map varies; accuracy vs length has points', async () => {
  const { context, page, log, shots } = await openTrained(
    'v=1&model=seq2seq&attn=bahdanau&arch=gru&task=reverse&T=8&hidden=32', 150, 'seq2seq_bahdanau');
  const attn = await colourStats(page, shots.attention);
  assert.ok(attn.big >= 20, `attention panel: ${attn.big} colours cover >= 60 px (distinct ${attn.distinct})`);

  const acc = await measure(page, 0);
  assert.equal(acc.curves.length, 1, 'one run');
  const c = acc.curves[0];
  assert.equal(c.error, '');
  assert.ok(c.x.length >= 8, `lengths measured: ${c.x}`);
  assert.ok(c.x.includes(8), 'the training length is among them');
  assert.ok(c.y.every((a) => a >= 0 && a <= 1), `sequence accuracies in [0, 1]: ${c.y}`);
  await page.waitForTimeout(400);
  const png = await page.screenshot({ path: join(SCREENSHOTS, 'attention_seq2seq_accuracy.png'), clip: BOTTLENECK });
  const line = await colourStats(page, png, { wanted: [[87, 181, 232]] });
  assert.ok(line.near[0] > 40, `the main run's curve is drawn (${line.near[0]} px)`);
  assertNoErrors(log);
  await context.close();
});

test('seq2seq without attention: the panel says there is no attention; compare runs get one curve each', async () => {
  const { context, page, log, shots } = await openTrained(
    'v=1&model=seq2seq&attn=none&arch=gru&task=reverse&T=6&hidden=32&compare=bahdanau,transformer', 30,
    'seq2seq_none');
  // ui::kWarn (1, 0.78, 0.35): the warning text and the context-vector box.
  const warn = await colourStats(page, shots.attention, { wanted: [[255, 199, 89]] });
  assert.ok(warn.near[0] > 150, `warning-coloured pixels in the attention panel: ${warn.near[0]}`);

  const acc = await measure(page, 0);
  assert.equal(acc.curves.length, 3, `main + 2 compared runs: ${acc.curves.map((c) => c.label)}`);
  for (const c of acc.curves) assert.ok(c.x.length >= 8 && c.error === '', `${c.label}: ${c.x.length} points, '${c.error}'`);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SCREENSHOTS, 'attention_seq2seq_none_accuracy.png'), clip: BOTTLENECK });
  assertNoErrors(log);
  await context.close();
});
