// 导入 on 人员信息 as demo_golmud: upload an .xlsx (written by SheetJS, as Excel would) with one bad row; the
// preview shows its row number, column and message; the errors download as .xlsx with 错误原因; importing only
// the good rows puts them in the list; a row with three bad cells lists all three; the roster and ledger
// templates, as downloaded, import without an error (the ledger into the county's own problems, no list needed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer, launchBrowser, newPage, signIn, pageApi, screenshot, PHONE } from './helpers.mjs';
import { idNumber } from '../support/codes.mjs';

const XLSX = createRequire(import.meta.url)('xlsx');

let server;
let browser;
let page;
let dir;
let orgCode;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await newPage(browser, server.url);
  await signIn(page, 'demo_golmud');
  const session = await pageApi(page, 'GET', '/session');
  orgCode = session.body.user.org_code;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-import-e2e-'));
}, { timeout: 150_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function roster(file) {
  const good1 = idNumber('63990119610305121');
  const good2 = idNumber('63990119620406131');
  const bad = idNumber('63990119630507141');
  const wrong = bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1');
  const ws = XLSX.utils.aoa_to_sheet([
    ['姓名*', '民族*', '身份证号码*', '学历*', '政治面貌*', '所在组织代码'],
    ['导入测试甲', '藏族', good1, '高中', '群众', orgCode],
    ['导入测试乙', '汉族', wrong, '初中', '群众', orgCode],
    ['导入测试丙', '回族', good2, '大学本科', '群众', orgCode],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '花名册');
  XLSX.writeFile(wb, file);
}

test('an .xlsx with a bad row: preview, errors file, import the good rows', { timeout: 90_000 }, async () => {
  const file = path.join(dir, '花名册.xlsx');
  roster(file);
  await page.goto('/people');
  await page.locator('[data-test="people-import"]').click();
  const dialog = page.locator('[data-test="import-dialog"]');
  await dialog.locator('[data-test="import-upload"]').waitFor();
  await screenshot(page, 'import-empty');
  await dialog.locator('input[type="file"]').setInputFiles(file);

  const errors = dialog.locator('[data-test="import-errors"] .el-table__body tr');
  await errors.first().waitFor();
  const text = await errors.first().innerText();
  assert.match(text, /^3\s/, 'the row as Excel numbers it');
  assert.match(text, /身份证号码/);
  assert.match(text, /校验/);
  assert.equal(await dialog.locator('[data-test="count-added"]').innerText(), '2');
  assert.equal(await dialog.locator('[data-test="count-failed"]').innerText(), '1');
  assert.ok(await dialog.locator('[data-test="import-all"]').isDisabled(), 'all rows cannot be imported while one is bad');
  await screenshot(page, 'import-preview');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.locator('[data-test="import-errors-download"]').click(),
  ]);
  const saved = path.join(dir, 'errors.xlsx');
  await download.saveAs(saved);
  const rows = XLSX.utils.sheet_to_json(XLSX.readFile(saved).Sheets[XLSX.readFile(saved).SheetNames[0]], { header: 1 });
  const header = rows.find((r) => r.includes('错误原因'));
  assert.ok(header, 'the errors file has a 错误原因 column');
  const bad = rows.find((r) => r.includes('导入测试乙'));
  assert.match(String(bad[header.indexOf('错误原因')]), /第 3 行：身份证号码：/);

  await dialog.locator('[data-test="import-good"]').click();
  const box = page.locator('.el-message-box');
  await box.waitFor();
  assert.match(await box.innerText(), /新增 2 人，跳过有误的 1 行/);
  await box.getByRole('button', { name: '确定导入' }).click();
  await dialog.locator('[data-test="import-done"]').waitFor();
  assert.match(await dialog.locator('[data-test="import-done"]').innerText(), /导入完成/);
  // The result names the bad row as not imported; 无变化 counts only rows already as the file says (none here).
  assert.match(await dialog.innerText(), /新增 2 人，更新 0 人，有误未导入 1 行/);
  assert.equal((await dialog.locator('[data-test="count-skipped"]').innerText()).trim(), '0');
  await screenshot(page, 'import-done');
  await dialog.locator('[data-test="import-close"]').click();

  await page.goto('/people?q=' + encodeURIComponent('导入测试'));
  const listed = page.locator('[data-test="people-table"] .el-table__body tr');
  await listed.filter({ hasText: '导入测试甲' }).first().waitFor();
  await listed.filter({ hasText: '导入测试丙' }).first().waitFor();
  assert.equal(await listed.filter({ hasText: '导入测试乙' }).count(), 0);
});

