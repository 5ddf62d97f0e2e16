// Accounts: system_admin creates an account and its holder must change the initial password; security_admin
// resets a password and unlocks a locked account, each after a confirmation; audit_admin must bind TOTP first,
// then reads the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, screenshot, enrolTotp, enterTotp, PASSWORD } from './helpers.mjs';

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

async function signOut(page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login**');
}

test('system_admin creates an account; its first sign-in must change the password', { timeout: 90_000 }, async () => {
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
  const shown = page.locator('[data-test="initial-password"]');
  await shown.waitFor();
  const initial = (await shown.innerText()).trim();
  assert.ok(initial.length >= 8, 'an initial password is shown');
  await screenshot(page, 'users-created');
  await page.getByRole('button', { name: '我已记下' }).click();
  await signOut(page);

  await signIn(page, 'e2e_township', initial);
  await page.waitForURL('**/password');
  await page.getByText('首次登录或密码已被重置').waitFor();
  await page.locator('.el-form-item', { hasText: '原密码' }).locator('input').fill(initial);
  await page.locator('.el-form-item', { hasText: /^新密码/ }).locator('input').fill('short');
  await page.locator('.el-form-item', { hasText: '确认新密码' }).locator('input').fill('short');
  await page.getByRole('button', { name: '确认修改' }).click();
  await page.getByText('新密码至少 8 位').first().waitFor();
  await screenshot(page, 'password-change');
  await page.locator('.el-form-item', { hasText: /^新密码/ }).locator('input').fill('Qinghai#2026new');
  await page.locator('.el-form-item', { hasText: '确认新密码' }).locator('input').fill('Qinghai#2026new');
  await page.getByRole('button', { name: '确认修改' }).click();
  await page.waitForURL('**/dashboard**');
  assert.match(await page.locator('header [data-test="user-org"]').innerText(), /格尔木市/);
  await page.context().close();
});

test('a locked account: the sign-in page says so, security_admin unlocks it after confirming', { timeout: 90_000 }, async () => {
  const page = await newPage(browser, server.url);
  await page.goto('/login');
  // Wrong passwords until the server locks the account (it must within 20 tries).
  let status = 0;
  for (let i = 0; i < 20 && status !== 423; i++) {
    status = await page.evaluate(async () => {
      const r = await fetch('/api/v1/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: 'demo_village', password: 'wrong-password' }),
      });
      return r.status;
    });
  }
  assert.equal(status, 423, 'the account locks after repeated failures');
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
  await row.getByRole('button', { name: '解锁' }).click();
  await page.locator('.el-message-box').getByText('确定解锁账号').waitFor();
  await screenshot(page, 'users-unlock-confirm');
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
  await row.getByText('正常').waitFor();

  await row.getByRole('button', { name: '重置密码' }).click();
  await page.locator('.el-message-box').getByText('原密码将立即失效').waitFor();
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
