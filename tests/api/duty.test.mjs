// The duty loop over HTTP: one problem from draft to sign-off with a return, sides and scope, evidence
// uploads, the overdue report (API and command line agree), and the .xlsx ledger read back cell by cell.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { readXlsx } from '../support/xlsx.mjs';
import { Client, apiSuite, jiceng, stopSuite } from './support.mjs';

let server;
const TOWN = '632801100000';  // demo_town's township (郭勒木德镇)
let county;
let town;
let problemId;

before(async () => ({ server, demo_golmud: county, demo_town: town } = await apiSuite('demo_golmud', 'demo_town')));
after(() => stopSuite(server));

const act = (client, action, extra = {}) => client.post(`/api/v1/duty/items/${problemId}/actions`, { action, ...extra });

test('a problem walks from draft to sign-off with a return in between', async () => {
  const created = await county.post('/api/v1/duty/items', {
    kind: 'problem', title: '接口测试：村集体经济收入偏低', deadline: '2099-06-30', source: 'research',
    area: '发展壮大村集体经济', severity: 'major', responsible_org_code: TOWN,
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  assert.equal(created.json.state, 'draft');
  assert.deepEqual(created.json.actions, ['assign', 'cancel']);
  problemId = created.json.id;
  assert.equal((await town.get(`/api/v1/duty/items/${problemId}`)).status, 404, 'a draft is the assigning side\'s');
  assert.equal((await act(county, 'assign')).json.state, 'assigned');
  assert.equal((await act(county, 'publish')).json.state, 'published');
  const seen = await town.get(`/api/v1/duty/items/${problemId}`);
  assert.deepEqual(seen.json.actions, ['progress']);
  assert.equal((await act(town, 'progress', { progress: 50, note: '已摸清集体资产' })).json.progress, 50);
  assert.equal((await act(town, 'submit')).json.state, 'submitted');
  const wrongSide = await act(town, 'accept', { score: 90, grade: '优秀' });
  assert.equal(wrongSide.status, 403);
  const noReason = await act(county, 'return');
  assert.equal(noReason.status, 400);
  assert.equal(noReason.json.field, 'note');
  assert.equal((await act(county, 'return', { note: '佐证材料不全，请补充' })).json.state, 'returned');
  assert.equal((await act(town, 'progress', { progress: 100, note: '已补充会议记录' })).json.state, 'in_progress');
  assert.equal((await act(town, 'submit')).json.state, 'submitted');
  const unconfirmed = await act(county, 'accept', { score: 88, grade: '良好', note: '同意销号' });
  assert.equal(unconfirmed.status, 409, 'no evidence yet: signing off must be confirmed');
  assert.equal(unconfirmed.json.field, 'confirm_no_evidence');
  const badGrade = await act(county, 'accept', { score: 55, grade: '优秀', confirm_no_evidence: true });
  assert.equal(badGrade.status, 400);
  assert.equal(badGrade.json.field, 'grade');
  const accepted = await act(county, 'accept', { score: 88, grade: '良好', note: '同意销号', confirm_no_evidence: true });
  assert.equal(accepted.json.state, 'accepted');
  assert.equal(accepted.json.state_name, '已销号');
  assert.equal(accepted.json.grade, '良好');
  const illegal = await act(county, 'publish');
  assert.equal(illegal.status, 409);
  assert.match(illegal.json.message, /当前状态为“已销号”/);
  const timeline = accepted.json.timeline.map((e) => e.action);
  assert.deepEqual(timeline, ['create', 'assign', 'publish', 'progress', 'submit', 'return', 'progress', 'submit', 'accept']);
  assert.equal(accepted.json.timeline[5].note, '佐证材料不全，请补充');
  assert.equal(accepted.json.timeline[8].note, '同意销号（评分 88 分，良好；无佐证材料，经确认销号）');
  // Each step names the account that took it, as people know it.
  assert.equal(accepted.json.timeline[1].actor, 'demo_golmud');
  assert.equal(accepted.json.timeline[1].actor_name, '格尔木市委组织部演示账号');
  assert.equal(accepted.json.timeline[1].actor_kind, 'account');
  assert.equal(accepted.json.timeline[3].actor_name, '乡镇党委演示账号');
});

test('evidence: allowed types are stored and downloadable in scope; others are refused', async () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
  // 已销号 items take no more files: the files go to a second, open problem.
  const signedOff = await fetch(`${server.url}/api/v1/duty/items/${problemId}/evidence`, {
    method: 'POST',
    headers: { cookie: town.cookie, 'x-csrf-token': town.csrf, 'x-file-name': 'late.png', 'content-type': 'application/octet-stream' },
    body: png,
  });
  assert.equal(signedOff.status, 409);
  const open = await county.post('/api/v1/duty/items', {
    kind: 'problem', title: '接口测试：佐证材料', deadline: '2099-06-30', source: 'research', responsible_org_code: TOWN,
  });
  const openId = open.json.id;
  assert.equal((await county.post(`/api/v1/duty/items/${openId}/actions`, { action: 'assign' })).status, 200);
  const upload = (client, name, body) => fetch(`${server.url}/api/v1/duty/items/${openId}/evidence`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream' },
    body,
  });
  const ok = await upload(town, '村集体经济台账照片.png', png);
  assert.equal(ok.status, 201);
  const evidence = await ok.json();
  assert.equal(evidence.file_name, '村集体经济台账照片.png');
  // Issue #11: the evidence list names the uploader, not only the login.
  const listed = (await county.get(`/api/v1/duty/items/${openId}`)).json.evidence.find((e) => e.id === evidence.id);
  assert.equal(listed.uploaded_by, 'demo_town');
  assert.equal(listed.uploaded_by_name, '乡镇党委演示账号');
  const exe = await upload(town, 'x.exe', Buffer.from('MZ\x90\x00'));
  assert.equal(exe.status, 400);
  assert.match((await exe.json()).message, /只能上传/);
  const lying = await upload(town, 'fake.pdf', png);
  assert.equal(lying.status, 400);
  const download = await fetch(`${server.url}${evidence.url}`, { headers: { cookie: county.cookie } });
  assert.equal(download.status, 200);
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), png);
  const outsider = new Client(server.url);
  const initial = JSON.parse(jiceng('user', 'add', '--db', server.db, '--login', 'delingha_two', '--org', '632802000000',
    '--role', 'org_department', '--json')).initial_password;
  await outsider.signIn('delingha_two', initial);
  await outsider.post('/api/v1/session/password', { old_password: initial, new_password: 'Other#pass2026' });
  assert.equal((await fetch(`${server.url}${evidence.url}`, { headers: { cookie: outsider.cookie } })).status, 404);
  assert.equal((await outsider.get(`/api/v1/duty/items/${openId}`)).status, 404);
  assert.equal((await outsider.get('/api/v1/duty/report?org=632801000000')).status, 404);
});

