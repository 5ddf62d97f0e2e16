// Signing in and out: a wrong password shows the server's message, a good one lands on the work pages with the
// user's organization and role in the top bar (cadres land on the 工作台).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, screenshot } from './helpers.mjs';

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

test('a wrong password shows the server’s message in Chinese', { timeout: 60_000 }, async () => {
  const page = await newPage(browser, server.url);
  await page.goto('/');
  await page.waitForURL('**/login**');
  await screenshot(page, 'signin');
  await page.locator('input[name="login"]').fill('demo_town');
  await page.locator('input[name="password"]').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  const error = page.locator('[data-test="signin-error"]');
  await error.waitFor();
  const text = (await error.innerText()).trim();
  assert.match(text, /[\u4e00-\u9fff]/, `expected a Chinese message, got "${text}"`);
  assert.ok(page.url().includes('/login'));
  await screenshot(page, 'signin-wrong-password');
  await page.context().close();
});

test('demo_golmud signs in, sees 格尔木市 and 组织部, and signs out', { timeout: 60_000 }, async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'demo_golmud');
  await page.waitForURL('**/dashboard**');
  assert.match(await page.locator('header [data-test="user-org"]').innerText(), /格尔木市/);
  assert.match(await page.locator('header [data-test="user-role"]').innerText(), /组织部/);
  const nav = await page.locator('aside').innerText();
  assert.match(nav, /^工作台/);
  assert.match(nav, /组织体系/);
  assert.match(nav, /人员信息/);
  assert.doesNotMatch(nav, /审计日志/);
  assert.doesNotMatch(nav, /账号管理/);

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login**');
  // The session is gone on the server too: a work page sends us back to sign-in.
  await page.goto('/people');
  await page.waitForURL('**/login**');
  await page.context().close();
});

test('an unknown address shows the not-found page', { timeout: 60_000 }, async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'demo_golmud');
  await page.goto('/no/such/page');
  await page.getByText('页面不存在').waitFor();
  await screenshot(page, 'not-found');
  await page.goto('/audit');
  await page.getByText('无权访问').first().waitFor();
  await screenshot(page, 'forbidden');
  await page.context().close();
});
