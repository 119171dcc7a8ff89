// The playground through its user-facing surfaces: links, the JS API,
// postMessage, keyboard shortcuts, and the same numbers as the CLI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, SCREENSHOTS, SITE, clickRect, openRecordedPage, useSite, waitForStart } from './harness.mjs';
import { serveFolder } from './static_server.mjs';

const site = useSite();

async function open(hash, viewport = { width: 1600, height: 1000 }) {
  const opened = await openRecordedPage(site.browser, site.origin, { viewport });
  await opened.page.goto(`${site.origin}/#${hash}`);
  assert.equal(await waitForStart(opened.page), 'running');
  await opened.page.waitForFunction(() => window.unroll.getState().loading !== true, null, { timeout: 30000 });
  return opened;
}

const state = (page) => page.evaluate(() => window.unroll.getState());

test('play lowers the loss of an LSTM on the adding problem (T=20)', async () => {
  const { context, page, log } = await open('v=1&arch=lstm&task=adding&T=20&run=1');
  assert.equal((await state(page)).running, true, 'run=1 starts training');
  await page.waitForFunction(() => window.unroll.getState().step >= 400, null, { timeout: 120000 });
  const h = await page.evaluate(() => window.unroll.getHistory());
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const first = mean(h.loss.slice(0, 20));
  const last = mean(h.loss.slice(-20));
  assert.ok(last < 0.5 * first, `loss fell from ${first} to ${last}`);
  assert.ok(last < 0.05, `adding T=20 loss after 400 steps: ${last} (chance 0.167)`);
  assert.deepEqual(log.consoleErrors, []);
  await page.screenshot({ path: join(SCREENSHOTS, 'playground_training.png') });
  await context.close();
});

test('a link opened again gives identical losses at the same step', async () => {
  const link = 'v=1&arch=gru&task=copy&T=5&hidden=24&seed=9';
  const runs = [];
  for (let k = 0; k < 2; ++k) {
    const { context, page } = await open(link);
    await page.evaluate(() => window.unroll.step(25));
    runs.push((await page.evaluate(() => window.unroll.getHistory())).loss);
    await context.close();
  }
  assert.equal(runs[0].length, 25);
  assert.deepEqual(runs[0], runs[1]);
});

