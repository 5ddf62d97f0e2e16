// The permission matrix: every endpoint × every role × an object inside and one
// outside the caller's subtree. A role without the right gets 403; an object
// outside the subtree gets 404, exactly as if it did not exist.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, apiSuite, idNumber, jiceng, signedIn, sql as dbSql, stopSuite, totp } from './support.mjs';

let server;
const clients = {};  // role → signed-in client
const objects = {};  // in/out organizations, persons, accounts

const GOLMUD = '632801000000';
const DELINGHA = '632802000000';
const NEW_PASSWORD = 'Matrix#pass2026';

async function prepare(login, role, org) {
  const out = JSON.parse(jiceng('user', 'add', '--db', server.db, '--login', login, '--org', org, '--role', role, '--json'));
  const c = new Client(server.url);
  const first = await c.signIn(login, out.initial_password);
  assert.equal(first.status, 200);
  assert.equal((await c.post('/api/v1/session/password', { old_password: out.initial_password, new_password: NEW_PASSWORD })).status, 200);
  if (first.json.must_enroll_totp) {
    const begun = await c.post('/api/v1/session/totp');
    assert.equal((await c.post('/api/v1/session/totp/confirm', { password: NEW_PASSWORD, code: totp(begun.json.secret) })).status, 200);
  }
  return c;
}

before(async () => {
  let suite;
  ({ server, ...suite } = await apiSuite('demo_golmud', 'demo_town', 'demo_village'));
  clients.org_department = suite.demo_golmud;
  clients.township_committee = suite.demo_town;
  clients.village_committees = suite.demo_village;
  objects.village = (await suite.demo_village.get('/api/v1/session')).json.user.org_code;
  clients.system_admin = await prepare('sys_golmud', 'system_admin', GOLMUD);
  clients.security_admin = await prepare('sec_golmud', 'security_admin', GOLMUD);
  clients.audit_admin = await prepare('aud_golmud', 'audit_admin', GOLMUD);
  clients.member = await prepare('mem_village', 'member', objects.village);
  const village = clients.village_committees;
  objects.inPerson = (await village.get(`/api/v1/people?org=${objects.village}&page_size=1`)).json.items[0].id;
  const province = await signedIn(server.url, 'demo_qinghai');
  objects.outPerson = (await province.get(`/api/v1/people?org=${DELINGHA}&page_size=1`)).json.items[0].id;
  objects.inBranch = (await village.get('/api/v1/membership/dues/branches')).json.items[0].code;
  objects.outBranch = sql(`SELECT code FROM org_unit WHERE kind = 'party_branch' AND code LIKE '${DELINGHA.slice(0, 6)}%' ORDER BY code LIMIT 1`);
  jiceng('user', 'add', '--db', server.db, '--login', 'victim_in', '--org', objects.village, '--role', 'village_committees');
  jiceng('user', 'add', '--db', server.db, '--login', 'victim_out', '--org', DELINGHA, '--role', 'org_department');
});

after(() => stopSuite(server));

const CADRES = ['org_department', 'township_committee', 'village_committees'];
const ADMINS = ['system_admin', 'security_admin', 'audit_admin'];
// Before each call of an account row action: no pending request (one per account), and the state it needs.
const sql = (query) => dbSql(server.db, query);
const fresh = (extra = '') => sql(`UPDATE account_request SET state = 'withdrawn' WHERE state = 'pending'; ${extra}`);
const TREE = ['org_department', 'township_committee', 'village_committees', 'system_admin', 'security_admin', 'audit_admin'];
let serial = 900;

