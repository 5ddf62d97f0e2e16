// 三权分立 and 双人复核 (GB/T 22239): no administrator alone can take over an account or come to hold a role.
// A password reset or a role grant is requested by one administrator and approved by one of another role; the
// new password is set by the holder with a one-time code whose two halves went to the two administrators.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, DEMO_PASSWORD, apiSuite, jiceng, stopSuite, totp } from './support.mjs';

let server;
let admin;     // demo_admin, 系统管理员
let security;  // demo_security, 安全管理员
let auditor;   // demo_audit, 审计管理员

before(async () => ({ server, demo_admin: admin, demo_security: security, demo_audit: auditor } =
  await apiSuite('demo_admin', 'demo_security', 'demo_audit')));
after(() => stopSuite(server));

// A guess at the other half: right shape, wrong value.
const GUESS = 'AAAA-AAAA';

// Regression: demo_security reset demo_golmud's password, was handed the initial password, signed in as
// demo_golmud and read personal data.
test('the security administrator alone cannot take over demo_golmud by resetting its password', async () => {
  const asked = await security.post('/api/v1/users/demo_golmud/reset-password');
  assert.equal(asked.status, 202, JSON.stringify(asked.json));
  assert.equal(asked.json.initial_password, undefined, 'no password is handed to the requester');
  assert.match(asked.json.code_half, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  assert.equal(asked.json.request.state, 'pending');
  const id = asked.json.request.id;

  // The requester cannot approve, nor can anyone of the same role; nothing has changed yet.
  const self = await security.post(`/api/v1/account-requests/${id}/approve`);
  assert.equal(self.status, 403);
  assert.match(self.json.message, /申请人不能批准/);
  assert.equal((await new Client(server.url).signIn('demo_golmud')).status, 200, 'the old password still works');

  // Its half alone (with any guess at the other) sets nothing, before or after approval.
  const early = await new Client(server.url).post('/api/v1/session/code',
    { login: 'demo_golmud', code: `${asked.json.code_half}-${GUESS}`, new_password: 'Taken#over2026' });
  assert.equal(early.status, 401);

  const approved = await admin.post(`/api/v1/account-requests/${id}/approve`);
  assert.equal(approved.status, 200, JSON.stringify(approved.json));
  assert.equal(approved.json.request.state, 'approved');
  assert.match(approved.json.code_half, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  assert.equal((await new Client(server.url).signIn('demo_golmud')).status, 401, 'the old password is void');

  // Each administrator's half with a guess at the other's. (Each failure counts towards the lockout: five
  // would lock the account, which the security administrator would then have to unlock.)
  for (const code of [`${asked.json.code_half}-${GUESS}`, `${GUESS}-${approved.json.code_half}`]) {
    const attempt = await new Client(server.url).post('/api/v1/session/code',
      { login: 'demo_golmud', code, new_password: 'Taken#over2026' });
    assert.equal(attempt.status, 401, code);
    assert.deepEqual(attempt.json, early.json);
  }

  // The holder, told both halves by the two administrators, sets the password, and is told of the reset.
  const set = await new Client(server.url).post('/api/v1/session/code',
    { login: 'demo_golmud', code: `${asked.json.code_half} ${approved.json.code_half}`, new_password: 'Golmud#2026new' });
  assert.equal(set.status, 200, JSON.stringify(set.json));
  const holder = new Client(server.url);
  const signedIn = await holder.signIn('demo_golmud', 'Golmud#2026new');
  assert.equal(signedIn.status, 200);
  assert.equal(signedIn.json.password_reset.requested_by, 'demo_security');
  assert.equal(signedIn.json.password_reset.approved_by, 'demo_admin');
  // Named as every page names actors: the holders' names, not their logins.
  for (const who of ['requested_by', 'approved_by']) {
    assert.equal(signedIn.json.password_reset[`${who}_kind`], 'account');
    assert.ok(signedIn.json.password_reset[`${who}_name`], who);
    assert.notEqual(signedIn.json.password_reset[`${who}_name`], signedIn.json.password_reset[who]);
  }
  assert.match(signedIn.json.password_reset.at, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.deepEqual((await holder.get('/api/v1/session')).json.password_reset, signedIn.json.password_reset);
  assert.equal((await holder.get('/api/v1/people?page_size=1')).status, 200);
  const later = await new Client(server.url).signIn('demo_golmud', 'Golmud#2026new');
  assert.equal(later.json.password_reset, undefined, 'told once');

  // Both steps are in the audit log.
  for (const [action, actor] of [['account.request', 'demo_security'], ['account.approve', 'demo_admin'],
    ['account.code_used', 'demo_golmud']]) {
    const found = await auditor.get(`/api/v1/audit?action=${action}&actor=${actor}`);
    assert.ok(found.json.total >= 1, `${action} by ${actor}`);
  }
});

// Regression: demo_admin created an audit_admin account, signed in with it and read the audit log; it could
// also create more system administrators.
test('the system administrator alone cannot make itself an audit or system administrator account', async () => {
  for (const [login, role] of [['aud_new', 'audit_admin'], ['sys_new', 'system_admin']]) {
    const asked = await admin.post('/api/v1/users', { login, name: '新管理员', org_code: '630000000000', role });
    assert.equal(asked.status, 202, JSON.stringify(asked.json));
    assert.equal(asked.json.initial_password, undefined);
    assert.equal(asked.json.request.kind, 'create');
    // No account exists until another role approves: nothing signs in.
    for (const password of [DEMO_PASSWORD, asked.json.code_half]) {
      assert.equal((await new Client(server.url).signIn(login, password)).status, 401);
    }
    const self = await admin.post(`/api/v1/account-requests/${asked.json.request.id}/approve`);
    assert.equal(self.status, 403);
    const listed = (await admin.get('/api/v1/account-requests?state=pending')).json.items.find((r) => r.login === login);
    assert.equal(listed.can_approve, false);
    assert.equal(listed.can_withdraw, true);
    const forSecurity = (await security.get('/api/v1/account-requests?state=pending')).json.items.find((r) => r.login === login);
    assert.equal(forSecurity.can_approve, true);
  }
  // Another system administrator is the same role: refused too.
  const out = jiceng('user', 'add', '--db', server.db, '--login', 'sys_three', '--org', '630000000000',
    '--role', 'system_admin', '--json');
  const initial = JSON.parse(out).initial_password;
  const other = new Client(server.url);
  await other.signIn('sys_three', initial);
  await other.post('/api/v1/session/password', { old_password: initial, new_password: 'Third#admin2026' });
  const begun = await other.post('/api/v1/session/totp');
  assert.equal((await other.post('/api/v1/session/totp/confirm',
    { password: 'Third#admin2026', code: totp(begun.json.secret) })).status, 200);
  const pending = (await admin.get('/api/v1/account-requests?state=pending')).json.items;
  const audNew = pending.find((r) => r.login === 'aud_new');
  const sameRole = await other.post(`/api/v1/account-requests/${audNew.id}/approve`);
  assert.equal(sameRole.status, 403);
  assert.match(sameRole.json.message, /不同角色/);

  // The security administrator approves; the account exists but has no password: the system administrator's
  // half with a guess sets nothing, so it still cannot sign in as the new audit administrator.
  const approved = await security.post(`/api/v1/account-requests/${audNew.id}/approve`);
  assert.equal(approved.status, 200, JSON.stringify(approved.json));
  const users = (await admin.get('/api/v1/users?page=1')).json.items;
  assert.equal(users.find((u) => u.login === 'aud_new').awaiting_code, true);
  const guess = await new Client(server.url).post('/api/v1/session/code',
    { login: 'aud_new', code: `${GUESS}-${approved.json.code_half}`, new_password: 'Audit#new2026' });
  assert.equal(guess.status, 401);
  assert.equal((await admin.get('/api/v1/audit')).status, 403, 'the system administrator reads no audit log');

  // The requester withdraws the other request.
  const sysNew = pending.find((r) => r.login === 'sys_new');
  const withdrawn = await admin.post(`/api/v1/account-requests/${sysNew.id}/reject`);
  assert.equal(withdrawn.status, 200);
  assert.equal(withdrawn.json.request.state, 'withdrawn');
  assert.equal((await security.post(`/api/v1/account-requests/${sysNew.id}/approve`)).status, 409);
});

test('a role change is a request too, and nobody asks for their own', async () => {
  const own = await admin.post('/api/v1/users/demo_admin/role', { role: 'audit_admin' });
  assert.equal(own.status, 403);
  const asked = await admin.post('/api/v1/users/demo_town/role', { role: 'security_admin' });
  assert.equal(asked.status, 202, JSON.stringify(asked.json));
  assert.equal(asked.json.code_half, undefined);
  const town = (await admin.get('/api/v1/users?page=1')).json.items.find((u) => u.login === 'demo_town');
  assert.equal(town.role, 'township_committee', 'unchanged until approved');
  const rejected = await security.post(`/api/v1/account-requests/${asked.json.request.id}/reject`);
  assert.equal(rejected.status, 200);
  assert.equal(rejected.json.request.state, 'rejected');
  assert.equal((await auditor.get('/api/v1/audit?action=account.reject')).json.total, 1);
});
