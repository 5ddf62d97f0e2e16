// Several servers on one database (issue #12): sessions and the sign-in throttle live in the database, so a session
// made on one server works on another and survives a restart, a sign-out or a password change on one ends it on
// the other, failures counted by one server throttle the address on the other; and a write through one server is
// in the other's figures (converging, not timed: `jiceng bench cluster` measures the lag).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, idNumber, signedIn, startServer, stopSuite } from './support.mjs';

let first;   // owns the database directory (stopSuite removes it)
let second;  // a second `jiceng serve` on the same file
before(async () => {
  first = await startServer();
  second = await startServer(first.db);
});
after(async () => {
  await second?.crash();  // its stop() would remove the shared directory first
  await stopSuite(first);
});

// The same session (cookie and CSRF token) presented to another server.
function on(server, client) {
  const other = new Client(server.url);
  other.cookie = client.cookie;
  other.csrf = client.csrf;
  return other;
}

async function members(client, org) {
  const res = await client.get(`/api/v1/dashboard?org=${org}`);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json.totals.members;
}

test('a session made on one server works on the other, for reads and for writes with its CSRF token', async () => {
  const county = await signedIn(first.url, 'demo_golmud');
  const there = on(second, county);
  const shown = await there.get('/api/v1/session');
  assert.equal(shown.status, 200);
  assert.equal(shown.json.user.login, 'demo_golmud');
  assert.equal(shown.json.csrf_token, county.csrf);
  const refused = await there.post('/api/v1/people', {}, { csrf: false });
  assert.equal(refused.status, 403, 'the CSRF check holds there too');
});

test('sign-out on one server ends the session on the other', async () => {
  const county = await signedIn(first.url, 'demo_golmud');
  const there = on(second, county);
  assert.equal((await there.get('/api/v1/session')).status, 200);
  assert.equal((await there.request('DELETE', '/api/v1/session')).status, 204);
  assert.equal((await county.get('/api/v1/session')).status, 401);
  assert.equal((await county.get('/api/v1/people')).status, 401);
});

test('a password change on one server ends the account\'s other sessions on the other', async () => {
  const phone = await signedIn(first.url, 'demo_town');
  const desk = await signedIn(second.url, 'demo_town');
  const changed = await desk.post('/api/v1/session/password',
    { old_password: 'Demo#2026pass', new_password: 'Cluster#2026new' });
  assert.equal(changed.status, 200, JSON.stringify(changed.json));
  assert.equal((await phone.get('/api/v1/session')).status, 401, 'the other session ended');
  assert.equal((await on(first, desk).get('/api/v1/session')).status, 200, 'the changing session stays');
});

test('a session survives a restart of the server that made it', async () => {
  const county = await signedIn(second.url, 'demo_golmud');
  await second.crash();
  second = await startServer(first.db);
  const again = on(second, county);
  const shown = await again.get('/api/v1/session');
  assert.equal(shown.status, 200, 'still signed in after the restart');
  assert.equal(shown.json.user.login, 'demo_golmud');
});

test('a write through one server is in the other\'s figures', async () => {
  const county = await signedIn(first.url, 'demo_golmud');
  const there = on(second, county);
  const children = async (org) => (await county.get(`/api/v1/dashboard?org=${org}`)).json.children;
  const township = (await children('632801000000')).find((c) => c.level === 'township' && c.has_children).code;
  const village = (await children(township)).find((c) => c.level === 'village' && c.has_children).code;
  const branch = (await children(village)).find((c) => c.level === 'party').code;
  const before0 = await members(there, branch);
  const added = await county.post('/api/v1/people', {
    name: '集群测试', id_number: idNumber('63280119900303901'), ethnicity: '汉族', education: '高中',
    political_status: '预备党员', joined_party_on: '2026-06-01', org_code: branch,
  });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  assert.equal(await members(county, branch), before0 + 1, 'the writer\'s own figures at once');
  let seen = before0;
  for (let i = 0; i < 100 && seen !== before0 + 1; i++) {  // bounded, not timed
    seen = await members(there, branch);
    if (seen !== before0 + 1) await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(seen, before0 + 1, 'the other server\'s figures');
});

// Last: it uses up this address's share of failures on both servers.
test('failed sign-ins counted by one server throttle the address on the other', async () => {
  const tries = Array.from({ length: 30 }, () => new Client(first.url).signIn('demo_golmud', 'Wrong#pass1'));
  for (const res of await Promise.all(tries)) assert.ok([401, 429].includes(res.status), String(res.status));
  const refused = await new Client(second.url).signIn('demo_village', 'Demo#2026pass');
  assert.equal(refused.status, 429, 'throttled on the other server before any account is looked at');
  assert.equal(refused.json.code, 'throttled');
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  await second.crash();
  second = await startServer(first.db);
  assert.equal((await new Client(second.url).signIn('demo_village', 'Demo#2026pass')).status, 429,
    'and after a restart');
});
