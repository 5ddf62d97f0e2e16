// 工作台 (一表一单一图) through the browser. demo_qinghai (组织部, 青海省) opens the dashboard: the map of Qinghai is
// drawn and coloured, every prefecture finds its region, the cards and the table show what GET /dashboard answers
// (formatted by the same rules); a tooltip names 海西州 and a click on it drills down; then 德令哈市 and a township
// from the table, checking the figures and the breadcrumb at every step, back with the browser and the
// breadcrumb; `jiceng rollup verify` agrees with the store. A new Party member added through the API shows at
// once on the township, 德令哈市, 海西州 and 青海省. demo_village sees only its village; an administrator is refused.
// The table exports to CSV. Screenshots: build/e2e-screenshots/dashboard-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newPage, signIn, pageApi, screenshot, horizontalOverflow, BIN, PHONE, signedInSuite, closeSuite } from './helpers.mjs';
import { idNumber } from '../support/codes.mjs';
import { columnScale } from '../../web/src/common/format.js';
import { indicators, valueOf, CARDS, DEFAULT_INDICATOR, formatExactValue, formatValue, ownValues, tableScales } from '../../web/src/modules/dashboard/columns.js';
import { matchRegions, shortName } from '../../web/src/modules/dashboard/regions.js';
import { urgency } from '../../web/src/modules/dashboard/worst.js';
import { readMaps } from '../../web/vite/maps.mjs';

const run = promisify(execFile);
const PROVINCE = '630000000000';
const HAIXI = '632800000000';
const DELINGHA = '632802000000';

let server;
let browser;
let page; // demo_qinghai, desktop
let township; // the first town or township of 德令哈市 (from the API)

before(async () => ({ server, browser, page } = await signedInSuite('demo_qinghai')), { timeout: 150_000 });
after(() => closeSuite({ server, browser }));

