// On a 390×844 phone: the navigation is a drawer, and the people list, a person, the form and the tree read
// without sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, pageApi, screenshot, horizontalOverflow, PHONE, signedInSuite, closeSuite } from './helpers.mjs';

let server;
let browser;
let page;

before(async () => ({ server, browser, page } = await signedInSuite('demo_golmud', PHONE)), { timeout: 150_000 });
after(() => closeSuite({ server, browser }));

async function assertFits(what) {
  const overflow = await horizontalOverflow(page);
  assert.ok(overflow <= 1, `${what} is ${overflow}px wider than the phone`);
}

test('sign-in page fits the phone', { timeout: 60_000 }, async () => {
  const fresh = await newPage(browser, server.url, PHONE);
  await fresh.goto('/login');
  await fresh.locator('input[name="login"]').waitFor();
  assert.ok((await horizontalOverflow(fresh)) <= 1);
  await screenshot(fresh, 'phone-signin');
  await fresh.context().close();
});

test('the navigation collapses into a drawer', { timeout: 60_000 }, async () => {
  await page.goto('/orgs');
  assert.equal(await page.locator('aside').count(), 0);
  await page.getByRole('button', { name: '打开导航菜单' }).click();
  const drawer = page.locator('.el-drawer');
  await drawer.getByText('人员信息').waitFor();
  assert.match(await drawer.innerText(), /格尔木市/);
  assert.match(await drawer.innerText(), /退出登录/);
  await screenshot(page, 'phone-nav');
  await drawer.getByText('人员信息').click();
  await page.waitForURL('**/people');
});

test('the people list is cards that fit', { timeout: 60_000 }, async () => {
  await page.goto('/people');
  const cards = page.locator('[data-test="people-cards"] .card');
  await cards.first().waitFor();
  assert.equal(await page.locator('[data-test="people-table"]').count(), 0);
  await assertFits('the people list');
  await screenshot(page, 'phone-people');
  await page.getByRole('button', { name: /更多筛选/ }).click();
  await page.getByText('政治面貌').first().waitFor();
  await assertFits('the people list with filters open');
  await screenshot(page, 'phone-people-filters');
});

test('a person’s page and the edit form fit', { timeout: 60_000 }, async () => {
  const answer = await pageApi(page, 'GET', '/people?page_size=1&post=secretary');
  const person = answer.body.items[0] || (await pageApi(page, 'GET', '/people?page_size=1')).body.items[0];
  await page.goto(`/people/${person.id}`);
  await page.locator('[data-test="person-name"]').waitFor();
  await assertFits('a person');
  await screenshot(page, 'phone-person');
  await page.locator('[data-test="person-edit"]').click();
  await page.locator('input[name="phone"]').waitFor();
  await assertFits('the edit form');
  await screenshot(page, 'phone-person-edit');
});

test('the organization tree and detail fit', { timeout: 60_000 }, async () => {
  await page.goto('/orgs/632801000000');
  await page.locator('[data-test="org-detail"] h2', { hasText: '格尔木市' }).waitFor();
  await page.locator('[data-test="org-tree"] .el-tree-node').nth(1).waitFor();
  await assertFits('the organization page');
  await screenshot(page, 'phone-orgs');
});

// Issue #11 walk-through: the page headers' buttons (打印, 导出, 导入, 新增) ran past the right edge of a phone and
// pushed 人员信息 and 问题清单 sideways; they wrap now, each one whole on the screen.
test('the list pages\' header buttons wrap inside the phone', { timeout: 60_000 }, async () => {
  for (const [url, last] of [['/people', 'person-new'], ['/duty/items', 'item-new']]) {
    await page.goto(url);
    const button = page.locator(`[data-test="${last}"]`);
    await button.waitFor();
    const box = await button.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `${url}: ${last} at ${box.x}+${box.width}`);
    for (const b of await page.locator('.page-header .header-actions > *').all()) {
      const r = await b.boundingBox();
      if (r) assert.ok(r.x + r.width <= PHONE.width + 0.5, `${url}: a header button ends at ${r.x + r.width}`);
    }
    await assertFits(url);
  }
});

// Issue #11 at 390 px: 人员信息's four header buttons wrapped three and one (新增人员 alone), and a card's “100%” fell
// under its progress bar in 问题清单. The buttons are two even rows; every card's figure sits on its bar's line.
test('人员信息\'s header buttons are even rows, and 问题清单\'s figures stay beside their bars', { timeout: 60_000 }, async () => {
  await page.goto('/people');
  await page.locator('[data-test="person-new"]').waitFor();
  const boxes = [];
  for (const b of await page.locator('.page-header .header-actions > *').all()) {
    const r = await b.boundingBox();
    if (r && r.width > 0) boxes.push(r);
  }
  const rows = new Map();
  for (const r of boxes) rows.set(Math.round(r.y), [...(rows.get(Math.round(r.y)) || []), r]);
  const counts = [...rows.values()].map((row) => row.length);
  assert.ok(counts.every((n) => n === counts[0]), `as many buttons on each row (${counts})`);
  const widths = boxes.map((r) => r.width);
  assert.ok(Math.max(...widths) - Math.min(...widths) <= 2, `the buttons are as wide as each other (${widths.map(Math.round)})`);
  await screenshot(page, 'phone-people-header');

  await page.goto('/duty/items?kind=all');
  await page.locator('.el-progress').first().waitFor();
  const misplaced = await page.evaluate(() =>
    [...document.querySelectorAll('.el-progress')]
      .map((bar) => {
        const outer = bar.querySelector('.el-progress-bar__outer').getBoundingClientRect();
        const text = bar.querySelector('.el-progress__text').getBoundingClientRect();
        return { text: bar.querySelector('.el-progress__text').textContent.trim(), beside: text.left >= outer.right - 1 && text.top < outer.bottom && text.bottom > outer.top };
      })
      .filter((p) => !p.beside)
      .map((p) => p.text),
  );
  assert.deepEqual(misplaced, [], 'every figure on its bar\'s line, to its right');
  await screenshot(page, 'phone-items-progress');
});
