// 导出 from the pages (issue #11 §2): 人员信息's 导出 Excel downloads the list's filtered rows masked; the revealing
// export asks first and then gives full numbers; a refused export (too many rows) says why in a message. The files
// are read back with tests/support/xlsx.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { newPage, signIn, signedInSuite, closeSuite } from './helpers.mjs';
import { readWorkbook } from '../support/xlsx.mjs';

let server;
let browser;
let page;

before(async () => ({ server, browser, page } = await signedInSuite('demo_golmud')));
after(() => closeSuite({ server, browser }));

async function downloaded(click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), sheets: readWorkbook(fs.readFileSync(await download.path())) };
}

test('人员信息 exports the filtered list, masked, or in full after confirming', async () => {
  await page.goto('/people?status=full_member');
  await page.locator('[data-test="people-table"] .el-table__row').first().waitFor();
  const total = Number((await page.locator('[data-test="people-total"]').innerText()).replace(/[^\d]/g, ''));
  const masked = await downloaded(() => page.locator('[data-test="people-export"] button').first().click());
  assert.equal(masked.name, '格尔木市人员名册.xlsx');
  const rows = masked.sheets[0].rows;
  assert.equal(rows[1][0], '单位：格尔木市');
  assert.equal(rows[2][0], '筛选：政治面貌：正式党员');
  assert.match(rows[3][0], /^导出时间：/);
  assert.equal(rows.length - 5, total, 'every row of the list, not the page');
  assert.ok(rows.slice(5).every((r) => r[6].includes('********')));

  await page.locator('[data-test="people-export"] .el-dropdown__caret-button').click();
  await page.locator('[data-test="people-export-reveal"]').click();
  const dialog = page.locator('.el-message-box');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /记入审计日志/);
  const full = await downloaded(() => dialog.getByRole('button', { name: '确认导出' }).click());
  assert.match(full.sheets[0].rows[0][0], /含完整身份证号/);
  assert.ok(full.sheets[0].rows.slice(5).every((r) => /^\d{17}[\dX]$/.test(r[6])));
});

test('an export over the limit says why instead of downloading', async () => {
  const province = await newPage(browser, server.url);
  await signIn(province, 'demo_qinghai');
  await province.goto('/people');
  await province.locator('[data-test="people-table"] .el-table__row').first().waitFor();
  await province.locator('[data-test="people-export"] button').first().click();
  const message = province.locator('.el-message--error');
  await message.waitFor();
  assert.match(await message.innerText(), /超过单次导出上限 10000 人/);
  await province.context().close();
});
