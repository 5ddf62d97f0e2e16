// Party dues over HTTP: the demo village's branch ledger (bands, totals, paging), a payment with its checks, four
// eyes on a waiver (the branch cannot approve it, the town does), scope, the .xlsx ledger read back, and the
// command line (`jiceng dues ledger`) agreeing with the API and refusing a bad month or a non-branch with exit 2.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { readXlsx } from '../support/xlsx.mjs';
import { JICENG, ROOT, apiSuite, stopSuite } from './support.mjs';

let server;
let village;
let town;
let haixi;
let branch;
let month;

before(async () => {
  ({ server, demo_village: village, demo_town: town, demo_haixi: haixi } = await apiSuite('demo_village', 'demo_town', 'demo_haixi'));
  const branches = await village.get('/api/v1/membership/dues/branches');
  assert.equal(branches.status, 200);
  branch = branches.json.items[0].code;
  const now = new Date(Date.now() + 8 * 3600_000);  // Asia/Shanghai
  month = now.toISOString().slice(0, 7);
});
after(() => stopSuite(server));

const ledger = (client, query = {}) =>
  client.get(`/api/v1/membership/dues/ledger?${new URLSearchParams({ org: branch, month, ...query })}`);

test('the ledger of the demo branch: bands, totals over every member, paging and filters', async () => {
  const all = await ledger(village, { page_size: 200 });
  assert.equal(all.status, 200, JSON.stringify(all.json));
  assert.ok(all.json.total > 0);
  assert.equal(all.json.can_enter, true);
  const t = all.json.totals;
  const sum = (key) => all.json.items.reduce((s, r) => s + r[key], 0);
  assert.equal(t.due_fen, sum('due_fen'));
  assert.equal(t.paid_fen, sum('paid_fen'));
  assert.equal(t.owed_fen, sum('owed_fen'));
  for (const r of all.json.items) {
    assert.equal(r.owed_fen, Math.max(0, r.due_fen - r.paid_fen));
    if (r.kind === 'employed' && r.state === 'unpaid') {
      const bp = r.base_fen <= 300000 ? 50 : r.base_fen <= 500000 ? 100 : r.base_fen <= 1000000 ? 150 : 200;
      assert.equal(r.due_fen, Math.floor((r.base_fen * bp + 5000) / 10000), `${r.name} ${r.base_fen}`);
    }
  }
  const page2 = await ledger(village, { page_size: 5, page: 2 });
  assert.deepEqual(page2.json.items.map((r) => r.person_id), all.json.items.slice(5, 10).map((r) => r.person_id));
  assert.deepEqual(page2.json.totals, t, 'totals are of the whole month, not the page');
  const unpaid = await ledger(village, { state: 'unpaid', page_size: 200 });
  assert.ok(unpaid.json.items.every((r) => r.state === 'unpaid'));
  const bad = await ledger(village, { state: 'nope' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'state');
  const badMonth = await ledger(village, { month: '2026-13' });
  assert.equal(badMonth.status, 400);
  assert.equal(badMonth.json.field, 'month');
  assert.equal((await ledger(haixi, {})).status, 200, '海西州 sees its branches');
  const village2 = await village.get(`/api/v1/membership/dues/ledger?org=632802000000&month=${month}`);
  assert.equal(village2.status, 404, 'outside the subtree');
});

test('a payment must match the bands; a second one for the month conflicts', async () => {
  const unpaid = await ledger(village, { state: 'unpaid', page_size: 200 });
  const row = unpaid.json.items.find((r) => r.has_basis && r.due_fen > 0);
  assert.ok(row, 'the demo leaves someone unpaid this month');
  const pay = (body) => village.post('/api/v1/membership/dues/payments', { person_id: row.person_id, from_month: month, to_month: month, method: 'cash', ...body });
  const wrong = await pay({ amount_fen: row.due_fen + 1 });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.field, 'amount_fen');
  assert.match(wrong.json.message, /实缴金额应为/);
  const asText = await pay({ amount_fen: String(row.due_fen) });
  assert.equal(asText.status, 400, 'fen are integers, not text');
  const noRef = await pay({ amount_fen: row.due_fen, method: 'transfer' });
  assert.equal(noRef.json.field, 'reference');
  assert.equal((await town.post('/api/v1/membership/dues/payments', { person_id: row.person_id, from_month: month, to_month: month, method: 'cash', amount_fen: row.due_fen })).status, 403, 'the town does not enter the branch\'s payments');
  const ok = await pay({ amount_fen: row.due_fen });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  assert.equal(ok.json.total_fen, row.due_fen);
  assert.equal((await pay({ amount_fen: row.due_fen })).status, 409);
  const after = await ledger(village, { q: row.name, page_size: 200 });
  const same = after.json.items.find((r) => r.person_id === row.person_id);
  assert.equal(same.state, 'paid');
  assert.equal(same.recorded_by_name, '村两委演示账号', 'names, not logins');
});

