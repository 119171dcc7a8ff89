// task=series in the page, on real public data: the yearly sunspot numbers
// 1700-2008 that Debian's python3-statsmodels ships (scripts/series_data.sh
// fetches and unpacks it; never committed). unroll.loadFile('csv', ...)
// switches the task, the normalisation goes into the link, the LSTM beats
// persistence (the task's chance loss), the page trains to the CLI's numbers
// on the same file, the Task view draws the series and the prediction, and a
// bad file names its row.
// Run: scripts/test_browser.sh series.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, SCREENSHOTS, colourStats, openRecordedPage, panelRect, useSite, waitForStart } from './harness.mjs';

const site = useSite();
const SUNSPOTS = execFileSync(join(ROOT, 'scripts/series_data.sh'), { encoding: 'utf8' }).trim();
const CSV = readFileSync(SUNSPOTS, 'utf8');
const LINK = 'v=1&arch=lstm&T=20&hidden=32&columns=SUNACTIVITY&lr=0.01&seed=1';
const VIEWPORT = { width: 1600, height: 1000 };

async function openWithData(hash = LINK, name = 'sunspots.csv', text = CSV) {
  const opened = await openRecordedPage(site.browser, site.origin, { viewport: VIEWPORT });
  const { page, log } = opened;
  await page.goto(`${site.origin}/#${hash}`);
  assert.equal(await waitForStart(page), 'running', `loader state; page said:\n${log.console.join('\n')}`);
  await page.evaluate(([n, t]) => window.unroll.loadFile('csv', n, t), [name, text]);
  await page.waitForTimeout(300);  // a frame or two: the link is rewritten
  return opened;
}

const state = (page) => page.evaluate(() => window.unroll.getState());

test('loadFile("csv") switches to task=series and the link carries the normalisation', async () => {
  const { context, page, log } = await openWithData();
  const s = await state(page);
  assert.deepEqual(s.errors, []);
  assert.match(s.config, /task=series/);
  assert.match(s.config, /columns=SUNACTIVITY/);
  // The population mean and std of the 309 yearly values (the same numbers as the CLI's summary).
  const norm = /norm=([^&]+)/.exec(s.config)?.[1];
  assert.ok(norm, s.config);
  const [mean, std] = norm.split(':').map(Number);
  assert.ok(Math.abs(mean - 49.7521) < 1e-3 && Math.abs(std - 40.3871) < 1e-3, norm);
  assert.equal(s.task.name, 'series');
  assert.equal(s.task.data.rows, 309);
  assert.deepEqual(s.task.data.columns, ['SUNACTIVITY']);
  assert.equal(s.task.data.file, 'sunspots.csv');
  // Open in PyTorch has no port of the series task: refused, saying so.
  assert.equal(await page.evaluate(() => window.unroll.download('torch')), false);
  assert.match((await state(page)).notice, /task=series \(your CSV data\) cannot be exported to PyTorch yet/);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('the page trains to the CLI\'s losses on the same file (same wasm build, in Node)', async () => {
  const cli = join(process.env.UNROLL_WASM_BUILD || join(ROOT, 'build/wasm'), 'unroll.js');
  assert.ok(existsSync(cli), `${cli} is built by scripts/build_web.sh`);
  const { context, page } = await openWithData();
  const link = (await state(page)).config;
  await page.evaluate(() => window.unroll.step(12));
  const pageLoss = (await page.evaluate(() => window.unroll.getHistory())).loss;
  const out = execFileSync('node', [cli, 'train', '--config', link, '--data', SUNSPOTS, '--steps', '12',
    '--jsonl', '-', '--quiet'], { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  const cliLoss = out.split('\n').filter((l) => l.startsWith('{"step"')).map((l) => JSON.parse(l).loss);
  const summary = JSON.parse(out.split('\n').filter((l) => l.startsWith('{"config"'))[0]);
  assert.equal(summary.config, link, 'the CLI computes the same norm= the page wrote');
  assert.equal(cliLoss.length, 12);
  assert.deepEqual(pageLoss.map((x) => Number(x.toPrecision(9))), cliLoss.map((x) => Number(x.toPrecision(9))));
  assert.equal((await state(page)).task.chanceLoss, summary.chance_loss);
  await context.close();
});

test('the LSTM beats persistence by a clear margin, and the Task view plots series, prediction and error',
  async () => {
    const { context, page } = await openWithData();
    const steps = 1500;
    assert.equal(await page.evaluate((n) => window.unroll.step(n), steps), steps);
    const s = await state(page);
    const loss = (await page.evaluate(() => window.unroll.getHistory())).loss;
    const last100 = loss.slice(-100).reduce((a, b) => a + b, 0) / 100;
    console.log(`page: LSTM loss over the last 100 of ${steps} steps ${last100.toFixed(4)}, persistence `
      + `(chance loss) ${s.task.chanceLoss.toFixed(4)}, ratio ${(last100 / s.task.chanceLoss).toFixed(3)}`);
    assert.ok(s.task.chanceLoss > 0.3, `persistence ${s.task.chanceLoss}`);  // 0.3625
    assert.ok(last100 < 0.5 * s.task.chanceLoss, `LSTM ${last100} vs persistence ${s.task.chanceLoss}`);
    await page.waitForTimeout(600);  // the probe refreshes at most 10x/s
    await page.screenshot({ path: join(SCREENSHOTS, 'series_page.png') });  // the data box and norm, to look at
    const png = await page.screenshot({ path: join(SCREENSHOTS, 'panel_series_task.png'), clip: panelRect(VIEWPORT, 2, 0) });
    // The window (orange, run colour 1) over the grey series, and the model's lines.
    const c = await colourStats(page, png, { wanted: [[230, 158, 0], [200, 205, 215]], tol: 8 });
    assert.ok(c.near[0] > 150, `orange (window, prediction, model error): ${c.near[0]} px`);
    assert.ok(c.near[1] > 150, `light grey (series, next value): ${c.near[1]} px`);
    await context.close();
  });

test('bad files name the row and column; a real file with gaps (co2.csv) too', async () => {
  const { context, page } = await openWithData(LINK, 'ragged.csv', 'a,b\n1,2\n3\n4,5\n');
  let s = await state(page);
  assert.ok(s.errors.some((e) => e.includes('row 3 has 1 field(s) but row 1 has 2')), s.errors.join('\n'));
  const co2 = readFileSync(join(SUNSPOTS, '../../co2/co2.csv'), 'utf8');
  await page.evaluate(([t]) => window.unroll.setConfig('v=1&task=series&T=20'), [0]);
  await page.evaluate((t) => window.unroll.loadFile('csv', 'co2.csv', t), co2);
  await page.waitForTimeout(200);
  s = await state(page);
  assert.ok(s.errors.some((e) => e.includes('row 8, column 2 (co2): the cell is empty')), s.errors.join('\n'));
  assert.equal(await page.evaluate(() => window.unroll.step(1)), 0, 'nothing trains on a bad file');
  await context.close();
});