async function dashboardApi(on, code) {
  const answer = await pageApi(on, 'GET', code ? `/dashboard?org=${code}` : '/dashboard');
  assert.equal(answer.status, 200, `GET /dashboard?org=${code}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

// Waits until the page shows the node `code` with nothing loading.
async function shown(on, code) {
  await on.locator(`.dashboard[data-org="${code}"][data-busy="0"]`).waitFor();
}

// Waits until the map of the node is loaded and drawn.
async function mapReady(on) {
  await on.locator('[data-test="dashboard-map"][data-ready="1"] canvas').first().waitFor();
  await on.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

// Everything the page shows as figures, read in one pass: cards, table cells by child code, the summary row,
// the breadcrumb.
function readPage(on) {
  return on.evaluate(() => {
    const text = (el) => (el ? el.textContent.trim() : null);
    const cards = {};
    for (const card of document.querySelectorAll('[data-test^="total-"]')) {
      cards[card.dataset.test.slice('total-'.length)] = { value: text(card.querySelector('[data-test="value"]')), foot: text(card.querySelector('[data-test="foot"]')) };
    }
    const rows = {};
    let own = null;
    for (const tr of document.querySelectorAll('[data-test="dashboard-table"] .el-table__body tr')) {
      if (tr.querySelector('[data-test="own-row"]')) {
        own = {};
        for (const cell of tr.querySelectorAll('[data-test^="cell-"]')) own[cell.dataset.test.slice('cell-'.length)] = text(cell);
      }
      const name = tr.querySelector('[data-code]');
      if (!name) continue;
      const cells = {};
      for (const cell of tr.querySelectorAll('[data-test^="cell-"]')) cells[cell.dataset.test.slice('cell-'.length)] = text(cell);
      rows[name.dataset.code] = { name: text(name), link: name.tagName === 'A', cells };
    }
    const sums = {};
    for (const sum of document.querySelectorAll('[data-test="dashboard-table"] [data-test^="sum-"]')) sums[sum.dataset.test.slice('sum-'.length)] = text(sum);
    const crumbs = [...document.querySelectorAll('[data-test="dashboard-breadcrumb"] .el-breadcrumb__inner')].map(text);
    const map = document.querySelector('[data-test="dashboard-map"]');
    return {
      title: text(document.querySelector('[data-test="dashboard-title"]')),
      cards,
      rows,
      own,
      order: Object.keys(rows),
      sums,
      crumbs,
      map: map ? { adcode: map.dataset.map, regions: Number(map.dataset.regions), unmatched: map.dataset.unmatched, canvas: !!map.querySelector('canvas') } : null,
      worst: [...document.querySelectorAll('[data-test="worst-item"]')].map((li) => ({ href: li.querySelector('a').getAttribute('href'), urgency: text(li.querySelector('[data-test="urgency"]')) })),
      worstTotal: text(document.querySelector('[data-test="worst-total"]')),
      report: document.querySelector('[data-test="worst-report"]')?.getAttribute('href'),
    };
  });
}

// The page shows exactly what the API answers for its node, formatted by the same rules.
async function assertFigures(on, answer) {
  const seen = await readPage(on);
  assert.ok(seen.title.startsWith(answer.org.name), `title ${seen.title}`);
  assert.deepEqual(seen.crumbs, answer.path.map((u) => u.name), 'the breadcrumb is the path from the caller’s node');

  const columns = indicators(answer.columns);
  for (const card of CARDS) {
    const column = columns.find((c) => c.name === card.name);
    assert.ok(column, `the API has the column of card ${card.name}`);
    const value = valueOf(answer.totals, column);
    // A card is a column of one figure: 万 only when that figure is large, the exact one beneath.
    const shown = formatValue(column, value, columnScale([value]));
    assert.equal(seen.cards[card.name]?.value, shown, `card ${column.title} of ${answer.org.name}`);
    if (shown !== formatExactValue(column, value) && card.foot === 'exact') {
      assert.equal(seen.cards[card.name].foot, formatExactValue(column, value), `exact ${column.title} of ${answer.org.name}`);
    }
  }

  assert.deepEqual(seen.order, answer.children.map((c) => c.code), 'one row per child, in the API’s order');
  // 万/亿 per column, only when every row (children, 本级) and 合计 are that large.
  const ownRow = ownValues(answer.columns, answer.totals, answer.children);
  const scales = tableScales(answer.columns, [...answer.children, ...(ownRow ? [{ values: ownRow }] : [])], answer.totals);
  for (const child of answer.children) {
    const row = seen.rows[child.code];
    assert.equal(row.name, child.name);
    assert.equal(row.link, !!child.has_children, `${child.name} is a link exactly when it has children`);
    for (const column of answer.columns) {
      assert.equal(row.cells[column.name], formatValue(column, child.values[column.name], scales[column.name]), `${child.name} · ${column.title}`);
    }
  }
  if (answer.children.length) {
    for (const column of answer.columns) assert.equal(seen.sums[column.name], formatValue(column, answer.totals[column.name], scales[column.name]), `合计 · ${column.title}`);
    // 本级（直属）: what no child holds, shown exactly when there is some, so that the rows add up to 合计.
    const own = Object.fromEntries(answer.columns.filter((c) => !c.percent).map((c) => [c.name,
      answer.totals[c.name] - answer.children.reduce((n, child) => n + child.values[c.name], 0)]));
    const hasOwn = Object.values(own).some((v) => v !== 0);
    assert.equal(seen.own !== null, hasOwn, `本级 row of ${answer.org.name}`);
    if (hasOwn) {
      for (const column of answer.columns.filter((c) => !c.percent)) {
        assert.equal(seen.own[column.name], formatValue(column, own[column.name], scales[column.name]), `本级 · ${column.title}`);
      }
      // Regression: 整改完成率 of the 本级 row was — with 4 open and 0 signed off; with a denominator it is a number.
      const completion = answer.columns.find((c) => c.name === 'duty_completion');
      const denominator = own.duty_accepted + own.duty_open;
      const expected = denominator > 0 ? `${((own.duty_accepted / denominator) * 100).toFixed(1)}%` : '—';
      assert.equal(seen.own.duty_completion, expected, `本级 · ${completion.title}`);
    }
  }

  assert.equal(seen.worstTotal.replace(/，.*/, ''), `共 ${answer.worst.total.toLocaleString('en-US')} 项`);
  assert.deepEqual(
    seen.worst,
    answer.worst.items.map((item) => ({ href: `/duty/items/${item.id}`, urgency: urgency(item).text })),
  );
  return seen;
}

// Coloured (not white, not grey) pixels on the map's canvas.
function colouredPixels(on) {
  return on.evaluate(() => {
    const canvas = document.querySelector('[data-test="dashboard-map"] canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] - data[i + 2] > 40) count++;
    return count;
  });
}

// Hovers over the map until the tooltip names `name`; returns the point and the tooltip's text.
async function findRegion(on, name) {
  const box = await on.locator('[data-test="dashboard-map"] canvas').first().boundingBox();
  const tooltip = on.locator('[data-test="dashboard-map"] .map-tooltip');
  for (let y = 0.1; y < 0.95; y += 0.08) {
    for (let x = 0.1; x < 0.95; x += 0.06) {
      const point = { x: box.x + box.width * x, y: box.y + box.height * y };
      await on.mouse.move(point.x, point.y);
      await on.waitForTimeout(30);
      const text = (await tooltip.isVisible().catch(() => false)) ? await tooltip.innerText() : '';
      if (text.includes(name)) return { point, text };
    }
  }
  throw new Error(`no region of the map shows ${name}`);
}

test('the province: map, cards, table and list equal the API', { timeout: 90_000 }, async () => {
  await page.goto('/');
  await page.waitForURL('**/dashboard');
  await shown(page, PROVINCE);
  await mapReady(page);
  const answer = await dashboardApi(page);
  assert.equal(answer.org.code, PROVINCE);
  const seen = await assertFigures(page, answer);

  assert.equal(seen.map?.adcode, '630000', 'the map of Qinghai');
  assert.ok(seen.map.canvas, 'the map is drawn on a canvas');
  assert.equal(seen.map.unmatched, '', 'every prefecture has its region');
  assert.equal(seen.map.regions, answer.children.filter((c) => /^\d{12}$/.test(c.code)).length);
  assert.ok((await colouredPixels(page)) > 5_000, 'the regions are coloured');
  assert.equal(seen.report, '/duty/report');
  assert.match(await page.locator('aside').innerText(), /^工作台/, '工作台 is the first entry of the navigation');
  await screenshot(page, 'dashboard-province');
});

// The labels as the chart drew them (RegionMap's data-labels: each text's box, centre and size in canvas px),
// and whether each has dark (text) pixels near its centre on the canvas.
async function drawnLabels(on) {
  return on.evaluate(() => {
    const map = document.querySelector('[data-test="dashboard-map"]');
    const canvas = map.querySelector('canvas');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const context = canvas.getContext('2d');
    return JSON.parse(map.dataset.labels || '[]').map((label) => {
      const w = Math.max(1, Math.round(label.w * ratio));
      const h = Math.max(1, Math.round(label.h * ratio));
      const data = context.getImageData(Math.round((label.x - label.w / 2) * ratio), Math.round((label.y - label.h / 2) * ratio), w, h).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && data[i] < 110 && data[i + 1] < 110 && data[i + 2] < 110) dark++;
      return { ...label, dark };
    });
  });
}

test('the province map names every prefecture inside its own region, no two names overlapping or touching', { timeout: 90_000 }, async () => {
  await page.goto('/dashboard');
  await shown(page, PROVINCE);
  await mapReady(page);
  await page.locator('[data-test="dashboard-map"][data-labels^="[{"]').waitFor();
  const answer = await dashboardApi(page);
  const prefectures = answer.children.filter((c) => /^\d{12}$/.test(c.code));
  const labels = await drawnLabels(page);
  assert.deepEqual(labels.map((l) => l.name).sort(), prefectures.map((c) => shortName(c.name)).sort(), 'one label per prefecture (西宁市 included)');
  for (const label of labels) assert.ok(label.dark > 20, `${label.name} is drawn (dark text pixels on the canvas)`);
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const [a, b] = [labels[i], labels[j]];
      // Apart by some room too (issue #11: 西宁市 and 海东市 read as touching): labels.js keeps half a glyph.
      const room = 4;
      const apart = Math.abs(a.x - b.x) * 2 >= a.w + b.w + 2 * room || Math.abs(a.y - b.y) * 2 >= a.h + b.h + 2 * room;
      assert.ok(apart, `${a.name} and ${b.name} do not overlap and keep ${room} px apart`);
    }
  }
  // Each label's centre is on its own region: the tooltip there names that prefecture.
  const box = await page.locator('[data-test="dashboard-map"] canvas').first().boundingBox();
  const tooltip = page.locator('[data-test="dashboard-map"] .map-tooltip');
  for (const label of labels) {
    const child = prefectures.find((c) => shortName(c.name) === label.name);
    // The chart may still be settling when the first move arrives (seen on a loaded CI machine):
    // approach the point again from a pixel away until the tooltip answers, a few tries at most.
    for (let attempt = 0; attempt < 4; attempt++) {
      await page.mouse.move(box.x + label.x + 2, box.y + label.y + 1);
      await page.mouse.move(box.x + label.x, box.y + label.y, { steps: 2 });
      const shownName = await tooltip.filter({ hasText: child.name }).waitFor({ timeout: 2_000 }).then(() => true, () => false);
      if (shownName) break;
    }
    const said = await tooltip.innerText().catch(() => '(no tooltip)');
    assert.ok(said.includes(child.name), `the label ${label.name} sits on ${child.name}'s region (tooltip said: ${said.slice(0, 40)})`);
  }
  await page.mouse.move(0, 0);
  await screenshot(page, 'dashboard-province-labels');
});