// Downloads the dialog's template on `route` (after clicking `opener`) into `file`; its rows.
async function template(route, opener, file) {
  await page.goto(route);
  await page.locator(`[data-test="${opener}"]`).click();
  const dialog = page.locator('[data-test="import-dialog"]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.locator('[data-test="import-template"]').click(),
  ]);
  await download.saveAs(file);
  const book = XLSX.readFile(file);
  return { dialog, rows: XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]], { header: 1 }) };
}

// Issue #11 §2: the template a county clerk downloads, filled as shown (only the example row kept), imports
// without an error: its example names 格尔木市's own Party organization, not one in another county.
test('the roster template, as downloaded, imports cleanly', { timeout: 60_000 }, async () => {
  const file = path.join(dir, '人员花名册导入模板.xlsx');
  const { dialog, rows } = await template('/people', 'people-import', file);
  const header = rows.find((r) => r.includes('身份证号码*') && r.includes('姓名*'));
  assert.ok(header, JSON.stringify(rows.slice(0, 3)));
  const example = rows[rows.indexOf(header) + 1];
  assert.match(String(example[header.indexOf('所在组织代码')]), /^632801/, 'an organization of 格尔木市');
  await dialog.locator('input[type="file"]').setInputFiles(file);
  await dialog.locator('[data-test="import-clean"]').waitFor();
  assert.equal(await dialog.locator('[data-test="count-added"]').innerText(), '1');
  assert.equal(await dialog.locator('[data-test="count-failed"]').innerText(), '0');
  await dialog.locator('[data-test="import-cancel"]').click();
});

