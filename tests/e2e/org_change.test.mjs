// 组织体系 changes as demo_golmud (org department of 格尔木市), each a request demo_haixi (海西州) approves: a rename
// through its dialog and confirmation shows as pending (buttons off, 撤回 only), is approved from 待批准的调整 in
// another browser, after which the unit shows 变更记录（1） with both logins and its old name as of an earlier date;
// a township's rename lists and renames its Party committee; a move and a merge approved from the unit's own notice
// (我的待办 points to it); and 海东
// as of 2012 and 2014 in the province's tree (the real changes loaded into the demo), 2013's change listed apart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, pageApi, signIn, screenshot, signedInSuite, closeSuite } from './helpers.mjs';

let server;
let browser;
let page;
let approver; // demo_haixi, in its own browser context

before(async () => {
  ({ server, browser, page } = await signedInSuite('demo_golmud'));
  approver = await newPage(browser, server.url);
  await signIn(approver, 'demo_haixi');
}, { timeout: 150_000 });
after(() => closeSuite({ server, browser }));

const detail = () => page.locator('[data-test="org-detail"]');
const dialog = () => page.locator('[data-test="org-change-dialog"]');

// Fills the dialog's date and reason and confirms; waits for the success message.
async function finish(on, reason, confirmText) {
  const date = dialog().locator('[data-test="org-change-on"] input').first();
  await date.fill(on);
  await date.press('Enter');
  await dialog().locator('[data-test="org-change-reason"] input, input[data-test="org-change-reason"]').first().fill(reason);
  await dialog().locator('[data-test="org-change-submit"]').click();
  const box = page.locator('.el-message-box');
  await box.getByText(confirmText).waitFor();
  const said = await box.innerText();
  await screenshot(page, `org-change-confirm-${reason}`);
  await box.getByRole('button', { name: /^提交/ }).click();
  await page.locator('.el-message--success', { hasText: '待另一位组织部账号批准' }).first().waitFor();
  await detail().locator('[data-test="org-pending-change"]').waitFor();
  return said;
}

// demo_haixi approves the pending change of `code` from 组织体系 → 待批准的调整.
async function approveFromList(code, name) {
  await approver.goto(`/orgs?changes=1`);
  const row = approver.locator('[data-test="org-change-request"]', { hasText: name });
  await row.first().waitFor();
  // The requester by name, the login in small print (issue #11: “demo_golmud 申请于 …”).
  assert.match(await row.first().locator('[data-test="org-change-requester"]').innerText(), /^格尔木市委组织部演示账号\s*demo_golmud$/);
  await screenshot(approver, `org-change-requests-${code}`);
  await row.first().locator('[data-test="org-change-approve"]').click();
  const box = approver.locator('.el-message-box');
  await box.getByText('批准后立即生效').waitFor();
  const said = await box.innerText();
  assert.match(said, /格尔木市委组织部演示账号申请/, 'the confirmation names the requester');
  assert.doesNotMatch(said, /demo_golmud/);
  await box.getByRole('button', { name: '批准调整' }).click();
  await approver.locator('.el-message--success', { hasText: '已批准' }).first().waitFor();
}

// demo_haixi approves the pending change shown on the unit's own page.
async function approveOnTheUnit(code) {
  await approver.goto(`/orgs/${code}`);
  const notice = approver.locator('[data-test="org-pending-change"]');
  await notice.waitFor();
  await notice.locator('[data-test="org-change-approve"]').click();
  await approver.locator('.el-message-box').getByRole('button', { name: '批准调整' }).click();
  await approver.locator('.el-message--success', { hasText: '已批准' }).first().waitFor();
}

async function pickOrg(name) {
  const select = dialog().locator('[data-test="org-change-target"] .el-select').first();
  await select.click();
  await page.keyboard.type(name);
  await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click();
}