test('a county (格尔木市) has 一图 too: its townships ranked by the chosen figure', { timeout: 90_000 }, async () => {
  const golmud = await newPage(browser, server.url);
  try {
    await signIn(golmud, 'demo_golmud');
    await golmud.goto('/dashboard');
    const answer = await dashboardApi(golmud);
    assert.equal(answer.org.name, '格尔木市');
    await shown(golmud, answer.org.code);
    assert.equal(await golmud.locator('[data-test="dashboard-map"]').count(), 0, 'no township shapes are packaged');
    const ranking = golmud.locator('[data-test="dashboard-ranking"][data-ready="1"]');
    await ranking.waitFor();
    const chosen = indicators(answer.columns).find((c) => c.name === DEFAULT_INDICATOR);
    await golmud.locator('.map-panel h2', { hasText: `一图 · 各乡镇（街道）${chosen.title}排名` }).waitFor();
    const units = answer.children.filter((c) => /^\d{12}$/.test(c.code));
    assert.ok(units.length >= 5, 'the county has townships');
    const expected = units
      .map((c, i) => ({ code: c.code, value: valueOf(c.values, chosen), i }))
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.i - b.i)
      .map((r) => r.code);
    assert.equal(await ranking.getAttribute('data-order'), expected.join(','), 'every township, the largest figure first');
    const bars = await golmud.evaluate(() => {
      const canvas = document.querySelector('[data-test="dashboard-ranking"] canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] - data[i + 2] > 80) count++;
      return count;
    });
    assert.ok(bars > 500, 'the bars are drawn');
    await screenshot(golmud, 'dashboard-county-ranking');
  } finally {
    await golmud.context().close();
  }
});