test('the overdue report: the API and the command line agree', async () => {
  const api = await county.get('/api/v1/duty/report?org=632801000000');
  assert.equal(api.status, 200);
  assert.ok(api.json.units.length > 0, 'the demo has overdue items');
  const unit = api.json.units[0];
  assert.ok(unit.overdue > 0);
  assert.ok(unit.items[0].days_overdue >= unit.items[unit.items.length - 1].days_overdue);
  for (let i = 1; i < api.json.units.length; i++) {
    const [x, y] = [api.json.units[i - 1], api.json.units[i]];
    const ordered = x.overdue > y.overdue || (x.overdue === y.overdue && x.items[0].days_overdue >= y.items[0].days_overdue);
    assert.ok(ordered, `most overdue first, then the longest overdue: ${x.org_name} before ${y.org_name}`);
  }
  const cli = JSON.parse(jiceng('duty', 'report', '--db', server.db, '--org', '632801000000', '--json'));
  assert.deepEqual(cli, api.json);
  const soon = await county.get('/api/v1/duty/items?due=due_soon&page_size=100');
  for (const item of soon.json.items) assert.ok(item.days_left >= 0 && item.days_left <= 7);
  const overdue = await county.get('/api/v1/duty/items?due=overdue&page_size=100');
  for (const item of overdue.json.items) assert.ok(item.overdue && item.days_overdue > 0);
});

