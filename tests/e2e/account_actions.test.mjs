// 账号管理's row actions in the browser (issue #11): each asks for a confirmation first. demo_admin edits an
// account, disables it, asks to disable an administrator's account, to enable the first, to change another's org
// and a third's role; demo_security asks for a TOTP reset and approves the disabling and the enabling; cancelling
// a confirmation changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, screenshot, pageApi } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, { timeout: 150_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const userRow = (page, login) => page.locator('[data-test="users-table"] .el-table__body tr', { hasText: login });
const requestRow = (page, login) => page.locator('[data-test="requests-table"] .el-table__body tr', { hasText: login });
const box = (page) => page.locator('.el-message-box');

async function rowAction(page, login, label) {
  await userRow(page, login).first().locator('[data-test="user-actions"]').click();
  await page.locator('.el-dropdown-menu:visible').getByText(label, { exact: true }).click();
}
async function confirmBox(page, text, button = '确定') {
  await box(page).getByText(text).waitFor();
  await box(page).getByRole('button', { name: button }).click();
  await box(page).waitFor({ state: 'hidden' });
}

test('every row action asks first; what grants becomes a request another role approves', { timeout: 240_000 }, async () => {
  const admin = await newPage(browser, server.url);
  await signIn(admin, 'demo_admin');
  await admin.waitForURL('**/users');
  await userRow(admin, 'demo_haixi').waitFor();
  // Nothing to do on one's own account.
  assert.equal(await userRow(admin, 'demo_admin').locator('[data-test="user-actions"]').count(), 0);

  // 修改信息: a dialog, then a confirmation; cancelling it saves nothing.
  await rowAction(admin, 'demo_haixi', '修改信息');
  const form = admin.locator('[data-test="user-edit-form"]');
  await form.locator('input[name="edit-name"]').fill('海西州委组织部（新）');
  await form.locator('input[name="edit-phone"]').fill('12345');
  await admin.locator('[data-test="user-edit-submit"]').click();
  await confirmBox(admin, '确定保存对账号“demo_haixi”的修改吗');
  await form.getByText('电话号码无效').waitFor();  // the server's message, on the field
  await form.locator('input[name="edit-phone"]').fill('13909771234');
  await admin.locator('[data-test="user-edit-submit"]').click();
  await confirmBox(admin, '电话：13909771234', '取消');
  await admin.locator('[data-test="user-edit-submit"]').click();
  await box(admin).getByText('电话：13909771234').waitFor();
  await screenshot(admin, 'users-edit-confirm');
  await box(admin).getByRole('button', { name: '确定' }).click();
  await userRow(admin, 'demo_haixi').getByText('海西州委组织部（新）').waitFor();
  await userRow(admin, 'demo_haixi').getByText('139****1234').waitFor();

  // 停用: direct after the confirmation.
  await rowAction(admin, 'demo_haixi', '停用');
  await screenshot(admin, 'users-disable-confirm');
  await confirmBox(admin, '确定停用账号“demo_haixi”');
  await userRow(admin, 'demo_haixi').getByText('已停用').waitFor();

  // 申请停用 an administrator's account (四眼原则): a request another role approves, the account unchanged until then.
  await rowAction(admin, 'demo_audit', '申请停用');
  await confirmBox(admin, '确定申请停用管理员账号“demo_audit”');
  await requestRow(admin, 'demo_audit').getByText('停用管理员账号').waitFor();
  // The requester by name, the login in small print.
  assert.match(await requestRow(admin, 'demo_audit').innerText(), /系统管理员演示账号\s*demo_admin/);
  await userRow(admin, 'demo_audit').getByText('正常').waitFor();

  // 申请启用: a request.
  await rowAction(admin, 'demo_haixi', '申请启用');
  await confirmBox(admin, '确定申请启用账号“demo_haixi”');
  await requestRow(admin, 'demo_haixi').getByText('启用账号').waitFor();

  // 申请变更所属组织: the picker, then the confirmation.
  await rowAction(admin, 'demo_qinghai', '申请变更所属组织');
  await admin.locator('[data-test="org-change-select"] .el-select__wrapper').click();
  await admin.keyboard.type('德令哈市');
  await admin.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '德令哈市' }).first().click();
  await admin.locator('[data-test="org-change-submit"]').click();
  await screenshot(admin, 'users-org-confirm');
  await confirmBox(admin, '确定申请将账号“demo_qinghai”');
  await requestRow(admin, 'demo_qinghai').getByText('改属 德令哈市').waitFor();

  // 申请变更角色: now with a confirmation too.
  await rowAction(admin, 'demo_golmud', '申请变更角色');
  await admin.locator('[data-test="role-select"] .el-select__wrapper').click();
  await admin.locator('.el-select-dropdown:visible').getByRole('option', { name: '乡镇党委', exact: true }).click();
  await admin.locator('[data-test="role-submit"]').click();
  await confirmBox(admin, '变更为乡镇党委吗');
  await requestRow(admin, 'demo_golmud').getByText('变更角色').waitFor();

  // demo_security: a TOTP reset of demo_admin (bound above), asked after a confirmation; approves the enabling.
  const security = await newPage(browser, server.url);
  await signIn(security, 'demo_security');
  await security.waitForURL('**/users');
  await rowAction(security, 'demo_admin', '申请重置动态口令');
  await confirmBox(security, '确定申请重置账号“demo_admin”');
  await requestRow(security, 'demo_admin').getByText('重置动态口令').waitFor();
  // Unlock is offered only for a locked account; the menu of demo_haixi has no 停用 while it is disabled.
  await userRow(security, 'demo_haixi').locator('[data-test="user-actions"]').click();
  const menu = security.locator('.el-dropdown-menu:visible');
  await menu.getByText('申请重置密码', { exact: true }).waitFor();
  assert.equal(await menu.getByText('停用', { exact: true }).count(), 0);
  assert.equal(await menu.getByText('解锁', { exact: true }).count(), 0);
  await security.keyboard.press('Escape');

  await requestRow(security, 'demo_audit').getByRole('button', { name: '批准' }).click();
  await confirmBox(security, '停用管理员账号“demo_audit”');
  await userRow(security, 'demo_audit').getByText('已停用').waitFor();
  assert.equal((await pageApi(security, 'GET', '/users/demo_audit')).body.disabled, true);

  await requestRow(security, 'demo_haixi').getByRole('button', { name: '批准' }).click();
  await confirmBox(security, '启用账号“demo_haixi”');
  await userRow(security, 'demo_haixi').getByText('正常').waitFor();
  const haixi = await pageApi(security, 'GET', '/users/demo_haixi');
  assert.equal(haixi.body.disabled, false);
  await admin.context().close();
  await security.context().close();
});
