// The served site in a real headless Chromium (issue 16): search and open a
// guide; the band table's Total Comp visible at 1280 px and at 390 px; the chart
// with its values; the offer calculator against `negotiateup offer --format
// json`, with JavaScript on and off; a bad field shown beside the field; the
// share link. Screenshots of each page at both widths go under build/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { screenshotPath, startBrowser, startServer } from './serve.mjs';

const widths = [{ name: 'desktop', width: 1280, height: 900 },
                { name: 'phone', width: 390, height: 844 }];
let server;
let browser;
let noScript;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  noScript = await startBrowser({ javaScriptEnabled: false });
});

after(async () => {
  await browser?.browser.close();
  await noScript?.browser.close();
  server?.stop();
});

// Opens `address` at every width, checks it, and keeps a screenshot of each.
async function atEveryWidth(address, name, check) {
  for (const { name: width, width: w, height: h } of widths) {
    const page = await browser.open(w, h);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${server.address}${address}`);
    assert.equal(response.status(), 200, address);
    await check(page, w);
    await page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage: true });
    assert.deepEqual(errors, [], `${address}: script errors`);
    await page.close();
  }
}

// Wholly inside the viewport's width: nothing to scroll sideways to see it.
async function assertWithinWidth(locator, width, what) {
  await locator.scrollIntoViewIfNeeded();
  assert.ok(await locator.isVisible(), `${what} is not visible`);
  const box = await locator.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= width + 1,
            `${what} lies outside the ${width} px viewport: ${JSON.stringify(box)}`);
}

test('search finds a guide by an alias, and the guide opens', async () => {
  const page = await browser.open(1280, 900);
  await page.goto(`${server.address}/`);
  await page.fill('input[name=q]', 'HF');
  await Promise.all([page.waitForNavigation(), page.press('input[name=q]', 'Enter')]);
  assert.match(page.url(), /\/search\?q=HF/);
  await page.screenshot({ path: screenshotPath('search-desktop'), fullPage: true });
  await Promise.all([page.waitForNavigation(),
                     page.click('a[href="/guides/hugging-face/senior-software-engineer"]')]);
  assert.match(await page.title(), /Senior Software Engineer/);
  await page.close();
});

test('pages load at both widths: home, company, role across companies', async () => {
  await atEveryWidth('/', 'home', async (page) => {
    assert.match(await page.title(), /Negotiate Up/);
  });
  await atEveryWidth('/companies/hugging-face', 'company', async () => {});
  await atEveryWidth('/roles/senior-software-engineer', 'role', async (page) => {
    assert.ok(await page.locator('svg[role=img]').count() > 0, 'no chart');
  });
});

test('a guide shows Total Comp at 1280 and at 390 px, and its charts carry their values',
     async () => {
  await atEveryWidth('/guides/hugging-face/senior-software-engineer', 'guide',
                     async (page, width) => {
    const total = page.locator('table.bands tbody tr').first().locator('td').last();
    assert.match(await total.innerText(), /€103K–€154K/);
    await assertWithinWidth(total, width, 'the Total Comp of Paris');
    const chart = page.locator('svg[role=img]').first();
    const label = await chart.getAttribute('aria-label');
    assert.match(label, /€100K/, 'the ask in the chart');
    assert.match(label, /€85K/, 'the floor in the chart');
  });
});

test('a guide shows the market band of each region that has one, at both widths', async () => {
  await atEveryWidth('/guides/datadog/senior-software-engineer', 'guide-market',
                     async (page, width) => {
    const lines = page.locator('ul.market-bands li');
    assert.equal(await lines.count(), 2, 'London and Remote Global');
    const london = lines.filter({ hasText: 'London' });
    assert.match(await london.innerText(),
                 /^Market, all employers, London: aijobs\.net 2024, n = \d+: £\d+K–£\d+K base$/);
    await assertWithinWidth(london, width, 'the market band of London');
  });
  const page = await browser.open(1280, 900);
  await page.goto(`${server.address}/guides/google/staff-software-engineer`);
  assert.equal(await page.locator('ul.market-bands').count(), 0, 'none in its regions');
  await page.close();
});

// The calculator's query for an offer, and the same offer as the CLI's JSON.
const offerQuery = new URLSearchParams({
  company: 'google', role: 'senior-software-engineer', region: 'Paris', currency: 'EUR',
  base: '100000', bonus_pct: '15', signing_bonus: '0', equity: 'public-rsu', grant: '300000',
  vesting: 'even', c1_company: 'meta', c1_region: 'Paris', c1_currency: 'EUR',
  c1_base: '110000', c1_bonus_pct: '10', c1_signing_bonus: '0', c1_equity: 'public-rsu',
  c1_grant: '200000', c1_vesting: 'even' });

function cliEvaluation() {
  const equity = (grant) => ({ type: 'public-rsu', grant_value: grant, vesting_years: 4,
                               cliff_months: 12, schedule: [25, 25, 25, 25],
                               frequency: 'yearly' });
  const request = {
    company: 'google', role: 'senior-software-engineer', region: 'Paris',
    offer: { currency: 'EUR', base: 100000, bonus_pct: 15, signing_bonus: 0,
             equity: equity(300000) },
    competing: [{ company: 'meta', region: 'Paris',
                  offer: { currency: 'EUR', base: 110000, bonus_pct: 10, signing_bonus: 0,
                           equity: equity(200000) } }] };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'offer-')), 'offer.json');
  writeFileSync(file, JSON.stringify(request));
  const out = execFileSync(process.env.NEGOTIATEUP_BINARY,
                           ['offer', file, '--format', 'json', '--catalog',
                            path.join(process.env.NEGOTIATEUP_REPOSITORY, 'catalog')]);
  return JSON.parse(out);
}

// The amount a page shows, "€105,000" or "€105K", in whole units.
function amountOf(text) {
  const found = text.replace(/,/g, '').match(/([0-9.]+)\s*([KM]?)/);
  assert.ok(found, `no amount in ${text}`);
  const scale = { '': 1, K: 1e3, M: 1e6 }[found[2]];
  return Math.round(Number(found[1]) * scale);
}

async function assertResultMatchesTheCli(page) {
  const cli = cliEvaluation();
  assert.equal(amountOf(await page.locator('.ask-base').innerText()), cli.recommendation.ask.base);
  assert.equal(amountOf(await page.locator('.ask-equity').innerText()),
               cli.recommendation.ask.equity);
  const probability = Math.round(cli.competing[0].probability_better * 100);
  assert.equal(await page.locator('.probability').first().innerText(), `${probability}%`);
}

test('the calculator, filled in, gives the figures of negotiateup offer', async () => {
  const page = await browser.open(1280, 900);
  await page.goto(`${server.address}/offer`);
  for (const [name, value] of offerQuery) {
    const field = page.locator(`[name="${name}"]`);
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') {
      await field.selectOption(value);
    } else {
      await field.fill(value);
    }
  }
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  assert.match(page.url(), /\/offer\/result\?/);
  await assertResultMatchesTheCli(page);
  await page.screenshot({ path: screenshotPath('offer-result-desktop'), fullPage: true });

  // The share link is the result: opened anew, the same figures.
  const share = await page.locator('#share-link').getAttribute('href');
  const again = await browser.open(390, 844);
  await again.goto(new URL(share, server.address).toString());
  await assertResultMatchesTheCli(again);
  await again.screenshot({ path: screenshotPath('offer-result-phone'), fullPage: true });
  await again.close();
  await page.close();
});

test('the calculator works with JavaScript off', async () => {
  const page = await noScript.open(1280, 900);
  const response = await page.goto(`${server.address}/offer/result?${offerQuery}`);
  assert.equal(response.status(), 200);
  await assertResultMatchesTheCli(page);
  await page.screenshot({ path: screenshotPath('offer-result-no-script'), fullPage: true });
  await page.close();
});

test('a bad field is shown beside the field, in words', async () => {
  const bad = new URLSearchParams(offerQuery);
  bad.set('base', 'lots');
  const page = await browser.open(1280, 900);
  const response = await page.goto(`${server.address}/offer/result?${bad}`);
  assert.equal(response.status(), 400);
  const message = page.locator('#base-error');
  assert.ok(await message.isVisible(), 'no message beside the base');
  assert.match(await message.innerText(), /[a-z]{3,}/);
  assert.equal(await page.locator('#base').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#base').inputValue(), 'lots');
  await page.screenshot({ path: screenshotPath('offer-error-desktop'), fullPage: true });
  await page.close();
});

// The submission form, as a person fills it in with JavaScript off: a field's
// error beside it, hostile text shown as text, then the confirmation with its
// token, which withdraws the submission. The form refuses what comes back
// within 5 s of being served, so the test takes its time like a person.
test('the submission form takes a submission and its token withdraws it', async () => {
  for (const { name, width, height } of widths) {
    const page = await noScript.open(width, height);
    assert.equal((await page.goto(`${server.address}/submit`)).status(), 200);
    // The trap for programs lies outside the page, where no person sees it.
    const trap = await page.locator('#website').boundingBox();
    assert.ok(trap === null || trap.x + trap.width <= 0, `the trap is on the page: ${JSON.stringify(trap)}`);
    await assertWithinWidth(page.locator('button[type=submit]'), width, 'the Send button');
    await page.selectOption('#kind', 'offer');
    await page.fill('#company', `<img src=x onerror=alert(1)> ${name}`);
    await page.fill('#role', 'Senior Software Engineer');
    await page.fill('#location', 'Paris');
    await page.fill('#date', '2026-10');
    await page.fill('#currency', 'EUR');
    await page.fill('#base', '95k');
    await page.screenshot({ path: screenshotPath(`submit-form-${name}`), fullPage: true });
    await page.waitForTimeout(5500);
    await page.click('button[type=submit]');
    assert.match(await page.locator('#base-error').innerText(), /whole amount/);
    assert.equal(await page.locator('#company').inputValue(),
                 `<img src=x onerror=alert(1)> ${name}`);
    assert.equal(await page.locator('img[src=x]').count(), 0, 'the company became markup');
    await page.screenshot({ path: screenshotPath(`submit-error-${name}`), fullPage: true });
    await page.fill('#base', '95000');
    await page.waitForTimeout(5500);
    await page.click('button[type=submit]');
    await page.locator('h1', { hasText: 'Thank you' }).waitFor();
    const token = await page.locator('.token code').innerText();
    assert.match(token, /^[0-9a-f]{32}$/);
    const number = await page.locator('main strong').first().innerText();
    await page.screenshot({ path: screenshotPath(`submit-done-${name}`), fullPage: true });
    await page.goto(`${server.address}/submit/delete`);
    await page.fill('#id', number);
    await page.fill('#token', token);
    await page.click('button[type=submit]');
    assert.match(await page.locator('main').innerText(), /is deleted/);
    await page.close();
  }
});
