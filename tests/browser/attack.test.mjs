// The hostile-link attack suite (tests/attack/links.mjs) in the page: every
// link is opened as a user would (the address's hash); the page must keep
// answering and drawing, refuse what does not fit with a message, and keep
// the wasm heap under the memory budget. Also: a postMessage that asks for
// 100000 steps does not freeze the page, and pause stops it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostileLinks } from '../attack/links.mjs';
import { framesDrawn, openRecordedPage, useSite, waitForStart } from './harness.mjs';

const site = useSite();

async function openPage() {
  const opened = await openRecordedPage(site.browser, site.origin, { viewport: { width: 1280, height: 800 } });
  await opened.page.goto(`${site.origin}/#v=1&task=adding&T=10&hidden=8`);
  assert.equal(await waitForStart(opened.page), 'running');
  await opened.page.waitForFunction(() => window.unroll.getState().loading !== true, null, { timeout: 30000 });
  return opened;
}

// The page answers and draws: a getState round trip and two new frames.
async function responsive(page, why) {
  const t0 = Date.now();
  const s = await page.evaluate(() => window.unroll.getState());
  const f0 = await framesDrawn(page);
  await page.waitForFunction((n) => window.Module.ccall('unroll_frames_drawn', 'number', [], []) >= n + 2, f0, { timeout: 20000 });
  return { s, ms: Date.now() - t0, why };
}

test('every hostile link: the page answers, refuses with a message what does not fit, the heap stays in budget', async () => {
  const { context, page, log } = await openPage();
  const links = hostileLinks();
  let refused = 0, slowest = 0;
  for (const { why, link } of links) {
    await page.evaluate((h) => { location.hash = h; }, link);
    const { s, ms } = await responsive(page, why);
    slowest = Math.max(slowest, ms);
    assert.ok(ms < 15000, `${why}: the page answered after ${ms} ms`);
    assert.ok(s.memory.estimateBytes <= s.memory.budgetBytes, `${why}: runs estimated at ${s.memory.estimateBytes} bytes`);
    assert.ok(s.memory.heapBytes <= s.memory.budgetBytes * 1.25, `${why}: wasm heap ${s.memory.heapBytes} bytes`);
    const refusal = s.errors.find((e) => /needs about|would take about/.test(e));
    if (refusal) {
      ++refused;
      assert.match(refusal, /Lower [a-z_, ]+/, `${why}: the refusal names the keys: ${refusal}`);
    }
    // A link with run=1 trains (or is refused): either way the page answers.
    if (/run=1/.test(link)) await responsive(page, why);
  }
  assert.ok(refused >= 5, `the oversized links were refused: ${refused}`);
  // Still a working playground.
  await page.evaluate(() => { location.hash = 'v=1&arch=gru&task=adding&T=10&hidden=8'; });
  await page.waitForFunction(() => window.unroll.getState().config.includes('arch=gru'));
  assert.equal(await page.evaluate(() => window.unroll.step(5)), 5);
  assert.deepEqual(log.pageErrors, []);
  console.log(`attack: ${links.length} links, ${refused} refused, slowest answer ${slowest} ms`);
  await context.close();
});

test('postMessage step(100000) runs across frames: the page keeps answering and pause stops it', async () => {
  const { context, page } = await openPage();
  await page.evaluate(() => { location.hash = 'v=1&arch=lstm&task=adding&T=50&hidden=64'; });
  await page.waitForFunction(() => window.unroll.getState().config.includes('hidden=64') || window.unroll.getState().config === 'v=1');
  await page.evaluate(() => window.postMessage({ unroll: 'step', args: [100000] }, '*'));
  await page.waitForFunction(() => window.unroll.getState().step > 3, null, { timeout: 30000 });
  for (let k = 0; k < 3; ++k) {
    const { ms, s } = await responsive(page, 'while 100000 steps are pending');
    assert.ok(ms < 5000, `answered in ${ms} ms`);
    assert.ok(s.pendingSteps > 0 && s.pendingSteps < 100000, `pending ${s.pendingSteps}`);
  }
  await page.evaluate(() => window.unroll.pause());
  const at = (await page.evaluate(() => window.unroll.getState())).step;
  await page.waitForTimeout(500);
  const s = await page.evaluate(() => window.unroll.getState());
  assert.equal(s.pendingSteps, 0, 'pause cancels the requested steps');
  assert.ok(s.step <= at + 1, `no more than one step after pause (${at} -> ${s.step})`);
  await context.close();
});