test('every prefecture and county in the tree finds its region (the maps this build serves)', { timeout: 60_000 }, async () => {
  const maps = readMaps();
  const province = await dashboardApi(page, PROVINCE);
  const prefectures = province.children.filter((c) => /^\d{12}$/.test(c.code));
  assert.equal(prefectures.length, 8);
  assert.deepEqual(matchRegions(maps['630000'].geojson.features, prefectures).unmatched, []);
  for (const prefecture of prefectures) {
    const answer = await dashboardApi(page, prefecture.code);
    const counties = answer.children.filter((c) => /^\d{12}$/.test(c.code));
    const found = matchRegions(maps[prefecture.code.slice(0, 6)].geojson.features, counties);
    assert.deepEqual(found.unmatched.map((c) => c.name), [], `counties of ${prefecture.name}`);
  }
});

test('choosing a figure colours the map by it and marks its card and column', { timeout: 60_000 }, async () => {
  await page.goto('/dashboard');
  await shown(page, PROVINCE);
  await page.locator('[data-test="total-duty_overdue"]').click();
  await page.waitForURL((url) => url.pathname === '/dashboard' && url.searchParams.get('by') === 'duty_overdue');
  await page.locator('.map-panel h2', { hasText: '各市州逾期事项分布' }).waitFor();
  assert.match(await page.locator('[data-test="total-duty_overdue"]').getAttribute('class'), /chosen/);
  assert.equal((await page.locator('[data-test="dashboard-table"] th.chosen').first().innerText()).replace('ⓘ', '').trim(), '逾期事项');
  await screenshot(page, 'dashboard-province-overdue');
  await page.locator('[data-test="total-members"]').click();
  await page.waitForURL((url) => url.pathname === '/dashboard' && !url.search);
});

test('down to 海西州 on the map, 德令哈市 and a township in the table, back by browser and breadcrumb', { timeout: 120_000 }, async () => {
  await page.goto('/dashboard');
  await shown(page, PROVINCE);
  await mapReady(page);
  const province = await dashboardApi(page);
  const haixiRow = province.children.find((c) => c.code === HAIXI);

  // The tooltip names the prefecture with its figure; a click drills down.
  const { point, text } = await findRegion(page, '海西蒙古族藏族自治州');
  const membersColumn = indicators(province.columns).find((c) => c.name === 'members');
  const mapScale = columnScale(province.children.map((c) => c.values.members));
  assert.match(text, new RegExp(`党员：\\s*${formatValue(membersColumn, haixiRow.values.members, mapScale).replace('.', '\\.')}`));
  await page.mouse.click(point.x, point.y);
  await page.waitForURL(`**/dashboard/${HAIXI}`);
  await shown(page, HAIXI);
  await mapReady(page);
  const haixi = await dashboardApi(page, HAIXI);
  const seen = await assertFigures(page, haixi);
  assert.equal(seen.map?.adcode, '632800', 'the map of 海西州 by county');
  assert.equal(seen.map.unmatched, '');
  assert.ok((await colouredPixels(page)) > 5_000);
  assert.equal(seen.report, `/duty/report?org=${HAIXI}`);

  // 海西州's “直辖” region stands for 茫崖市 and 大柴旦行政委员会: a click offers both.
  const shared = await findRegion(page, '茫崖市');
  assert.match(shared.text, /大柴旦行政委员会/);
  await page.mouse.click(shared.point.x, shared.point.y);
  const chooser = page.locator('[data-test="map-chooser"]');
  await chooser.getByText('大柴旦行政委员会').waitFor();
  await screenshot(page, 'dashboard-prefecture');
  await page.locator('h1').click();
  await chooser.waitFor({ state: 'hidden' });

  // 德令哈市 from the table: no map below prefecture level, the townships ranked instead.
  await page.locator('[data-test="dashboard-table"] [data-test="child-link"]', { hasText: '德令哈市' }).click();
  await page.waitForURL(`**/dashboard/${DELINGHA}`);
  await shown(page, DELINGHA);
  const delingha = await dashboardApi(page, DELINGHA);
  assert.equal((await assertFigures(page, delingha)).map, null);
  await page.locator('[data-test="dashboard-ranking"][data-ready="1"]').waitFor();
  await screenshot(page, 'dashboard-county');

  // A township.
  township = delingha.children.find((c) => c.kind === 'town' || c.kind === 'township');
  assert.ok(township, '德令哈市 has a town or township');
  await page.locator('[data-test="dashboard-table"] [data-test="child-link"]', { hasText: township.name }).click();
  await page.waitForURL(`**/dashboard/${township.code}`);
  await shown(page, township.code);
  await assertFigures(page, await dashboardApi(page, township.code));
  await screenshot(page, 'dashboard-township');

  // Back with the browser, then up with the breadcrumb.
  await page.goBack();
  await shown(page, DELINGHA);
  await assertFigures(page, delingha);
  await page.locator('[data-test="dashboard-breadcrumb"] a', { hasText: '青海省' }).click();
  await page.waitForURL((url) => url.pathname === '/dashboard');
  await shown(page, PROVINCE);
  await assertFigures(page, province);

  // The roll-up agrees with the store after all this.
  const { stdout } = await run(BIN, ['rollup', 'verify', '--db', server.db], { timeout: 120_000, maxBuffer: 16 << 20 });
  const verified = JSON.parse(stdout);
  assert.equal(verified.ok, true, stdout);
  assert.equal(verified.differences, 0, stdout);
});

