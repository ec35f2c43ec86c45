// Pages that read well everywhere (issue 15, part B): every page route at 390×844 (a phone) and
// 1366×900, in Russian and English, with no horizontal scrolling of the document and no serious or
// critical axe-core violation; a region's own network (any region key, stable picture, labels apart,
// 404 for an unknown key); a practice passport and a region's comparison printed to A4 PDF. Screenshots
// of each page at both widths go to $SCREENSHOTS/pages/ (docs/web.md shows them).
// Run by ../run-browser-tests.sh BIN SHOTS tests/pages.test.mjs against a real server.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const BASE = process.env.BASE_URL;
const SHOTS = path.join(process.env.SCREENSHOTS, 'pages');
fs.mkdirSync(SHOTS, { recursive: true });
const results = [];

async function step(name, fn) {
  if (process.env.ONLY && !name.includes(process.env.ONLY)) return;  // ONLY=print runs the print check alone
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}\n      ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n      ')}`);
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }
const withLang = (url, lang) => url + (url.includes('?') ? '&' : '?') + 'lang=' + lang;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const api = await (await browser.newContext()).request;
const json = async (url) => (await api.get(BASE + url)).json();

// Records to open: a Yugra practice with adoptions, one of its adoptions, an organisation, a person, a feed.
const practices = await json('/api/v1/practices?region=86&limit=50');
const practice = practices.items.find(p => /штабов Югры/.test(p.title)) || practices.items[0];
const adoptions = await json('/api/v1/adoptions?practice=' + practice.id + '&limit=1');
const org = (await json('/api/v1/organisations?limit=1')).items[0];
const person = (await json('/api/v1/persons?limit=1')).items[0];
const feeds = await api.get(BASE + '/api/v1/feeds');
const feed = feeds.ok() ? ((await feeds.json()).items || [])[0] : undefined;

// Every GET page route of src/web/pages.cpp (one URL each). Signed-in routes are opened as the curator.
const PUBLIC = {
  home: '/', regions: '/regions', region: '/regions/72', 'region-compare': '/regions/72?domain=volunteering&leader=86',
  practices: '/practices?domain=volunteering', practice: '/practices/' + practice.id,
  request: '/practices/' + practice.id + '/request', adoptions: '/adoptions', adoption: '/adoptions/' + adoptions.items[0].id,
  organisations: '/organisations', organisation: '/organisations/' + org.id, persons: '/persons',
  person: '/persons/' + person.id, login: '/login', network: '/network', 'network-region': '/network?region=RU-TYU',
  'network-municipal': '/network?level=municipality',
  search: '/search?q=' + encodeURIComponent('добровольческих штабов'),
};
const SIGNED_IN = {
  'practice-new': '/practices/new', 'practice-edit': '/practices/' + practice.id + '/edit', 'adoption-new': '/adoptions/new',
  'adoption-edit': '/adoptions/' + adoptions.items[0].id + '/edit', 'organisation-new': '/organisations/new',
  'organisation-edit': '/organisations/' + org.id + '/edit', 'person-new': '/persons/new',
  'person-edit': '/persons/' + person.id + '/edit', notifications: '/notifications', moderation: '/moderation',
  audit: '/audit', review: '/review', feeds: '/feeds',
};
if (feed) SIGNED_IN.feed = '/feeds/' + feed.id;

async function newContext(width, height, signedIn) {
  // axe is injected as a script, which the strict CSP would refuse: this context bypasses it.
  const ctx = await browser.newContext({ viewport: { width, height }, bypassCSP: true, locale: 'ru-RU' });
  if (signedIn) {
    const s = await ctx.request.post(BASE + '/api/v1/session', { data: { login: 'curator', password: 'demo-curator-2026' } });
    expect(s.ok(), 'curator session: ' + s.status());
  }
  return ctx;
}

// Loads a page, waits for the network graph when there is one, and checks overflow and axe.
async function check(page, url, problems) {
  const resp = await page.goto(BASE + url);
  expect(resp.status() < 400, url + ' answered ' + resp.status());
  if (await page.locator('#network-graph').count()) await page.waitForSelector('#network-graph[data-ready]', { timeout: 15000 });
  const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  if (w.scroll > w.inner) {
    const wide = await page.evaluate((inner) => [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > inner + 1 && !e.closest('.scroll, table.data'))
      .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ')[0] : '')), w.inner);
    problems.push(`${url}: document ${w.scroll} px wide in a ${w.inner} px window (${wide.join(', ')})`);
  }
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of r.violations)
    if (v.impact === 'serious' || v.impact === 'critical')
      problems.push(`${url}: ${v.id} (${v.impact}) — ${v.help}; e.g. ${v.nodes[0] && v.nodes[0].target.join(' ')}`);
}

