// Sign-in, sign-out, lockout, forced password change, CSRF and the second factor,
// against a real server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, DEMO_PASSWORD, apiSuite, jiceng, signedIn, stopSuite, totp } from './support.mjs';

let server;
let auditSecret = '';
let auditClient = null;  // demo_audit, signed in with its one TOTP code (each code is accepted once)
before(async () => ({ server } = await apiSuite()));
after(() => stopSuite(server));

test('health needs no session; everything else answers 401 without one', async () => {
  const c = new Client(server.url);
  assert.equal((await c.get('/api/v1/health')).json.status, 'ok');
  for (const route of ['/api/v1/people', '/api/v1/orgs/root', '/api/v1/audit', '/api/v1/session']) {
    const res = await c.get(route);
    assert.equal(res.status, 401, route);
    assert.equal(res.json.code, 'unauthorized');
    assert.match(res.json.message, /登录/);
  }
});

test('sign-in sets an HttpOnly SameSite=Strict cookie and a new session id each time', async () => {
  const c = new Client(server.url);
  const res = await c.signIn('demo_golmud');
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(c.cookie, /^jiceng_session=[0-9a-f]{32}$/);
  assert.equal(res.json.user.org_name, '格尔木市');
  assert.equal(res.json.user.role_name, '组织部');
  assert.equal(res.json.must_change_password, false);
  const first = c.cookie;
  await c.signIn('demo_golmud');
  assert.notEqual(c.cookie, first);
});

test('wrong password: 401 in Chinese; five in a row lock the account, with the same answer; security admin unlocks', async () => {
  jiceng('user', 'add', '--db', server.db, '--login', 'lock_me', '--org', '632801000000', '--role', 'org_department');
  const c = new Client(server.url);
  const first = await c.signIn('lock_me', 'Wrong#pass1');
  assert.equal(first.status, 401);
  assert.match(first.json.message, /账号或密码错误/);
  assert.doesNotMatch(first.json.message, /再错/, 'never the attempts left');
  for (let i = 2; i <= 5; i++) assert.deepEqual((await c.signIn('lock_me', 'Wrong#pass1')).json, first.json);
  // Locked now: a further try gets exactly the same answer (no 423 that would tell the account exists).
  const locked = await c.signIn('lock_me', 'Wrong#pass1');
  assert.equal(locked.status, 401);
  assert.deepEqual(locked.json, first.json);
  const security = await signedIn(server.url, 'demo_security');
  const listed = await security.get('/api/v1/users?page=1');
  assert.equal(listed.status, 200);
  assert.equal((await security.post('/api/v1/users/lock_me/unlock')).status, 200);
  const again = await c.signIn('lock_me', 'Wrong#pass1');
  assert.equal(again.status, 401, 'unlocked: an ordinary failure again');
});

test('unknown login answers like a wrong password', async () => {
  const wrong = await new Client(server.url).signIn('demo_golmud', 'Whatever#1');
  const res = await new Client(server.url).signIn('nobody_here', 'Whatever#1');
  assert.equal(res.status, 401);
  assert.deepEqual(res.json, wrong.json);
});

test('a new account must change its password before anything else', async () => {
  const out = jiceng('user', 'add', '--db', server.db, '--login', 'new_cadre', '--org', '632801000000',
    '--role', 'org_department', '--json');
  const initial = JSON.parse(out).initial_password;
  const c = new Client(server.url);
  const res = await c.signIn('new_cadre', initial);
  assert.equal(res.status, 200);
  assert.equal(res.json.must_change_password, true);
  const blocked = await c.get('/api/v1/people');
  assert.equal(blocked.status, 403);
  assert.equal(blocked.json.code, 'password_change_required');
  const weak = await c.post('/api/v1/session/password', { old_password: initial, new_password: 'abcdefgh' });
  assert.equal(weak.status, 400);
  assert.equal(weak.json.field, 'new_password');
  const wrongOld = await c.post('/api/v1/session/password', { old_password: 'nope', new_password: 'Good#pass2026' });
  assert.equal(wrongOld.json.field, 'old_password');
  const ok = await c.post('/api/v1/session/password', { old_password: initial, new_password: 'Good#pass2026' });
  assert.equal(ok.status, 200);
  assert.equal((await c.get('/api/v1/people')).status, 200);
  const fresh = new Client(server.url);
  assert.equal((await fresh.signIn('new_cadre', 'Good#pass2026')).json.must_change_password, false);
});

