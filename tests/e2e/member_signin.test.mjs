// Meeting sign-in through the browser: demo_village (the branch's secretary, 1366 px) opens the sign-in screen of a
// 支部党员大会 of the branch demo_member belongs to; two members sign in on 390 px phones — demo_member from 我的
// with the typed code, a member whose account was just made (`jiceng account batch`) from the QR's link after setting
// their own password — the secretary's record form shows them present (the others absent), the minutes are recorded
// and submitted, demo_town approves, and the 工作台's 三会一课未按期支部 moves as the branch's standing says it should.
// Screenshots go to build/e2e-screenshots/member-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BIN, startServer, launchBrowser, newPage, signIn, pageApi, screenshot, horizontalOverflow, PHONE } from './helpers.mjs';

let server;
let browser;
let secretary;
let town;
let phone1;
let phone2;
const stamp = Date.now().toString(36).slice(-4);
const TOPIC = `学习党章，讨论村级事务（签到测试${stamp}）`;
const THREE = ['general_meeting', 'committee_meeting', 'group_meeting', 'party_lecture'];

function shanghaiMinute(offsetMinutes = 0) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetMinutes * 60_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

async function behindCount(page) {
  const d = await pageApi(page, 'GET', '/dashboard');
  return d.body.totals.orglife_branches_behind;
}

