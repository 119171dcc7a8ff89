// Every step of every lesson, through the JS API in quick succession (open,
// answer, set up, train), gets its check mark; the wall time to each check
// mark is printed (the engine trains in a worker; the goal is ~10 s each).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openRecordedPage, useSite, waitForStart } from './harness.mjs';

const site = useSite();
const LESSONS = ['memory', 'bptt', 'truncated', 'clipping', 'lstm', 'gru', 'seq2seq', 'transformer'];

test('every checked step of every lesson gets its check mark', { timeout: 40 * 60 * 1000 }, async () => {
  const { context, page, log } = await openRecordedPage(site.browser, site.origin, { viewport: { width: 1400, height: 900 } });
  await page.goto(`${site.origin}/#`);
  assert.equal(await waitForStart(page), 'running');
  await page.waitForFunction(() => window.unroll.getState().loading !== true, null, { timeout: 30000 });
  // The lesson files arrive after the module.
  for (let k = 0; k < 150 && !(await page.evaluate(() => window.unroll.openLesson('transformer', 1))); ++k)
    await page.waitForTimeout(200);
  const times = [];
  for (const id of LESSONS) {
    assert.equal(await page.evaluate((i) => window.unroll.openLesson(i, 1), id), true, `${id} opens`);
    const steps = (await page.evaluate(() => window.unroll.getState().lesson)).steps;
    for (let k = 1; k <= steps; ++k) {
      const t0 = Date.now();
      await page.evaluate(([i, n]) => window.unroll.openLesson(i, n), [id, k]);
      let l = (await page.evaluate(() => window.unroll.getState().lesson));
      assert.equal(l.step, k);
      if (l.question) assert.equal(await page.evaluate(() => window.unroll.answerQuestion(1)), true, `${id} ${k}: answered`);
      if (!l.hasCheck) continue;
      await page.evaluate(() => window.unroll.lessonSetUp());
      l = (await page.evaluate(() => window.unroll.getState().lesson));
      if (!l.run) await page.evaluate((b) => window.unroll.step(b), l.budget);
      try {
        await page.waitForFunction(() => window.unroll.getState().lesson.checked, null, { timeout: 300000 });
      } catch (e) {
        const s = await page.evaluate(() => window.unroll.getState());
        assert.fail(`${id} step ${k} (${l.check}): no check mark after ${s.step} steps: ${s.lesson.report}`);
      }
      const s = await page.evaluate(() => window.unroll.getState());
      times.push({ step: `${id} ${k}`, check: l.check, seconds: (Date.now() - t0) / 1000, trained: s.step });
      if (l.question) {
        await page.waitForFunction(() => window.unroll.getState().lesson.question.revealed, null, { timeout: 10000 });
      }
      await page.evaluate(() => window.unroll.pause());
    }
  }
  console.log('| lesson step | check | wall time to the check mark (s) | steps trained |');
  console.log('|---|---|---:|---:|');
  for (const t of times) console.log(`| ${t.step} | \`${t.check}\` | ${t.seconds.toFixed(1)} | ${t.trained} |`);
  const slow = times.filter((t) => t.seconds > 10);
  console.log(`check marks: ${times.length}; over 10 s: ${slow.length} (${slow.map((t) => t.step).join(', ')}); ` +
              `longest ${Math.max(...times.map((t) => t.seconds)).toFixed(1)} s`);
  assert.ok(times.length >= 20, `checked steps: ${times.length}`);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
