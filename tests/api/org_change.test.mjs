// POST /orgs/{code}/rename|move|merge (issue #11 §4): the org department asks for a change of a unit below its own,
// with an effective date and a reason; the change is a request (202) that a second org department account approves
// (four eyes) — never the requester — and only then takes effect, audited with both logins. A village's rename
// renames its branch with it. Other roles get 403, its own unit 403, a unit outside its subtree 404; bad input
// answers 400 naming the field in Chinese and changes nothing. The demo's Party committee of 海东 is named as of
// each date, and a view of 2012 lists 2013's change apart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiSuite, signedIn, sql as dbSql, stopSuite } from './support.mjs';

const GOLMUD = '632801000000';
const DELINGHA = '632802000000';

let server;
let golmud; // org department of 格尔木市: asks
let haixi; // org department of 海西州: approves
let town; // 乡镇党委 account

function sql(query) {
  return dbSql(server.db, query);
}

async function children(client, code, asOf) {
  const res = await client.get(`/api/v1/orgs/${code}/children${asOf ? `?as_of=${asOf}` : ''}`);
  assert.equal(res.status, 200);
  return res.json;
}

// Asks as 格尔木 (202, pending) and approves as 海西州; answers the approval.
async function askAndApprove(path, body) {
  const asked = await golmud.post(`/api/v1/orgs/${path}`, body);
  assert.equal(asked.status, 202, JSON.stringify(asked.json));
  assert.equal(asked.json.state, 'pending');
  const approved = await haixi.post(`/api/v1/orgs/changes/${asked.json.id}/approve`);
  assert.equal(approved.status, 200, JSON.stringify(approved.json));
  assert.equal(approved.json.request.state, 'approved');
  return approved.json;
}

before(async () => ({ server, demo_golmud: golmud, demo_haixi: haixi, demo_town: town } = await apiSuite('demo_golmud', 'demo_haixi', 'demo_town')));
after(() => stopSuite(server));

test('a rename is a request: nothing changes until another org department approves; then it holds from its date', async () => {
  const [township] = (await children(golmud, GOLMUD)).filter((u) => u.level === 'township');
  const asked = await golmud.post(`/api/v1/orgs/${township.code}/rename`, { name: '接口测试镇', on: '2025-03-01', reason: '格政〔2025〕8号' });
  assert.equal(asked.status, 202, JSON.stringify(asked.json));
  assert.equal(asked.json.state, 'pending');
  assert.equal(asked.json.mine, true);
  assert.equal(asked.json.can_decide, false);
  // Pending: the unit keeps its name and shows the request.
  const pending = await golmud.get(`/api/v1/orgs/${township.code}`);
  assert.equal(pending.json.name, township.name);
  assert.equal(pending.json.pending_change.id, asked.json.id);
  // Who asked, by name, wherever the request shows (issue #11: 待批准的更名申请 said “demo_golmud 申请于 …”).
  assert.equal(asked.json.requested_by_name, '格尔木市委组织部演示账号');
  assert.equal(pending.json.pending_change.requested_by_name, '格尔木市委组织部演示账号');
  // The requester cannot approve it; another org department sees it as one to decide.
  const self = await golmud.post(`/api/v1/orgs/changes/${asked.json.id}/approve`);
  assert.equal(self.status, 403);
  assert.match(self.json.message, /另一位组织部账号/);
  const list = await haixi.get('/api/v1/orgs/changes');
  assert.equal(list.status, 200);
  const row = list.json.find((r) => r.id === asked.json.id);
  assert.equal(row.can_decide, true);
  assert.equal(row.unit_name, township.name);
  assert.equal(row.requested_by_name, '格尔木市委组织部演示账号');
  assert.equal(row.requested_by_kind, 'account');
  const approved = await haixi.post(`/api/v1/orgs/changes/${asked.json.id}/approve`);
  assert.equal(approved.status, 200, JSON.stringify(approved.json));
  assert.equal(approved.json.unit.name, '接口测试镇');
  assert.equal(approved.json.request.decided_by_name, '海西州委组织部演示账号');
  const before2025 = await golmud.get(`/api/v1/orgs/${township.code}?as_of=2025-02-28`);
  assert.equal(before2025.json.name, township.name);
  const now = await golmud.get(`/api/v1/orgs/${township.code}`);
  assert.equal(now.json.name, '接口测试镇');
  assert.equal(now.json.pending_change, undefined);
  const renamed = now.json.history.find((e) => e.kind === 'rename');
  assert.equal(renamed.reason, '格政〔2025〕8号');
  assert.equal(renamed.actor, 'demo_golmud');
  assert.equal(renamed.actor_name, '格尔木市委组织部演示账号', 'who made it, by name');
  assert.equal(renamed.actor_kind, 'account');
  assert.equal(renamed.approved_by, 'demo_haixi');
  // Both by name (issue #11: the approver showed as a login), the requester and the approver as the audit log says.
  assert.equal(renamed.approved_by_name, '海西州委组织部演示账号');
  assert.equal(renamed.approved_by_kind, 'account');
  assert.equal(sql(`SELECT actor FROM audit_log WHERE action = 'org.change.request' AND object = '${township.code}'`), 'demo_golmud');
  assert.equal(sql(`SELECT actor FROM audit_log WHERE action = 'org.rename' AND object = '${township.code}'`), 'demo_haixi');
  assert.equal(sql(`SELECT actor FROM audit_log WHERE action = 'org.change.approve' AND object = '${township.code}'`), 'demo_haixi');
  // Decided once.
  assert.equal((await haixi.post(`/api/v1/orgs/changes/${asked.json.id}/approve`)).status, 409);
});

