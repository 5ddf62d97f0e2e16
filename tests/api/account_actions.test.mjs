// 账号管理's row actions over HTTP (issue #11): edit, disable, enable, change of org, unlock, TOTP reset. What only
// corrects or takes away is direct and audited; what grants is a request another role approves; nobody acts on
// their own account; bad input is refused naming the field and changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, DEMO_PASSWORD, PG, apiSuite, jiceng, signedIn, sql, stopSuite } from './support.mjs';

// The stored phone as the database holds it, in each back end's words.
const phoneHex = PG ? "encode(phone_cipher, 'hex')" : 'hex(phone_cipher)';
const phoneHolds = (digits) => (PG ? `position('${digits}'::bytea IN phone_cipher) > 0`
  : `instr(CAST(phone_cipher AS TEXT), '${digits}') > 0`);


let server;
let admin;     // demo_admin, 系统管理员
let security;  // demo_security, 安全管理员
let auditor;   // demo_audit, 审计管理员

before(async () => ({ server, demo_admin: admin, demo_security: security, demo_audit: auditor } =
  await apiSuite('demo_admin', 'demo_security', 'demo_audit')));
after(() => stopSuite(server));

async function approve(by, answer) {
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  const approved = await by.post(`/api/v1/account-requests/${answer.json.request.id}/approve`);
  assert.equal(approved.status, 200, JSON.stringify(approved.json));
  return approved;
}

