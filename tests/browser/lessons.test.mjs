// Lessons in the page: a teacher's link (#lesson=bptt&step=1&lang=pt) opens
// lesson 2 in Portuguese with its experiment set up; the test walks every
// step by CLICKING the panel's buttons (where the panel drew them, from
// getState().lessonButtons), waits for each check mark, and writes
// screenshots of a lesson in each language to build/screenshots/.
// Run: scripts/test_browser.sh lessons.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCREENSHOTS, clickRect, openRecordedPage, useSite, waitForStart } from './harness.mjs';

const site = useSite();

const VIEWPORT = { width: 1280, height: 800 };
const state = (page) => page.evaluate(() => window.unroll.getState());

async function openLesson(hash) {
  const { context, page, log } = await openRecordedPage(site.browser, site.origin, { viewport: VIEWPORT });
  await page.goto(`${site.origin}/#${hash}`);
  assert.equal(await waitForStart(page), 'running');
  // The lesson opens once lessons/*.lesson have arrived.
  await page.waitForFunction(() => window.unroll.getState().lesson !== null, null, { timeout: 30000 });
  return { context, page, log };
}

// Clicks a lesson button where the panel last drew it (CSS pixels), hovering
// first (clickRect): ImGui can drop a click whose frame did not yet see the
// mouse over the widget, which once left a lesson step never set up.
async function clickButton(page, name) {
  await page.waitForFunction((n) => window.unroll.getState().lessonButtons[n], name, { timeout: 10000 });
  await clickRect(page, (await state(page)).lessonButtons[name]);
}

// The question sits under the step's text: scroll the text (mouse wheel, as
// a reader does) until the button is above Set up, which stays in sight.
async function scrollTo(page, name) {
  for (let k = 0; k < 12; ++k) {
    await page.waitForFunction((n) => window.unroll.getState().lessonButtons[n], name, { timeout: 10000 });
    const b = (await state(page)).lessonButtons;
    const limit = b.setup ? b.setup.y - 8 : VIEWPORT.height - 80;
    if (b[name].y + b[name].height <= limit) return;
    await page.mouse.move(b[name].x + 10, limit - 40);
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(250);
  }
}

// A step that asks before it runs: pick the first choice and Answer, by
// clicking, so Set up becomes available. Returns whether there was a question.
async function answerByClicking(page) {
  const s = await state(page);
  if (!s.lesson.question || s.lesson.question.answered) return false;
  await scrollTo(page, 'choice1');
  await clickButton(page, 'choice1');
  await scrollTo(page, 'answer');
  await clickButton(page, 'answer');
  await page.waitForFunction(() => window.unroll.getState().lesson.question.answered, null, { timeout: 10000 });
  return true;
}

test('a Portuguese lesson link; lesson 2 walked by clicking, a check mark at every step', async () => {
  const { context, page, log } = await openLesson('lesson=bptt&step=1&lang=pt');
  let s = await state(page);
  assert.equal(s.lang, 'pt');
  assert.equal(s.lesson.id, 'bptt');
  assert.equal(s.lesson.step, 1);
  assert.equal(s.lesson.steps, 6);
  assert.equal(s.lesson.experimentMatches, true, 'the link set up step 1\'s experiment');
  assert.equal(s.running, false, 'a link sets up but does not start training');
  assert.match(s.config, /rho=0.9/);

  // Steps 1-5 have a check; 6 is the recap (text only). Steps without @run
  // (3 and 5) set up paused and ask for one training step (Step, S).
  const checked = [];
  for (let step = 1; step <= 6; ++step) {
    s = await state(page);
    assert.equal(s.lesson.step, step);
    if (s.lesson.hasCheck) {
      await answerByClicking(page);
      await clickButton(page, 'setup');
      if (step === 3 || step === 5) {
        // Set up paused on a fresh run (step 3 has the same config as step 2).
        await page.waitForFunction(() => { const t = window.unroll.getState(); return !t.running && t.step === 0; },
                                   null, { timeout: 10000 });
        await page.evaluate(() => window.unroll.step(1));
      }
      // Generous: a check may need a few hundred steps, slow under a loaded CI machine.
      await page.waitForFunction(() => window.unroll.getState().lesson.checked, null, { timeout: 120000 });
      checked.push(step);
      s = await state(page);
      assert.deepEqual(s.lesson.checkedSteps, checked);
    }
    if (step === 1) {
      await page.mouse.move(900, 790);  // no tooltip over the panel
      await page.waitForTimeout(300);  // a frame with the check mark drawn
      await page.screenshot({ path: join(SCREENSHOTS, 'lesson_pt.png') });
    }
    if (step < 6) {
      await clickButton(page, 'next');
      await page.waitForFunction((n) => window.unroll.getState().lesson.step === n, step + 1, { timeout: 10000 });
    }
  }
  assert.deepEqual(checked, [1, 2, 3, 4, 5]);
  // Back keeps the progress.
  await clickButton(page, 'back');
  await page.waitForFunction(() => window.unroll.getState().lesson.step === 5, null, { timeout: 10000 });
  s = await state(page);
  assert.equal(s.lesson.checked, true);
  assert.deepEqual(s.lesson.checkedSteps, [1, 2, 3, 4, 5]);
  // The address bar carries the lesson, the step and the language.
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /lesson=bptt&step=5&lang=pt/);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.consoleErrors, []);
  await context.close();
});

test('an English lesson: screenshot, JS API openLesson, a malformed lesson file is refused', async () => {
  const { context, page, log } = await openLesson('lesson=lstm&step=1&lang=en');
  let s = await state(page);
  assert.equal(s.lang, 'en');
  assert.equal(s.lesson.id, 'lstm');
  assert.equal(await answerByClicking(page), true, 'lesson 5 step 1 asks before it runs');
  await clickButton(page, 'setup');
  await page.waitForFunction(() => window.unroll.getState().lesson.checked, null, { timeout: 30000 });
  await page.mouse.move(900, 790);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOTS, 'lesson_en.png') });

  // Embedding pages drive lessons through the API.
  assert.equal(await page.evaluate(() => window.unroll.openLesson('gru', 2)), true);
  s = await state(page);
  assert.equal(s.lesson.id, 'gru');
  assert.equal(s.lesson.step, 2);
  assert.match(s.config, /arch=gru/);
  assert.equal(await page.evaluate(() => window.unroll.openLesson('no-such-lesson', 1)), false);
  assert.equal(await page.evaluate(() => window.unroll.addLesson('course/bad.lesson', '@lesson x\n@bogus\n')), false);
  // The language switch through the API.
  assert.equal(await page.evaluate(() => window.unroll.setLanguage('pt')), true);
  assert.equal((await state(page)).lang, 'pt');
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.consoleErrors, []);
  await context.close();
});

test('the picker lists the lessons (Portuguese from the browser language)', async () => {
  const { context, page, log } = await openRecordedPage(site.browser, site.origin, { viewport: VIEWPORT, locale: 'pt-BR' });
  await page.goto(`${site.origin}/`);
  assert.equal(await waitForStart(page), 'running');
  await page.waitForTimeout(500);
  const s = await state(page);
  assert.equal(s.lang, 'pt', 'navigator.language pt-BR picks Portuguese');
  assert.equal(s.lesson, null);
  assert.doesNotMatch(await page.evaluate(() => location.hash), /lang=/);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