test('a village renamed renames its branch on the same date; the dialog\'s list says so first', async () => {
  const towns = (await children(golmud, GOLMUD)).filter((u) => u.level === 'township');
  const [village] = (await children(golmud, towns[3].code)).filter((u) => u.level === 'village');
  const branch = (await golmud.get(`/api/v1/orgs/${village.code}`)).json.party_orgs.find((o) => o.name === `${village.name}党支部`);
  assert.ok(branch, 'the demo gives every village a branch named after it');
  const preview = await golmud.get(`/api/v1/orgs/${village.code}/namesakes?name=${encodeURIComponent('更新村')}&on=2025-05-01`);
  assert.equal(preview.status, 200);
  assert.deepEqual(preview.json.map((n) => [n.code, n.new_name]), [[branch.code, '更新村党支部']]);
  const done = await askAndApprove(`${village.code}/rename`, { name: '更新村', on: '2025-05-01', reason: '乡政〔2025〕4号' });
  assert.deepEqual(done.unit.namesakes.map((n) => n.new_name), ['更新村党支部']);
  assert.equal((await golmud.get(`/api/v1/orgs/${branch.code}?as_of=2025-04-30`)).json.name, `${village.name}党支部`);
  const after2025 = await golmud.get(`/api/v1/orgs/${branch.code}?as_of=2025-05-01`);
  assert.equal(after2025.json.name, '更新村党支部');
  assert.equal(after2025.json.history.at(-1).reason, '乡政〔2025〕4号');
  // One audit record for both.
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'org.rename' AND object = '${village.code}'`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'org.rename' AND object = '${branch.code}'`), '0');
  // Unticked, the branch keeps its name.
  const [other] = (await children(golmud, towns[4].code)).filter((u) => u.level === 'village');
  const otherBranch = (await golmud.get(`/api/v1/orgs/${other.code}`)).json.party_orgs.find((o) => o.name === `${other.name}党支部`);
  await askAndApprove(`${other.code}/rename`, { name: '另名村', on: '2025-05-01', reason: '测试', with_namesakes: false });
  assert.equal((await golmud.get(`/api/v1/orgs/${otherBranch.code}`)).json.name, `${other.name}党支部`);
});