// Each case: how to call it for an object inside (`in`) or outside (`out`) the subtree, and who may.
const cases = [
  { name: 'GET /orgs/{code}', allow: TREE, call: (c, o) => c.get(`/api/v1/orgs/${o.org}`) },
  { name: 'GET /orgs/{code}/children', allow: TREE, call: (c, o) => c.get(`/api/v1/orgs/${o.org}/children`) },
  {
    name: 'GET /orgs/{code}/namesakes', allow: ['org_department'],
    call: (c, o) => c.get(`/api/v1/orgs/${o.org}/namesakes?name=${encodeURIComponent('矩阵村')}`),
  },
  {
    // 202: a request that another org department account must approve (四眼原则); one pending per unit.
    name: 'POST /orgs/{code}/rename', allow: ['org_department'],
    call: (c, o) => {
      sql("UPDATE org_change_request SET state = 'withdrawn' WHERE state = 'pending'");
      return c.post(`/api/v1/orgs/${o.org}/rename`, { name: `矩阵村${serial++}`, on: '2025-01-01', reason: '矩阵测试' });
    },
  },
  { name: 'GET /people?org=', allow: CADRES, call: (c, o) => c.get(`/api/v1/people?org=${o.org}`) },
  { name: 'GET /dashboard?org=', allow: CADRES, call: (c, o) => c.get(`/api/v1/dashboard?org=${o.org}`) },
  { name: 'GET /people/{id}', allow: CADRES, call: (c, o) => c.get(`/api/v1/people/${o.person}`) },
  { name: 'PATCH /people/{id}', allow: CADRES, call: (c, o) => c.patch(`/api/v1/people/${o.person}`, { education: '大学本科' }) },
  { name: 'POST /people/{id}/reveal', allow: ['org_department', 'township_committee'], call: (c, o) => c.post(`/api/v1/people/${o.person}/reveal`) },
  {
    name: 'POST /people/{id}/posts', allow: CADRES,
    call: (c, o) => c.post(`/api/v1/people/${o.person}/posts`, { org_code: o.org, title: '网格员', start_on: '2024-01-01' }),
  },
  {
    name: 'POST /people', allow: CADRES,
    call: (c, o) => c.post('/api/v1/people', {
      name: '矩阵测试', id_number: idNumber(`63280119900101${serial++}`), ethnicity: '汉族', education: '高中',
      political_status: '群众', org_code: o.org,
    }),
  },
  { name: 'GET /membership/dues/ledger?org=', allow: CADRES, call: (c, o) => c.get(`/api/v1/membership/dues/ledger?org=${o.branch}&month=2026-11`) },
  { name: 'GET /membership/dues/ledger.xlsx?org=', allow: CADRES, call: (c, o) => c.get(`/api/v1/membership/dues/ledger.xlsx?org=${o.branch}&month=2026-11`) },
  { name: 'GET /membership/dues/members/{id}', allow: CADRES, call: (c, o) => c.get(`/api/v1/membership/dues/members/${o.person}`) },
  { name: 'GET /audit?org=', allow: ['audit_admin'], call: (c, o) => c.get(`/api/v1/audit?org=${o.org}`) },
  {
    name: 'POST /users', allow: ['system_admin'],
    call: (c, o) => c.post('/api/v1/users', { login: `made_${serial++}`, name: '新账号', org_code: o.org, role: 'village_committees' }),
  },
  { name: 'POST /users/{login}/unlock', allow: ['security_admin'], call: (c, o) => c.post(`/api/v1/users/${o.account}/unlock`) },
  { name: 'POST /users/{login}/reset-password', allow: ['security_admin'], call: (c, o) => c.post(`/api/v1/users/${o.account}/reset-password`) },
  { name: 'GET /users/{login}', allow: ADMINS, call: (c, o) => c.get(`/api/v1/users/${o.account}`) },
  { name: 'PATCH /users/{login}', allow: ['system_admin'], call: (c, o) => c.patch(`/api/v1/users/${o.account}`, { name: `改名${serial++}` }) },
  {
    name: 'POST /users/{login}/disable', allow: ['system_admin', 'security_admin'],
    call: (c, o) => { sql('UPDATE account SET disabled = 0'); return c.post(`/api/v1/users/${o.account}/disable`); },
  },
  {
    name: 'POST /users/{login}/enable', allow: ['system_admin'],
    call: (c, o) => { fresh(`UPDATE account SET disabled = 1 WHERE login = '${o.account}'`); return c.post(`/api/v1/users/${o.account}/enable`); },
  },
  {
    name: 'POST /users/{login}/org', allow: ['system_admin'],
    call: (c, o) => { fresh(); return c.post(`/api/v1/users/${o.account}/org`, { org_code: GOLMUD }); },
  },
  {
    name: 'POST /users/{login}/reset-totp', allow: ['security_admin'],
    call: (c, o) => {
      fresh(`UPDATE account SET totp_enabled = 1 WHERE login = '${o.account}'`);
      return c.post(`/api/v1/users/${o.account}/reset-totp`);
    },
  },
];

// Calls with no object: only the role matters.
const unscoped = [
  { name: 'GET /orgs/root', allow: TREE, call: (c) => c.get('/api/v1/orgs/root') },
  { name: 'GET /orgs/search', allow: TREE, call: (c) => c.get('/api/v1/orgs/search?q=' + encodeURIComponent('村')) },
  { name: 'GET /orgs/changes', allow: TREE, call: (c) => c.get('/api/v1/orgs/changes') },
  { name: 'GET /people', allow: CADRES, call: (c) => c.get('/api/v1/people') },
  { name: 'GET /users', allow: ['system_admin', 'security_admin', 'audit_admin'], call: (c) => c.get('/api/v1/users') },
  { name: 'GET /audit', allow: ['audit_admin'], call: (c) => c.get('/api/v1/audit') },
  { name: 'GET /membership/dues/branches', allow: CADRES, call: (c) => c.get('/api/v1/membership/dues/branches') },
  { name: 'GET /membership/dues/todo', allow: CADRES, call: (c) => c.get('/api/v1/membership/dues/todo') },
  { name: 'GET /membership/dues/exceptions', allow: CADRES, call: (c) => c.get('/api/v1/membership/dues/exceptions') },
  { name: 'GET /meta/vocabularies', allow: [...TREE, 'member'], call: (c) => c.get('/api/v1/meta/vocabularies') },
];

