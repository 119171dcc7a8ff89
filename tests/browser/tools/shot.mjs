// Developer tool: screenshot the built site at a link, after n training steps.
//   node tests/browser/tools/shot.mjs '<hash>' [steps] [out.png] [width] [height] [clicks]
// clicks: comma-separated getState() paths of {x, y, width, height} rectangles
// to click in order after training, e.g. 'generate.tab,generate.button' (the
// text task's Generate tab) or 'lessonButtons.setup'.
import { serveFolder } from '../static_server.mjs';
import { SITE, clickRect, launchChromium, openRecordedPage, waitForStart } from '../harness.mjs';

const [hash = '', steps = '0', out = 'build/screenshots/shot.png', w = '1600', h = '1000', clicks = ''] =
  process.argv.slice(2);
const server = await serveFolder(SITE);
const browser = await launchChromium();
try {
  const { page, log } = await openRecordedPage(browser, server.origin,
    { viewport: { width: Number(w), height: Number(h) } });
  await page.goto(`${server.origin}/#${hash}`);
  console.log('state:', await waitForStart(page));
  if (Number(steps) > 0) await page.evaluate((n) => window.unroll.step(n), Number(steps));
  for (const path of clicks.split(',').filter(Boolean)) {
    // Waits until the app has drawn the widget (a frame after the last click).
    const rect = await (await page.waitForFunction(
      (p) => p.split('.').reduce((o, k) => o?.[k], window.unroll.getState()), path, { timeout: 10000 })).jsonValue();
    await clickRect(page, rect);
    await page.waitForTimeout(300);
  }
  if (clicks) await page.mouse.move(Number(w) - 5, Number(h) - 5);  // no tooltip over the shot
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  console.log(JSON.stringify(await page.evaluate(() => window.unroll.getState())));
  console.log('console errors:', log.consoleErrors, log.pageErrors);
} finally {
  await browser.close();
  await server.close();
}
