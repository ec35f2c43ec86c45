// Browser test of the working week (issue 15, part A): Tyumen's editor starts adoptions in two
// municipalities at once from their own region with no channel preselected and sends «хочу внедрить»;
// Yugra's organisation editor opens the notifications (every link opens a page), answers one request
// from the inbox and routes the other to a competence centre; the requester sees the answer; the
// passport history compares two versions. axe-core on the new pages. Run by ../run-browser-tests.sh
// (ctest web.browser.week) against a real server with the demo data.
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
async function signIn(pg, login, password, next) {
  await pg.goto(BASE + '/login' + (next ? '?next=' + encodeURIComponent(next) : ''));
  await pg.fill('#f-login', login);
  await pg.fill('#f-password', password);
  await pg.click('form button[type=submit].primary');
  await pg.waitForLoadState();
}
async function signOut(pg) {
  await pg.click('form.logout button');
  await pg.waitForLoadState();
}
// Every link of the notifications page opens a page (200) for the signed-in user.
async function notificationLinksOpen(pg) {
  await pg.goto(BASE + '/notifications');
  const hrefs = await pg.$$eval('ul.notifications li a[href^="/"]', as => as.map(a => a.getAttribute('href')));
  for (const h of hrefs) {
    const r = await pg.request.get(BASE + h);
    expect(r.status() === 200, `notification link ${h} answers ${r.status()}`);
  }
  return hrefs;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ru-RU' });
const page = await context.newPage();
const consoleErrors = [];
page.on('console', m => { if (m.type() === 'error' && !/status of (422|401|403)/.test(m.text())) consoleErrors.push(m.text()); });

const practices = (await (await page.request.get(BASE + '/api/v1/practices?region=86&limit=200')).json()).items;
const registry = practices.find(p => p.title.startsWith('Электронная книжка волонтёра'));
const PRACTICE = registry && registry.id;
const visited = [];

await step('home: the signed-in editor\'s region is the default', async () => {
  expect(PRACTICE, 'the demo practice «Электронная книжка волонтёра»');
  await signIn(page, 'tyumen', 'demo-tyumen-2026', '/');
  const mine = await page.textContent('.mine');
  expect(mine.includes('Тюменская область'), 'home shows Tyumen without choosing: ' + mine);
});

await step('tyumen starts adoptions in two municipalities at once (no channel preselected)', async () => {
  await page.goto(BASE + '/adoptions/new?practice=' + PRACTICE);
  expect(await page.inputValue('#f-adopter-region') === '72', 'my region preselected');
  const regions = await page.$$eval('#f-adopter-region option[value]:not([value=""])', os => os.map(o => o.value));
  expect(regions.length === 1 && regions[0] === '72', 'only my region offered: ' + regions.join(','));
  expect(await page.inputValue('#f-channel') === '', 'no channel preselected');
  const boxes = page.locator('input[name="adopter.municipality_id"]');
  expect(await boxes.count() >= 2, 'municipalities offered as checkboxes');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.click('form button[type=submit].primary');
  await page.waitForLoadState();
  const summary = await page.textContent('#error-summary');
  expect(summary.includes('Канал распространения'), 'the missing channel is named: ' + summary);
  expect(await page.locator('input[name="adopter.municipality_id"]:checked').count() === 2, 'ticks kept');
  await page.selectOption('#f-channel', 'direct_contact');
  await shot(page, '40-adoption-two-municipalities');
  await page.click('form button[type=submit].primary');
  await page.waitForLoadState();
  expect(page.url().includes('created=2'), 'two adoptions created: ' + page.url());
  expect((await page.textContent('#created')).includes('2'), 'the list says so');
  const ads = (await (await page.request.get(BASE + '/api/v1/adoptions?practice=' + PRACTICE + '&region=72&limit=200')).json()).items;
  const fresh = ads.filter(a => a.channel === 'direct_contact' && a.adopter.municipality_id);
  expect(new Set(fresh.map(a => a.adopter.municipality_id)).size >= 2, 'one adoption per municipality');
});

await step('tyumen sends «хочу внедрить» for two municipalities', async () => {
  await page.goto(BASE + '/practices/' + PRACTICE + '/request');
  expect(await page.inputValue('#f-from-region') === '72', 'my region preselected');
  const boxes = page.locator('input[name="from.municipality_id"]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.fill('#f-contact-name', 'Петрова Ольга, консультант');
  await page.fill('#f-contact-email', 'petrova@example.org');
  await page.fill('#f-message', 'Просим порядок учёта часов и шаблоны книжки для двух муниципалитетов.');
  await page.click('form button[type=submit].primary');
  await page.waitForLoadState();
  expect(await page.locator('.flash').count() === 1, 'sent');
  await signOut(page);
});

let requestIds = [];
await step('yugra\'s organisation editor: notifications name the practice, municipality and kind; links open', async () => {
  await signIn(page, 'org', 'demo-org-2026', '/notifications');
  // the owner's requests about this practice (the freshness sweep may also have asked to confirm it)
  const items = page.locator('ul.notifications li', { hasText: 'Электронная книжка волонтёра' })
    .filter({ hasNotText: 'требует подтверждения' });
  expect(await items.count() >= 2, 'one notification per municipality');
  const texts = await items.allTextContents();
  expect(texts.every(t => t.includes('новый запрос «хочу внедрить»') && !t.includes('adoption_request')), 'kind in Russian: ' + texts[0]);
  expect(texts[0] !== texts[1], 'the two differ (municipality named)');
  expect(texts.slice(0, 2).every(t => t.includes('Тюменская область, ')), 'municipality named: ' + texts[0]);
  await shot(page, '41-notifications-owner');
  const hrefs = await notificationLinksOpen(page);
  requestIds = [...new Set(hrefs.filter(h => /^\/requests\/\d+$/.test(h)).map(h => h.split('/')[2]))];
  expect(requestIds.length >= 2, 'links to the requests: ' + hrefs.join(' '));
});

await step('yugra answers a request from the inbox and routes another to the competence centre', async () => {
  await page.goto(BASE + '/requests');
  visited.push('/requests');
  expect(await page.locator('#inbox tbody tr').count() >= 2, 'inbox lists the requests');
  await shot(page, '42-inbox');
  await page.click(`#inbox a[href="/requests/${requestIds[0]}"] >> nth=0`);
  await page.waitForLoadState();
  visited.push('/requests/' + requestIds[0]);
  expect((await page.textContent('#request-contact')).includes('petrova@example.org'), 'the contact the requester gave');
  await page.fill('#f-response', 'Высылаем порядок учёта и шаблоны; готовы провести вебинар.');
  await page.click('form[action$="/answer"] button[type=submit]');
  await page.waitForLoadState();
  expect(await page.locator('.flash').count() === 1, 'answer saved');
  expect((await page.textContent('#request-facts')).includes('Дан ответ'), 'status answered');
  expect((await page.textContent('#request-answer')).includes('вебинар'), 'the answer shown');
  await shot(page, '43-request-answered');
  await page.goto(BASE + '/requests/' + requestIds[1]);
  const centre = await page.$$eval('#f-to-organisation-id option', os =>
    (os.find(o => o.textContent.includes('Центр компетенций')) || {}).value);
  expect(centre, 'a competence centre offered');
  await page.selectOption('#f-to-organisation-id', centre);
  await page.fill('#f-note', 'Центр ведёт методику учёта часов');
  await page.click('form[action$="/route"] button[type=submit]');
  await page.waitForLoadState();
  expect((await page.textContent('#request-facts')).includes('Передан'), 'status routed');
  expect((await page.textContent('#request-facts')).includes('Центр ведёт методику'), 'routing note shown');
  await shot(page, '44-request-routed');
  await page.goto(BASE + '/requests?status=routed');
  expect(await page.locator(`#inbox a[href="/requests/${requestIds[1]}"]`).count() >= 1, 'filter by status');
  await signOut(page);
});

await step('the requester sees the answer; every notification link opens', async () => {
  await signIn(page, 'tyumen', 'demo-tyumen-2026', '/notifications');
  const text = await page.textContent('ul.notifications');
  expect(text.includes('Ответ на запрос'), 'answer notification');
  expect(text.includes('передан'), 'routing notification');
  await notificationLinksOpen(page);
  await page.goto(BASE + '/requests/' + requestIds[0]);
  expect((await page.textContent('#request-answer')).includes('вебинар'), 'the answer on the request page');
  expect(await page.locator('form[action$="/answer"]').count() === 0, 'the requester cannot answer it');
  await signOut(page);
});

await step('passport history: linked from the practice page, two versions side by side', async () => {
  await signIn(page, 'curator', 'demo-curator-2026', '/practices/' + PRACTICE + '/edit');
  await page.fill('#f-title', registry.title + ' (редакция 2026)');
  await page.click('form button[type=submit].primary');
  await page.waitForLoadState();
  await page.click('#history-link');
  await page.waitForLoadState();
  visited.push(new URL(page.url()).pathname);
  expect(await page.locator('#versions tbody tr').count() >= 2, 'versions listed');
  const changed = await page.textContent('#diff tr.changed');
  expect(changed.includes('Название') && changed.includes('редакция 2026'), 'the title change marked: ' + changed);
  await shot(page, '45-passport-history');
});

await step('accessibility of the new pages: no serious or critical axe violations', async () => {
  const ax = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
  const p = await ax.newPage();
  const s = await p.request.post(BASE + '/api/v1/session', { data: { login: 'curator', password: 'demo-curator-2026' } });
  expect(s.ok(), 'curator session');
  const bad = [];
  for (const url of [...visited, '/adoptions/new?practice=' + PRACTICE]) {
    await p.goto(BASE + url);
    await p.addScriptTag({ path: AXE });
    const r = await p.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    for (const v of r.violations)
      if (v.impact === 'serious' || v.impact === 'critical') bad.push(`${url}: ${v.id} — ${v.help}; ${v.nodes[0] && v.nodes[0].target.join(' ')}`);
  }
  await ax.close();
  expect(bad.length === 0, bad.join('\n'));
});

await step('no console errors', async () => { expect(consoleErrors.length === 0, consoleErrors.join('\n')); });

await browser.close();
const failed = results.filter(r => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} working-week checks passed; screenshots in ${SHOTS}`);
process.exit(failed.length ? 1 : 0);
