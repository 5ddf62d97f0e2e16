// Accounts (双人复核): system_admin asks for a new account and gets one half of its one-time code, security_admin
// approves after a confirmation and gets the other, the holder sets a password with both; security_admin unlocks
// a locked account and asks for a reset, each after a confirmation; audit_admin must bind TOTP first, then reads
// the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, screenshot, enrolTotp, enterTotp, pageApi, PASSWORD } from './helpers.mjs';

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

// A row action of 账号管理: the row's 操作 menu, then the item.
async function rowAction(page, row, label) {
  await row.locator('[data-test="user-actions"]').click();
  await page.locator('.el-dropdown-menu:visible').getByText(label, { exact: true }).click();
}

async function signOut(page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login**');
}

test('system_admin asks for an account, security_admin approves, the holder sets a password with both halves', { timeout: 150_000 }, async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'demo_admin');
  await page.waitForURL('**/users');
  await page.locator('[data-test="users-table"] .el-table__body tr').first().waitFor();
  await screenshot(page, 'users');

  await page.locator('[data-test="user-new"]').click();
  const form = page.locator('[data-test="user-create-form"]');
  await form.locator('input[name="new-login"]').fill('e2e_township');
  await form.locator('input[name="new-name"]').fill('测试乡镇账号');
  await form.locator('[data-test="user-create-org"] .el-select__wrapper').click();
  await page.keyboard.type('格尔木市');
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '格尔木市' }).first().click();
  await form.locator('[data-test="user-create-role"] .el-select__wrapper').click();
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: '组织部', exact: true }).click();
  await page.locator('[data-test="user-create-submit"]').click();
  const shown = page.locator('[data-test="code-half"]');
  await shown.waitFor();
  const halfA = (await shown.innerText()).trim();
  assert.match(halfA, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/, 'the requester sees one half of the code, no password');
  await screenshot(page, 'users-requested');
  await page.getByRole('button', { name: '我已记下' }).click();
  const pending = page.locator('[data-test="requests-table"] .el-table__body tr', { hasText: 'e2e_township' });
  await pending.getByRole('button', { name: '撤回' }).waitFor();
  await signOut(page);

  await signIn(page, 'demo_security');
  await page.waitForURL('**/users');
  const row = page.locator('[data-test="requests-table"] .el-table__body tr', { hasText: 'e2e_township' });
  await row.getByRole('button', { name: '批准' }).click();
  // The requester by name, the login beside it.
  await page.locator('.el-message-box').getByText('确定批准 系统管理员演示账号（demo_admin） 的申请').waitFor();
  await screenshot(page, 'users-approve-confirm');
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
  await shown.waitFor();
  const halfB = (await shown.innerText()).trim();
  assert.match(halfB, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  assert.notEqual(halfB, halfA);
  await page.getByRole('button', { name: '我已记下' }).click();
  await signOut(page);

  await page.locator('[data-test="code-toggle"]').click();
  const code = page.locator('[data-test="code-form"]');
  await code.locator('input[name="code-login"]').fill('e2e_township');
  await code.locator('input[name="code-a"]').fill(halfA);
  await code.locator('input[name="code-b"]').fill(halfB);
  await code.locator('input[name="code-new-password"]').fill('short');
  await code.locator('input[name="code-confirm"]').fill('short');
  await page.locator('[data-test="code-submit"]').click();
  await page.getByText('新密码至少 8 位').first().waitFor();
  await code.locator('input[name="code-new-password"]').fill('Password1');
  await code.locator('input[name="code-confirm"]').fill('Password1');
  await page.locator('[data-test="code-submit"]').click();
  await page.getByText(/过于常见/).first().waitFor();
  await screenshot(page, 'code-weak-password');
  await code.locator('input[name="code-new-password"]').fill('Qinghai#2026new');
  await code.locator('input[name="code-confirm"]').fill('Qinghai#2026new');
  await page.locator('[data-test="code-submit"]').click();
  await page.getByText('新密码已设置').waitFor();
  await signIn(page, 'e2e_township', 'Qinghai#2026new');
  await page.waitForURL('**/dashboard**');
  assert.match(await page.locator('header [data-test="user-org"]').innerText(), /格尔木市/);
  await page.context().close();
});

test('a locked account: the sign-in page says so, security_admin unlocks it after confirming', { timeout: 90_000 }, async () => {
  const page = await newPage(browser, server.url);
  await page.goto('/login');
  // Five wrong passwords lock the account; every answer is the same 401 (no 423 that would tell it exists).
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    statuses.push(await page.evaluate(async () => {
      const r = await fetch('/api/v1/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: 'demo_village', password: 'wrong-password' }),
      });
      return r.status;
    }));
  }
  assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
  await page.locator('input[name="login"]').fill('demo_village');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  const error = page.locator('[data-test="signin-error"]');
  await error.waitFor();
  assert.match(await error.innerText(), /锁定/);
  await screenshot(page, 'signin-locked');

  await signIn(page, 'demo_security');
  await page.waitForURL('**/users');
  const row = page.locator('[data-test="users-table"] .el-table__body tr', { hasText: 'demo_village' });
  await row.getByText('已锁定').waitFor();
  await rowAction(page, row, '解锁');
  await page.locator('.el-message-box').getByText('确定解锁账号').waitFor();
  await screenshot(page, 'users-unlock-confirm');
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
  await row.getByText('正常').waitFor();

  await rowAction(page, row, '申请重置密码');
  await page.locator('.el-message-box').getByText('原密码将立即失效').waitFor();
  await screenshot(page, 'users-reset-confirm');
  await page.locator('.el-message-box').getByRole('button', { name: '取消' }).click();
  await page.locator('.el-message-box').waitFor({ state: 'hidden' });
  await signOut(page);

  await signIn(page, 'demo_village');
  await page.waitForURL('**/dashboard**');
  await page.context().close();
});