test('the table exports to CSV that Excel opens', { timeout: 60_000 }, async () => {
  await page.goto(`/dashboard/${HAIXI}`);
  await shown(page, HAIXI);
  const haixi = await dashboardApi(page, HAIXI);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="dashboard-export"]').click()]);
  assert.equal(download.suggestedFilename(), `工作台_海西州_${haixi.today}.csv`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-csv-')), 'table.csv');
  await download.saveAs(file);
  const csv = fs.readFileSync(file, 'utf8');
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  assert.ok(csv.startsWith('\uFEFF单位,类别,'), 'UTF-8 with a byte-order mark');
  const lines = csv.slice(1).trim().split('\r\n');
  assert.equal(lines.length, haixi.children.length + 2, 'a header, one line per child, 合计');
  const golmud = haixi.children.find((c) => c.name === '格尔木市');
  const members = haixi.columns.findIndex((c) => c.name === 'members');
  assert.equal(lines.find((l) => l.startsWith('格尔木市,')).split(',')[2 + members], String(golmud.values.members));
  assert.equal(lines.at(-1).split(',')[2 + members], String(haixi.totals.members));
});

const GOLMUD = '632801000000';
const LAPTOP = { width: 1366, height: 768 };

// Where the 本级（直属） row is against the table's scrolled body and its 合计 (footer), and whether it is what a
// point at its middle shows (not hidden under other rows).
function ownRowPlace(on) {
  return on.evaluate(() => {
    const table = document.querySelector('[data-test="dashboard-table"]');
    const wrap = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap');
    const own = table.querySelector('.el-table__body [data-test="own-row"]')?.closest('tr');
    const footer = table.querySelector('.el-table__footer-wrapper');
    const rows = [...table.querySelectorAll('.el-table__body tr')];
    if (!own) return null;
    footer.scrollIntoView({ block: 'end' }); // the page brought to 合计 (the body keeps its own scroll)
    // The cells, not the row: a sticky cell is drawn where it sticks, its row's box stays where the row lies.
    const cells = [...own.children].map((td) => td.getBoundingClientRect());
    const o = { top: Math.min(...cells.map((c) => c.top)), bottom: Math.max(...cells.map((c) => c.bottom)) };
    const w = wrap.getBoundingClientRect();
    const covered = [cells[0], cells[1]].some((c) => {
      const hit = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
      return !hit || !own.contains(hit);
    });
    return {
      scrolls: wrap.scrollHeight > wrap.clientHeight + 1,
      maxScroll: wrap.scrollHeight - wrap.clientHeight,
      inside: o.top >= w.top - 1 && o.bottom <= w.bottom + 1,
      level: Math.round(o.bottom - o.top - cells[0].height) === 0,
      gapToSum: Math.round(footer.getBoundingClientRect().top - o.bottom),
      onTop: !covered,
      last: rows.at(-1) === own,
    };
  });
}