test('editing the name and phone is direct, for the system administrator only, not on oneself', async () => {
  const digest = sql(server.db, `SELECT name || COALESCE(${phoneHex}, '') FROM account WHERE login = 'demo_village'`);
  const bad = await admin.patch('/api/v1/users/demo_village', { name: '村两委新名', phone: '12345' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'phone');
  const typed = await admin.patch('/api/v1/users/demo_village', { phone: 13909771234 });
  assert.equal(typed.status, 400);
  assert.equal(typed.json.field, 'phone');
  assert.equal((await security.patch('/api/v1/users/demo_village', { name: '某' })).status, 403);
  assert.equal((await admin.patch('/api/v1/users/demo_admin', { name: '自己' })).status, 403);
  assert.equal(sql(server.db, `SELECT name || COALESCE(${phoneHex}, '') FROM account WHERE login = 'demo_village'`), digest);

  const edited = await admin.patch('/api/v1/users/demo_village', { name: '村两委新名', phone: '13909771234' });
  assert.equal(edited.status, 200, JSON.stringify(edited.json));
  assert.equal(edited.json.name, '村两委新名');
  assert.equal(edited.json.phone_masked, '139****1234');
  assert.equal((await admin.get('/api/v1/users/demo_village')).json.phone, '13909771234');
  assert.equal((await security.get('/api/v1/users/demo_village')).json.phone, undefined, 'only the editor sees it whole');
  assert.equal(sql(server.db, `SELECT COUNT(*) FROM account WHERE login = 'demo_village' AND ${phoneHolds('13909771234')}`), '0',
    'stored encrypted');
});

test('disabling is direct and ends the sessions; enabling needs a second administrator', async () => {
  const town = await signedIn(server.url, 'demo_town');
  assert.equal((await admin.post('/api/v1/users/demo_admin/disable')).status, 403, 'not oneself');
  const disabled = await security.post('/api/v1/users/demo_town/disable');
  assert.equal(disabled.status, 200, JSON.stringify(disabled.json));
  assert.equal(disabled.json.disabled, true);
  assert.equal((await town.get('/api/v1/session')).status, 401, 'its session ended');
  assert.equal((await new Client(server.url).signIn('demo_town')).status, 401);
  assert.equal((await security.post('/api/v1/users/demo_town/disable')).status, 409);

  assert.equal((await security.post('/api/v1/users/demo_town/enable')).status, 403, 'the system administrator asks');
  const asked = await admin.post('/api/v1/users/demo_town/enable');
  assert.equal(asked.status, 202);
  assert.equal(asked.json.request.kind, 'enable');
  assert.equal((await admin.post(`/api/v1/account-requests/${asked.json.request.id}/approve`)).status, 403);
  assert.equal((await new Client(server.url).signIn('demo_town')).status, 401, 'still disabled before approval');
  const approved = await security.post(`/api/v1/account-requests/${asked.json.request.id}/approve`);
  assert.equal(approved.status, 200);
  assert.equal((await new Client(server.url).signIn('demo_town')).status, 200);
});

// Regression (四眼原则): one system administrator could disable the security administrator alone.
test('disabling an administrator is a request another role approves; until then the account works', async () => {
  const made = JSON.parse(jiceng('user', 'add', '--db', server.db, '--login', 'sec_two', '--org', '630000000000',
    '--role', 'security_admin', '--name', '第二安全管理员', '--json'));
  const target = new Client(server.url);
  assert.equal((await target.signIn('sec_two', made.initial_password)).status, 200);
  const asked = await admin.post('/api/v1/users/sec_two/disable');
  assert.equal(asked.status, 202, JSON.stringify(asked.json));
  assert.equal(asked.json.request.kind, 'disable');
  assert.equal(asked.json.request.kind_name, '停用管理员账号');
  assert.equal(asked.json.code_half, undefined);
  assert.equal(sql(server.db, "SELECT disabled FROM account WHERE login = 'sec_two'"), '0', 'not before approval');
  assert.equal((await target.get('/api/v1/session')).status, 200, 'its session goes on until approval');
  assert.equal((await security.post('/api/v1/users/sec_two/disable')).status, 409, 'one pending request');
  // The list names the requester; neither the requester nor an administrator of the requester's role approves.
  const listed = (await auditor.get('/api/v1/account-requests?state=pending')).json.items
    .find((r) => r.id === asked.json.request.id);
  assert.equal(listed.requested_by, 'demo_admin');
  assert.equal(listed.requested_by_name, '系统管理员演示账号');
  assert.equal(listed.requested_by_kind, 'account');
  assert.equal((await admin.post(`/api/v1/account-requests/${asked.json.request.id}/approve`)).status, 403);
  const approved = await approve(security, asked);
  assert.equal(approved.json.code_half, undefined, 'nothing to set with a code');
  assert.equal((await target.get('/api/v1/session')).status, 401, 'its sessions ended');
  assert.equal((await new Client(server.url).signIn('sec_two', made.initial_password)).status, 401);
  assert.equal(sql(server.db, "SELECT actor FROM audit_log WHERE action = 'account.disable' AND object = 'sec_two'"),
    'demo_security');
});

test('a change of org is a request; approved, the account sees the new subtree only', async () => {
  const golmud = await signedIn(server.url, 'demo_golmud');
  const missing = await admin.post('/api/v1/users/demo_golmud/org', {});
  assert.equal(missing.status, 400);
  assert.equal(missing.json.field, 'org_code');
  assert.equal((await admin.post('/api/v1/users/demo_golmud/org', { org_code: '632801000000' })).status, 400);
  assert.equal((await admin.post('/api/v1/users/demo_admin/org', { org_code: '632801000000' })).status, 403);
  const asked = await admin.post('/api/v1/users/demo_golmud/org', { org_code: '632802000000' });
  assert.equal(asked.status, 202, JSON.stringify(asked.json));
  assert.equal(asked.json.request.new_org_code, '632802000000');
  assert.equal(asked.json.request.new_org_name, '德令哈市');
  assert.equal((await golmud.get('/api/v1/orgs/root')).json.code, '632801000000', 'nothing changed yet');
  await approve(auditor, asked);
  assert.equal((await golmud.get('/api/v1/session')).status, 401, 'its sessions ended');
  const again = await signedIn(server.url, 'demo_golmud');
  assert.equal((await again.get('/api/v1/orgs/root')).json.code, '632802000000');
  assert.equal((await again.get('/api/v1/orgs/632801000000')).status, 404);
});

test('unlock clears the lock and the hourly limit; the list shows a throttled account as locked', async () => {
  const id = sql(server.db, "SELECT id FROM account WHERE login = 'demo_qinghai'");
  const now = Math.floor(Date.now() / 1000);
  const rows = Array.from({ length: 100 }, () => `(${id}, ${now - 60})`).join(',');
  sql(server.db, `INSERT INTO sign_in_failure(account_id, at) VALUES ${rows}`);
  assert.equal((await new Client(server.url).signIn('demo_qinghai')).status, 401);
  const listed = (await security.get('/api/v1/users')).json.items.find((u) => u.login === 'demo_qinghai');
  assert.equal(listed.locked, true);
  assert.equal((await admin.post('/api/v1/users/demo_qinghai/unlock')).status, 403);
  assert.equal((await security.post('/api/v1/users/demo_qinghai/unlock')).status, 200);
  assert.equal((await new Client(server.url).signIn('demo_qinghai')).status, 200);
});

test('a TOTP reset is the security administrator\'s request; approved, the holder binds again', async () => {
  assert.equal((await security.post('/api/v1/users/demo_security/reset-totp')).status, 403, 'not oneself');
  assert.equal((await security.post('/api/v1/users/demo_golmud/reset-totp')).status, 400, 'no TOTP bound');
  const asked = await security.post('/api/v1/users/demo_admin/reset-totp');
  assert.equal(asked.status, 202, JSON.stringify(asked.json));
  assert.equal(asked.json.code_half, undefined);
  const concerned = await admin.post(`/api/v1/account-requests/${asked.json.request.id}/approve`);
  assert.equal(concerned.status, 403, 'not the account concerned');
  await approve(auditor, asked);
  const signedIn = await new Client(server.url).signIn('demo_admin', DEMO_PASSWORD);
  assert.equal(signedIn.status, 200, JSON.stringify(signedIn.json));
  assert.equal(signedIn.json.must_enroll_totp, true);
});

test('every row action is in the audit log under a Chinese name', async () => {
  const names = new Map((await auditor.get('/api/v1/audit/actions')).json.items.map((a) => [a.code, a.name]));
  for (const action of ['account.edit', 'account.disable', 'account.enable', 'account.org', 'account.unlock',
    'account.totp_reset']) {
    assert.ok(Number(sql(server.db, `SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`)) >= 1, action);
    assert.ok(names.get(action), action);
  }
});