test('audit_admin binds TOTP, then reads the audit log', { timeout: 120_000 }, async () => {
  const page = await newPage(browser, server.url);
  await page.goto('/login');
  await page.locator('input[name="login"]').fill('demo_audit');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/totp');
  const secret = await enrolTotp(page, 'demo_audit', async (shown) => {
    assert.match(shown, /^[A-Z2-7]+=*$/);
    assert.match(await page.locator('[data-test="totp-uri"]').innerText(), /^otpauth:\/\/totp\//);
    await screenshot(page, 'totp-enrol');
  });
  await page.waitForURL('**/audit');
  const rows = page.locator('[data-test="audit-table"] .el-table__body tr');
  await rows.first().waitFor();
  assert.match(await page.locator('aside').innerText(), /审计日志/);
  await screenshot(page, 'audit');

  // Filtering by an action the earlier tests caused.
  await page.locator('input[data-test="audit-actor"]').fill('demo_security');
  await page.getByRole('button', { name: '查询' }).click();
  // The table re-renders with fewer rows: wait until every row it shows is demo_security's (reading rows one by
  // one while it re-renders would wait for rows that are gone).
  await page.waitForFunction(() => {
    const shown = [...document.querySelectorAll('[data-test="audit-table"] .el-table__body tr')];
    return shown.length > 0 && shown.every((tr) => tr.textContent.includes('demo_security'));
  }, null, { timeout: 15_000 });
  for (const text of await rows.allInnerTexts()) assert.match(text, /demo_security/);
  // Issue #11: Chinese action names, the object by title with a link, the org by name; no bare codes.
  const unlocked = rows.filter({ hasText: '解锁账号' }).first();
  await unlocked.waitFor();
  // Who did it by name, the login in small print (regression: logins and cli:0).
  const actor = unlocked.locator('[data-test="audit-actor-name"]');
  assert.match(await actor.innerText(), /^安全管理员演示账号\s*demo_security$/);
  assert.equal((await actor.locator('small').innerText()).trim(), 'demo_security');
  assert.equal(await actor.getAttribute('title'), '账号 demo_security');
  const object = unlocked.locator('[data-test="audit-object"]');
  assert.equal((await object.innerText()).trim(), '账号：村两委演示账号');
  assert.match(await object.getAttribute('href'), /\/users\?login=demo_village$/);
  assert.doesNotMatch(await rows.first().innerText(), /session\.|account\.|\b63\d{10}\b/);
  // The 操作 filter offers the duty actions too, from the same list.
  await page.locator('[data-test="audit-action"] .el-select__wrapper').click();
  const dropdown = page.locator('.el-select-dropdown:visible');
  await dropdown.getByText('问题清单', { exact: true }).waitFor();
  await dropdown.getByText('公开事项', { exact: true }).waitFor();
  await dropdown.getByText('下达责任清单', { exact: true }).waitFor();
  await screenshot(page, 'audit-actions-filter');
  await page.keyboard.press('Escape');

  // The next sign-in asks for the code.
  await signOut(page);
  await page.locator('input[name="login"]').fill('demo_audit');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('input[name="totp"]').waitFor();
  await screenshot(page, 'signin-totp');
  await enterTotp(page, secret);
  await page.waitForURL('**/audit');
  await page.context().close();
});

test('after a reset the holder sets a password with both halves and is told who reset it and when', { timeout: 180_000 }, async () => {
  const security = await newPage(browser, server.url);
  await signIn(security, 'demo_security');
  const asked = await pageApi(security, 'POST', '/users/demo_town/reset-password');
  assert.equal(asked.status, 202, JSON.stringify(asked.body));
  await security.context().close();
  const admin = await newPage(browser, server.url);
  await signIn(admin, 'demo_admin');
  await admin.waitForURL('**/users');
  const row = admin.locator('[data-test="requests-table"] .el-table__body tr', { hasText: 'demo_town' });
  await row.getByRole('button', { name: '批准' }).click();
  await admin.locator('.el-message-box').getByText('原密码立即失效').waitFor();
  await admin.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
  const halfB = (await admin.locator('[data-test="code-half"]').innerText()).trim();
  await admin.context().close();

  const page = await newPage(browser, server.url);
  await page.goto('/login');
  await page.locator('[data-test="code-toggle"]').click();
  const code = page.locator('[data-test="code-form"]');
  await code.locator('input[name="code-login"]').fill('demo_town');
  await code.locator('input[name="code-a"]').fill(asked.body.code_half);
  await code.locator('input[name="code-b"]').fill(halfB);
  await code.locator('input[name="code-new-password"]').fill('Town#reset2026');
  await code.locator('input[name="code-confirm"]').fill('Town#reset2026');
  await page.locator('[data-test="code-submit"]').click();
  await page.getByText('新密码已设置').waitFor();
  await page.locator('input[name="password"]').fill('Town#reset2026');
  await page.getByRole('button', { name: '登录' }).click();
  const notice = page.locator('.el-message-box', { hasText: '密码重置提醒' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /由安全管理员演示账号申请，系统管理员演示账号批准/);
  await screenshot(page, 'signin-reset-notice');
  await notice.getByRole('button', { name: '我知道了' }).click();
  await page.waitForURL('**/dashboard**');
  await page.context().close();
});