const ROLES = ['org_department', 'township_committee', 'village_committees', 'system_admin', 'security_admin', 'audit_admin', 'member'];

for (const k of cases) {
  test(`${k.name}: role × inside/outside the subtree`, async () => {
    const inside = { org: objects.village, person: objects.inPerson, account: 'victim_in', branch: objects.inBranch };
    const outside = { org: DELINGHA, person: objects.outPerson, account: 'victim_out', branch: objects.outBranch };
    for (const role of ROLES) {
      const allowed = k.allow.includes(role);
      const a = await k.call(clients[role], inside);
      const b = await k.call(clients[role], outside);
      if (allowed) {
        // 202: a request that another administrator must approve (双人复核).
        assert.ok([200, 201, 202].includes(a.status), `${role} inside: ${a.status} ${JSON.stringify(a.json)}`);
        assert.equal(b.status, 404, `${role} outside: ${b.status} ${JSON.stringify(b.json)}`);
        assert.match(b.json.message, /不在您的管辖范围内|未找到/);
      } else {
        assert.equal(a.status, 403, `${role} inside: ${a.status}`);
        assert.equal(b.status, 403, `${role} outside: ${b.status}`);
        assert.equal(a.json.code, 'forbidden');
      }
    }
  });
}

for (const k of unscoped) {
  test(`${k.name}: every role`, async () => {
    for (const role of ROLES) {
      const res = await k.call(clients[role]);
      assert.equal(res.status, k.allow.includes(role) ? 200 : 403, `${role}: ${res.status} ${JSON.stringify(res.json)}`);
    }
  });
}

test('a 404 outside the subtree looks exactly like a 404 for nothing at all', async () => {
  const c = clients.org_department;
  const outside = await c.get(`/api/v1/people/${objects.outPerson}`);
  const missing = await c.get('/api/v1/people/999999999');
  assert.deepEqual(outside.json, missing.json);
  const outOrg = await c.get(`/api/v1/orgs/${DELINGHA}`);
  const noOrg = await c.get('/api/v1/orgs/639999999999');
  assert.deepEqual(outOrg.json, noOrg.json);
});

test('search and lists never show anything outside the subtree', async () => {
  const found = await clients.org_department.get('/api/v1/orgs/search?q=' + encodeURIComponent('德令哈'));
  assert.equal(found.status, 200);
  assert.equal(found.json.length, 0);
  const list = await clients.village_committees.get('/api/v1/people?page_size=100');
  for (const p of list.json.items) assert.ok(p.org_code.startsWith(objects.village) || p.posts.some((t) => t.org_code.startsWith(objects.village)));
});

test('bad input gets a Chinese message naming the field and changes nothing', async () => {
  const c = clients.org_department;
  const before = JSON.parse(jiceng('stats', '--db', server.db, '--json')).people.total;
  const bad = await c.post('/api/v1/people', { name: '甲', id_number: '632801199001010000', ethnicity: '汉族', education: '高中', political_status: '群众', org_code: objects.village });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'id_number');
  const badPatch = await c.patch(`/api/v1/people/${objects.inPerson}`, { phone: '123' });
  assert.equal(badPatch.status, 400);
  assert.equal(badPatch.json.field, 'phone');
  assert.match(badPatch.json.message, /手机号码/);
  const notJson = await c.request('POST', '/api/v1/people', undefined);
  assert.ok([400].includes(notJson.status));
  assert.equal(JSON.parse(jiceng('stats', '--db', server.db, '--json')).people.total, before);
});

// A malformed id in a path is "not found", as an id outside the caller's scope is, naming what was not found
// (accounts/path_id.h, shared by every module's routes).
test('a malformed path id is not found, in every module, naming the thing', async () => {
  const c = clients.org_department;
  for (const [route, what] of [
    ['/api/v1/people/12a', '人员'],
    ['/api/v1/duty/items/0x10', '事项'],
    ['/api/v1/orglife/meetings/1234567890123', '记录'],
    ['/api/v1/membership/dues/members/-1', '党员'],
  ]) {
    const res = await c.get(route);
    assert.equal(res.status, 404, route);
    assert.equal(res.json.field, 'id', route);
    assert.ok(res.json.message.startsWith(`未找到该${what}`), `${route}: ${res.json.message}`);
  }
});