test('a rename is asked for, pending, approved by another account, then shows 变更记录（1） and the old name before', { timeout: 120_000 }, async () => {
  const towns = (await pageApi(page, 'GET', '/orgs/632801000000/children')).body.filter((u) => u.level === 'township');
  const town = towns[0];
  await page.goto(`/orgs/${town.code}`);
  await detail().locator('h2', { hasText: town.name }).waitFor();
  await detail().getByText('变更记录（0）').waitFor();
  await detail().locator('[data-test="org-rename"]').click();
  const name = dialog().locator('[data-test="org-change-name"] input, input[data-test="org-change-name"]').first();
  await name.fill('浏览器测试镇');
  // The township's Party committee carries its name: listed, and renamed with it.
  await dialog().locator('[data-test="org-change-namesake-list"]', { hasText: `中共浏览器测试镇` }).waitFor();
  const confirmation = await finish('2025-03-01', '格政〔2025〕9号', '更名为“浏览器测试镇”');
  // Its Party committee is renamed because its name contains the old name, not because it has the same name.
  assert.match(confirmation, /名称中含有原名的下属组织 \d+ 个一并更名/);
  assert.doesNotMatch(confirmation, /同名/);
  // Pending: the name is as before, no further change can be asked for, the requester may only withdraw.
  assert.match(await detail().locator('[data-test="org-pending-change"]').innerText(), /浏览器测试镇/);
  assert.equal(await detail().locator('[data-test="org-pending-requester"]').innerText(), '格尔木市委组织部演示账号');
  await detail().locator('h2', { hasText: town.name }).waitFor();
  assert.equal(await detail().locator('[data-test="org-rename"]').isDisabled(), true);
  assert.equal(await detail().locator('[data-test="org-pending-change"] [data-test="org-change-approve"]').count(), 0);
  await detail().locator('[data-test="org-pending-change"] [data-test="org-change-withdraw"]').waitFor();
  await screenshot(page, 'org-rename-pending');

  await approveFromList(town.code, '浏览器测试镇');
  await page.goto(`/orgs/${town.code}`);
  await detail().locator('h2', { hasText: '浏览器测试镇' }).waitFor();
  await detail().getByText('变更记录（1）').waitFor();
  const text = await detail().innerText();
  assert.match(text, /格政〔2025〕9号/);
  assert.doesNotMatch(text, /批准：demo_haixi/);
  assert.match(await detail().locator('[data-test="org-party"]').innerText(), /中共浏览器测试镇/);
  // 操作人 by name, the login in small print (regression: the login alone).
  const actor = detail().locator('[data-test="org-history-actor"]').first();
  assert.match(await actor.innerText(), /^格尔木市委组织部演示账号\s*demo_golmud$/);
  // 申请人 and 批准人 both by name (issue #11: “批准：demo_haixi”), and the table fits the panel at 1366 px (the
  // 操作人 column was cut off).
  const approverName = detail().locator('[data-test="org-history-approver"]').first();
  assert.match(await approverName.innerText(), /^海西州委组织部演示账号\s*demo_haixi$/);
  const history = detail().locator('.history .el-table').first();
  const headers = await history.locator('.el-table__header th').allInnerTexts();
  assert.deepEqual(headers.map((h) => h.trim()).slice(-2), ['申请人', '批准人']);
  const overflow = await history.evaluate((table) => {
    const wrap = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap') || table.querySelector('.el-table__body-wrapper');
    return wrap.scrollWidth - wrap.clientWidth;
  });
  assert.ok(overflow <= 1, `变更记录 fits without scrolling sideways (${overflow} px more)`);
  await screenshot(page, 'org-renamed');

  await page.goto(`/orgs/${town.code}?as_of=2025-02-28`);
  await detail().locator('h2', { hasText: town.name }).waitFor();
  assert.doesNotMatch(await detail().locator('h2').innerText(), /浏览器测试镇/);
});

