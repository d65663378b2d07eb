// The served site in a real headless Chromium: pages load, at a desktop and a
// phone width, with screenshots of each under build/ for a person to look at.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshotPath, startBrowser, startServer } from './serve.mjs';

const widths = [{ name: 'desktop', width: 1280, height: 900 },
                { name: 'phone', width: 390, height: 844 }];
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
});

after(async () => {
  await browser?.browser.close();
  server?.stop();
});

test('the home page loads with no script error at both widths', async () => {
  for (const { name, width, height } of widths) {
    const page = await browser.open(width, height);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${server.address}/`);
    assert.equal(response.status(), 200);
    assert.match(await page.title(), /Negotiate Up/);
    await page.screenshot({ path: screenshotPath(`home-${name}`), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});