// Regression (issue #11): the 本级（直属） row was the table's last row and scrolled out of sight with the others,
// so the figures that add up to 合计 were never on screen together; and a sort put it among the children.
test('本级（直属） stays right above 合计 while the table scrolls, and last whatever the order', { timeout: 90_000 }, async () => {
  const laptop = await newPage(browser, server.url, LAPTOP);
  await signIn(laptop, 'demo_qinghai');
  await laptop.goto(`/dashboard/${GOLMUD}`);
  await shown(laptop, GOLMUD);
  const answer = await dashboardApi(laptop, GOLMUD);
  const wrap = laptop.locator('[data-test="dashboard-table"] .el-table__body-wrapper .el-scrollbar__wrap');
  const first = await ownRowPlace(laptop);
  assert.ok(first, `格尔木市 has a 本级 row (${answer.org.name})`);
  assert.ok(first.scrolls, 'the table of 格尔木市 scrolls at 1366×768 (else this test shows nothing)');
  for (const at of [0, Math.round(first.maxScroll / 2), first.maxScroll]) {
    await wrap.evaluate((el, top) => (el.scrollTop = top), at);
    await laptop.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const place = await ownRowPlace(laptop);
    assert.ok(place.inside && place.level, `本级 in sight, in one line, with the body scrolled to ${at}`);
    assert.ok(Math.abs(place.gapToSum) <= 1, `本级 right above 合计 (gap ${place.gapToSum} px) at ${at}`);
    assert.ok(place.onTop, `本级 not hidden under other rows at ${at}`);
  }
  await screenshot(laptop, 'dashboard-own-row-pinned');

  // Sorted by 党员, both ways: the children in that order, 本级 still last and in sight.
  const members = laptop.locator('[data-test="dashboard-table"] .el-table__header th:has([data-figure="members"])');
  const byMembers = [...answer.children].sort((a, b) => a.values.members - b.values.members);
  for (const [caret, expected] of [['ascending', byMembers], ['descending', [...byMembers].reverse()]]) {
    await members.locator(`.sort-caret.${caret}`).click();
    const firsts = expected.filter((c) => c.values.members === expected[0].values.members).map((c) => c.code);
    await laptop.waitForFunction(
      (codes) => codes.includes(document.querySelector('[data-test="dashboard-table"] .el-table__body tr [data-code]')?.dataset.code),
      firsts,
    );
    const order = await laptop.locator('[data-test="dashboard-table"] .el-table__body tr [data-code]').evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.deepEqual(
      order.map((code) => answer.children.find((c) => c.code === code).values.members),
      expected.map((c) => c.values.members),
      `children by 党员, ${caret}`,
    );
    const place = await ownRowPlace(laptop);
    assert.ok(place.last, `本级 last when sorted ${caret}`);
    assert.ok(place.inside && Math.abs(place.gapToSum) <= 1, `本级 above 合计 when sorted ${caret}`);
  }
  await laptop.context().close();
});

// Every 一单 item, with the page scrolled to it (as one reads down the page; no box of its own scrolled), is whole
// on screen and inside every box that could clip it.
async function worstItemsInSight(on) {
  const items = on.locator('[data-test="worst-item"]');
  const count = await items.count();
  const hidden = [];
  for (let i = 0; i < count; i++) {
    const problem = await items.nth(i).evaluate((li) => {
      const at = li.getBoundingClientRect();
      window.scrollTo(0, window.scrollY + at.top + at.height / 2 - innerHeight / 2);
      const r = li.getBoundingClientRect();
      for (let up = li.parentElement; up && up !== document.documentElement; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const b = up.getBoundingClientRect();
        if (r.top < b.top - 1 || r.bottom > b.bottom + 1) return `clipped by ${up.className || up.tagName}`;
      }
      if (r.top < 0 || r.bottom > innerHeight) return 'outside the window';
      for (const y of [r.top + 4, r.bottom - 4]) {
        const hit = document.elementFromPoint(r.left + 12, y);
        if (!hit || !li.contains(hit)) return `covered at ${Math.round(y)} by ${hit?.className || hit?.tagName}`;
      }
      return '';
    });
    if (problem) hidden.push(`${i + 1}: ${problem}`);
  }
  return { count, hidden };
}

// Regression (issue #11): beside the table the list scrolled in a box 600 px high, so at 1366×768 its lower items
// were out of sight unless one found and scrolled that box (a screenshot or a printout never showed them).
test('every 一单 item is in sight at 1366×768 and on a 390 px phone', { timeout: 90_000 }, async () => {
  for (const viewport of [LAPTOP, PHONE]) {
    const on = await newPage(browser, server.url, viewport);
    await signIn(on, 'demo_qinghai');
    await on.goto(`/dashboard/${GOLMUD}`);
    await shown(on, GOLMUD);
    const answer = await dashboardApi(on, GOLMUD);
    const { count, hidden } = await worstItemsInSight(on);
    assert.equal(count, answer.worst.items.length);
    assert.ok(count >= 10, `格尔木市 has enough urgent items to fill the panel (${count})`);
    assert.deepEqual(hidden, [], `${viewport.width}×${viewport.height}`);
    await on.context().close();
  }
});