test('every bad cell of a row is listed, the row once', { timeout: 60_000 }, async () => {
  const ws = XLSX.utils.aoa_to_sheet([
    ['姓名*', '民族*', '身份证号码*', '学历*', '政治面貌*', '所在组织代码'],
    ['导入三错', '火星族', idNumber('63990119640608151'), '博士', '群众', '639999999999'],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '花名册');
  const file = path.join(dir, '三错.xlsx');
  XLSX.writeFile(wb, file);
  await page.goto('/people');
  await page.locator('[data-test="people-import"]').click();
  const dialog = page.locator('[data-test="import-dialog"]');
  await dialog.locator('input[type="file"]').setInputFiles(file);
  const lines = dialog.locator('[data-test="import-errors"] .el-table__body tr');
  await lines.first().waitFor();
  assert.equal(await lines.count(), 3);
  const texts = await lines.allInnerTexts();
  assert.match(texts[0], /^2\s+民族/);
  assert.match(texts[1], /学历/);
  assert.match(texts[2], /所在组织代码/);
  assert.equal(await dialog.locator('[data-test="count-failed"]').innerText(), '1');
  assert.match(await dialog.locator('[data-test="import-errors-title"]').innerText(), /1 行有误，共 3 处/);
  await screenshot(page, 'import-three-errors');
  await dialog.locator('[data-test="import-cancel"]').click();
});

// Issue #11 at 390 px: the error table was wider than the dialog, so 错误原因 was cut, and 民族's message listed all 56
// groups (one row about 12 lines tall). On a phone each bad row is a card inside the dialog, its messages wrapped
// and short.
test('on a phone the preview\'s errors are cards that fit the dialog, each message a line or two', { timeout: 90_000 }, async () => {
  const ws = XLSX.utils.aoa_to_sheet([
    ['姓名*', '民族*', '身份证号码*', '学历*', '政治面貌*', '所在组织代码'],
    ['手机三错', '火星族', idNumber('63990119640608171'), '博士', '群众', '639999999999'],
    ['手机一错', '藏族', idNumber('63990119640608191'), '高中', '群众', '639999999998'],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '花名册');
  const file = path.join(dir, '手机.xlsx');
  XLSX.writeFile(wb, file);
  const phone = await newPage(browser, server.url, PHONE);
  try {
    await signIn(phone, 'demo_golmud');
    await phone.goto('/people');
    await phone.locator('[data-test="people-import"]').click();
    const dialog = phone.locator('[data-test="import-dialog"]');
    await dialog.locator('input[type="file"]').setInputFiles(file);
    const cards = dialog.locator('[data-test="import-error-card"]');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 2, 'one card a bad row');
    const first = await cards.first().innerText();
    assert.match(first, /^第 2 行/);
    assert.match(first, /民族“火星族”不在 56 个民族名称中，请按模板的下拉列表选择/);
    assert.match(first, /所在组织代码“639999999999”：没有该组织，或不在您的管辖范围内/);
    assert.doesNotMatch(first, /汉族、/, 'the 56 groups are not listed');
    const fit = await dialog.evaluate((el) => {
      const frame = el.classList.contains('el-dialog') ? el : el.closest('.el-dialog') || el.querySelector('.el-dialog');
      const box = frame.getBoundingClientRect();
      const body = frame.querySelector('.el-dialog__body');
      const lines = [...el.querySelectorAll('[data-test="import-error-card"] .error-message')].map((m) => {
        const r = m.getBoundingClientRect();
        return { right: r.right, lines: Math.round(r.height / parseFloat(getComputedStyle(m).lineHeight)) };
      });
      return { right: box.right, overflow: body.scrollWidth - body.clientWidth, lines, viewport: window.innerWidth };
    });
    assert.ok(fit.right <= fit.viewport, 'the dialog fits the phone');
    assert.ok(fit.overflow <= 1, `nothing in the dialog scrolls sideways (${fit.overflow} px)`);
    for (const line of fit.lines) {
      assert.ok(line.right <= fit.right, 'each message ends inside the dialog');
      assert.ok(line.lines <= 3, `each message takes at most 3 lines (${line.lines})`);
    }
    await screenshot(phone, 'import-phone-errors');
    await dialog.locator('[data-test="import-cancel"]').click();
  } finally {
    await phone.context().close();
  }
});

// Issue #11 §3: 格尔木市 issues no responsibility list of its own, and its ledger still imports — as its own draft
// problems, on 问题清单, as 新建问题 makes them.
test('导入台账 for the county: the template imports into its problem list', { timeout: 60_000 }, async () => {
  const file = path.join(dir, '问题整改台账导入模板.xlsx');
  const { dialog, rows } = await template('/duty/items', 'items-import', file);
  const header = rows.find((r) => r.includes('问题*'));
  const example = rows[rows.indexOf(header) + 1];
  const title = String(example[header.indexOf('问题*')]);
  const drafts = async () => (await pageApi(page, 'GET', `/duty/items?q=${encodeURIComponent(title)}&state=draft`)).body.total;
  const before = await drafts();
  assert.equal(await dialog.locator('[data-test="import-list"] input').isDisabled(), true, 'the county issued no list');
  await screenshot(page, 'import-ledger');
  await dialog.locator('input[type="file"]').setInputFiles(file);
  await dialog.locator('[data-test="import-clean"]').waitFor();
  assert.equal(await dialog.locator('[data-test="count-added"]').innerText(), '1');
  await dialog.locator('[data-test="import-all"]').click();
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.getByRole('button', { name: '确定导入' }).click();
  await dialog.locator('[data-test="import-done"]').waitFor();
  assert.match(await dialog.locator('[data-test="import-done"]').innerText(), /导入完成/);
  await dialog.locator('[data-test="import-close"]').click();
  assert.equal(await drafts(), before + 1, 'one more draft problem of that title');
});
