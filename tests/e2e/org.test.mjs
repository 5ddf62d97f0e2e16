// 组织体系 as demo_golmud (org department of 格尔木市): the lazy tree, the detail panel, the search, the link to
// the people list, and the refusal for an organization outside the subtree (德令哈市).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, signedInSuite, closeSuite } from './helpers.mjs';

let server;
let browser;
let page;

before(async () => ({ server, browser, page } = await signedInSuite('demo_golmud')), { timeout: 150_000 });
after(() => closeSuite({ server, browser }));

const treeNode = (name) => page.locator('[data-test="org-tree"] .el-tree-node__content').filter({ hasText: name });

test('the tree opens at 格尔木市 and expands a township down to its villages', { timeout: 60_000 }, async () => {
  await page.goto('/orgs');
  await treeNode('格尔木市').first().waitFor();
  // The root is expanded on load; its children include townships (镇/乡).
  const township = page
    .locator('[data-test="org-tree"] .el-tree-node__content')
    .filter({ has: page.locator('.node-kind', { hasText: /^(镇|乡)$/ }) })
    .first();
  await township.waitFor();
  const townshipName = (await township.locator('.node-name').innerText()).trim();
  await township.locator('.el-tree-node__expand-icon').click();
  const village = page
    .locator('[data-test="org-tree"] .el-tree-node__content')
    .filter({ has: page.locator('.node-kind', { hasText: /^(村|社区)$/ }) })
    .first();
  await village.waitFor();

  // Selecting the township shows its detail with the counts by kind in Chinese.
  await township.locator('.node-name').click();
  await page.waitForURL(/\/orgs\/\d{12}/);
  const detail = page.locator('[data-test="org-detail"]');
  await detail.locator('h2', { hasText: townshipName }).waitFor();
  assert.match(await page.locator('[data-test="org-counts"]').innerText(), /村|社区/);
  await screenshot(page, 'org-tree');
});

test('the detail panel of 格尔木市 and the link to its people', { timeout: 60_000 }, async () => {
  await page.goto('/orgs/632801000000');
  const detail = page.locator('[data-test="org-detail"]');
  await detail.locator('h2', { hasText: '格尔木市' }).waitFor();
  const text = await detail.innerText();
  assert.match(text, /632801000000/);
  assert.match(text, /上级组织/);
  assert.match(text, /海西/);
  await screenshot(page, 'org-detail');

  await page.locator('[data-test="org-people-link"]').click();
  await page.waitForURL(/\/people\?org=632801000000/);
  await page.locator('[data-test="people-total"]').getByText('格尔木市').waitFor();
});

test('searching by name finds a unit in the subtree', { timeout: 60_000 }, async () => {
  await page.goto('/orgs');
  await treeNode('格尔木市').first().waitFor();
  await page.locator('input[data-test="org-search"]').fill('村');
  const results = page.locator('[data-test="org-results"] li');
  await results.first().waitFor();
  assert.ok((await results.count()) > 0);
  await screenshot(page, 'org-search');
  await results.first().click();
  await page.waitForURL(/\/orgs\/\d{12}/);
  await page.locator('[data-test="org-detail"]').waitFor();
});

test('an organization outside the subtree is refused', { timeout: 60_000 }, async () => {
  await page.goto('/orgs/632802000000');
  await page.getByText('未找到该对象，或不在您的管辖范围内').waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /德令哈/);
  await screenshot(page, 'org-out-of-scope');
});

// Issue #11: the picker listed the exact match 中村 twelfth (an account was bound to 城中村 by mistake), and a
// search outside the subtree showed the input hint as if nothing had been typed.
test('the org picker puts the exact name first with its path, and says 无匹配 outside the subtree', { timeout: 60_000 }, async () => {
  await page.goto('/duty/report');
  const picker = page.locator('[data-test="report-org"]');
  await picker.locator('.el-select__wrapper').click();
  await page.keyboard.type('中村');
  // The current choice (格尔木市) stays listed, after the answer, to keep its name.
  const options = page.locator('.el-select-dropdown:visible .el-select-dropdown__item:not(.is-selected) [data-test="org-option"]');
  await options.first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.el-select-dropdown [data-test="org-option"]')]
    .some((o) => o.offsetParent !== null && o.textContent.includes('›')));
  const first = options.first();
  assert.equal((await first.locator('.option-name').innerText()).trim(), '中村');
  assert.match(await first.locator('.option-meta').innerText(), /^村 · 格尔木市 › .+ › 中村$/);
  // Whatever else contains 中村 comes after it, its own Party branch first (issue #11: the branch came after every
  // unit whose name starts with 中村), with the village in its path.
  const names = await options.locator('.option-name').allInnerTexts();
  assert.ok(names.slice(1).every((n) => n.includes('中村') && n !== '中村'), names.join('、'));
  assert.equal(names[1].trim(), '中村党支部', names.join('、'));
  assert.match(await options.nth(1).locator('.option-meta').innerText(), /^党支部 · 格尔木市 › .+ › 中村 › 中村党支部$/);
  await screenshot(page, 'org-picker-exact-first');

  // The city by its own name: the city, then its own Party committee (中共格尔木市委员会, named otherwise: it came
  // eighth), then the units whose names start with 格尔木市, each followed by its Party branch.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('格尔木市');
  await page.waitForFunction(() => [...document.querySelectorAll('.el-select-dropdown [data-test="org-option"] .option-name')]
    .some((o) => o.offsetParent !== null && o.textContent.trim() === '中共格尔木市委员会'));
  const city = (await page.locator('.el-select-dropdown:visible [data-test="org-option"] .option-name').allInnerTexts()).map((n) => n.trim());
  assert.deepEqual(city.slice(0, 2), ['格尔木市', '中共格尔木市委员会'], city.join('、'));
  assert.equal(city[city.indexOf('格尔木市教育局') + 1], '格尔木市教育局机关党支部', city.join('、'));

  await page.keyboard.press('Control+A');
  await page.keyboard.type('德令哈市');
  await page.locator('.el-select-dropdown:visible [data-test="org-no-match"]').getByText('无匹配的组织').waitFor();
  assert.equal(await page.locator('.el-select-dropdown:visible').getByText('输入名称或代码查找').count(), 0);
  await page.keyboard.press('Escape');
});