test('state-changing requests need the CSRF token', async () => {
  const c = new Client(server.url);
  await c.signIn('demo_golmud');
  const people = await c.get('/api/v1/people?page_size=1');
  const id = people.json.items[0].id;
  const missing = await c.request('PATCH', `/api/v1/people/${id}`, { phone: '13900000000' }, { csrf: false });
  assert.equal(missing.status, 403);
  assert.equal(missing.json.code, 'csrf');
  const saved = c.csrf;
  c.csrf = '0'.repeat(32);
  assert.equal((await c.patch(`/api/v1/people/${id}`, { phone: '13900000000' })).status, 403);
  c.csrf = saved;
  assert.equal((await c.patch(`/api/v1/people/${id}`, { phone: '13900000000' })).status, 200);
});

test('sign-out ends the session', async () => {
  const c = new Client(server.url);
  await c.signIn('demo_village');
  const cookie = c.cookie;
  assert.equal((await c.request('DELETE', '/api/v1/session')).status, 204);
  c.cookie = cookie;
  assert.equal((await c.get('/api/v1/people')).status, 401);
});

test('administrators must enrol TOTP, then sign in with it', async () => {
  const c = new Client(server.url);
  const res = await c.signIn('demo_audit');
  assert.equal(res.json.must_enroll_totp, true);
  const blocked = await c.get('/api/v1/audit');
  assert.equal(blocked.status, 403);
  assert.equal(blocked.json.code, 'totp_enrollment_required');
  const begun = await c.post('/api/v1/session/totp');
  assert.match(begun.json.otpauth_uri, /^otpauth:\/\/totp\/[^:]+:demo_audit\?secret=[A-Z2-7]+&issuer=/);
  assert.match(decodeURIComponent(begun.json.otpauth_uri), /基层工作平台/);
  const wrong = await c.post('/api/v1/session/totp/confirm', {
    password: DEMO_PASSWORD, code: '000000' === totp(begun.json.secret) ? '111111' : '000000',
  });
  assert.equal(wrong.status, 400);
  assert.equal((await c.post('/api/v1/session/totp/confirm', { password: DEMO_PASSWORD, code: totp(begun.json.secret) })).status, 200);
  auditSecret = begun.json.secret;
  assert.equal((await c.get('/api/v1/audit')).status, 200);

  const next = new Client(server.url);
  const withoutCode = await next.signIn('demo_audit');
  assert.equal(withoutCode.status, 401);
  assert.equal(withoutCode.json.code, 'totp_required');
  // The enrolment used the current code; the next one (within the allowed drift) signs in.
  const withCode = await next.signIn('demo_audit', DEMO_PASSWORD, totp(begun.json.secret, Date.now() + 30_000));
  assert.equal(withCode.status, 200);
  assert.equal(withCode.json.must_enroll_totp, false);
  auditClient = next;
});

test('sign-ins, failures and reveals are in the audit log, and the chain verifies', async () => {
  assert.ok(auditSecret, 'the TOTP test ran first');
  const c = new Client(server.url);
  await c.signIn('demo_golmud');
  const id = (await c.get('/api/v1/people?page_size=1')).json.items[0].id;
  const revealed = await c.post(`/api/v1/people/${id}/reveal`);
  assert.equal(revealed.status, 200);
  assert.doesNotMatch(revealed.json.id_number, /\*/);
  assert.equal(revealed.json.id_number.length, 18);

  const auditor = auditClient;
  const reveals = await auditor.get('/api/v1/audit?action=person.reveal');
  assert.ok(reveals.json.total >= 1);
  assert.equal(reveals.json.items[0].actor, 'demo_golmud');
  assert.equal(reveals.json.items[0].object, String(id));
  assert.equal(reveals.json.items[0].address, '127.0.0.1');
  assert.ok((await auditor.get('/api/v1/audit?action=session.fail')).json.total >= 5);
  assert.ok((await auditor.get('/api/v1/audit?action=session.signin&actor=demo_golmud')).json.total >= 1);
  const badDate = await auditor.get('/api/v1/audit?from=2026-13-01');
  assert.equal(badDate.status, 400);
  assert.equal(badDate.json.field, 'from');
  assert.equal(JSON.parse(jiceng('audit', 'verify', '--db', server.db)).ok, true);
});
