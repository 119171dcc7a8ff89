// Developer tool: screenshot the built site at a link, after n training steps.
//   node tests/browser/tools/shot.mjs '<hash>' [steps] [out.png] [width] [height]
import { serveFolder } from '../static_server.mjs';
import { SITE, launchChromium, openRecordedPage, waitForStart } from '../harness.mjs';

const [hash = '', steps = '0', out = 'build/screenshots/shot.png', w = '1600', h = '1000'] = process.argv.slice(2);
const server = await serveFolder(SITE);
const browser = await launchChromium();
try {
  const { page, log } = await openRecordedPage(browser, server.origin,
    { viewport: { width: Number(w), height: Number(h) } });
  await page.goto(`${server.origin}/#${hash}`);
  console.log('state:', await waitForStart(page));
  if (Number(steps) > 0) await page.evaluate((n) => window.unroll.step(n), Number(steps));
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  console.log(JSON.stringify(await page.evaluate(() => window.unroll.getState())));
  console.log('console errors:', log.consoleErrors, log.pageErrors);
} finally {
  await browser.close();
  await server.close();
}
