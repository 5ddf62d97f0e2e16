// The Party member's side over HTTP: 我的 names the session's own person (never a parameter), the branch opens a
// meeting's sign-in and the member signs in with its code, wrong codes are throttled (429 with Retry-After), leave
// only before the start with a reason, corrections need a note; the system administrator links and unlinks accounts
// and makes a branch's 党员 accounts at once, whose one-time passwords force a change at the first sign-in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiSuite, signedIn, stopSuite, Client } from './support.mjs';

let server;
let village;
let member;
let admin;
let me;
let meeting;
let code;

before(async () => ({ server, demo_village: village, demo_member: member, demo_admin: admin } = await apiSuite('demo_village', 'demo_member', 'demo_admin')));
after(() => stopSuite(server));

function minute(offsetMinutes = 0) {
  // Asia/Shanghai, as the server counts.
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetMinutes * 60_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

test('我的 names the signed-in member and their branch; a parameter cannot name another person', async () => {
  const res = await member.get('/api/v1/my');
  assert.equal(res.status, 200, JSON.stringify(res.json));
  me = res.json;
  assert.ok(me.person_id > 0);
  assert.match(me.branch_name, /党支部/);
  const other = await member.get(`/api/v1/my?person_id=${me.person_id + 1}`);
  assert.equal(other.json.person_id, me.person_id);
  // The branch side's pages stay closed to a member; an account without a person has no 我的.
  assert.equal((await member.get('/api/v1/orglife/meetings')).status, 403);
  assert.equal((await village.get('/api/v1/my')).status, 403);
});

test('the branch opens the sign-in in the window and the member signs in with the code', async () => {
  const planned = await village.post('/api/v1/orglife/meetings', {
    branch_code: me.branch_code, kind: 'party_lecture', topic: '接口测试：党课', planned_at: minute(-1), place: '村党群服务中心',
  });
  assert.equal(planned.status, 201, JSON.stringify(planned.json));
  meeting = planned.json;
  assert.ok(meeting.attendees.some((a) => a.person_id === me.person_id));
  const opened = await village.post(`/api/v1/orglife/meetings/${meeting.id}/signin`);
  assert.equal(opened.status, 200, JSON.stringify(opened.json));
  code = opened.json.code;
  assert.match(code, /^\d{6}$/);
  assert.equal(opened.json.signin_url, `/my/signin/${meeting.id}?code=${code}`);
  assert.equal((await village.post(`/api/v1/orglife/meetings/${meeting.id}/signin`)).json.code, code, 'the same code while open');
  // A member cannot open the screen, nor read it.
  assert.equal((await member.get(`/api/v1/orglife/meetings/${meeting.id}/signin`)).status, 403);

  const upcoming = await member.get('/api/v1/my/meetings?when=upcoming');
  const mine = upcoming.json.items.find((m) => m.id === meeting.id);
  assert.ok(mine && mine.window_open && mine.presence === 'unsigned');
  assert.equal(mine.attendees, undefined, 'never the others’ lines');

  const signed = await member.post('/api/v1/my/signin', { code, meeting_id: meeting.id });
  assert.equal(signed.status, 200, JSON.stringify(signed.json));
  assert.equal(signed.json.presence, 'present');
  assert.ok(signed.json.signed_at);
  const screen = await village.get(`/api/v1/orglife/meetings/${meeting.id}/signin`);
  assert.equal(screen.json.present, 1);
  const detail = await village.get(`/api/v1/orglife/meetings/${meeting.id}`);
  assert.equal(detail.json.attendees.find((a) => a.person_id === me.person_id).presence, 'present');
  // The code as text (a number is refused, naming the field).
  assert.equal((await member.post('/api/v1/my/signin', { code: 123456 })).json.field, 'code');
});

test('a correction needs a note and is kept', async () => {
  const other = meeting.attendees.find((a) => a.person_id !== me.person_id);
  const bare = await village.post(`/api/v1/orglife/meetings/${meeting.id}/attendance`, { person_id: other.person_id, presence: 'present' });
  assert.equal(bare.status, 400);
  assert.equal(bare.json.field, 'note');
  const ok = await village.post(`/api/v1/orglife/meetings/${meeting.id}/attendance`, { person_id: other.person_id, presence: 'present', note: '手机没电，现场确认' });
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.equal(ok.json.attendees.find((a) => a.person_id === other.person_id).note, '手机没电，现场确认');
});

test('leave only before the start, with a reason; not for a meeting the member is not due at', async () => {
  const later = await village.post('/api/v1/orglife/meetings', {
    branch_code: me.branch_code, kind: 'themed_party_day', topic: '接口测试：主题党日', planned_at: minute(24 * 60), place: '村党群服务中心',
  });
  assert.equal(later.status, 201);
  const bare = await member.post(`/api/v1/my/meetings/${later.json.id}/leave`, { reason: '' });
  assert.equal(bare.status, 400);
  assert.equal(bare.json.field, 'reason');
  const ok = await member.post(`/api/v1/my/meetings/${later.json.id}/leave`, { reason: '放牧转场' });
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.equal(ok.json.presence, 'leave');
  const started = await member.post(`/api/v1/my/meetings/${meeting.id}/leave`, { reason: '外出务工' });
  assert.equal(started.status, 400);
  assert.match(started.json.message, /开始/);
  assert.equal((await member.get('/api/v1/my/meetings/999999999')).status, 404);
  assert.equal((await member.get('/api/v1/my/meetings/abc')).status, 404);
});

let slips;
test('the system administrator makes the branch’s 党员 accounts at once; the one-time passwords must be changed', async () => {
  const preview = await admin.get(`/api/v1/member-accounts?branch=${me.branch_code}`);
  assert.equal(preview.status, 200, JSON.stringify(preview.json));
  assert.ok(preview.json.with_account >= 1, 'demo_member has one already');
  assert.ok(preview.json.candidates.length >= 2);
  assert.ok(!preview.json.candidates.some((c) => c.person_id === me.person_id));
  const unconfirmed = await admin.post('/api/v1/member-accounts', { branch_code: me.branch_code });
  assert.equal(unconfirmed.status, 400);
  assert.equal(unconfirmed.json.field, 'confirm');
  assert.equal((await village.post('/api/v1/member-accounts', { branch_code: me.branch_code, confirm: true })).status, 403);
  const made = await admin.post('/api/v1/member-accounts', { branch_code: me.branch_code, confirm: true });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  slips = made.json.slips;
  assert.equal(slips.length, preview.json.candidates.length);
  assert.equal(new Set(slips.map((s) => s.password)).size, slips.length);
  const first = new Client(server.url);
  const res = await first.signIn(slips[0].login, slips[0].password);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.json.must_change_password, true);
  assert.equal((await first.get('/api/v1/my')).status, 403, 'nothing before the password is changed');
  const again = await admin.get(`/api/v1/member-accounts?branch=${me.branch_code}`);
  assert.equal(again.json.candidates.length, 0);
});

