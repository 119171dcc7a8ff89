// Keyboards, screen readers and the first visit. The canvas is opaque to
// assistive technology, so the page keeps an accessible mirror (web/a11y.js):
// Chromium's accessibility tree (Playwright's ariaSnapshot) holds the state,
// the lesson's text and real buttons; a lesson step is answered, set up,
// trained and checked with the keyboard alone and the live region announces
// the check mark. Inside the canvas ImGui's keyboard navigation shows a
// focus. A newcomer without a link is greeted once, in the browser's language.
// Run: scripts/test_browser.sh a11y.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCREENSHOTS, openRecordedPage, useSite, waitForStart } from './harness.mjs';

const site = useSite();
const VIEWPORT = { width: 1280, height: 800 };
const state = (page) => page.evaluate(() => window.unroll.getState());

async function open(hash, options = {}) {
  const { context, page, log } = await openRecordedPage(site.browser, site.origin, { viewport: VIEWPORT, ...options });
  await page.goto(`${site.origin}/#${hash}`);
  assert.equal(await waitForStart(page), 'running');
  return { context, page, log };
}

test('the accessibility tree holds the state, the lesson text and the buttons (EN and PT)', async () => {
  const { context, page, log } = await open('lesson=bptt&step=2&lang=pt');
  await page.waitForFunction(() => document.querySelector('#a11y-lesson-text')?.textContent.length > 50, null, { timeout: 30000 });
  let tree = await page.locator('body').ariaSnapshot();
  const s = await state(page);
  assert.match(tree, /heading "Unroll"/);
  assert.match(tree, /button "Treinar"/);
  assert.match(tree, /button "Um passo"/);
  assert.match(tree, /button "Reiniciar"/);
  assert.match(tree, /button "Configurar este experimento"/);
  assert.ok(tree.includes(s.lesson.title), 'the lesson title');
  // A sentence of the step's own text, as the reader hears it.
  const sentence = (await page.locator('#a11y-lesson-text').textContent()).split('\n')[0].slice(0, 40);
  assert.ok(sentence.length > 20 && tree.includes(sentence), `the step text is in the tree: "${sentence}"`);
  assert.match(tree, /status/);
  assert.match(tree, /Pausado, passo 0/);
  await page.evaluate(() => window.unroll.setLanguage('en'));
  await page.waitForFunction(() => document.querySelector('#a11y-play')?.textContent === 'Play', null, { timeout: 5000 });
  tree = await page.locator('body').ariaSnapshot();
  assert.match(tree, /button "Set up this experiment"/);
  // A refused link's message is in the tree too.
  await page.evaluate(() => window.unroll.setConfig('v=1&hidden=banana'));
  await page.waitForFunction(() => /hidden/.test(document.querySelector('#a11y-messages')?.textContent || ''), null, { timeout: 5000 });
  assert.match(await page.locator('#a11y-live').textContent(), /hidden/, 'the message was announced');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a lesson step answered, set up, trained and checked from the keyboard alone', async () => {
  const { context, page, log } = await open('lesson=lstm&step=1');
  await page.waitForFunction(() => document.querySelector('#a11y-choice1'), null, { timeout: 30000 });
  // The page starts with the canvas focused; Escape leaves it for the
  // mirror's buttons. Then Tab to the first answer, and Enter.
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'a11y-play');
  const tabTo = async (id, key = 'Tab') => {
    for (let k = 0; k < 30; ++k) {
      await page.keyboard.press(key);
      if (await page.evaluate((i) => document.activeElement?.id === i, id)) return;
    }
    assert.fail(`Tab never reached #${id}`);
  };
  await tabTo('a11y-choice1');
  await page.screenshot({ path: join(SCREENSHOTS, 'a11y_focus.png') });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.unroll.getState().lesson.question.answered, null, { timeout: 5000 });
  await tabTo('a11y-setup');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.unroll.getState().lesson.checked, null, { timeout: 60000 });
  await page.waitForFunction(() => /Check mark/.test(document.querySelector('#a11y-live').textContent), null, { timeout: 5000 });
  assert.match(await page.locator('#a11y-result').textContent(), /Check mark/);
  // Training from the keyboard: back to the mirror's Play.
  await tabTo('a11y-play', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.unroll.getState().running, null, { timeout: 5000 });
  await page.waitForFunction(() => /Training started/.test(document.querySelector('#a11y-live').textContent), null, { timeout: 5000 });
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('inside the canvas the keyboard moves a visible focus between widgets', async () => {
  const { context, page, log } = await open('');
  await page.mouse.click(640, 400);
  assert.equal((await state(page)).layout.keyboardFocus, false);
  for (let k = 0; k < 3; ++k) await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => window.unroll.getState().layout.keyboardFocus, null, { timeout: 5000 });
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a first visit without a link is greeted once, in the browser language', async () => {
  for (const [locale, title, button] of [['en-US', 'Welcome to Unroll', 'Start lesson 1'], ['pt-BR', 'Bem-vindo ao Unroll', 'Começar a lição 1']]) {
    const { context, page, log } = await open('', { welcome: true, locale });
    await page.waitForSelector('#welcome:not([hidden])', { timeout: 10000 });
    assert.equal(await page.locator('#welcome-title').textContent(), title);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'welcome-lesson', 'the first way in has the focus');
    if (locale === 'en-US') await page.screenshot({ path: join(SCREENSHOTS, 'welcome_en.png') });
    assert.equal(await page.locator('#welcome-lesson').textContent(), button);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.unroll.getState().lesson?.id === 'memory', null, { timeout: 30000 });
    assert.equal(await page.locator('#welcome').isHidden(), true);
    // Remembered: the next visit goes straight in.
    await page.goto(`${site.origin}/`);
    assert.equal(await waitForStart(page), 'running');
    await page.waitForTimeout(800);
    assert.equal(await page.locator('#welcome').count(), 0);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  }
  // A link opens on its content, never on the greeting.
  const { context, page } = await open('lesson=bptt&step=1', { welcome: true });
  await page.waitForTimeout(800);
  assert.equal(await page.locator('#welcome').count(), 0);
  // "Just play" closes it.
  await page.goto(`${site.origin}/#`);
  await context.close();
  const second = await open('', { welcome: true });
  await second.page.waitForSelector('#welcome:not([hidden])', { timeout: 10000 });
  await second.page.click('#welcome-play');
  assert.equal(await second.page.locator('#welcome').isHidden(), true);
  assert.equal((await state(second.page)).lesson, null);
  await second.context.close();
});