test('a move and a merge take effect when approved; the merge reports what moved', async () => {
  const towns = (await children(golmud, GOLMUD)).filter((u) => u.level === 'township');
  const villages = await children(golmud, towns[1].code);
  const moved = await askAndApprove(`${villages[0].code}/move`, { to: towns[2].code, on: '2025-04-01', reason: '区划调整' });
  assert.equal(moved.unit.parent_code, towns[2].code);
  assert.equal((await golmud.get(`/api/v1/orgs/${villages[0].code}?as_of=2025-03-31`)).json.parent_code, towns[1].code);

  const today = new Date().toISOString().slice(0, 10);  // as SQLite's date('now'): UTC
  const members = Number(sql(`SELECT COUNT(*) FROM person_org po JOIN org_unit u ON u.id = po.org_id
    WHERE u.code = '${villages[2].code}' AND po.valid_from <= '${today}' AND '${today}' < po.valid_to`));
  const merged = await askAndApprove(`${villages[2].code}/merge`, { into: villages[1].code, on: today, reason: '两村合并' });
  assert.equal(merged.merge.into.code, villages[1].code);
  assert.ok(merged.merge.children_moved >= 1, 'the village branch moves with it');
  assert.equal(merged.merge.members_moved, members);
  assert.match(merged.request.outcome, /已并入/);
  assert.equal((await golmud.get(`/api/v1/orgs/${villages[2].code}`)).status, 404);
});

test('a rejection needs a reason; the requester may withdraw; one pending request per unit', async () => {
  const towns = (await children(golmud, GOLMUD)).filter((u) => u.level === 'township');
  const [village] = (await children(golmud, towns[5].code)).filter((u) => u.level === 'village');
  const asked = await golmud.post(`/api/v1/orgs/${village.code}/rename`, { name: '待驳回村', on: '2025-01-01', reason: '测试' });
  assert.equal(asked.status, 202);
  const second = await golmud.post(`/api/v1/orgs/${village.code}/move`, { to: towns[6].code, on: '2025-01-01', reason: '测试' });
  assert.equal(second.status, 409);
  assert.equal(second.json.field, 'code');
  const blank = await haixi.post(`/api/v1/orgs/changes/${asked.json.id}/reject`, { note: ' ' });
  assert.equal(blank.status, 400);
  assert.equal(blank.json.field, 'note');
  const rejected = await haixi.post(`/api/v1/orgs/changes/${asked.json.id}/reject`, { note: '请附乡镇请示' });
  assert.equal(rejected.status, 200);
  assert.equal(rejected.json.state, 'rejected');
  assert.equal((await golmud.get(`/api/v1/orgs/${village.code}`)).json.name, village.name);
  const again = await golmud.post(`/api/v1/orgs/${village.code}/rename`, { name: '待撤回村', on: '2025-01-01', reason: '测试' });
  const withdrawn = await golmud.post(`/api/v1/orgs/changes/${again.json.id}/reject`, { note: '' });
  assert.equal(withdrawn.json.state, 'withdrawn');
  const all = await golmud.get(`/api/v1/orgs/changes?state=all&unit=${village.code}`);
  assert.deepEqual(all.json.map((r) => r.state), ['withdrawn', 'rejected']);
  // Another role neither approves nor rejects.
  assert.equal((await town.post(`/api/v1/orgs/changes/${again.json.id}/approve`)).status, 403);
  assert.equal((await town.post(`/api/v1/orgs/changes/${again.json.id}/reject`, { note: '越权' })).status, 403);
});

