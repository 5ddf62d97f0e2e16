// 责任整改 (the duty module) through the browser: demo_golmud (组织部, 格尔木市) writes a problem for the first town
// of 格尔木市 with a measure, 交办 and 公开 it; demo_town (that town's committee, in a second browser context) reports
// progress and asks for 销号; demo_golmud 退回 with a reason, the town reports again, demo_golmud 验收销号. Along
// the way: evidence upload (a PNG accepted, an .exe refused), bulk 交办/公开, the 待办 inbox and header badge, the
// 每月一题 board, the 逾期未整改 report, a 责任清单 signed by the town, and the phone layout. Screenshots of every
// page go to build/e2e-screenshots/duty-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, pageApi, screenshot, horizontalOverflow, PHONE } from './helpers.mjs';

const TOWN = '632801100000';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let server;
let browser;
let golmud; // demo_golmud's page (desktop)
let town; // demo_town's page, its own browser context
let townName;
let townPerson; // a person of the town, 责任人
let leader; // a person of 格尔木市, 包联领导
let problemId;
const stamp = Date.now().toString(36).slice(-4);
const TITLE = `村集体经济收入来源单一（测试${stamp}）`;
const MEASURE = `成立村股份经济合作社并建立收支台账（测试${stamp}）`;
const SECOND_MEASURE = `制定合作社收益分配方案（测试${stamp}）`;
const RETURN_REASON = '合作社收支台账未见实物佐证，请补充后再提交';