test('the ledger export reads back with the county layout', async () => {
  const res = await fetch(`${server.url}/api/v1/duty/items.xlsx?kind=problem&source=research`, { headers: { cookie: county.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const rows = readXlsx(await res.arrayBuffer());
  // Title, 单位, 筛选, 导出时间 (tests/api/exports.test.mjs), then the header.
  assert.deepEqual(rows[4], ['序号', '问题', '措施', '责任单位', '责任人', '包联领导', '完成时限', '进展情况', '状态']);
  const list = await county.get('/api/v1/duty/items?kind=problem&source=research&page_size=100');
  // One row per listed problem, each followed by its measures' rows (措施 filled, 问题 naming the problem).
  const problemRows = rows.slice(5).filter((r) => !r[2]);
  assert.equal(problemRows.length, list.json.total);
  const measureCount = list.json.items.reduce((n, item) => n + (item.measure_count || 0), 0);
  assert.equal(rows.length - 5 - problemRows.length, measureCount, 'every problem brings its measures');
  assert.ok(rows.slice(5).filter((r) => r[2]).every((r) => problemRows.some((p) => p[1] === r[1])));
  const titles = problemRows.map((r) => r[1]);
  assert.ok(titles.includes('接口测试：村集体经济收入偏低'));
  const row = rows.find((r) => r[1] === '接口测试：村集体经济收入偏低');
  assert.equal(row[3], '郭勒木德镇');
  assert.equal(row[8], '已销号');
  const report = await fetch(`${server.url}/api/v1/duty/report.xlsx?org=632801000000`, { headers: { cookie: county.cookie } });
  const reportRows = readXlsx(await report.arrayBuffer());
  assert.match(reportRows[0][0], /逾期未整改/);
  assert.ok(reportRows.slice(5).every((r) => /逾期/.test(r[7])));
});

test('the to-do inbox and the monthly board', async () => {
  const todo = await county.get('/api/v1/duty/todo?page_size=100');
  assert.equal(todo.status, 200);
  const KEYS = ['to_assign', 'to_do', 'to_accept', 'overdue', 'escalated'];
  for (const key of KEYS) assert.equal(typeof todo.json.counts[key], 'number');
  assert.ok(todo.json.counts.escalated > 0, 'overdue items of the townships escalate to the city');
  assert.equal(todo.json.items.length, todo.json.total, 'the whole to-do on one page of 100');
  assert.equal(todo.json.shown_total, todo.json.total);
  // Regression: the page guessed which items a card counts, and listed 25 under a 上级督办 of 23. Each item says
  // which counts it is one of, and each count lists exactly its items.
  for (const key of KEYS) {
    const listed = todo.json.items.filter((i) => i.counted_in.includes(key)).length;
    assert.equal(listed, todo.json.counts[key], `${key}: the card's count and its items`);
    // One count's items, paged by the server: the same items, in the same order.
    const shown = await county.get(`/api/v1/duty/todo?show=${key}&page_size=100`);
    assert.equal(shown.json.shown_total, todo.json.counts[key]);
    assert.deepEqual(shown.json.items.map((i) => i.id), todo.json.items.filter((i) => i.counted_in.includes(key)).map((i) => i.id));
  }
  const deadlines = todo.json.items.map((i) => i.deadline);
  assert.deepEqual(deadlines, [...deadlines].sort());
  // The default page is 20; the counts are the same on every page.
  const first = await county.get('/api/v1/duty/todo');
  assert.equal(first.json.page_size, 20);
  assert.deepEqual(first.json.items.map((i) => i.id), todo.json.items.slice(0, 20).map((i) => i.id));
  assert.deepEqual(first.json.counts, todo.json.counts);
  for (const [query, field] of [['show=all', 'show'], ['page=0', 'page'], ['page_size=101', 'page_size']]) {
    const refused = await county.get(`/api/v1/duty/todo?${query}`);
    assert.equal(refused.status, 400, query);
    assert.equal(refused.json.field, field, query);
  }
  const board = await county.get('/api/v1/duty/board');  // this month, on the Asia/Shanghai calendar
  assert.equal(board.status, 200);
  assert.match(board.json.month, /^\d{4}-\d{2}$/);
  assert.equal(board.json.items.length, 1);
  assert.equal(board.json.items[0].source, 'monthly_topic');
  assert.equal((await county.get('/api/v1/duty/board?month=2026-13')).status, 400);
});

// Regressions of issue #10 §1 over HTTP: PATCH refused a past deadline only on POST, numbers as strings were taken,
// a village made an item with itself responsible, and the overdue list with an org filter had wrong rows.
test('typed fields, deadlines on PATCH, and no item for oneself', async () => {
  const created = await county.post('/api/v1/duty/items', {
    kind: 'problem', title: '接口测试：类型与时限', deadline: '2099-06-30', source: 'research', responsible_org_code: TOWN,
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const id = created.json.id;
  const past = await county.patch(`/api/v1/duty/items/${id}`, { deadline: '2000-01-01' });
  assert.equal(past.status, 400);
  assert.equal(past.json.field, 'deadline');
  const weight = await county.patch(`/api/v1/duty/items/${id}`, { weight: '5' });
  assert.equal(weight.status, 400);
  assert.equal(weight.json.field, 'weight');
  const title = await county.patch(`/api/v1/duty/items/${id}`, { title: 5 });
  assert.equal(title.status, 400);
  assert.equal((await county.get(`/api/v1/duty/items/${id}`)).json.deadline, '2099-06-30');
  await county.post(`/api/v1/duty/items/${id}/actions`, { action: 'assign' });
  await county.post(`/api/v1/duty/items/${id}/actions`, { action: 'publish' });
  const progress = await town.post(`/api/v1/duty/items/${id}/actions`, { action: 'progress', progress: '50', note: 'x' });
  assert.equal(progress.status, 400, 'a progress as a string is refused');
  assert.equal(progress.json.field, 'progress');
  const self = await town.post('/api/v1/duty/items', {
    kind: 'problem', title: '接口测试：自己交办给自己', deadline: '2099-06-30', source: 'research', responsible_org_code: TOWN,
  });
  assert.equal(self.status, 400);
  assert.equal(self.json.field, 'responsible_org_code');
});

test('the overdue list of a county with an org filter holds only overdue items, page by page', async () => {
  const seen = new Set();
  let total = -1;
  for (const size of [100, 7]) {
    for (let page = 1; ; page++) {
      const answer = await county.get(`/api/v1/duty/items?due=overdue&org=632801000000&page_size=${size}&page=${page}`);
      assert.equal(answer.status, 200);
      if (total < 0) total = answer.json.total;
      assert.equal(answer.json.total, total);
      for (const item of answer.json.items) {
        assert.ok(item.overdue && item.days_overdue > 0, `item ${item.id} is overdue`);
        if (size === 7) seen.add(item.id);
      }
      if (size === 100) assert.ok(answer.json.items.length <= Math.max(0, total - (page - 1) * 100));
      if (answer.json.items.length < size) break;
    }
  }
  assert.ok(total > 0);
  assert.equal(seen.size, total, 'every overdue item once over the pages');
  const todo = await town.get('/api/v1/duty/todo');
  const overdue = await town.get(`/api/v1/duty/items?due=overdue&org=${TOWN}&page_size=100`);
  const own = overdue.json.items.filter((i) => i.responsible_org_code === TOWN).length;
  assert.equal(todo.json.counts.overdue, own, '我的待办 counts the overdue items the town itself answers for');
});
