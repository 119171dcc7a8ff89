// Offline after the first visit (web/sw.js, web/offline.js): one online
// visit caches the build; with the network off a reload starts the page and
// trains in its workers; a new build on the server is noticed on the next
// online visit, in the page's language, and its Reload swaps the caches.
// Served from a copy of the site, so the "new build" can be written into it.
// Run: scripts/test_browser.sh offline.test.mjs
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SITE, launchChromium, openRecordedPage, requireSite, waitForStart } from './harness.mjs';
import { serveFolder } from './static_server.mjs';

let browser;
let server;
let copy;
before(async () => {
  requireSite();
  copy = mkdtempSync(join(tmpdir(), 'unroll-offline-'));
  cpSync(SITE, copy, { recursive: true });
  browser = await launchChromium();
  server = await serveFolder(copy);
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const buildId = (dir) => readFileSync(join(dir, 'sw.js'), 'utf8').match(/"id": "([0-9a-f]+)"/)[1];
const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('unroll-')));
const offlineState = (page) => page.evaluate(() => document.documentElement.dataset.offline);

// Trains n steps through the JS API; the state once they are done.
async function train(page, n) {
  await page.waitForFunction(() => window.unroll && !window.unroll.getState().loading, null, { timeout: 60000 });
  await page.evaluate((k) => window.unroll.step(k), n);
  return page.evaluate(() => window.unroll.getState());
}

test('after one online visit the page starts and trains with the network off', async () => {
  const { context, page, log } = await openRecordedPage(browser, server.origin, { viewport: { width: 1024, height: 640 } });
  await page.goto(`${server.origin}/#v=1&arch=gru&task=copy&T=10`);
  assert.equal(await waitForStart(page), 'running');
  // The worker registers once the app runs, caches the build and takes control.
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60000 });
  assert.deepEqual(await cacheNames(page), [`unroll-${buildId(copy)}`]);

  await context.setOffline(true);
  await page.reload();
  assert.equal(await waitForStart(page), 'running', `offline reload; page said:\n${log.console.join('\n')}`);
  const st = await train(page, 5);
  assert.ok(st.step >= 5, `trained offline: step ${st.step}`);
  assert.ok(Number.isFinite(st.loss), `a loss: ${st.loss}`);
  assert.equal(st.engine, 'worker', 'the engine workers load from the cache too');
  assert.equal(await page.isVisible('#error'), false);
  // The lessons came from the cache as well (they arrive after the start).
  await page.waitForFunction(() => window.unroll.openLesson('gru', 2) === true
    && window.unroll.getState().lesson?.id === 'gru', null, { timeout: 30000, polling: 250 });
  assert.equal(await page.isVisible('#update'), false, 'no "new version" notice: nothing changed');
  assert.deepEqual(log.pageErrors, [], 'uncaught page errors');
  await context.close();
});

test('a new build on the server is announced on the next online visit, and Reload switches to it', { timeout: 400000 }, async () => {
  const { context, page, log } = await openRecordedPage(browser, server.origin, {
    viewport: { width: 1024, height: 640 }, locale: 'pt-BR',
  });
  await page.goto(`${server.origin}/`);
  assert.equal(await waitForStart(page), 'running');
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60000 });
  const oldId = buildId(copy);
  assert.equal(await page.isVisible('#update'), false);

  // "Rebuild": same files, another build id (as any change to the site gives).
  const sw = join(copy, 'sw.js');
  const newId = 'f'.repeat(oldId.length) === oldId ? '0'.repeat(oldId.length) : 'f'.repeat(oldId.length);
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(`"id": "${oldId}"`, `"id": "${newId}"`));

  await page.reload();
  assert.equal(await waitForStart(page), 'running');
  await page.waitForSelector('#update', { state: 'visible', timeout: 60000 });
  assert.equal(await offlineState(page), 'update');
  // In the page's language (the browser's: pt-BR), and the page keeps running under it.
  assert.equal(await page.textContent('#update span'), 'Uma nova versão do Unroll está disponível.');
  assert.equal(await page.textContent('#update button'), 'Recarregar');
  assert.ok((await train(page, 2)).step >= 2, 'the notice does not block the page');
  // Until Reload, the old build serves the page.
  assert.ok((await cacheNames(page)).includes(`unroll-${oldId}`));
  assert.equal(await page.evaluate(() => fetch('sw-build').then((r) => r.text())), oldId);

  // An English page says it in English.
  await page.evaluate(() => window.unroll.setLanguage('en'));
  await page.waitForFunction(() => document.querySelector('#update span').textContent.startsWith('A new version'),
    null, { timeout: 5000 });
  assert.equal(await page.textContent('#update button'), 'Reload');

  // Reload waits for the browser to install the new build (it may take its
  // time behind a busy page: a minute here, with SwiftShader drawing).
  await Promise.all([page.waitForNavigation({ timeout: 180000 }), page.click('#update button')]);
  assert.equal(await waitForStart(page), 'running');
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60000 });
  assert.deepEqual(await cacheNames(page), [`unroll-${newId}`], 'the old build\'s cache is gone');
  assert.equal(await page.isVisible('#update'), false);
  assert.equal(await page.evaluate(() => fetch('sw-build').then((r) => r.text())), newId);
  assert.deepEqual(log.pageErrors, [], 'uncaught page errors');
  await context.close();
});