function shanghaiDate(offsetDays = 0) {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  golmud = await newPage(browser, server.url);
  town = await newPage(browser, server.url);
  await Promise.all([signIn(golmud, 'demo_golmud'), signIn(town, 'demo_town')]);
  const org = await pageApi(golmud, 'GET', `/orgs/${TOWN}`);
  assert.equal(org.status, 200, 'demo_golmud sees the first town of 格尔木市');
  townName = org.body.name;
  const people = await pageApi(golmud, 'GET', `/people?org=${TOWN}&page_size=1&post=secretary`);
  townPerson = people.body.items[0] || (await pageApi(golmud, 'GET', `/people?org=${TOWN}&page_size=1`)).body.items[0];
  leader = (await pageApi(golmud, 'GET', '/people?page_size=1&sort=name')).body.items[0];
  assert.ok(townPerson && leader, 'the demo has people to pick');
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

// ---- helpers on a page ----
const item = (page, test) => page.locator(`[data-test="${test}"]`);

// Opens an Element Plus select, types, and clicks the option whose name is exactly `optionText` (the org and person
// pickers show the name and, beside it, where the option belongs).
async function pickInSelect(page, selectTest, typed, optionText) {
  const select = page.locator(`[data-test="${selectTest}"]`).first();
  await select.locator('.el-select__wrapper').click();
  if (typed) await page.keyboard.type(typed, { delay: 10 });
  const exact = new RegExp(`^\\s*${optionText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const options = page.locator('.el-select-dropdown:visible .el-select-dropdown__item');
  const named = options.filter({ has: page.locator('.option-name', { hasText: exact }) });
  const option = (await named.count()) ? named.first() : options.filter({ hasText: optionText }).first();
  await option.waitFor();
  await option.click();
  // Wait for the dropdown to close, so that the next pick does not find this one's options.
  await page.waitForFunction(() => ![...document.querySelectorAll('.el-select-dropdown')].some((el) => el.getClientRects().length > 0));
}

async function fillDate(page, name, value) {
  const input = page.locator(`input[name="${name}"]`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.locator('h1').first().click(); // close the picker
}

async function stateIs(page, name) {
  await page.locator('[data-test="item-head"] [data-test="state-tag"]').filter({ hasText: name }).first().waitFor();
}

// Clicks an action with a confirmation box and waits for the new state.
async function confirmAction(page, code, newState) {
  await item(page, `action-${code}`).first().click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await stateIs(page, newState);
}

async function openItem(page) {
  await page.goto(`/duty/items/${problemId}`);
  await page.locator('[data-test="item-title"]').waitFor();
}

test('the problem form checks its fields in Chinese, then saves a draft', { timeout: 40_000 }, async () => {
  await golmud.goto('/duty/items/new');
  await golmud.locator('input[name="title"]').waitFor();
  await item(golmud, 'item-save').click();
  await golmud.getByText('请填写标题').waitFor();
  await golmud.getByText('请选择问题来源').waitFor();
  await golmud.getByText('请选择责任单位').waitFor();
  await golmud.getByText('请选择完成时限').waitFor();
  await screenshot(golmud, 'duty-new-errors');
  // Regression: a typed 2026-13-45 became 2027-02-14, and a past date silently emptied the field.
  const deadlineItem = golmud.locator('.el-form-item').filter({ has: golmud.locator('input[name="deadline"]') });
  await fillDate(golmud, 'deadline', '2026-13-45');
  await deadlineItem.getByText('不是有效日期：月份应在 1—12 之间').waitFor();
  assert.equal(await golmud.locator('input[name="deadline"]').inputValue(), '', 'nothing rolled over into the field');
  await fillDate(golmud, 'deadline', shanghaiDate(-3));
  await deadlineItem.getByText('完成时限不能早于今天').waitFor();
  await screenshot(golmud, 'duty-new-bad-date');

  await golmud.locator('input[name="title"]').fill(TITLE);
  await golmud.locator('textarea[name="content"]').fill('调研发现该镇所辖村集体经济以土地、草场租赁为主，收入来源单一，抗风险能力弱，部分村年收入不足 5 万元。');
  await golmud.locator('textarea[name="target"]').fill('年底前各村集体经济收入均达到 10 万元以上');
  await pickInSelect(golmud, 'field-source', '', '每月一题');
  await pickInSelect(golmud, 'field-area', '', '发展壮大村集体经济');
  await golmud.locator('[data-test="field-severity"]').getByText('较重').click();
  await pickInSelect(golmud, 'field-org', townName, townName);
  await pickInSelect(golmud, 'field-person', townPerson.name, townPerson.name);
  await pickInSelect(golmud, 'field-leader', leader.name, leader.name);
  await fillDate(golmud, 'deadline', shanghaiDate(60));
  assert.equal(await golmud.locator('.item-form .el-form-item.is-error').count(), 0, 'no field complains any more');
  await screenshot(golmud, 'duty-new');
  await item(golmud, 'item-save').click();
  await golmud.waitForURL(/\/duty\/items\/\d+$/);
  problemId = Number(new URL(golmud.url()).pathname.split('/').pop());
  await stateIs(golmud, '草稿');
  assert.match(await item(golmud, 'item-head').innerText(), new RegExp(townName));
});

test('demo_golmud adds a measure, then 交办 and 公开 the problem', { timeout: 40_000 }, async () => {
  await openItem(golmud);
  await item(golmud, 'measure-new').click();
  const dialog = golmud.locator('[data-test="measure-dialog"]');
  await dialog.locator('input[name="title"]').fill(MEASURE);
  await dialog.locator('textarea[name="content"]').fill('召开村民代表大会，清产核资，成立合作社，按月公开收支。');
  await item(golmud, 'measure-save').click();
  await golmud.locator('[data-test="measures-table"]').getByText(MEASURE).waitFor();
  // The server offers 交办 for a draft and nothing the responsible side does.
  assert.equal(await golmud.locator('[data-test="item-head"] [data-test="action-progress"]').count(), 0);
  await screenshot(golmud, 'duty-item-draft');
  // A draft can still be edited.
  await item(golmud, 'item-edit').click();
  await golmud.waitForURL(/\/edit$/);
  await golmud.locator('textarea[name="target"]').fill('年底前各村集体经济收入均达到 10 万元以上，薄弱村全面清零');
  await screenshot(golmud, 'duty-edit');
  await item(golmud, 'item-save').click();
  await golmud.waitForURL(new RegExp(`/duty/items/${problemId}$`));
  await golmud.locator('[data-test="item-fields"]').getByText('薄弱村全面清零').waitFor();
  await confirmAction(golmud, 'assign', '已交办');
  await confirmAction(golmud, 'publish', '已公开');
  // The measure went along: assigned and published with its problem (it stayed 草稿 before).
  await golmud.locator('[data-test="measures-table"] tr').filter({ hasText: MEASURE }).locator('[data-test="state-tag"]', { hasText: '已公开' }).waitFor();
});

test('bulk 交办 and 公开 of a second measure from the problem list, with the Excel link', { timeout: 40_000 }, async () => {
  const second = await pageApi(golmud, 'POST', '/duty/items', {
    kind: 'measure',
    parent_id: problemId,
    title: SECOND_MEASURE,
    content: '制定合作社收益分配方案并公示。',
    deadline: shanghaiDate(30),
    responsible_org_code: TOWN,
  });
  assert.equal(second.status, 201, JSON.stringify(second.body));
  await golmud.goto(`/duty/items?kind=measure&q=${encodeURIComponent(`测试${stamp}`)}`);
  const row = golmud.locator('[data-test="items-table"] .el-table__body tr').filter({ hasText: SECOND_MEASURE });
  await row.waitFor();
  await row.locator('.el-checkbox').click();
  await item(golmud, 'bulk-assign').click();
  await golmud.locator('.el-message-box').getByText('确定将选中的 1 项交办吗').waitFor();
  await screenshot(golmud, 'duty-bulk-confirm');
  await golmud.locator('.el-message-box__btns .el-button--primary').click();
  await row.locator('[data-test="state-tag"]', { hasText: '已交办' }).waitFor();
  await row.locator('.el-checkbox').click();
  await item(golmud, 'bulk-publish').click();
  await golmud.locator('.el-message-box__btns .el-button--primary').click();
  await row.locator('[data-test="state-tag"]', { hasText: '已公开' }).waitFor();

  await golmud.goto('/duty/items');
  await golmud.locator('[data-test="items-table"] .el-table__body tr').first().waitFor();
  assert.match(await golmud.locator('[data-test="items-table"]').innerText(), /逾期 \d+ 天/, 'overdue problems say so');
  await screenshot(golmud, 'duty-items');
  await golmud.goto(`/duty/items?q=${encodeURIComponent(`测试${stamp}`)}`);
  await golmud.locator('[data-test="items-table"] .el-table__body tr').filter({ hasText: TITLE }).waitFor();
  const href = await item(golmud, 'items-export').getAttribute('href');
  assert.match(href, /^\/api\/v1\/duty\/items\.xlsx\?kind=problem&q=/);
  const xlsx = await golmud.evaluate(async (url) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), zip: bytes[0] === 0x50 && bytes[1] === 0x4b };
  }, href);
  assert.equal(xlsx.status, 200, 'the Excel export answers');
  assert.ok(xlsx.zip, `the export is an .xlsx (zip), got ${xlsx.type}`);
  await screenshot(golmud, 'duty-items-search');
});

// Issue #11 §6: 问题清单's filters are built when first reached (common/LazySelect, LazyDatePicker) and its rows draw
// no ElCheckbox, ElProgress or tag transition: the page loads without any of them, and each filter still works —
// by pointer (it opens on the first click), by keyboard, and showing the value the URL holds.
test('问题清单 builds its filters when first used, and each works as a filter', { timeout: 60_000 }, async () => {
  await golmud.goto('/duty/items?state=in_progress&sort=-deadline');
  await golmud.locator('[data-test="items-table"] .el-table__body tr').first().waitFor();
  const built = () => golmud.evaluate(() => ({
    selects: document.querySelectorAll('.filters .el-select__wrapper.el-tooltip__trigger').length,
    pickers: document.querySelectorAll('.el-picker-panel').length,
    checkboxes: document.querySelectorAll('[data-test="items-table"] .el-checkbox__original').length,
    rows: document.querySelectorAll('[data-test="items-table"] .el-table__body tr').length,
    zooming: document.querySelectorAll('.el-zoom-in-center-enter-active, .el-zoom-in-center-enter-from').length,
  }));
  const atLoad = await built();
  assert.equal(atLoad.selects, 2, 'only the two searching pickers (组织, 包联领导) are built at load');
  assert.equal(atLoad.pickers, 0, 'no month panel at load');
  assert.equal(atLoad.zooming, 0, 'no tag zooms in');
  assert.equal(atLoad.checkboxes, atLoad.rows + 1, 'a checkbox a row and one for all');
  // The values from the URL, shown before anything is built.
  assert.equal((await item(golmud, 'filter-state').innerText()).trim(), '整改中');
  assert.equal((await item(golmud, 'filter-sort').innerText()).trim(), '完成时限 由远到近');

  // By pointer: the first click opens the real select; an option filters the list.
  await item(golmud, 'filter-due').locator('.el-select__wrapper').click();
  await golmud.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '已逾期' }).click();
  await golmud.waitForURL((url) => url.searchParams.get('due') === 'overdue' && url.searchParams.get('state') === 'in_progress');
  // By keyboard: Tab from 时限 reaches 来源, Enter opens it, ↓ and Enter pick.
  await item(golmud, 'filter-due').locator('input').focus();
  await golmud.keyboard.press('Tab');
  await golmud.waitForFunction(() => document.activeElement?.closest('[data-test="filter-source"]'));
  await golmud.keyboard.press('Enter');
  await golmud.locator('.el-select-dropdown:visible .el-select-dropdown__item').first().waitFor();
  await golmud.keyboard.press('ArrowDown');
  await golmud.keyboard.press('Enter');
  await golmud.waitForURL((url) => !!url.searchParams.get('source'));
  // The month, shown from the URL before it is built; the first click opens the real picker; another month filters.
  await golmud.goto('/duty/items?month=2026-03');
  await golmud.locator('[data-test="items-total"]').waitFor();
  const month = golmud.locator('.filters .el-form-item', { hasText: '月份' }).locator('input');
  assert.equal(await month.inputValue(), '2026年3月');
  assert.equal(await golmud.locator('.el-picker-panel').count(), 0);
  await month.click();
  await golmud.locator('.el-picker-panel:visible .el-month-table td', { hasText: '四月' }).click();
  await golmud.waitForURL((url) => url.searchParams.get('month') === '2026-04');
  await golmud.goto('/duty/items');
  await golmud.locator('[data-test="items-table"] .el-table__body tr').first().waitFor();
});

test('demo_town sees it in 待办, reports progress with evidence and asks for 销号', { timeout: 60_000 }, async () => {
  await town.goto('/duty/todo');
  await item(town, 'todo-badge').waitFor();
  const entry = town.locator('[data-test="todo-item"]').filter({ hasText: TITLE });
  await entry.waitFor();
  await screenshot(town, 'duty-todo');
  await entry.click();
  await town.waitForURL(new RegExp(`/duty/items/${problemId}$`));
  // The responsible side may not 交办, 公开 or 验收 it.
  await item(town, 'action-progress').waitFor();
  for (const code of ['assign', 'publish', 'accept', 'return']) assert.equal(await item(town, `action-${code}`).count(), 0, `no ${code} for the town`);

  await item(town, 'action-progress').click();
  const dialog = town.locator('.action-dialog');
  await dialog.locator('input[name="progress"]').fill('50');
  await dialog.locator('textarea[name="note"]').fill('已召开村民代表大会，完成清产核资，合作社章程已起草。');
  await screenshot(town, 'duty-progress-dialog');
  await item(town, 'action-confirm').click();
  await stateIs(town, '整改中');
  // The problem's own bar follows its measures (by weight); the report is in the timeline.
  await town.locator('[data-test="timeline"]').getByText('进度 50%').waitFor();

  // A small PNG is accepted and listed; random bytes named x.exe are refused with the server's reason.
  await town.locator('[data-test="evidence-file"]').setInputFiles({ name: '合作社成立大会现场.png', mimeType: 'image/png', buffer: PNG });
  await town.locator('[data-test="evidence-list"]').getByText('合作社成立大会现场.png').waitFor();
  const junk = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
  await town.locator('[data-test="evidence-file"]').setInputFiles({ name: 'x.exe', mimeType: 'application/octet-stream', buffer: junk });
  const refusal = town.locator('[data-test="evidence-error"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /x\.exe.*[\u4e00-\u9fff]{4}/s);
  assert.equal(await town.locator('[data-test="evidence-list"] li').count(), 1, 'the refused file is not listed');
  await screenshot(town, 'duty-evidence');

  // A problem is submitted only when its measures are signed off: the measure is done first (through the API;
  // the item page does the same for problems). Until then the server refuses the problem's 提交销号.
  const early = await pageApi(town, 'POST', `/duty/items/${problemId}/actions`, { action: 'submit' });
  assert.equal(early.status, 409);
  assert.match(early.body.message, /整改措施未销号/);
  for (const measure of (await pageApi(golmud, 'GET', `/duty/items/${problemId}`)).body.measures) {
    // No evidence on the measure itself: signing off says so (409) until confirmed.
    const unconfirmed = [golmud, { action: 'accept', score: 90, grade: '优秀' }];
    for (const [page, body, status = 200] of [
      [town, { action: 'progress', progress: 100, note: '合作社已成立，收支台账按月公开。' }],
      [town, { action: 'submit' }],
      [...unconfirmed, 409],
      [golmud, { action: 'accept', score: 90, grade: '优秀', confirm_no_evidence: true }],
    ]) {
      const answer = await pageApi(page, 'POST', `/duty/items/${measure.id}/actions`, body);
      assert.equal(answer.status, status, JSON.stringify(answer.body));
    }
  }

  await town.reload();
  await confirmAction(town, 'submit', '已提交');
  assert.equal(await item(town, 'action-submit').count(), 0);
});

test('demo_golmud may not 提交销号; it 退回 with a reason', { timeout: 40_000 }, async () => {
  await openItem(golmud);
  await stateIs(golmud, '已提交');
  await item(golmud, 'action-accept').waitFor();
  assert.equal(await item(golmud, 'action-submit').count(), 0, 'no 提交销号 for the assigning side');
  assert.equal(await item(golmud, 'action-progress').count(), 0, 'no 报进展 for the assigning side');
  const refused = await pageApi(golmud, 'POST', `/duty/items/${problemId}/actions`, { action: 'submit' });
  assert.ok([403, 409].includes(refused.status), `submit by the assigning side answers ${refused.status}`);

  await item(golmud, 'action-return').click();
  const dialog = golmud.locator('.action-dialog');
  await item(golmud, 'action-confirm').click();
  await dialog.getByText('请填写退回原因').waitFor(); // the reason is required
  await dialog.locator('textarea[name="note"]').fill(RETURN_REASON);
  await screenshot(golmud, 'duty-return-dialog');
  await item(golmud, 'action-confirm').click();
  await stateIs(golmud, '已退回');
  await golmud.locator('[data-test="timeline"]').getByText(RETURN_REASON).waitFor();
});

test('demo_town reports 100% and submits again; demo_golmud 验收销号', { timeout: 60_000 }, async () => {
  await openItem(town);
  await stateIs(town, '已退回');
  await town.locator('[data-test="returned-alert"]').getByText(RETURN_REASON).waitFor();
  await screenshot(town, 'duty-item-returned');
  await item(town, 'action-progress').click();
  const dialog = town.locator('.action-dialog');
  await dialog.locator('input[name="progress"]').fill('100');
  await dialog.locator('textarea[name="note"]').fill('已补充合作社收支台账及银行流水，整改完成。');
  await item(town, 'action-confirm').click();
  await stateIs(town, '整改中');
  await confirmAction(town, 'submit', '已提交');

  await openItem(golmud);
  await item(golmud, 'action-accept').click();
  const accept = golmud.locator('.action-dialog');
  await accept.locator('input[name="score"]').fill('92');
  await accept.locator('input[name="score"]').blur();
  // The grade follows the score: shown, not chosen.
  await accept.locator('[data-test="grade"]').getByText('优秀', { exact: true }).waitFor();
  await accept.locator('textarea[name="note"]').fill('整改措施落实到位，台账规范。');
  await screenshot(golmud, 'duty-accept-dialog');
  await item(golmud, 'action-confirm').click();
  await stateIs(golmud, '已销号');
  assert.match(await item(golmud, 'item-verdict').innerText(), /92.*优秀/);
  const timeline = await golmud.locator('[data-test="timeline"]').innerText();
  assert.match(timeline, new RegExp(RETURN_REASON));
  assert.match(timeline, /已提交\s*→\s*已退回/);
  assert.match(timeline, /→\s*已销号/);
  for (const code of ['submit', 'progress', 'accept', 'assign']) assert.equal(await item(golmud, `action-${code}`).count(), 0, `no ${code} once 已销号`);
  await screenshot(golmud, 'duty-item-accepted');
});

test('the 每月一题 board, the 逾期未整改 report and the 待办 badge', { timeout: 40_000 }, async () => {
  // A second problem due in three days, assigned and published through the API: 临期 today, overdue in ten days.
  const due = shanghaiDate(3);
  const created = await pageApi(golmud, 'POST', '/duty/items', {
    kind: 'problem',
    title: `村级活动场所管理制度不健全（测试${stamp}）`,
    content: '巡察发现部分村活动场所未建立管理和使用制度。',
    deadline: due,
    source: 'patrol',
    area: '基层党组织标准化建设',
    severity: 'minor',
    responsible_org_code: TOWN,
    responsible_person_id: townPerson.id,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  for (const action of ['assign', 'publish']) {
    const answer = await pageApi(golmud, 'POST', `/duty/items/${created.body.id}/actions`, { action });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
  }

  await golmud.goto('/duty/board');
  await golmud.locator('[data-test="board-card"]').filter({ hasText: TITLE }).waitFor();
  assert.match(await golmud.locator('[data-test="board-card"]').filter({ hasText: TITLE }).innerText(), new RegExp(MEASURE.slice(0, 8)));
  await screenshot(golmud, 'duty-board');

  await golmud.goto('/duty/items?due=due_soon');
  const soon = golmud.locator('[data-test="items-table"] .el-table__body tr').filter({ hasText: '村级活动场所管理制度不健全' });
  await soon.waitFor();
  assert.match(await soon.locator('[data-test="deadline"]').innerText(), /剩 \d+ 天/);

  const later = shanghaiDate(13);
  await golmud.goto(`/duty/report?as_of=${later}`);
  const unit = golmud.locator('[data-test="report-unit"]').filter({ hasText: townName });
  await unit.waitFor();
  // Only unfolded units have their table built (the report used to build every folded one with the page).
  const units = await golmud.locator('[data-test="report-unit"]').count();
  const unfolded = await golmud.locator('[data-test="report-unit"] .el-collapse-item__header.is-active').count();
  assert.ok(units > unfolded, `more units (${units}) than are unfolded at first (${unfolded})`);
  assert.equal(await golmud.locator('[data-test="report-unit"] .unit-table').count(), unfolded, 'a table for each unfolded unit and no other');
  if (!(await unit.locator('.el-collapse-item__header.is-active').count())) await unit.locator('.el-collapse-item__header').click();
  await unit.getByText('村级活动场所管理制度不健全').waitFor();
  assert.match(await unit.innerText(), /逾期 10 天/);
  assert.match(await item(golmud, 'report-export').getAttribute('href'), new RegExp(`/api/v1/duty/report\\.xlsx\\?org=632801000000&as_of=${later}`));
  await screenshot(golmud, 'duty-report');

  // The town has the new problem to do: the badge counts it.
  await town.goto('/duty/todo');
  await town.locator('[data-test="todo-item"]').filter({ hasText: '村级活动场所管理制度不健全' }).waitFor();
  const badge = await item(town, 'todo-badge').innerText();
  assert.match(badge, /\d/);
});

test('a 责任清单 issued to the town and signed by it', { timeout: 40_000 }, async () => {
  await golmud.goto('/duty/lists/new');
  await golmud.locator('input[name="title"]').fill(`2026年度基层党建工作责任清单（测试${stamp}）`);
  await pickInSelect(golmud, 'list-holder', townName, townName);
  await golmud.locator('input[name="item-title-0"]').fill('村党组织标准化建设达标');
  await golmud.locator('textarea[name="item-content-0"]').fill('对照“六有”标准完善村级活动阵地。');
  await golmud.locator('input[name="item-target-0"]').fill('年底前达标率 100%');
  await item(golmud, 'list-entry-add').click();
  await golmud.locator('input[name="item-title-1"]').fill('发展壮大村集体经济');
  await golmud.locator('textarea[name="item-content-1"]').fill('每个村至少培育一个稳定增收项目。');
  await golmud.locator('input[name="item-target-1"]').fill('村均集体经济收入 10 万元以上');
  await screenshot(golmud, 'duty-list-new');
  await item(golmud, 'list-save').click();
  await golmud.waitForURL(/\/duty\/lists\/\d+$/);
  await golmud.locator('[data-test="list-items"]').getByText('发展壮大村集体经济').waitFor();
  assert.equal(await item(golmud, 'list-ack').count(), 0, 'the issuer does not sign');
  const listPath = new URL(golmud.url()).pathname;

  await town.goto('/duty/lists');
  const row = town.locator('[data-test="lists-table"] .el-table__body tr').filter({ hasText: `测试${stamp}` });
  await row.waitFor();
  await screenshot(town, 'duty-lists');
  await town.goto(listPath);
  await item(town, 'list-ack').click();
  await town.locator('.el-message-box__btns .el-button--primary').click();
  const acked = item(town, 'list-acked');
  await acked.waitFor();
  assert.match(await acked.innerText(), /已签收.*\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
  await screenshot(town, 'duty-list');
});

// Regression (issue #10): 55 分 was accepted with 优秀, and an item was signed off with no evidence and no warning.
test('signing off without evidence asks first, and 55 分 is 不合格', { timeout: 60_000 }, async () => {
  const created = await pageApi(golmud, 'POST', '/duty/items', {
    kind: 'problem',
    title: `村务公开栏未按季度更新（测试${stamp}）`,
    content: '观摩发现部分村务公开栏内容停留在去年。',
    deadline: shanghaiDate(20),
    source: 'inspection',
    responsible_org_code: TOWN,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  for (const [page, body] of [
    [golmud, { action: 'assign' }],
    [golmud, { action: 'publish' }],
    [town, { action: 'progress', progress: 100, note: '已更新公开栏。' }],
    [town, { action: 'submit' }],
  ]) {
    const answer = await pageApi(page, 'POST', `/duty/items/${id}/actions`, body);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
  }
  const typed = await pageApi(golmud, 'POST', `/duty/items/${id}/actions`, { action: 'accept', score: '90' });
  assert.equal(typed.status, 400, 'a score as a string is refused');
  assert.equal(typed.body.field, 'score');
  await golmud.goto(`/duty/items/${id}`);
  await item(golmud, 'action-accept').click();
  const accept = golmud.locator('.action-dialog');
  await accept.locator('input[name="score"]').fill('55');
  await accept.locator('input[name="score"]').blur();
  await accept.locator('[data-test="grade"]').getByText('不合格', { exact: true }).waitFor();
  await item(golmud, 'action-confirm').click();
  const box = golmud.locator('.el-message-box').filter({ hasText: '没有佐证材料' });
  await box.waitFor();
  await screenshot(golmud, 'duty-accept-no-evidence');
  await box.getByRole('button', { name: '仍然销号' }).click();
  await stateIs(golmud, '已销号');
  assert.match(await item(golmud, 'item-verdict').innerText(), /55.*不合格/);
  assert.equal(await item(golmud, 'evidence-upload').count(), 0, 'no 上传材料 once 已销号');
});

test('a 责任清单 can be withdrawn by its issuer, with a reason', { timeout: 40_000 }, async () => {
  const created = await pageApi(golmud, 'POST', '/duty/lists', {
    title: `2026年度党建引领乡村振兴责任书（测试${stamp}）`,
    year: 2026,
    holder_org_code: TOWN,
    items: [{ title: '村级后备力量全覆盖', content: '每村储备 1—2 名后备干部。', weight: 20, deadline: shanghaiDate(90) }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await golmud.goto(`/duty/lists/${created.body.id}`);
  await item(golmud, 'list-withdraw').click();
  const box = golmud.locator('.el-message-box');
  await box.getByText('尚未销号的事项将一并撤销').waitFor();
  await box.locator('textarea').fill('年度目标调整，重新签订');
  await box.getByRole('button', { name: '确定撤回' }).click();
  await item(golmud, 'list-withdrawn').waitFor();
  await golmud.getByText('撤回理由：年度目标调整，重新签订').waitFor();
  await golmud.locator('[data-test="list-items"] [data-test="state-tag"]', { hasText: '已撤销' }).first().waitFor();
  assert.equal(await item(golmud, 'list-withdraw').count(), 0);
  await screenshot(golmud, 'duty-list-withdrawn');
});

test('on a phone the list is cards and the item page fits', { timeout: 40_000 }, async () => {
  const phone = await newPage(browser, server.url, PHONE);
  try {
    await signIn(phone, 'demo_golmud');
    await phone.goto('/duty/items');
    await phone.locator('[data-test="items-cards"] .card').first().waitFor();
    assert.equal(await phone.locator('[data-test="items-table"]').count(), 0);
    assert.ok((await horizontalOverflow(phone)) <= 1, 'the list fits the phone');
    await screenshot(phone, 'duty-phone-items');
    await phone.goto(`/duty/items/${problemId}`);
    await phone.locator('[data-test="item-title"]').waitFor();
    await phone.locator('[data-test="timeline"]').getByText(RETURN_REASON).waitFor();
    assert.ok((await horizontalOverflow(phone)) <= 1, 'the item page fits the phone');
    await screenshot(phone, 'duty-phone-item');
    for (const path of ['/duty/todo', '/duty/board', '/duty/report']) {
      await phone.goto(path);
      await phone.waitForLoadState('networkidle');
      assert.ok((await horizontalOverflow(phone)) <= 1, `${path} fits the phone`);
    }
    await screenshot(phone, 'duty-phone-report');
  } finally {
    await phone.context().close();
  }
});