test('figures are live: a new Party member counts at once on every level above', { timeout: 120_000 }, async () => {
  assert.ok(township, 'the drill-down test found a township');
  // A village of the township and its Party branch.
  const town = await dashboardApi(page, township.code);
  const village = town.children.find((c) => c.kind === 'village' || c.kind === 'community');
  const branch = (await dashboardApi(page, village.code)).children.find((c) => c.kind === 'party_branch');
  assert.ok(branch, `${village.name} has a Party branch`);

  const levels = [township.code, DELINGHA, HAIXI, PROVINCE];
  const before = {};
  for (const code of levels) before[code] = (await dashboardApi(page, code)).totals.members;

  const created = await pageApi(page, 'POST', '/people', {
    name: '工作台测试',
    id_number: idNumber('63280219900101731'),
    ethnicity: '蒙古族',
    education: '大学本科',
    political_status: '正式党员',
    joined_party_on: '2015-07-01',
    org_code: branch.code,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  const members = indicators(town.columns).find((c) => c.name === 'members');
  for (const code of levels) {
    await page.goto(code === PROVINCE ? '/dashboard' : `/dashboard/${code}`);
    await shown(page, code);
    const answer = await dashboardApi(page, code);
    assert.equal(answer.totals.members, before[code] + 1, `the API counts the new member at ${answer.org.name}`);
    const card = page.locator('[data-test="total-members"]');
    assert.equal((await card.locator('[data-test="value"]').innerText()).trim(), formatValue(members, before[code] + 1, columnScale([before[code] + 1])), `党员 at ${answer.org.name}`);
    assert.match(await card.getAttribute('title'), new RegExp(`：${formatExactValue(members, before[code] + 1)}（`), `exact 党员 at ${answer.org.name}`);
    await assertFigures(page, answer);
  }
  // At the province 18.19万 does not move; the exact figure beneath it does.
  assert.equal(
    (await page.locator('[data-test="total-members"] [data-test="foot"]').innerText()).trim(),
    formatExactValue(members, before[PROVINCE] + 1),
  );
});

test('on a 390 px phone the dashboard stacks and fits', { timeout: 90_000 }, async () => {
  const phone = await newPage(browser, server.url, PHONE);
  await signIn(phone, 'demo_qinghai');
  await phone.waitForURL('**/dashboard');
  await shown(phone, PROVINCE);
  await mapReady(phone);
  assert.ok((await horizontalOverflow(phone)) <= 1, 'no sideways scrolling');
  await assertFigures(phone, await dashboardApi(phone));
  await screenshot(phone, 'dashboard-phone-province');
  await phone.goto(`/dashboard/${HAIXI}`);
  await shown(phone, HAIXI);
  await mapReady(phone);
  assert.ok((await horizontalOverflow(phone)) <= 1);
  await screenshot(phone, 'dashboard-phone-prefecture');
  await phone.context().close();
});

// Issue #11: the province's first load started a GET /dashboard and aborted it for a second one. Counted from the
// sign-in (which lands on 工作台), on a reload and on coming back through the navigation: one request each, none
// failed or aborted.
test('工作台 asks GET /dashboard once on its first load, a reload and a return', { timeout: 90_000 }, async () => {
  const fresh = await newPage(browser, server.url);
  const started = [];
  const failed = [];
  const mine = (request) => new URL(request.url()).pathname === '/api/v1/dashboard';
  fresh.on('request', (request) => mine(request) && started.push(request.url()));
  fresh.on('requestfailed', (request) => mine(request) && failed.push(`${request.url()} ${request.failure()?.errorText}`));
  const settle = async () => {
    await shown(fresh, PROVINCE);
    await mapReady(fresh);
    await fresh.waitForLoadState('networkidle').catch(() => {});
  };
  await signIn(fresh, 'demo_qinghai');
  await fresh.waitForURL('**/dashboard');
  await settle();
  assert.equal(started.length, 1, `one GET /dashboard after signing in: ${started.join(', ')}`);
  assert.deepEqual(failed, [], 'none aborted');
  await fresh.reload();
  await settle();
  assert.equal(started.length, 2, 'one more on a reload');
  await fresh.goto('/orgs');
  await fresh.waitForLoadState('networkidle').catch(() => {});
  await fresh.locator('aside').getByText('工作台').first().click();
  await settle();
  assert.equal(started.length, 3, 'one more on coming back through the navigation');
  assert.deepEqual(failed, []);
  await fresh.context().close();
});

// Issue #11 at 1366 px: the table's headers were cut (登记人员…), and the chosen figure's cell of the pinned 本级（直属）
// row lost its mark under the row's grey.
test('the table shows every header whole, and 本级 marks the chosen column like the other rows', { timeout: 60_000 }, async () => {
  const golmud = await newPage(browser, server.url);
  await signIn(golmud, 'demo_golmud');
  await golmud.waitForURL('**/dashboard');
  await shown(golmud, '632801000000');
  await golmud.locator('[data-test="own-row"]').waitFor();
  const cut = await golmud.evaluate(() =>
    [...document.querySelectorAll('[data-test="dashboard-table"] .el-table__header th .cell')]
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => cell.textContent.trim()),
  );
  assert.deepEqual(cut, [], 'no header is cut');
  const marks = await golmud.evaluate(() => {
    const row = document.querySelector('[data-test="dashboard-table"] tr.own-row');
    const colour = (td) => getComputedStyle(td).backgroundColor;
    const chosen = row.querySelector('td.chosen');
    const plain = [...row.querySelectorAll('td')].find((td) => !td.classList.contains('chosen') && !td.classList.contains('name-cell'));
    const other = document.querySelector('[data-test="dashboard-table"] .el-table__body tr:not(.own-row) td.chosen');
    return { chosen: chosen && colour(chosen), plain: plain && colour(plain), otherRows: other && colour(other), row: colour(plain) };
  });
  assert.ok(marks.chosen, 'the 本级 row has a cell in the chosen column');
  assert.notEqual(marks.chosen, marks.plain, `本级's 党员 cell is marked (${JSON.stringify(marks)})`);
  await screenshot(golmud, 'dashboard-county-table');
  await golmud.context().close();
});

test('a village committee sees its own village; higher nodes are not found', { timeout: 60_000 }, async () => {
  const village = await newPage(browser, server.url);
  await signIn(village, 'demo_village');
  await village.waitForURL('**/dashboard');
  const own = await dashboardApi(village);
  assert.equal(own.org.code, '632801100200');
  await shown(village, own.org.code);
  const seen = await assertFigures(village, own);
  assert.equal(seen.map, null);
  assert.deepEqual(seen.crumbs, [own.org.name]);
  await screenshot(village, 'dashboard-village');
  assert.equal((await pageApi(village, 'GET', `/dashboard?org=${PROVINCE}`)).status, 404);
  await village.goto(`/dashboard/${PROVINCE}`);
  await village.getByText('未找到该对象，或不在您的管辖范围内').waitFor();
  await screenshot(village, 'dashboard-village-outside');
  await village.context().close();
});

// Issue #11 (one figure, one name): demo_village's 问题清单 listed the township's 10 own problems (published to it, 晒责)
// while its 组织 filter said 中村 and its 工作台 counted 0. By default the list is the village's own subtree, as the
// filter and 工作台 say; 范围 含上级公开的问题 shows the township's too.
test('a village\'s 问题清单 shows by default what its 组织 filter names and its 工作台 counts', { timeout: 60_000 }, async () => {
  const village = await newPage(browser, server.url);
  await signIn(village, 'demo_village');
  await village.waitForURL('**/dashboard');
  const own = await dashboardApi(village);
  const code = own.org.code;
  // 工作台's 逾期事项 against the list's 已逾期 over every type (the same definition, doc/figures.md).
  await village.goto('/duty/items?kind=all&due=overdue');
  const total = async () => {
    await village.locator('[data-test="items-total"]').waitFor();
    await village.waitForLoadState('networkidle').catch(() => {});
    return Number((await village.locator('[data-test="items-total"]').innerText()).replace(/[^\d]/g, ''));
  };
  assert.equal(await total(), own.totals.duty_overdue ?? 0, '已逾期 over every type = 工作台 逾期事项');
  await village.goto('/duty/items');
  const listed = await total();
  const answer = await pageApi(village, 'GET', '/duty/items?page_size=100');
  assert.equal(listed, answer.body.total);
  for (const item of answer.body.items) assert.ok(item.responsible_org_code.startsWith(code), `${item.title} is the village's own`);
  assert.equal((await village.locator('[data-test="filter-scope"]').innerText()).trim(), '本级及下级', '范围 says so');
  assert.match(await village.locator('form.filters').innerText(), new RegExp(own.org.name), '组织 names the village');
  await screenshot(village, 'items-village-own');
  // Everything it may read: the township's published problems as well, none of them the village's.
  const all = await pageApi(village, 'GET', '/duty/items?scope=all&page_size=100');
  assert.ok(all.body.total > answer.body.total, 'the township shows the village its published problems');
  assert.ok(all.body.items.some((item) => !item.responsible_org_code.startsWith(code)));
  await village.goto('/duty/items?scope=all');
  assert.equal(await total(), all.body.total);
  assert.equal((await pageApi(village, 'GET', '/duty/items?scope=mine')).status, 400);
  await village.context().close();
});

test('an administrator is refused the dashboard', { timeout: 120_000 }, async () => {
  const admin = await newPage(browser, server.url);
  await signIn(admin, 'demo_audit'); // binds TOTP on the way, as at a first sign-in
  await admin.waitForURL('**/audit');
  const answer = await pageApi(admin, 'GET', '/dashboard');
  assert.equal(answer.status, 403, JSON.stringify(answer.body));
  assert.doesNotMatch(await admin.locator('aside').innerText(), /工作台/);
  await admin.goto('/dashboard');
  await admin.getByText('无权访问').first().waitFor();
  await admin.context().close();
});
