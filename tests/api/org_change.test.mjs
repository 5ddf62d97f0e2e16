// POST /orgs/{code}/rename|move|merge (issue #11 §4): the org department changes the units below its own, with an
// effective date and a reason, audited with its login; other roles get 403, its own unit 403, a unit outside its
// subtree 404; bad input answers 400 naming the field in Chinese and changes nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { apiSuite, signedIn, stopSuite } from './support.mjs';

const GOLMUD = '632801000000';
const DELINGHA = '632802000000';

let server;
let golmud; // org department of 格尔木市
let town; // 乡镇党委 account

function sql(query) {
  return execFileSync('sqlite3', [server.db, query], { encoding: 'utf8' }).trim();
}

async function children(client, code, asOf) {
  const res = await client.get(`/api/v1/orgs/${code}/children${asOf ? `?as_of=${asOf}` : ''}`);
  assert.equal(res.status, 200);
  return res.json;
}

before(async () => ({ server, demo_golmud: golmud, demo_town: town } = await apiSuite('demo_golmud', 'demo_town')));
after(() => stopSuite(server));

test('a rename takes effect on its date, keeps the old name before it, and is audited with its reason', async () => {
  const [township] = await children(golmud, GOLMUD);
  const res = await golmud.post(`/api/v1/orgs/${township.code}/rename`, { name: '接口测试镇', on: '2025-03-01', reason: '格政〔2025〕8号' });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.json.name, '接口测试镇');
  const before2025 = await golmud.get(`/api/v1/orgs/${township.code}?as_of=2025-02-28`);
  assert.equal(before2025.json.name, township.name);
  const now = await golmud.get(`/api/v1/orgs/${township.code}`);
  assert.equal(now.json.name, '接口测试镇');
  assert.equal(now.json.history.length, 1);
  assert.equal(now.json.history[0].reason, '格政〔2025〕8号');
  assert.equal(now.json.history[0].actor, 'demo_golmud');
  assert.equal(now.json.history[0].actor_name, '格尔木市委组织部演示账号', 'who made it, by name');
  assert.equal(now.json.history[0].actor_kind, 'account');
  assert.equal(sql(`SELECT actor FROM audit_log WHERE action = 'org.rename' AND object = '${township.code}'`), 'demo_golmud');
});

test('a move and a merge inside the subtree; the merge reports what moved', async () => {
  const towns = (await children(golmud, GOLMUD)).filter((u) => u.level === 'township');
  const villages = await children(golmud, towns[1].code);
  const moved = await golmud.post(`/api/v1/orgs/${villages[0].code}/move`, { to: towns[2].code, on: '2025-04-01', reason: '区划调整' });
  assert.equal(moved.status, 200, JSON.stringify(moved.json));
  assert.equal(moved.json.parent_code, towns[2].code);
  assert.equal((await golmud.get(`/api/v1/orgs/${villages[0].code}?as_of=2025-03-31`)).json.parent_code, towns[1].code);

  const members = Number(sql(`SELECT COUNT(*) FROM person_org po JOIN org_unit u ON u.id = po.org_id
    WHERE u.code = '${villages[2].code}' AND po.valid_from <= date('now') AND date('now') < po.valid_to`));
  const merged = await golmud.post(`/api/v1/orgs/${villages[2].code}/merge`, { into: villages[1].code, on: new Date().toISOString().slice(0, 10), reason: '两村合并' });
  assert.equal(merged.status, 200, JSON.stringify(merged.json));
  assert.equal(merged.json.into.code, villages[1].code);
  assert.ok(merged.json.children_moved >= 1, 'the village branch moves with it');
  assert.equal(merged.json.members_moved, members);
  assert.equal((await golmud.get(`/api/v1/orgs/${villages[2].code}`)).status, 404);
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
  assert.equal(now.json.history[0].actor_name, '区划沿革', 'loaded history names its source, as recorded');
  assert.equal(now.json.history[0].actor_kind, 'other');
});