for (const [width, height] of [[390, 844], [1366, 900]]) {
  for (const lang of ['ru', 'en']) {
    await step(`every page at ${width}×${height} (${lang}): no horizontal scrolling, axe clean`, async () => {
      const problems = [];
      for (const [routes, signedIn] of [[PUBLIC, false], [SIGNED_IN, true]]) {
        const ctx = await newContext(width, height, signedIn);
        const page = await ctx.newPage();
        for (const [name, url] of Object.entries(routes)) {
          await check(page, withLang(url, lang), problems);
          if (lang === 'ru')
            await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.jpg`), type: 'jpeg', quality: 55 });
        }
        await ctx.close();
      }
      expect(problems.length === 0, problems.join('\n'));
    });
  }
}

await step('a region\'s own network: any key, the table beside the picture, labels apart, same picture twice', async () => {
  const ctx = await newContext(1366, 900, false);
  const page = await ctx.newPage();
  const pictures = [];
  for (const key of ['72', 'RU-TYU', 'Тюменская область']) {
    const resp = await page.goto(BASE + '/network?region=' + encodeURIComponent(key));
    expect(resp.status() === 200, key + ': ' + resp.status());
    expect((await page.textContent('h1')).includes('Тюменская'), key + ': the page names Tyumen');
    expect(await page.locator('svg.flow').count() === 1, key + ': the picture');
    expect(await page.locator('#partners tbody tr').count() >= 1, key + ': the partner table');
    expect(await page.locator('#network-years tbody tr').count() >= 1, key + ': years');
    pictures.push(await page.locator('svg.flow').evaluate(e => e.outerHTML));
  }
  expect(pictures.every(p => p === pictures[0]), 'the same data gives the same picture for every key');
  // No two labels overlap (boxes as the browser lays them out).
  for (const url of ['/network?region=86', '/network?region=72', '/regions/86']) {
    await page.goto(BASE + url);
    const boxes = await page.$$eval('svg.flow text', ts => ts.map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; }));
    expect(boxes.length >= 2, url + ': labels drawn');
    for (let i = 0; i < boxes.length; ++i)
      for (let j = i + 1; j < boxes.length; ++j) {
        const [a, b] = [boxes[i], boxes[j]];
        const apart = a[3] <= b[1] || b[3] <= a[1] || a[4] <= b[2] || b[4] <= a[2];
        expect(apart, `${url}: labels «${a[0]}» and «${b[0]}» overlap`);
      }
  }
  expect(await page.locator('#region-network svg.flow').count() === 1, 'the region page has the section');
  await page.screenshot({ path: path.join(SHOTS, 'region-network-1366.jpg'), type: 'jpeg', quality: 55, fullPage: false });
  const missing = await page.goto(BASE + '/network?region=RU-ZZZ');
  expect(missing.status() === 404, 'unknown region key → 404, got ' + missing.status());
  expect((missing.headers()['content-type'] || '').startsWith('text/html'), 'an HTML page, not JSON');
  const apiMissing = await api.get(BASE + '/api/v1/network?region=RU-ZZZ');
  expect(apiMissing.status() === 404 && apiMissing.headers()['content-type'].includes('problem+json'), 'API: problem+json 404');
  // A browser opening an API URL that fails gets the HTML error page with the request number, never JSON.
  const apiInBrowser = await page.goto(BASE + '/api/v1/regions/RU-ZZZ');
  expect(apiInBrowser.status() === 404, 'API URL in a browser → 404, got ' + apiInBrowser.status());
  expect((apiInBrowser.headers()['content-type'] || '').startsWith('text/html'), 'API URL in a browser: an HTML page');
  const rid = apiInBrowser.headers()['x-request-id'];
  expect(rid && (await page.locator('p.request-id code').textContent()) === rid, 'the page shows the request id ' + rid);
  await page.screenshot({ path: path.join(SHOTS, 'error-api-in-browser-1366.jpg'), type: 'jpeg', quality: 55 });
  await ctx.close();
});

await step('the whole network: positions fixed by the tile map, labels of Тюменская область and Югра apart', async () => {
  const ctx = await newContext(1366, 900, false);
  const page = await ctx.newPage();
  const layouts = [];
  for (let k = 0; k < 2; ++k) {
    await page.goto(BASE + '/network');
    await page.waitForSelector('#network-graph[data-ready]');
    layouts.push(await page.evaluate(() => {
      const cy = document.getElementById('network-graph').cy;
      const out = {};
      cy.nodes().forEach(n => { out[n.id()] = [n.position('x'), n.position('y')]; });
      return out;
    }));
  }
  expect(JSON.stringify(layouts[0]) === JSON.stringify(layouts[1]), 'same data, same positions');
  const overlaps = await page.evaluate(() => {
    const cy = document.getElementById('network-graph').cy;
    const boxes = cy.nodes().map(n => [n.data('label'), n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true })]);
    const bad = [];
    for (let i = 0; i < boxes.length; ++i)
      for (let j = i + 1; j < boxes.length; ++j) {
        const a = boxes[i][1], b = boxes[j][1];
        if (!(a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1)) bad.push(boxes[i][0] + ' / ' + boxes[j][0]);
      }
    return bad;
  });
  expect(overlaps.length === 0, 'overlapping labels: ' + overlaps.join('; '));
  await ctx.close();
});

await step('print: the passport and the region comparison on A4, header with title, date and address', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ru-RU' });
  const page = await ctx.newPage();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orientir-print-'));
  const read = async (url, name) => {
    await page.goto(BASE + url);
    const file = path.join(tmp, name + '.pdf');
    await page.pdf({ path: file, format: 'A4', printBackground: true });
    let text, info;
    try {
      text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    } catch (e) {
      throw new Error('pdftotext/pdfinfo (Debian poppler-utils, scripts/install-deps.sh) failed: ' + e.message);
    }
    const pages = Number((info.match(/^Pages:\s+(\d+)/m) || [])[1]);
    const size = (info.match(/^Page size:\s+([\d.]+) x ([\d.]+)/m) || []).slice(1).map(Number);
    fs.copyFileSync(file, path.join(SHOTS, name + '.pdf'));
    return { text: text.replace(/\s+/g, ' '), pages, size };
  };
  const passport = await read(PUBLIC.practice, 'print-practice');
  // A4 is 595.28 × 841.89 pt; Chromium rounds its page box to whole CSS pixels (595.92 × 842.88).
  expect(Math.abs(passport.size[0] - 595.3) < 2 && Math.abs(passport.size[1] - 841.9) < 2, 'A4 portrait: ' + passport.size);
  expect(passport.pages >= 2 && passport.pages <= 12, 'passport pages: ' + passport.pages);
  const flat = (s) => s.replace(/\s+/g, ' ');
  const title = flat(practice.title);
  // pdftotext may break a long title over lines; the first words must be there as printed.
  expect(passport.text.includes(title.split(' ').slice(0, 5).join(' ')), 'passport title printed');
  expect(passport.text.includes(flat(practice.summary).split(' ').slice(0, 6).join(' ')), 'passport summary printed');
  expect(passport.text.includes('/practices/' + practice.id), 'the address in the print header');
  expect(/\d\d\.\d\d\.\d{4}/.test(passport.text), 'the date in the print header');
  expect(!passport.text.includes('Выйти') && !passport.text.includes('Войти'), 'no sign-in controls on paper');
  expect(!passport.text.includes('Найти'), 'no search form on paper');
  const comparison = await read(PUBLIC['region-compare'], 'print-region-comparison');
  expect(comparison.pages >= 2 && comparison.pages <= 16, 'comparison pages: ' + comparison.pages);
  expect(comparison.text.includes('Сравнение с лидерами'), 'the comparison printed');
  expect(comparison.text.includes('Ханты-Мансийский'), 'the compared region printed');
  // Charts are kept: the printed page still lays out the benchmark chart and the map.
  await page.emulateMedia({ media: 'print' });
  await page.goto(BASE + PUBLIC['region-compare']);
  expect(await page.locator('svg.bench').isVisible(), 'benchmark chart visible in print');
  expect(await page.locator('header.site').isHidden(), 'navigation hidden in print');
  expect(await page.locator('form.filters').first().isHidden(), 'forms hidden in print');
  expect(await page.locator('.print-head').isVisible(), 'print header shown');
  const tableWidth = await page.evaluate(() => { const t = document.getElementById('bench-table'); return t ? t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1 : false; });
  expect(tableWidth, 'the comparison table fits the printed width (not cut)');
  fs.rmSync(tmp, { recursive: true, force: true });
  await ctx.close();
});

await browser.close();
const failed = results.filter(r => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} page checks passed; screenshots in ${SHOTS}`);
process.exit(failed.length ? 1 : 0);
