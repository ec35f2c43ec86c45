// Browser tests: the coordinator's story from docs/product.md, a form keeping its input on a
// validation error, the English switch, a hostile title shown as text, and axe-core on the main
// pages (no serious or critical violations). Run by ../run-browser-tests.sh against a real server.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const BASE = process.env.BASE_URL;
const SHOTS = process.env.SCREENSHOTS;
const results = [];

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}\n      ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n      ')}`);
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }
async function shot(page, name) { await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true }); }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
const page = await context.newPage();
const dialogs = [];
page.on('dialog', async d => { dialogs.push(d.message()); await d.dismiss(); });
const consoleErrors = [];
// A 422 answer to a form with errors is expected; anything else (CSP, missing assets) is not.
page.on('console', m => { if (m.type() === 'error' && !m.text().includes('status of 422')) consoleErrors.push(m.text()); });

let practiceUrl = '';
const practiceTitle = 'Организация добровольческой деятельности на муниципальном уровне: сеть добровольческих штабов Югры';

await step('home: choose Тюменская область, remembered in a cookie', async () => {
  await page.goto(BASE + '/');
  expect(await page.getAttribute('html', 'lang') === 'ru', 'Russian by default');
  await shot(page, '01-home');
  await page.selectOption('#region-select', { label: 'Тюменская область' });
  await page.click('#choose button[type=submit]');
  await page.waitForLoadState();
  const mine = await page.textContent('.mine');
  expect(mine.includes('Тюменская область'), 'home shows the chosen region: ' + mine);
  const cookies = await context.cookies();
  expect(cookies.some(c => c.name === 'orientir_region' && c.value === '72'), 'region cookie set');
  await shot(page, '02-home-region-chosen');
});

await step('volunteering domain: Yugra stands out among the authors', async () => {
  await page.click('ul.domains a[href="/practices?domain=volunteering"]');
  await page.waitForLoadState();
  expect(page.url().includes('domain=volunteering'), 'catalogue filtered by domain');
  const leaders = await page.textContent('ol.leaders');
  expect(leaders.includes('Ханты-Мансийский'), 'Yugra among the leaders: ' + leaders);
  await shot(page, '03-catalogue-volunteering');
});

await step('a Yugra practice: passport, spread map, timeline, lineage, contacts', async () => {
  await page.click(`a:text-is("${practiceTitle}")`);
  await page.waitForLoadState();
  practiceUrl = page.url();
  expect((await page.textContent('h1')).includes('добровольческих штабов Югры'), 'practice title');
  expect(await page.locator('#map-spread-t').count() === 1, 'spread map present');
  expect(await page.locator('svg.tilemap g.c-origin a[href="/regions/86"]').count() === 1, 'Yugra marked as origin');
  expect(await page.locator('svg.tilemap g.tile:not(.c-none):not(.c-origin)').count() >= 2, 'adopting regions coloured');
  expect(await page.locator('.tree li').count() >= 3, 'lineage tree has nodes');
  expect(await page.locator('svg.timeline').count() === 1, 'timeline present');
  expect(await page.locator('svg.kpi').count() >= 1, 'KPI chart present');
  expect((await page.textContent('aside.contacts')).includes('@'), 'contacts shown');
  await shot(page, '04-practice');
});

await step('«Хочу внедрить» in two municipalities → shown on the region page', async () => {
  await page.click('.page-head a:text("Хочу внедрить")');
  await page.waitForLoadState();
  expect(await page.inputValue('#f-from-region') === '72', 'region preselected from the cookie');
  await shot(page, '05-request-form');
  const boxes = page.locator('input[name="from.municipality_id"]');
  expect(await boxes.count() >= 2, 'municipalities of the region offered');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.fill('#f-contact-name', 'Иванова Анна Сергеевна, консультант департамента');
  await page.fill('#f-contact-email', 'ivanova@example.org');
  await page.fill('#f-message', 'Просим методические материалы и стажировку для двух муниципалитетов.');
  await page.click('form button[type=submit].primary');
  await page.waitForLoadState();
  expect(page.url().includes('/regions/72'), 'back on the region page: ' + page.url());
  expect(await page.locator('.flash').count() === 1, 'confirmation shown');
  const rows = page.locator('#requests tbody tr');
  expect(await rows.count() >= 2, 'two requests listed');
  expect((await page.textContent('#requests')).includes('добровольческих штабов'), 'practice named in the requests');
  expect(!(await page.content()).includes('ivanova@example.org'), 'contact e-mail not public');
  await shot(page, '06-region-tyumen');
});

