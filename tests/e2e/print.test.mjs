// 打印 (issue #11 §2): pages printed to PDF by chromium as the browser prints them — print media, the page's own
// @page size (preferCSSPageSize), the browser's header and footer with page numbers — then read back with
// poppler's pdftotext: the printout has pages, the org and the print time at the top, every column (the rightmost
// column's header is on the page, and no word runs past the right edge), and no sidebar or header bar. The
// report's folded units print unfolded. PDFs go to build/e2e-screenshots/print-*.pdf.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newPage, signIn, SHOTS, signedInSuite, closeSuite } from './helpers.mjs';

let server;
let browser;
let page;

before(async () => ({ server, browser, page } = await signedInSuite('demo_golmud')));
after(() => closeSuite({ server, browser }));

// Prints the page shown now as chromium's print dialog would, and reads the PDF back.
async function printToPdf(name) {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const pdf = await page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<div style="font-size:8px;width:100%;text-align:center"><span class="title"></span></div>',
    footerTemplate: '<div style="font-size:8px;width:100%;text-align:center">第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页</div>',
  });
  await page.emulateMedia({ media: 'screen' });
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `print-${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  const [, width, height] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    xMax: Number(m[2]),
    text: m[3],
  }));
  return { pages, width: Number(width), height: Number(height), text, flat: text.replace(/\s+/g, ''), words };
}

function checkPrintout(out, { org, rightmost, landscape, title = '' }) {
  assert.ok(out.pages > 0, 'the PDF has pages');
  if (landscape) assert.ok(out.width > out.height, `landscape (${out.width} x ${out.height})`);
  assert.ok(out.flat.includes(org), `the org ${org} is in the printout`);
  assert.match(out.flat, /打印时间：\d{4}年\d{1,2}月\d{1,2}日\d{2}:\d{2}/, 'the print time at the top');
  // A long header wraps in its cell (三会一课 / 未按期支 / 部): the rightmost column's pieces end their lines.
  const lineEnds = out.text.split('\n').map((line) => line.trim().split(/\s+/).pop() ?? '').join('');
  assert.ok(out.flat.includes(rightmost) || lineEnds.includes(rightmost), `the rightmost column's header ${rightmost} is printed`);
  assert.match(out.flat, /第1页，共\d+页/, 'page numbers in the footer');
  const beyond = out.words.filter((w) => w.xMax > out.width + 0.5);
  assert.deepEqual(beyond.map((w) => w.text), [], 'nothing runs past the right edge of the page');
  for (const chrome of ['基层工作平台', '退出登录', '我的待办', '组织体系', '人员信息'].filter((w) => w !== title)) {
    assert.ok(!out.flat.includes(chrome), `the sidebar and header bar are not printed (${chrome})`);
  }
  assert.ok(!out.flat.includes('打印导出Excel'), 'no buttons');
}

test('the 逾期未整改 report prints every column, every unit unfolded, with the org and page numbers', async () => {
  await page.goto('/duty/report');
  await page.locator('[data-test="report-unit"]').first().waitFor();
  const units = await page.locator('[data-test="report-unit"]').count();
  assert.ok(units > 3, 'more units than the three shown unfolded');
  const lastUnit = (await page.locator('[data-test="report-unit"] .unit-name').last().textContent()).trim();
  const out = await printToPdf('report');
  checkPrintout(out, { org: '格尔木市', rightmost: '包联领导', landscape: true });
  assert.ok(out.flat.includes('格尔木市逾期未整改问题情况'));
  // Folded units print unfolded: the last unit's table header is printed as often as there are units.
  assert.ok(out.flat.includes(lastUnit), `the last unit ${lastUnit}`);
  assert.equal(out.flat.split('包联领导').length - 1, units, 'every unit prints its table');
  // Back on screen, the tables have their own widths again.
  assert.equal(await page.locator('.el-table col[style*="width"]').count(), 0);
});

test('the 问题清单 prints every column on landscape pages', async () => {
  await page.goto('/duty/items');
  await page.locator('[data-test="items-table"] .el-table__row, .el-table__row').first().waitFor();
  const headers = await page.locator('.el-table__header-wrapper th .cell').allTextContents();
  const rightmost = headers.map((h) => h.replace('ⓘ', '').trim()).filter(Boolean).pop(); // ⓘ hints do not print
  const out = await printToPdf('items');
  checkPrintout(out, { org: '格尔木市', rightmost, landscape: true });
  assert.ok(out.flat.includes('问题清单'));
});

test('the 工作台 children table prints all its columns', async () => {
  await page.goto('/dashboard');
  await page.locator('[data-test="dashboard-table"] .el-table__row').first().waitFor();
  const headers = await page.locator('[data-test="dashboard-table"] .el-table__header-wrapper tr:last-child th .cell').allTextContents();
  const rightmost = headers.map((h) => h.replace('ⓘ', '').trim()).filter(Boolean).pop(); // ⓘ hints do not print
  const out = await printToPdf('dashboard');
  checkPrintout(out, { org: '格尔木市', rightmost, landscape: true });
});

test('人员信息, 责任清单 and a problem print whole, the problem on portrait pages', async () => {
  for (const [route, name, ready, title] of [
    ['/people', 'people', '[data-test="people-table"] .el-table__row', '人员信息'],
    ['/duty/lists', 'lists', '.el-table__row', '责任清单'],
  ]) {
    await page.goto(route);
    await page.locator(ready).first().waitFor();
    const headers = await page.locator('.el-table__header-wrapper th .cell').allTextContents();
    const rightmost = headers.map((h) => h.replace('ⓘ', '').trim()).filter(Boolean).pop(); // ⓘ hints do not print
    checkPrintout(await printToPdf(name), { org: '格尔木市', rightmost, landscape: true, title });
  }
  await page.goto('/duty/items');
  await page.locator('.el-table__row a').first().click();
  await page.locator('[data-test="item-title"]').waitFor();
  const title = (await page.locator('[data-test="item-title"]').textContent()).trim();
  const out = await printToPdf('item');
  assert.ok(out.pages > 0);
  assert.ok(out.height > out.width, 'portrait');
  assert.ok(out.flat.includes(title.replace(/\s+/g, '')), 'the problem is printed');
  assert.match(out.flat, /打印时间：/);
  assert.deepEqual(out.words.filter((w) => w.xMax > out.width + 0.5).map((w) => w.text), []);
  assert.ok(!out.flat.includes('退出登录') && !out.flat.includes('组织体系'));
});

test('审计日志 and 账号管理 print for their administrators', async () => {
  const admin = await newPage(browser, server.url);
  await signIn(admin, 'demo_audit');
  const saved = page;
  page = admin;
  try {
    await page.goto('/audit');
    await page.locator('.el-table__row').first().waitFor();
    const headers = await page.locator('.el-table__header-wrapper th .cell').allTextContents();
    checkPrintout(await printToPdf('audit'), { org: '青海省', rightmost: headers.map((h) => h.trim()).filter(Boolean).pop(), landscape: true });
    await page.goto('/users');
    await page.locator('.el-table__row').first().waitFor();
    const userHeaders = await page.locator('.el-table__header-wrapper th .cell').allTextContents();
    checkPrintout(await printToPdf('users'), { org: '青海省', rightmost: userHeaders.map((h) => h.trim()).filter(Boolean).pop(), landscape: true });
  } finally {
    page = saved;
    await admin.context().close();
  }
});
