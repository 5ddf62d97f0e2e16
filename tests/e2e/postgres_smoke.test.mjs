// The browser smoke walk on PostgreSQL (make test's PostgreSQL pass, scripts/test-postgres.sh, sets JICENG_SUITE_PG
// and the demo template; skipped otherwise, since the whole browser suite runs on SQLite): a county account
// (demo_golmud, 格尔木市组织部) and a village account (demo_village) sign in and walk 工作台, 问题清单 and 人员信息
// with real figures and rows, the county adds a measure to a problem through the dialog, and the village sees its
// own village's rows only. Screenshots go to build/e2e-screenshots/pg-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PG, startServer, launchBrowser, newPage, signIn, pageApi, screenshot } from './helpers.mjs';

const skip = PG ? false : 'PostgreSQL only (JICENG_SUITE_PG, scripts/test-postgres.sh)';
const TOWN = '632801100000';
const stamp = Date.now().toString(36).slice(-4);
const MEASURE = `建立村务公开栏并每月更新（测试${stamp}）`;

let server;
let browser;
let countyPeople; // how many people demo_golmud sees

before(async () => {
  if (skip) return;
  server = await startServer();
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

function shanghaiDate(offsetDays = 0) {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

// 工作台, 问题清单 and 人员信息 each show their data (not an error, not an empty table).
async function walkMainPages(page, who) {
  await page.goto('/dashboard');
  await page.locator('[data-test="dashboard-totals"]').waitFor();
  await page.locator('[data-test="dashboard-table"] .el-table__body tr').first().waitFor();
  assert.equal(await page.locator('[data-test="dashboard-error"]').count(), 0, `${who}: 工作台 without an error`);
  await screenshot(page, `pg-${who}-dashboard`);

  // 问题清单 by default lists the caller's own subtree (scope=own): rows when the API has some, else its empty state.
  await page.goto('/duty/items');
  const own = await pageApi(page, 'GET', '/duty/items?kind=problem&scope=own&page_size=20');
  assert.equal(own.status, 200);
  if (own.body.total > 0) {
    await page.locator('[data-test="items-table"] .el-table__body tr').first().waitFor();
    assert.equal(await page.locator('[data-test="items-table"] .el-table__body tr').count(), own.body.items.length,
      `${who}: 问题清单 shows the API's page`);
  } else {
    await page.locator('[data-test="items-table"] .el-empty').waitFor();
  }
  await screenshot(page, `pg-${who}-items`);

  await page.goto('/people');
  const rows = page.locator('.el-table__body tr');
  await rows.first().waitFor();
  assert.ok((await rows.count()) > 0, `${who}: 人员信息 lists people`);
  await screenshot(page, `pg-${who}-people`);
}

test('a county account walks 工作台, 问题清单 and 人员信息 and adds a measure on PostgreSQL', { skip, timeout: 90_000 }, async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'demo_golmud');
  await walkMainPages(page, 'county');
  countyPeople = (await pageApi(page, 'GET', '/people?page_size=1')).body.total;

  // A problem for the first town, made through the API, then a measure added through the page's dialog.
  const made = await pageApi(page, 'POST', '/duty/items', {
    kind: 'problem',
    title: `村务公开不及时（测试${stamp}）`,
    content: '村务公开栏内容停留在去年。',
    deadline: shanghaiDate(30),
    source: 'research',
    area: '村务公开',
    severity: 'minor',
    responsible_org_code: TOWN,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  await page.goto(`/duty/items/${made.body.id}`);
  await page.locator('[data-test="item-title"]').waitFor();
  await page.locator('[data-test="measure-new"]').click();
  const dialog = page.locator('[data-test="measure-dialog"]');
  await dialog.locator('input[name="title"]').fill(MEASURE);
  await dialog.locator('textarea[name="content"]').fill('在村委会门口设公开栏，每月 5 日前更新收支和事项。');
  await page.locator('[data-test="measure-save"]').click();
  await page.locator('[data-test="measures-table"]').getByText(MEASURE).waitFor();
  await screenshot(page, 'pg-county-measure');
  // The write is in the database the next request reads.
  const again = await pageApi(page, 'GET', `/duty/items/${made.body.id}`);
  assert.ok(again.body.measures.some((m) => m.title === MEASURE), 'the measure is saved');
  await page.context().close();
});

test('a village account walks 工作台, 问题清单 and 人员信息 of its own village on PostgreSQL', { skip, timeout: 90_000 }, async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'demo_village');
  await walkMainPages(page, 'village');
  // Its own village only: fewer people than the county sees, and the county itself is not found.
  const people = await pageApi(page, 'GET', '/people?page_size=1');
  assert.equal(people.status, 200);
  assert.ok(people.body.total > 0 && people.body.total < countyPeople, `${people.body.total} of ${countyPeople}`);
  assert.equal((await pageApi(page, 'GET', '/people?org=632801000000')).status, 404);
  await page.context().close();
});