async function branchBehind(page, branch) {
  const due = await pageApi(page, 'GET', `/orglife/due?branch=${branch}`);
  return due.body.kinds.some((k) => THREE.includes(k.kind) && k.required && k.behind);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  secretary = await newPage(browser, server.url);
  town = await newPage(browser, server.url);
  phone1 = await newPage(browser, server.url, PHONE);
  phone2 = await newPage(browser, server.url, PHONE);
  await Promise.all([signIn(secretary, 'demo_village'), signIn(town, 'demo_town'), signIn(phone1, 'demo_member')]);
}, { timeout: 90_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a secretary shows the code, two members sign in on phones, the record is submitted and approved', { timeout: 180_000 }, async () => {
  // The member's hub at 390 px: who they are and their sections.
  await phone1.goto('/my');
  await phone1.locator('[data-test="my-hello"]').waitFor();
  await phone1.locator('[data-test="my-section-meetings"] .summary').filter({ hasText: /\S/ }).waitFor();
  assert.ok(await horizontalOverflow(phone1) <= 0, '我的 fits 390 px');
  await screenshot(phone1, 'member-hub-phone');
  const me = (await pageApi(phone1, 'GET', '/my')).body;

  // A second member of the branch gets an account at once (the command line's batch), with a one-time password.
  const batch = JSON.parse(execFileSync(BIN, ['account', 'batch', '--db', server.db, '--branch', me.branch_code, '--yes', '--json'], { encoding: 'utf8' }));
  const slip = batch.slips[0];
  assert.ok(slip.password.length >= 8);

  const figureBefore = await behindCount(town);
  const wasBehind = await branchBehind(secretary, me.branch_code);

  // The secretary plans the meeting (it began five minutes ago) and opens the sign-in screen.
  const planned = await pageApi(secretary, 'POST', '/orglife/meetings', {
    branch_code: me.branch_code, kind: 'general_meeting', topic: TOPIC, planned_at: shanghaiMinute(-5), place: '村党群服务中心会议室',
  });
  assert.equal(planned.status, 201, JSON.stringify(planned.body));
  const id = planned.body.id;
  const due = planned.body.attendees;
  assert.ok(due.some((a) => a.person_id === me.person_id) && due.some((a) => a.person_id === slip.person_id));
  await secretary.goto(`/orglife/meetings/${id}`);
  await secretary.locator('[data-test="signin-open"]').click();
  const codeText = (await secretary.locator('[data-test="signin-code"]').textContent()).replace(/\s/g, '');
  assert.match(codeText, /^\d{6}$/);
  await secretary.locator('[data-test="signin-qr"] svg').waitFor();
  await screenshot(secretary, 'member-signin-screen-desktop');
  const link = (await pageApi(secretary, 'GET', `/orglife/meetings/${id}/signin`)).body.signin_url;
  assert.equal(link, `/my/signin/${id}?code=${codeText}`);

  // Member 1: from 我的, the meeting being signed in, the code typed.
  await phone1.goto('/my');
  await phone1.locator('[data-test="my-now-signin"]').click();
  await phone1.waitForURL(new RegExp(`/my/signin/${id}`));
  await phone1.locator('input[data-test="signin-code-input"]').fill(codeText === '000000' ? '000001' : '000000');
  await phone1.locator('[data-test="signin-submit"]').click();
  await phone1.getByText('签到码不正确').waitFor();
  await phone1.locator('input[data-test="signin-code-input"]').fill(codeText);
  await phone1.locator('[data-test="signin-submit"]').click();
  await phone1.locator('[data-test="signin-done"]').waitFor();
  assert.ok(await horizontalOverflow(phone1) <= 0, 'the sign-in page fits 390 px');
  await screenshot(phone1, 'member-signed-in-phone');

  // Member 2: scans the QR — the link asks them to sign in, to set their own password, then one tap.
  await phone2.goto(link);
  await phone2.waitForURL(/\/login/);
  await phone2.locator('input[name="login"]').fill(slip.login);
  await phone2.locator('input[name="password"]').fill(slip.password);
  await phone2.getByRole('button', { name: '登录' }).click();
  await phone2.waitForURL(/\/password/);
  const fields = phone2.locator('input[type="password"]');
  await fields.nth(0).fill(slip.password);
  await fields.nth(1).fill('Gesang#2026qh');
  await fields.nth(2).fill('Gesang#2026qh');
  await phone2.getByRole('button', { name: '确认修改' }).click();
  await phone2.waitForURL((url) => !url.pathname.startsWith('/password'));
  await phone2.goto(link);
  await phone2.locator('[data-test="signin-meeting"]').getByText(TOPIC).waitFor();
  await phone2.locator('[data-test="signin-submit"]').click();
  await phone2.locator('[data-test="signin-done"]').waitFor();

  // The secretary's screen and record form follow: the two present, the others absent until corrected.
  await secretary.locator('[data-test="signin-counts"]').getByText(/已签到 2 人/).waitFor({ timeout: 15_000 });
  await secretary.locator(`[data-test="presence-${me.person_id}"] .el-button--success`).getByText('已到').waitFor({ timeout: 15_000 });
  await secretary.locator(`[data-test="presence-${slip.person_id}"] .el-button--success`).getByText('已到').waitFor();
  const other = due.find((a) => a.person_id !== me.person_id && a.person_id !== slip.person_id);
  await secretary.locator(`[data-test="presence-${other.person_id}"] .el-button--danger`).getByText('缺席').waitFor();
  // Enough voters present for a valid record: the rest of the full members attended in person, marked by the recorder.
  for (const a of due) {
    if (a.person_id === me.person_id || a.person_id === slip.person_id) continue;
    await secretary.locator(`[data-test="presence-${a.person_id}"]`).getByRole('button', { name: '已到' }).click();
  }
  await secretary.locator('[data-test="record-presenter"]').click();
  await secretary.locator('.el-select-dropdown__item:visible').first().click();
  await secretary.locator('[data-test="record-recorder"]').click();
  await secretary.locator('.el-select-dropdown__item:visible').nth(1).click();
  await secretary.locator('textarea[data-test="record-minutes"]').fill('会议学习了党章，与会党员结合村级事务作了发言。');
  await screenshot(secretary, 'member-record-desktop');
  await secretary.locator('[data-test="record-submit"]').click();
  await secretary.locator('[data-test="meeting-state"]').getByText('待审核').waitFor();
  const stored = await pageApi(secretary, 'GET', `/orglife/meetings/${id}`);
  assert.equal(stored.body.attendees.find((a) => a.person_id === me.person_id).presence, 'present');
  assert.equal(stored.body.attendees.find((a) => a.person_id === slip.person_id).presence, 'present');

  // The township approves.
  await town.goto(`/orglife/meetings/${id}`);
  await town.locator('[data-test="review-approve"]').click();
  await town.locator('[data-test="meeting-state"]').getByText('已通过').waitFor();

  // The member's past meetings show the attendance; the figure moves as the branch's standing says.
  const past = await pageApi(phone1, 'GET', '/my/meetings?when=past');
  const upcoming = await pageApi(phone1, 'GET', '/my/meetings?when=upcoming');
  assert.ok(past.body.items.concat(upcoming.body.items).some((m) => m.id === id && m.presence === 'present'));
  await phone1.goto('/my/meetings?when=past');
  await phone1.locator('[data-test="my-meeting"]').first().waitFor();
  await screenshot(phone1, 'member-past-phone');
  const isBehind = await branchBehind(secretary, me.branch_code);
  const figureAfter = await behindCount(town);
  assert.equal(figureAfter, figureBefore - (wasBehind && !isBehind ? 1 : 0) + (!wasBehind && isBehind ? 1 : 0));
});
