// Phones, tablets and classroom links, in headless Chromium's mobile
// emulation: a phone (390 x 844, touch, device scale factor 3) gets the
// narrow layout (a run bar in two rows, a tab strip, one view at a time), a
// tablet (820 x 1180) the medium one; every run-bar button and tab is a
// target of at least 40 CSS px that overlaps no other (getState().controls);
// tapping Play trains, tapping each tab shows its view, a lesson walked by
// taps reaches its check mark, a number is typed with the on-screen keyboard
// bridge; focus links (hide=, panels=, zoom=) show exactly what they say.
// Screenshots in both languages go to build/screenshots/.
// Run: scripts/test_browser.sh mobile.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCREENSHOTS, framesDrawn, openRecordedPage, useSite, waitForStart } from './harness.mjs';

const site = useSite();

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const TABLET = { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const RUN_BAR = ['run', 'step', 'reset', 'speed', 'lang_en', 'lang_pt', 'copylink', 'files'];

const state = (page) => page.evaluate(() => window.unroll.getState());

async function open(device, hash = '') {
  const { context, page, log } = await openRecordedPage(site.browser, site.origin, device);
  await page.goto(`${site.origin}/#${hash}`);
  assert.equal(await waitForStart(page), 'running');
  await waitFrames(page, 3);
  return { context, page, log };
}

async function waitFrames(page, n) {
  const f0 = await framesDrawn(page);
  await page.waitForFunction((f) => window.Module.ccall('unroll_frames_drawn', 'number', [], []) >= f,
    f0 + n, { timeout: 30000 });
}

// Taps the centre of a control (by id, where the last frame drew it).
async function tap(page, id) {
  await page.waitForFunction((i) => window.unroll.getState().controls.some((c) => c.id === i), id, { timeout: 10000 });
  const c = (await state(page)).controls.find((k) => k.id === id);
  await page.touchscreen.tap(c.x + c.width / 2, c.y + c.height / 2);
  await waitFrames(page, 2);
}

// A finger drag from (x, y0) to (x, y1) in small moves (CDP touch events).
async function drag(page, x, y0, y1) {
  const cdp = await page.context().newCDPSession(page);
  const point = (y) => [{ x, y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(y0) });
  await waitFrames(page, 2);
  for (let k = 1; k <= 8; ++k) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(y0 + ((y1 - y0) * k) / 8) });
    await waitFrames(page, 1);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await waitFrames(page, 2);
  await cdp.detach();
}

const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function checkTargets(s, viewport, ids) {
  const shown = s.controls.filter((c) => ids.includes(c.id));
  assert.deepEqual(shown.map((c) => c.id).sort(), [...ids].sort(), 'every control is drawn');
  for (const c of shown) {
    assert.ok(c.height >= 39.5 && c.width >= 30, `${c.id} is a ${c.width}x${c.height} target (want >= 40 px high)`);
    assert.ok(c.x >= 0 && c.x + c.width <= viewport.width + 0.5, `${c.id} fits across the screen (x ${c.x}, w ${c.width})`);
  }
  for (let i = 0; i < shown.length; ++i)
    for (let j = i + 1; j < shown.length; ++j)
      assert.ok(!overlap(shown[i], shown[j]), `${shown[i].id} and ${shown[j].id} overlap`);
}

for (const lang of ['en', 'pt']) {
  test(`phone (${lang}): narrow layout, targets apart, tap Play trains, every tab shows its view`, async () => {
    const { context, page, log } = await open(PHONE, `lang=${lang}`);
    let s = await state(page);
    assert.equal(s.layout.kind, 'narrow');
    assert.equal(s.lang, lang);
    const tabs = s.layout.views.map((v) => `view_${v}`);
    assert.equal(tabs.length, 8);
    checkTargets(s, PHONE.viewport, [...RUN_BAR, ...tabs]);
    // The run bar is two rows above the tabs: nothing of it below the first tab.
    const firstTab = s.controls.find((c) => c.id === tabs[0]);
    for (const id of RUN_BAR) assert.ok(s.controls.find((c) => c.id === id).y < firstTab.y, `${id} is above the tabs`);
    await page.screenshot({ path: join(SCREENSHOTS, `phone_${lang}.png`) });

    await tap(page, 'run');
    await page.waitForFunction(() => window.unroll.getState().step >= 5, null, { timeout: 30000 });
    assert.equal((await state(page)).running, true, 'a tap on Play trains');

    for (const v of s.layout.views) {
      await tap(page, `view_${v}`);
      s = await state(page);
      assert.equal(s.layout.view, v, `a tap on its tab shows ${v}`);
      const stats = await page.evaluate(() => window.unroll.frameStats());
      assert.ok(v in stats.panels, `${v} was drawn`);
    }
    await page.screenshot({ path: join(SCREENSHOTS, `phone_${lang}_compare.png`) });
    // Rotation: the landscape phone (844 wide) gets the two-column layout.
    await page.setViewportSize({ width: 844, height: 390 });
    await page.waitForFunction(() => window.unroll.getState().layout.kind === 'medium', null, { timeout: 10000 });
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
    await context.close();
  });
}

