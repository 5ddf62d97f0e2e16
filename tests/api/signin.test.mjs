// Sign-in that tells an attacker nothing: every failure gets the same status, body and time; one address and
// all addresses together are throttled; wrong old passwords count; each TOTP code works once; binding TOTP needs
// the password; a password change ends the other sessions; guessable passwords are refused. Failures, sign-outs
// and refused requests are audited, limited per address.
// The tests share one source address (127.0.0.1), so the audit records of refusals are checked first (at most
// 20 an address a minute) and the address throttle (30 failures in 15 minutes) last.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, DEMO_PASSWORD, apiSuite, jiceng, signedIn, stopSuite, totp } from './support.mjs';

let server;
let auditor;

before(async () => ({ server, demo_audit: auditor } = await apiSuite('demo_audit')));
after(() => stopSuite(server));

// A new account with a password of our choosing (the CLI makes it; the first sign-in changes it).
async function account(login, password, role = 'org_department', org = '632801000000') {
  const initial = JSON.parse(jiceng('user', 'add', '--db', server.db, '--login', login, '--org', org, '--role', role,
    '--json')).initial_password;
  const c = new Client(server.url);
  assert.equal((await c.signIn(login, initial)).status, 200);
  const changed = await c.post('/api/v1/session/password', { old_password: initial, new_password: password });
  assert.equal(changed.status, 200, JSON.stringify(changed.json));
  return c;
}