await step('a form with a validation error keeps the input', async () => {
  await page.goto(practiceUrl + '/request');
  await page.fill('#f-contact-name', 'Пётр Петров');
  await page.fill('#f-contact-email', 'petrov-at-example.org');
  await page.click('form button[type=submit].primary');
  await page.waitForLoadState();
  expect(await page.locator('#error-summary').count() === 1, 'error summary shown');
  expect(await page.inputValue('#f-contact-name') === 'Пётр Петров', 'name kept');
  expect(await page.inputValue('#f-contact-email') === 'petrov-at-example.org', 'e-mail kept');
  expect((await page.textContent('#f-contact-email-err')).includes('@'), 'message next to the e-mail field');
  expect(await page.locator('#f-message-err').count() === 1, 'message next to the empty field');
  expect(await page.getAttribute('#f-contact-email', 'aria-invalid') === 'true', 'field marked invalid');
  await shot(page, '07-form-error');
});

await step('the English switch works and is remembered', async () => {
  await page.goto(BASE + '/regions/86');
  await page.click('.lang a[hreflang=en]');
  await page.waitForLoadState();
  expect(await page.getAttribute('html', 'lang') === 'en', 'html lang=en');
  expect((await page.textContent('h1')).includes('Khanty-Mansi'), 'English region name');
  await page.goto(BASE + practiceUrl.replace(BASE, ''));
  expect(await page.getAttribute('html', 'lang') === 'en', 'English remembered');
  expect((await page.textContent('main')).includes('Where it spread'), 'English headings');
  await shot(page, '08-practice-english');
  await page.click('.lang a[hreflang=ru]');
  await page.waitForLoadState();
  expect(await page.getAttribute('html', 'lang') === 'ru', 'back to Russian');
});

let xssUrl = '';
await step('a practice titled <script>alert(1)</script> shows as text', async () => {
  const resp = await page.request.get(BASE + '/api/v1/practices?region=86&limit=200');
  const items = (await resp.json()).items;
  const x = items.find(p => p.title === '<script>alert(1)</script>');
  expect(x, 'the hostile practice exists');
  xssUrl = BASE + '/practices/' + x.id;
  await page.goto(xssUrl);
  expect((await page.textContent('h1')) === '<script>alert(1)</script>', 'title shown literally');
  await page.goto(BASE + '/practices?region=86');
  expect((await page.textContent('main')).includes('<script>alert(1)</script>'), 'literal in the catalogue');
  await page.waitForTimeout(200);
  expect(dialogs.length === 0, 'no script ran: ' + dialogs.join(', '));
  await page.goto(xssUrl);
  await shot(page, '09-xss-title');
});

await step('no console errors (CSP violations, missing assets)', async () => {
  expect(consoleErrors.length === 0, consoleErrors.join('\n'));
});

await step('accessibility: axe-core finds no serious or critical violations', async () => {
  // axe is injected as a script, which the strict CSP would refuse: this context bypasses it.
  const ax = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const p = await ax.newPage();
  await p.goto(BASE + practiceUrl.replace(BASE, ''));
  const adoptionHref = await p.getAttribute('table.data tbody a[href^="/adoptions/"]', 'href');
  const orgHref = await p.getAttribute('aside.contacts a[href^="/organisations/"]', 'href');
  const persons = await (await p.request.get(BASE + '/api/v1/persons?limit=1')).json();
  const pages = ['/', '/regions', '/regions/72', '/practices?domain=volunteering', practiceUrl.replace(BASE, ''),
                 practiceUrl.replace(BASE, '') + '/request', adoptionHref, orgHref, '/persons/' + persons.items[0].id,
                 '/adoptions', '/practices?lang=en'];
  const bad = [];
  for (const url of pages) {
    await p.goto(BASE + url);
    await p.addScriptTag({ path: AXE });
    const r = await p.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    for (const v of r.violations) {
      if (v.impact === 'serious' || v.impact === 'critical')
        bad.push(`${url}: ${v.id} (${v.impact}) — ${v.help}; e.g. ${v.nodes[0] && v.nodes[0].target.join(' ')}: ${v.nodes[0] && v.nodes[0].failureSummary}`);
    }
  }
  const shots = [['10-adoption', adoptionHref], ['11-organisation', orgHref], ['12-person', '/persons/' + persons.items[0].id], ['13-regions', '/regions']];
  for (const [name, url] of shots) { await p.goto(BASE + url); await shot(p, name); }
  await ax.close();
  expect(bad.length === 0, bad.join('\n'));
});

await browser.close();
const failed = results.filter(r => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} browser checks passed; screenshots in ${SHOTS}`);
process.exit(failed.length ? 1 : 0);