test('tablet: the medium layout in both languages, targets apart, showView scrolls to a view', async () => {
  for (const lang of ['en', 'pt']) {
    const { context, page, log } = await open(TABLET, `lang=${lang}`);
    const s = await state(page);
    assert.equal(s.layout.kind, 'medium');
    checkTargets(s, TABLET.viewport, RUN_BAR);
    await page.screenshot({ path: join(SCREENSHOTS, `tablet_${lang}.png`) });
    assert.equal(await page.evaluate(() => window.unroll.showView('compare')), true);
    await waitFrames(page, 2);
    assert.equal((await state(page)).layout.view, 'compare');
    await assert.rejects(page.evaluate(() => window.unroll.showView('nope')), /no view "nope"/);
    assert.deepEqual(log.pageErrors, []);
    await context.close();
  }
});

test('phone: a lesson walked by taps (next, answer, set up) reaches its check mark', async () => {
  const { context, page, log } = await open(PHONE, 'lesson=lstm&step=1');
  await page.waitForFunction(() => window.unroll.getState().lesson !== null, null, { timeout: 30000 });
  let s = await state(page);
  assert.equal(s.layout.view, 'lessons', 'a lesson link opens on the lesson text');
  const tapButton = async (name) => {
    await page.waitForFunction((n) => window.unroll.getState().lessonButtons[n], name, { timeout: 10000 });
    let r = (await state(page)).lessonButtons[name];
    // Below the fold: scroll the lesson text up by dragging it, as a reader does.
    for (let k = 0; k < 6 && r.y + r.height > PHONE.viewport.height - 120; ++k) {
      await drag(page, 200, 700, 400);
      r = (await state(page)).lessonButtons[name];
    }
    assert.ok(r.y >= 0 && r.y + r.height <= PHONE.viewport.height, `${name} is on screen (y ${r.y})`);
    await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
    await waitFrames(page, 2);
  };
  assert.ok(s.lesson.question, 'lesson 5 step 1 asks before it runs');
  {
    await tapButton('choice1');
    await tapButton('answer');
    await page.waitForFunction(() => window.unroll.getState().lesson.question.answered, null, { timeout: 10000 });
  }
  await tapButton('setup');
  await page.waitForFunction(() => window.unroll.getState().lesson.checked, null, { timeout: 120000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'phone_lesson.png') });
  await tapButton('next');
  await page.waitForFunction(() => window.unroll.getState().lesson.step === 2, null, { timeout: 10000 });
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('phone: a number typed through the on-screen keyboard bridge', async () => {
  const { context, page, log } = await open(PHONE, '');
  await tap(page, 'view_experiment');
  await tap(page, 'key_hidden');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-input', null,
    { timeout: 10000 });
  for (let k = 0; k < 4; ++k) await page.keyboard.press('Backspace');
  await page.keyboard.type('32');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /(^|&)hidden=32(&|$)/.test(window.unroll.getState().config), null, { timeout: 10000 });
  const s = await state(page);
  assert.equal(s.needsReset, true, 'hidden applies on Reset');
  await page.waitForFunction(() => document.activeElement?.id !== 'text-input', null, { timeout: 10000 });
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('focus links show exactly what they name; bad values are named', async () => {
  let { context, page, log } = await open(PHONE, 'panels=experiment,loss&hide=lr,seed,speed,files');
  let s = await state(page);
  assert.deepEqual(s.layout.views, ['experiment', 'loss']);
  const ids = s.controls.map((c) => c.id);
  for (const gone of ['speed', 'files', 'view_gradflow', 'view_lessons']) assert.ok(!ids.includes(gone), `${gone} hidden`);
  for (const kept of ['run', 'copylink', 'view_experiment', 'view_loss']) assert.ok(ids.includes(kept), `${kept} shown`);
  await tap(page, 'view_experiment');
  const keys = (await state(page)).controls.filter((c) => c.id.startsWith('key_')).map((c) => c.id);
  assert.ok(keys.includes('key_hidden') && keys.includes('key_optim'), 'the other keys show');
  assert.ok(!keys.includes('key_lr') && !keys.includes('key_seed'), 'lr and seed are hidden');
  assert.match(await page.evaluate(() => location.hash), /hide=lr,seed,speed,files/, 'the link keeps them');
  assert.deepEqual(log.pageErrors, []);
  await context.close();

  // Zoom on a desktop screen (a phone keeps 40 px targets at any zoom).
  ({ context, page, log } = await open({ viewport: { width: 1280, height: 800 } }, 'zoom=1.5'));
  s = await state(page);
  assert.equal(s.layout.zoom, 1.5);
  assert.equal(s.layout.textScale, 1.5);
  const big = s.controls.find((c) => c.id === 'run').height;
  await page.evaluate(() => window.unroll.setZoom(1));
  await waitFrames(page, 3);
  const normal = (await state(page)).controls.find((c) => c.id === 'run').height;
  assert.ok(Math.abs(big / normal - 1.5) < 0.05, `zoom 1.5 makes Play 1.5x taller (${big} vs ${normal} px)`);
  await context.close();

  ({ context, page, log } = await open(PHONE, 'hide=bogus&panels=loss,nope&zoom=9'));
  s = await state(page);
  const messages = s.errors.join('\n');
  assert.match(messages, /hide=.*bogus/);
  assert.match(messages, /panels=.*nope/);
  assert.match(messages, /zoom=9 is not allowed: the presentation zoom is a number from 1 to 3/);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