async function timed(login, password) {
  const started = performance.now();
  const res = await new Client(server.url).signIn(login, password);
  return { ...res, ms: performance.now() - started };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// First, while this address has not yet used its share of audit records for the minute (AuditLimiter).
test('sign-outs, refused requests and requests for objects outside the subtree are audited', async () => {
  const golmud = await signedIn(server.url, 'demo_golmud');
  assert.equal((await golmud.get('/api/v1/audit')).status, 403);
  const province = new Client(server.url);
  await province.signIn('demo_qinghai');
  const outside = (await province.get('/api/v1/people?org=632802000000&page_size=1')).json.items[0].id;
  const missing = await golmud.get(`/api/v1/people/${outside}`);
  assert.equal(missing.status, 404);
  assert.equal((await golmud.request('DELETE', '/api/v1/session')).status, 204);
  const refused = (await auditor.get('/api/v1/audit?action=request.refused&actor=demo_golmud')).json.items;
  assert.ok(refused.some((r) => r.object === 'GET /api/v1/audit'), JSON.stringify(refused));
  assert.ok(refused.some((r) => r.object === `GET /api/v1/people/${outside}`), JSON.stringify(refused));
  assert.ok((await auditor.get('/api/v1/audit?action=session.signout&actor=demo_golmud')).json.total >= 1);
});

// Regression: a wrong password for a real login answered "（再错 4 次将锁定 15 分钟）", an unknown login did not;
// a locked account answered 423 in 2–3 ms, the others in 35–40 ms.
test('a wrong password, an unknown login and a locked account get the same status, body and time', async () => {
  await account('timing_real', 'Timing#real2026');
  await account('timing_locked', 'Timing#lock2026');
  for (let i = 0; i < 5; i++) await new Client(server.url).signIn('timing_locked', 'Wrong#pass1');
  const runs = { wrong: [], unknown: [], locked: [] };
  for (let i = 0; i < 3; i++) {
    runs.wrong.push(await timed('timing_real', 'Wrong#pass1'));
    runs.unknown.push(await timed('timing_nobody', 'Wrong#pass1'));
    runs.locked.push(await timed('timing_locked', 'Timing#lock2026'));  // even the right password
  }
  const first = runs.wrong[0];
  assert.equal(first.status, 401);
  assert.doesNotMatch(first.json.message, /再错|次将锁定/);
  for (const [kind, list] of Object.entries(runs)) {
    for (const r of list) {
      assert.equal(r.status, 401, kind);
      assert.deepEqual(r.json, first.json, kind);
      assert.ok(r.ms >= 240, `${kind}: ${r.ms} ms`);
    }
  }
  const medians = Object.values(runs).map((list) => median(list.map((r) => r.ms)));
  assert.ok(Math.max(...medians) - Math.min(...medians) < 60, `medians ${medians.join(', ')} ms`);
  // Unknown logins and locked accounts are in the audit log too.
  for (const login of ['timing_nobody', 'timing_locked', 'timing_real']) {
    const found = await auditor.get(`/api/v1/audit?action=session.fail&actor=${login}`);
    assert.ok(found.json.total >= 3, `${login}: ${found.json.total}`);
  }
});

// Regression: POST /api/v1/session/password allowed 100 wrong old passwords in a row.
test('wrong old passwords count like failed sign-ins and lock the account', async () => {
  const c = await account('change_me', 'Change#me2026');
  for (let i = 0; i < 5; i++) {
    const res = await c.post('/api/v1/session/password', { old_password: 'Wrong#old2026', new_password: 'Fresh#pw2026x' });
    assert.equal(res.status, 400);
    assert.equal(res.json.field, 'old_password');
  }
  const right = await c.post('/api/v1/session/password', { old_password: 'Change#me2026', new_password: 'Fresh#pw2026x' });
  assert.equal(right.status, 400, 'locked: even the right old password is refused');
  assert.equal((await new Client(server.url).signIn('change_me', 'Change#me2026')).status, 401);
});

// Regression: changing the password left the other sessions signed in.
test('changing the password ends the other sessions, not this one', async () => {
  const here = await account('two_places', 'Two#places2026');
  const there = new Client(server.url);
  assert.equal((await there.signIn('two_places', 'Two#places2026')).status, 200);
  const here2 = new Client(server.url);
  assert.equal((await here2.signIn('two_places', 'Two#places2026')).status, 200);
  const changed = await here2.post('/api/v1/session/password', { old_password: 'Two#places2026', new_password: 'Two#places2027' });
  assert.equal(changed.status, 200);
  assert.equal((await here2.get('/api/v1/people?page_size=1')).status, 200);
  assert.equal((await there.get('/api/v1/people?page_size=1')).status, 401);
  assert.equal((await here.get('/api/v1/people?page_size=1')).status, 401);
});

// Regression: "Password1" and "short1A!" were accepted.
test('common, guessable and personal passwords are refused with a Chinese message', async () => {
  const c = await account('weak_pw', 'Weak#pw2026ok');
  for (const password of ['Password1', 'short1A!', 'Xy7#weak_pw']) {
    const res = await c.post('/api/v1/session/password', { old_password: 'Weak#pw2026ok', new_password: password });
    assert.equal(res.status, 400, password);
    assert.equal(res.json.field, 'new_password');
    assert.match(res.json.message, /[\u4e00-\u9fff]/);
  }
  const common = await c.post('/api/v1/session/password', { old_password: 'Weak#pw2026ok', new_password: 'Password1' });
  assert.match(common.json.message, /常见|字典/);
});

// Regression: the same TOTP code was accepted twice; binding TOTP needed no password.
test('binding TOTP needs the password, and each code signs in once', async () => {
  const c = await account('totp_user', 'Totp#user2026');
  const begun = await c.post('/api/v1/session/totp');
  const secret = begun.json.secret;
  const noPassword = await c.post('/api/v1/session/totp/confirm', { code: totp(secret) });
  assert.equal(noPassword.status, 400);
  assert.equal(noPassword.json.field, 'password');
  assert.equal((await c.post('/api/v1/session/totp/confirm', { password: 'Totp#user2026', code: totp(secret) })).status, 200);
  const code = totp(secret, Date.now() + 30_000);
  assert.equal((await new Client(server.url).signIn('totp_user', 'Totp#user2026', code)).status, 200);
  const replay = await new Client(server.url).signIn('totp_user', 'Totp#user2026', code);
  assert.equal(replay.status, 401);
  assert.equal(replay.json.code, 'totp_required');
});

// Regression: 300 failures over 60 logins from one address in 11.6 s were not slowed.
test('one address spraying many logins is refused (429) before it gets far; the audit log stays bounded', async () => {
  const logins = Array.from({ length: 60 }, (_, i) => (i % 2 ? `spray_${i}` : 'demo_town'));
  const statuses = [];
  for (let i = 0; i < 300 && !statuses.includes(429); i++) {
    statuses.push((await new Client(server.url).signIn(logins[i % 60], `Spray#${i}x2026`)).status);
  }
  const failures = statuses.filter((s) => s === 401).length;
  assert.ok(statuses.includes(429), 'the address is throttled');
  assert.ok(failures <= 30, `${failures} failures went through`);
  // Refused before any account is looked at: the right password of a real account is refused alike.
  const held = await new Client(server.url).signIn('demo_village', DEMO_PASSWORD);
  assert.equal(held.status, 429);
  assert.equal(held.json.code, 'throttled');
  assert.ok(Number(held.headers.get('retry-after')) > 0);
  const unknown = await new Client(server.url).signIn('nobody_at_all', DEMO_PASSWORD);
  assert.deepEqual(unknown.json, held.json);
  // At most 20 failure records an address a minute (plus a summary of what was left out).
  const records = await auditor.get('/api/v1/audit?action=session.fail&page_size=100');
  assert.ok(records.json.total <= 20 * 6, `${records.json.total} failure records`);
});
