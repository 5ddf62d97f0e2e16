// 组织生活 through the browser: demo_village (the village's two committees, on a 390 px phone) plans a 支部党员大会
// for its branch, records it — attendance with one member on leave (the reason asked for), minutes — and submits
// it; demo_town (the township committee, 1366 px) finds it in 会议审核 and approves it; the branch's calendar and
// the 按期情况 view follow. Screenshots go to build/e2e-screenshots/orglife-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, pageApi, screenshot, horizontalOverflow, PHONE } from './helpers.mjs';

let server;
let browser;
let village;
let town;
const stamp = Date.now().toString(36).slice(-4);
const TOPIC = `传达学习上级会议精神（测试${stamp}）`;

function shanghaiMinute(offsetMinutes = 0) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetMinutes * 60_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  village = await newPage(browser, server.url, PHONE);
  town = await newPage(browser, server.url);
  await Promise.all([signIn(village, 'demo_village'), signIn(town, 'demo_town')]);
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a secretary plans and records a meeting on a phone, the township approves it', { timeout: 120_000 }, async () => {
  await village.goto('/orglife');
  await village.locator('[data-test="due-kind"]').first().waitFor();
  assert.equal(await village.locator('[data-test="due-kind"]').count(), 6, 'six kinds with their rules');
  assert.ok(await horizontalOverflow(village) <= 0, 'no sideways scrolling at 390 px');
  await screenshot(village, 'orglife-meetings-phone');

  // Plan: the dialog names the missing field first.
  await village.locator('[data-test="plan-open"]').click();
  await village.locator('[data-test="plan-save"]').click();
  await village.getByText('请选择会议类型').waitFor();
  await village.locator('[data-test="plan-kind"]').click();
  await village.locator('.el-select-dropdown__item', { hasText: '支部党员大会' }).click();
  await village.locator('input[data-test="plan-topic"]').fill(TOPIC);
  const at = village.locator('.el-dialog input[placeholder="选择日期时间"]');
  await at.click();
  await at.fill(shanghaiMinute(-30));
  await at.press('Enter');
  await village.locator('input[data-test="plan-place"]').fill('村党群服务中心会议室');
  await village.locator('[data-test="plan-dialog"]').getByText('安排会议').first().click(); // close the picker
  await village.locator('[data-test="plan-save"]').click();
  await village.waitForURL(/\/orglife\/meetings\/\d+/);
  const id = Number(village.url().match(/meetings\/(\d+)/)[1]);
  await village.locator('[data-test="meeting-topic"]').getByText(TOPIC).waitFor();

  // Record: one member on leave without a reason is refused, with the name; then the reason, minutes, submit.
  const attendees = village.locator('[data-test="attendee"]');
  assert.ok(await attendees.count() >= 3);
  await attendees.nth(2).getByRole('button', { name: '请假' }).click();
  await attendees.nth(2).locator('input[placeholder="请假原因（必填）"]').waitFor();
  await village.locator('[data-test="record-presenter"]').click();
  await village.locator('.el-select-dropdown__item:visible').first().click();
  await village.locator('[data-test="record-recorder"]').click();
  await village.locator('.el-select-dropdown__item:visible').nth(1).click();
  await village.locator('textarea[data-test="record-minutes"]').fill('会议传达学习了上级会议精神，与会党员结合工作实际作了发言。');
  await village.locator('[data-test="record-submit"]').click();
  await village.getByText(/请假，请填写请假原因/).waitFor();
  await attendees.nth(2).locator('input[placeholder="请假原因（必填）"]').fill('外出务工');
  await screenshot(village, 'orglife-record-phone');
  assert.ok(await horizontalOverflow(village) <= 0, 'the record form fits 390 px');
  await village.locator('[data-test="record-submit"]').click();
  await village.locator('[data-test="meeting-state"]').getByText('待审核').waitFor();

  // Review from above: the queue holds it; approve.
  await town.goto('/orglife/reviews');
  await town.locator('[data-test="review-link"]').first().waitFor();
  // Oldest first: the new record is on the last page.
  const total = (await pageApi(town, 'GET', '/orglife/reviews?page_size=1')).body.total;
  const queue = await pageApi(town, 'GET', `/orglife/reviews?page_size=100&page=${Math.ceil(total / 100)}`);
  assert.ok(queue.body.items.some((m) => m.id === id), 'the township\'s queue holds the record');
  await town.goto(`/orglife/meetings/${id}`);
  await town.locator('[data-test="review"]').waitFor();
  await screenshot(town, 'orglife-review-desktop');
  await town.locator('[data-test="review-approve"]').click();
  await town.locator('[data-test="meeting-state"]').getByText('已通过').waitFor();
  const stored = await pageApi(town, 'GET', `/orglife/meetings/${id}`);
  assert.equal(stored.body.state, 'approved');
  assert.equal(stored.body.attendees.filter((a) => a.presence === 'leave').length, 1);

  // The compliance view of the township.
  await town.goto('/orglife/compliance');
  await town.locator('[data-test="compliance"] .el-table').waitFor();
  await screenshot(town, 'orglife-compliance-desktop');
  await village.goto('/orglife');
  await village.locator('[data-test="due-kind"]').first().waitFor();
});