test('links: shown, one person one account (field named), unlinked and linked again', async () => {
  const links = await admin.get(`/api/v1/account-links?logins=demo_member,${slips[0].login},demo_village`);
  assert.equal(links.status, 200);
  assert.deepEqual(links.json.map((l) => l.login).sort(), ['demo_member', slips[0].login].sort());
  const taken = await admin.post(`/api/v1/users/${slips[1].login}/person`, { person_id: me.person_id });
  assert.equal(taken.status, 409);
  assert.equal(taken.json.field, 'person_id');
  assert.equal((await admin.post(`/api/v1/users/${slips[1].login}/person`, { person_id: '12' })).json.field, 'person_id');
  assert.equal((await village.post(`/api/v1/users/${slips[1].login}/person/unlink`)).status, 403);
  assert.equal((await admin.post(`/api/v1/users/${slips[1].login}/person/unlink`)).status, 200);
  assert.equal((await admin.post(`/api/v1/users/${slips[1].login}/person/unlink`)).status, 409);
  const back = await admin.post(`/api/v1/users/${slips[1].login}/person`, { person_id: slips[1].person_id });
  assert.equal(back.status, 200, JSON.stringify(back.json));
  assert.equal(back.json.person_name, slips[1].name);
});

test('wrong codes are throttled per account: 429 with Retry-After, even for the right code', async () => {
  // A member of the branch whose password is set (the slip's one-time password changed first).
  const holder = new Client(server.url);
  await holder.signIn(slips[2].login, slips[2].password);
  const changed = await holder.post('/api/v1/session/password', { old_password: slips[2].password, new_password: 'Zhuomuma#2026qh' });
  assert.equal(changed.status, 200, JSON.stringify(changed.json));
  const other = await signedIn(server.url, slips[2].login, 'Zhuomuma#2026qh');
  const wrong = code === '000000' ? '000001' : '000000';
  for (let i = 0; i < 5; i += 1) {
    const res = await other.post('/api/v1/my/signin', { code: wrong });
    assert.equal(res.status, 400);
    assert.equal(res.json.field, 'code');
  }
  const held = await other.post('/api/v1/my/signin', { code });
  assert.equal(held.status, 429);
  assert.ok(Number(held.headers.get('retry-after')) > 0);
  // demo_member is not held back by another's mistakes.
  assert.equal((await member.post('/api/v1/my/signin', { code })).status, 200);
});