test('four eyes: the branch asks, only the town above approves', async () => {
  const pending = await town.get('/api/v1/membership/dues/exceptions');
  assert.equal(pending.status, 200);
  const demo = pending.json.items.find((e) => e.org_code === branch);
  assert.ok(demo, 'the demo waiver awaits the town');
  assert.equal(demo.can_decide, true);
  assert.equal(demo.recorded_by_name, '村两委演示账号');
  assert.equal((await village.get('/api/v1/membership/dues/exceptions')).json.total, 0, 'nothing for the branch to approve');
  const own = await village.post(`/api/v1/membership/dues/exceptions/${demo.id}/decision`, { approve: true });
  assert.equal(own.status, 403);
  const noReason = await town.post(`/api/v1/membership/dues/exceptions/${demo.id}/decision`, { approve: false, note: '' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.json.field, 'note');
  const done = await town.post(`/api/v1/membership/dues/exceptions/${demo.id}/decision`, { approve: true, note: '同意' });
  assert.equal(done.status, 200, JSON.stringify(done.json));
  assert.equal(done.json.state, 'approved');
  const member = await village.get(`/api/v1/membership/dues/members/${demo.person_id}`);
  assert.equal(member.status, 200);
  assert.ok(member.json.records.some((r) => r.state === 'waived' && r.month === demo.from_month));
  const again = await town.post(`/api/v1/membership/dues/exceptions/${demo.id}/decision`, { approve: true });
  assert.equal(again.status, 409);
});

test('the .xlsx ledger and the command line agree with the API', async () => {
  const all = await ledger(village, { page_size: 200 });
  const file = await fetch(`${server.url}/api/v1/membership/dues/ledger.xlsx?org=${branch}&month=${month}`, { headers: { cookie: village.cookie } });
  assert.equal(file.status, 200);
  const rows = readXlsx(Buffer.from(await file.arrayBuffer()));
  const header = rows.findIndex((r) => r[0] === '序号');
  assert.deepEqual(rows[header].slice(0, 9), ['序号', '姓名', '类别', '月缴费基数（元）', '比例', '应缴（元）', '实缴（元）', '欠缴（元）', '状态']);
  const total = rows.find((r) => String(r[1]).startsWith('合计'));
  assert.equal(Math.round(Number(total[5]) * 100), all.json.totals.due_fen);
  assert.equal(Math.round(Number(total[6]) * 100), all.json.totals.paid_fen);
  const cli = JSON.parse(execFileSync(JICENG, ['dues', 'ledger', '--db', server.db, '--org', branch, '--month', month, '--json'], { cwd: ROOT, encoding: 'utf8' }));
  assert.deepEqual(cli.totals, all.json.totals);
  assert.equal(cli.items.length, all.json.total);
  const refused = (args) => {
    try {
      execFileSync(JICENG, ['dues', 'ledger', '--db', server.db, ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
      return { status: 0 };
    } catch (e) {
      return { status: e.status, stderr: String(e.stderr) };
    }
  };
  const badMonth = refused(['--org', branch, '--month', '2026-13']);
  assert.equal(badMonth.status, 2);
  assert.match(badMonth.stderr, /月份/);
  const notBranch = refused(['--org', '632801000000', '--month', month]);
  assert.equal(notBranch.status, 2);
  assert.match(notBranch.stderr, /不是党支部/);
});