test('other roles, the own unit and units outside the subtree are refused', async () => {
  const [township] = await children(golmud, GOLMUD);
  const body = { name: '越权镇', on: '2025-01-01', reason: '测试' };
  assert.equal((await town.post(`/api/v1/orgs/${township.code}/rename`, body)).status, 403);
  const own = await golmud.post(`/api/v1/orgs/${GOLMUD}/rename`, body);
  assert.equal(own.status, 403);
  assert.match(own.json.message, /本级/);
  const province = await signedIn(server.url, 'demo_qinghai');
  const [delinghaTown] = await children(province, DELINGHA);
  const outside = await golmud.post(`/api/v1/orgs/${delinghaTown.code}/rename`, body);
  assert.equal(outside.status, 404);
  const out = await golmud.post(`/api/v1/orgs/${township.code}/move`, { to: delinghaTown.code, on: '2025-01-01', reason: '测试' });
  assert.equal(out.status, 404);
  assert.equal(out.json.field, 'to');
});

test('bad input answers 400 naming the field in Chinese and changes nothing', async () => {
  const [, township] = await children(golmud, GOLMUD);
  const before = sql('SELECT COUNT(*) FROM org_name') + '/' + sql('SELECT COUNT(*) FROM org_event') + '/' + sql('SELECT COUNT(*) FROM audit_log WHERE action LIKE \'org.%\'');
  const cases = [
    [{ name: '新镇', on: '2025-01-01', reason: '' }, 'reason', /变更原因/],
    [{ name: '新镇', on: '2025-13-01', reason: '测试' }, 'on', /生效日期/],
    [{ name: '新镇', on: '2099-01-01', reason: '测试' }, 'on', /一年/],
    [{ name: '新镇', on: '1999-01-01', reason: '测试', kind: 'village' }, 'kind', /类型/],
    [{ name: 12, on: '2025-01-01', reason: '测试' }, 'name', /./],
  ];
  for (const [body, field, words] of cases) {
    const res = await golmud.post(`/api/v1/orgs/${township.code}/rename`, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.json.field, field, JSON.stringify(res.json));
    assert.match(res.json.message, words);
  }
  const after = sql('SELECT COUNT(*) FROM org_name') + '/' + sql('SELECT COUNT(*) FROM org_event') + '/' + sql('SELECT COUNT(*) FROM audit_log WHERE action LIKE \'org.%\'');
  assert.equal(after, before);
  assert.equal(sql(`SELECT COUNT(*) FROM org_change_request WHERE unit_id = (SELECT id FROM org_unit WHERE code = '${township.code}')`), '0');
});

test('the demo shows 海东 as it was: 海东地区 with 乐都县 until 2013, 海东市 with 乐都区 after', async () => {
  const province = await signedIn(server.url, 'demo_qinghai');
  const then = await province.get('/api/v1/orgs/630200000000?as_of=2012-12-31');
  assert.equal(then.json.name, '海东地区');
  assert.equal(then.json.kind_name, '地区');
  assert.ok((await children(province, '630200000000', '2012-12-31')).some((u) => u.name === '乐都县'));
  const now = await province.get('/api/v1/orgs/630200000000?as_of=2014-01-01');
  assert.equal(now.json.name, '海东市');
  assert.equal(now.json.kind_name, '地级市');
  assert.ok((await children(province, '630200000000', '2014-01-01')).some((u) => u.name === '乐都区'));
  assert.equal(now.json.history.length, 1);
  assert.match(now.json.history[0].reason, /国函〔2013〕23号/);
  // As of 2012 the change of 2013 is listed apart, and the city's Party committee has the name of then.
  assert.equal(then.json.history.length, 0);
  assert.equal(then.json.later_history.length, 1);
  assert.equal(then.json.later_history[0].on, '2013-02-08');
  assert.ok(then.json.party_orgs.some((o) => o.name === '中共海东地区委员会'), JSON.stringify(then.json.party_orgs));
  assert.ok(now.json.party_orgs.some((o) => o.name === '中共海东市委员会'), JSON.stringify(now.json.party_orgs));
  assert.equal(now.json.later_history.length, 0);
  assert.equal(now.json.history[0].actor_name, '区划沿革', 'loaded history names its source, as recorded');
  assert.equal(now.json.history[0].actor_kind, 'other');
});