test('a move and a merge through the dialog, approved from the unit\'s own notice', { timeout: 120_000 }, async () => {
  const towns = (await pageApi(page, 'GET', '/orgs/632801000000/children')).body.filter((u) => u.level === 'township');
  const villages = (await pageApi(page, 'GET', `/orgs/${towns[1].code}/children`)).body;
  assert.ok(villages.length >= 3);

  await page.goto(`/orgs/${villages[0].code}`);
  await detail().locator('h2', { hasText: villages[0].name }).waitFor();
  await detail().locator('[data-test="org-move"]').click();
  await pickOrg(towns[2].name);
  await finish('2025-04-01', '村级区划调整', `改隶属于“${towns[2].name}”`);
  // The approver's 我的待办 points to it, apart from the duty items it counts.
  await approver.goto('/duty/todo');
  await approver.locator('[data-test="todo-org-changes"]', { hasText: '1 项组织调整申请待您批准' }).waitFor();
  await approveOnTheUnit(villages[0].code);
  await page.goto(`/orgs/${villages[0].code}`);
  await detail().getByText('变更记录（1）').waitFor();
  assert.match(await detail().innerText(), new RegExp(towns[2].name));

  await page.goto(`/orgs/${villages[2].code}`);
  await detail().locator('h2', { hasText: villages[2].name }).waitFor();
  await detail().locator('[data-test="org-merge"]').click();
  await pickOrg(villages[1].name);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  await finish(today, '两村合并', `撤销并入“${villages[1].name}”`);
  // Approved: the approver is shown the survivor, with the absorbed village in its history.
  await approveOnTheUnit(villages[2].code);
  await approver.waitForURL(new RegExp(`/orgs/${villages[1].code}`));
  await page.goto(`/orgs/${villages[1].code}`);
  await detail().locator('h2', { hasText: villages[1].name }).waitFor();
  await detail().getByText(`“${villages[2].name}”并入本组织`).waitFor();
  await screenshot(page, 'org-merged');
  const gone = await pageApi(page, 'GET', `/orgs/${villages[2].code}`);
  assert.equal(gone.status, 404);
});

test('the own county has no change buttons', { timeout: 60_000 }, async () => {
  await page.goto('/orgs/632801000000');
  await detail().locator('h2', { hasText: '格尔木市' }).waitFor();
  assert.equal(await detail().locator('[data-test="org-rename"]').count(), 0);
});

test('海东 as of 2012-12-31 is 海东地区 with 乐都县; as of 2014-01-01 海东市 with 乐都区', { timeout: 90_000 }, async () => {
  const province = await newPage(browser, server.url);
  await signIn(province, 'demo_qinghai');
  await province.goto('/orgs/630200000000?as_of=2012-12-31');
  const panel = province.locator('[data-test="org-detail"]');
  await panel.locator('h2', { hasText: '海东地区' }).waitFor();
  assert.match(await panel.innerText(), /地区/);
  // The change of 2013 is not part of 2012's history: listed apart, as later.
  assert.match(await panel.innerText(), /变更记录（0）/);
  assert.match(await panel.locator('[data-test="org-later-history"]').innerText(), /查询日期以后的变更（1）[\s\S]*2013/);
  assert.match(await panel.locator('[data-test="org-party"]').innerText(), /中共海东地区委员会/);
  await screenshot(province, 'org-haidong-2012');
  const then = (await pageApi(province, 'GET', '/orgs/630200000000/children?as_of=2012-12-31')).body.map((u) => u.name);
  assert.ok(then.includes('乐都县'), then.join(','));
  await province.goto('/orgs/630200000000?as_of=2014-01-01');
  await panel.locator('h2', { hasText: '海东市' }).waitFor();
  assert.match(await panel.innerText(), /地级市/);
  assert.match(await panel.innerText(), /变更记录（1）/);
  assert.equal(await panel.locator('[data-test="org-later-history"]').count(), 0);
  assert.match(await panel.locator('[data-test="org-party"]').innerText(), /中共海东市委员会/);
  const now = (await pageApi(province, 'GET', '/orgs/630200000000/children?as_of=2014-01-01')).body.map((u) => u.name);
  assert.ok(now.includes('乐都区'), now.join(','));
  await screenshot(province, 'org-haidong-2014');
  await province.context().close();
});