test('training from a link gives the same losses as the CLI (same wasm build, in Node)', async (t) => {
  const cli = join(process.env.UNROLL_WASM_BUILD || join(ROOT, 'build/wasm'), 'unroll.js');
  assert.ok(existsSync(cli), `${cli} is built by scripts/build_web.sh`);
  const link = 'v=1&arch=lstm&task=adding&T=15&hidden=16&batch=8&seed=3';
  const out = execFileSync('node', [cli, 'train', '--config', link, '--steps', '12', '--jsonl', '-', '--quiet'],
    { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  const cliLoss = out.split('\n').filter((l) => l.startsWith('{"step"')).map((l) => JSON.parse(l).loss);
  assert.equal(cliLoss.length, 12);
  const { context, page } = await open(link);
  await page.evaluate(() => window.unroll.step(12));
  const pageLoss = (await page.evaluate(() => window.unroll.getHistory())).loss;
  // The CLI prints %.9g (float32 needs 9 significant digits to round-trip).
  assert.deepEqual(pageLoss.map((x) => Number(x.toPrecision(9))), cliLoss.map((x) => Number(x.toPrecision(9))));
  await context.close();
});

test('a malformed link names its bad keys, applies the rest, and the page still trains', async () => {
  const junk = 'x'.repeat(100 * 1024);
  const hash = `v=1&hidden=abc&T=%3Cscript%3Ealert(1)%3C/script%3E&bogus=1&lr=0.05&layers=9&${junk}=1&arch=gru`;
  const { context, page, log } = await open(hash);
  const s = await state(page);
  const text = s.errors.join('\n');
  for (const key of ['hidden', 'T', 'bogus', 'layers']) assert.match(text, new RegExp(`\\b${key}\\b`), `names ${key}`);
  assert.ok(!text.includes('<'), 'messages are display-safe');
  assert.match(s.config, /lr=0.05/);
  assert.match(s.config, /arch=gru/);
  assert.equal(await page.evaluate(() => window.unroll.step(5)), 5);
  const after = await state(page);
  assert.equal(after.step, 5);
  assert.ok(Number.isFinite(after.loss));
  assert.deepEqual(log.pageErrors, []);
  assert.equal(await page.isVisible('#error'), false, 'the page stays usable');
  await page.screenshot({ path: join(SCREENSHOTS, 'playground_bad_link.png') });
  await context.close();
});

test('keyboard: Space plays and pauses, S steps, R resets', async () => {
  const { context, page } = await open('v=1&arch=rnn_tanh&task=adding&T=10&hidden=8');
  await page.evaluate(() => document.getElementById('canvas').focus());
  // Keys are read by the next frame: wait for it (frames are slow under load).
  await page.keyboard.press('s');
  await page.waitForFunction(() => window.unroll.getState().step === 1);
  await page.keyboard.press('s');
  await page.waitForFunction(() => window.unroll.getState().step === 2);
  await page.waitForTimeout(300);
  assert.equal((await state(page)).step, 2, 'one press, one step');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => window.unroll.getState().running === true);
  await page.waitForFunction(() => window.unroll.getState().step > 10);
  await page.keyboard.press(' ');
  await page.waitForFunction(() => window.unroll.getState().running === false);
  await page.keyboard.press('r');
  await page.waitForFunction(() => window.unroll.getState().step === 0);
  await context.close();
});

test('the JS API: setConfig rewrites the hash without flooding history; pause, reset', async () => {
  const { context, page } = await open('v=1&task=adding&T=10&hidden=8');
  const len0 = await page.evaluate(() => history.length);
  await page.evaluate(() => window.unroll.setConfig('v=1&arch=gru&task=parity&T=12&hidden=8'));
  await page.waitForFunction(() => location.hash === '#v=1&arch=gru&hidden=8&task=parity&T=12');
  assert.equal(await page.evaluate(() => history.length), len0, 'replaceState, not pushState');
  await page.evaluate(() => { window.unroll.play(); });
  await page.waitForFunction(() => window.unroll.getState().step > 3);
  await page.evaluate(() => window.unroll.pause());
  const s1 = await state(page);
  await page.waitForTimeout(200);
  assert.equal((await state(page)).step, s1.step, 'paused');
  await page.evaluate(() => window.unroll.reset());
  assert.equal((await state(page)).step, 0);
  await assert.rejects(page.evaluate(() => window.unroll.step('lots')), /whole number/);
  // A hash typed into the address bar opens that experiment.
  await page.evaluate(() => { location.hash = 'v=1&arch=lstm&task=adding&T=7&hidden=4'; });
  await page.waitForFunction(() => window.unroll.getState().config.includes('T=7'));
  await context.close();
});

test('postMessage from an embedding page drives the playground; unknown commands are ignored', async () => {
  const embedDir = join(SITE, '..', 'embed-test');
  mkdirSync(embedDir, { recursive: true });
  const embed = await serveFolder(embedDir);
  writeFileSync(join(embedDir, 'index.html'), `<!doctype html><meta charset="utf-8">
    <iframe id="f" width="1200" height="800" src="${site.origin}/#v=1&task=adding&T=10&hidden=8"></iframe>
    <script>
      window.replies = [];
      addEventListener('message', (e) => { if (e.data && e.data.unroll === 'result') replies.push(e.data); });
      window.send = (m) => document.getElementById('f').contentWindow.postMessage(m, '*');
    </script>`);
  const { context, page } = await openRecordedPage(site.browser, embed.origin, { viewport: { width: 1300, height: 900 } });
  await page.goto(embed.origin + '/');
  const frame = page.frameLocator('#f');
  // The frame is cross-origin: wait for it by asking for its state.
  for (let k = 0; k < 100; ++k) {
    await page.evaluate(() => window.send({ unroll: 'getState' }));
    await page.waitForTimeout(200);
    const r = await page.evaluate(() => window.replies.at(-1));
    if (r && r.result && r.result.loading !== true) break;
  }
  await page.evaluate(() => window.send({ unroll: 'step', args: [3] }));
  await page.evaluate(() => window.send({ unroll: 'eval', args: ['document.body.remove()'] }));
  await page.evaluate(() => window.send({ unroll: 'setConfig', args: [{ evil: true }] }));
  await page.evaluate(() => window.send({ unroll: 'step', args: [1e9] }));      // out of range
  await page.evaluate(() => window.send({ unroll: 'step', args: [2.5] }));      // not whole
  await page.evaluate(() => window.send({ unroll: 'play', args: [1] }));        // an extra argument
  await page.evaluate(() => window.send({ unroll: 'getState', extra: true }));  // another shape
  // step answers once its steps are done (they run over the next frames).
  await page.waitForFunction(() => window.replies.some((r) => r.command === 'step'));
  await page.evaluate(() => window.send({ unroll: 'getState' }));
  await page.waitForFunction(() => window.replies.filter((r) => r.command === 'getState').length >= 2);
  const replies = await page.evaluate(() => window.replies);
  assert.equal(replies.find((r) => r.command === 'step').result, 3, 'step(3) answers with the steps done');
  const last = replies.filter((r) => r.command === 'getState').at(-1).result;
  assert.equal(last.step, 3, 'step(3) arrived');
  assert.equal(last.running, false, 'play with an extra argument was ignored');
  assert.ok(last.ignoredMessages >= 6, `ignored messages counted: ${last.ignoredMessages}`);
  assert.ok(!replies.some((r) => r.command === 'eval'), 'undocumented commands are ignored');
  assert.ok(!replies.some((r) => r.command === 'setConfig'), 'non-string arguments are ignored');
  assert.ok(await frame.locator('#canvas').isVisible(), 'the embedded page is intact');
  await context.close();
  await embed.close();
});

test('files: the loss CSV and the weights download; weights load back; a wrong file gets a message', async () => {
  const { context, page, log } = await open('v=1&arch=gru&task=adding&T=10&hidden=8&compare=lstm');
  await page.evaluate(() => window.unroll.step(4));
  const fetchDownload = async (kind) => {
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.evaluate((k) => window.unroll.download(k), kind)]);
    const stream = await download.createReadStream();
    let text = '';
    for await (const chunk of stream) text += chunk;
    return { name: download.suggestedFilename(), text };
  };
  const csv = await fetchDownload('csv');
  assert.equal(csv.name, 'unroll-history.csv');
  const rows = csv.text.trim().split('\n');
  assert.equal(rows[0], 'run,label,step,loss,metric,grad_norm,applied_grad_norm,clipped,update_ratio');
  assert.equal(rows.length, 1 + 2 * 4, 'one row per step and run');
  const weights = await fetchDownload('weights');
  assert.equal(weights.name, 'unroll-weights.json');
  const w = JSON.parse(weights.text);
  assert.equal(w.arch, 'gru');
  assert.deepEqual(w.params['rnn.weight_hh_l0'].shape, [24, 8]);

  // Load them into a fresh run of the same experiment.
  await page.evaluate(() => window.unroll.reset());
  await page.evaluate((t) => window.unroll.loadFile('weights', 'w.json', t), weights.text);
  await page.waitForFunction(() => window.unroll.getState().notice.includes('w.json'));
  assert.match((await state(page)).notice, /Loaded weights from w\.json/);
  // A file for another architecture, and a broken file: clear messages, nothing lost.
  const lstm = JSON.stringify({ ...w, arch: 'lstm' });
  await page.evaluate((t) => window.unroll.loadFile('weights', 'lstm.json', t), lstm);
  await page.waitForFunction(() => window.unroll.getState().notice.includes('lstm.json'));
  assert.match((await state(page)).notice, /Could not load lstm\.json/);
  await page.evaluate(() => window.unroll.loadFile('weights', 'junk.json', '{"arch": "gru", '));
  await page.waitForFunction(() => window.unroll.getState().notice.includes('junk.json'));
  assert.match((await state(page)).notice, /Could not load junk\.json: .*line 1/);
  assert.equal(await page.evaluate(() => window.unroll.step(2)), 2, 'still trains');
  // Open in PyTorch: the same script as unroll export-torch writes for this experiment.
  const script = await fetchDownload('torch');
  assert.equal(script.name, 'unroll_run.py');
  assert.match(script.text, /^import torch$/m);
  const config = (await state(page)).config.replace(/&compare=[^&]*/, '');  // the experiment's keys only
  const dir = mkdtempSync(join(tmpdir(), 'unroll-torch-'));
  execFileSync(process.execPath, [join(process.env.UNROLL_WASM_BUILD || join(ROOT, 'build/wasm'), 'unroll.js'), 'export-torch', '--config', config,
    '--out', join(dir, 'unroll_run.py')]);
  assert.equal(script.text, readFileSync(join(dir, 'unroll_run.py'), 'utf8'), 'page and CLI write the same script');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('Copy link puts the page address with the experiment on the clipboard, and that address opens it', async () => {
  const { context, page, log } = await open('v=1&arch=gru&task=copy&T=12&seed=4');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  const c = (await state(page)).controls.find((k) => k.id === 'copylink');
  await clickRect(page, c);
  await page.waitForFunction(() => /Link copied/.test(window.unroll.getState().notice), null, { timeout: 10000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.startsWith(`${site.origin}/#`), `a whole address, not only its hash: ${copied}`);
  assert.match(copied, /arch=gru/);
  assert.match(copied, /seed=4/);
  // The menu's QR code, as a phone's camera would read it off the screen.
  await page.waitForFunction(() => window.unroll.getState().linkMenu.qr, null, { timeout: 10000 });
  const qr = (await state(page)).linkMenu.qr;
  assert.ok(qr.width >= 280, `big enough to scan from a projected screen (${qr.width} px)`);
  const png = join(mkdtempSync(join(tmpdir(), 'unroll-qr-')), 'qr.png');
  await page.screenshot({ path: png, clip: { x: qr.x - 4, y: qr.y - 4, width: qr.width + 8, height: qr.height + 8 } });
  await page.screenshot({ path: join(SCREENSHOTS, 'link_menu.png') });
  const decoded = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
  assert.equal(decoded, copied, 'the QR code holds the copied address');
  const other = await context.newPage();
  await other.goto(copied);
  assert.equal(await waitForStart(other), 'running');
  await other.waitForFunction(() => window.unroll.getState().loading !== true, null, { timeout: 30000 });
  assert.equal((await other.evaluate(() => window.unroll.getState())).config, (await state(page)).config);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
