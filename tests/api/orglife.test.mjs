// 组织生活 over HTTP: a branch plans a general meeting, records it (a vote without quorum refused, the field named),
// the township returns it with a reason, the branch submits again and the county approves; four eyes and scope;
// the branch's calendar names the rule and where it comes from; the compliance view and the 工作台 figure.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiSuite, jiceng, stopSuite } from './support.mjs';

let server;
let village;
let town;
let county;
let branch;
let meeting;

before(async () => ({ server, demo_village: village, demo_town: town, demo_golmud: county } = await apiSuite('demo_village', 'demo_town', 'demo_golmud')));
after(() => stopSuite(server));

function nowMinute() {
  // Asia/Shanghai, as the server counts.
  const d = new Date(Date.now() + 8 * 3600 * 1000 - 60_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

test('the branch sees its calendar, with each rule and where it comes from', async () => {
  const branches = await village.get('/api/v1/orglife/branches');
  assert.equal(branches.status, 200);
  assert.ok(branches.json.length >= 1);
  branch = branches.json[0].code;
  const due = await village.get(`/api/v1/orglife/due?branch=${branch}`);
  assert.equal(due.status, 200);
  assert.equal(due.json.kinds.length, 6);
  assert.equal(due.json.branch_side, true);
  const themed = due.json.kinds.find((k) => k.kind === 'themed_party_day');
  assert.equal(themed.rule.source, 'org');
  assert.match(themed.rule.origin, /格尔木市/);
  const general = due.json.kinds.find((k) => k.kind === 'general_meeting');
  assert.equal(general.rule.source, 'default');
  assert.equal(general.rule.unit, 'quarter');
});

test('a meeting is planned, recorded, returned, submitted again and approved from above', async () => {
  const missing = await village.post('/api/v1/orglife/meetings', { branch_code: branch, kind: 'general_meeting', planned_at: nowMinute() });
  assert.equal(missing.status, 400);
  assert.equal(missing.json.field, 'topic');
  const planned = await village.post('/api/v1/orglife/meetings', {
    branch_code: branch, kind: 'general_meeting', topic: '接口测试：讨论村级重大事项', planned_at: nowMinute(), place: '村党群服务中心',
  });
  assert.equal(planned.status, 201, JSON.stringify(planned.json));
  meeting = planned.json;
  assert.equal(meeting.state, 'planned');
  const voting = meeting.attendees.filter((a) => a.voting);
  assert.ok(voting.length >= 3);
  const record = (presence, vote) => ({
    held_at: nowMinute(), place: '村党群服务中心', presenter_id: meeting.attendees[0].person_id,
    recorder_id: meeting.attendees[1].person_id, minutes: '传达学习上级会议精神。', decisions: '同意实施。',
    attendance: meeting.attendees.map((a) => ({ person_id: a.person_id, presence: presence(a), reason: presence(a) === 'leave' ? '外出务工' : '' })),
    vote,
  });
  // Only probationary members and one full member present: no vote may be recorded.
  const first = voting[0].person_id;
  const noQuorum = await village.post(`/api/v1/orglife/meetings/${meeting.id}/record`,
    record((a) => (a.voting && a.person_id !== first ? 'leave' : 'present'), { in_favour: 1, against: 0, abstained: 0 }));
  assert.equal(noQuorum.status, 400);
  assert.equal(noQuorum.json.field, 'vote');
  assert.match(noQuorum.json.message, /未超过应到/);
  assert.equal((await village.get(`/api/v1/orglife/meetings/${meeting.id}`)).json.state, 'planned', 'nothing changed');
  const everyone = record(() => 'present', { in_favour: voting.length, against: 0, abstained: 0 });
  const submitted = await village.post(`/api/v1/orglife/meetings/${meeting.id}/record`, everyone);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.json));
  assert.equal(submitted.json.state, 'submitted');
  assert.equal(submitted.json.vote_carries, true);
  // The branch's own village does not review its record; the township does, and a return needs a reason.
  assert.equal((await village.post(`/api/v1/orglife/meetings/${meeting.id}/review`, { action: 'approve' })).status, 403);
  const noReason = await town.post(`/api/v1/orglife/meetings/${meeting.id}/review`, { action: 'return' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.json.field, 'note');
  const queue = await town.get('/api/v1/orglife/reviews?page_size=100');
  assert.ok(queue.json.total >= 1);
  const returned = await town.post(`/api/v1/orglife/meetings/${meeting.id}/review`, { action: 'return', note: '请补充发言要点' });
  assert.equal(returned.json.state, 'returned');
  assert.equal(returned.json.reviewed_by_name, '乡镇党委演示账号', 'names, not logins');
  assert.equal((await village.post(`/api/v1/orglife/meetings/${meeting.id}/record`, everyone)).json.state, 'submitted');
  const approved = await county.post(`/api/v1/orglife/meetings/${meeting.id}/review`, { action: 'approve' });
  assert.equal(approved.json.state, 'approved');
  const listed = await town.get(`/api/v1/orglife/meetings?q=${encodeURIComponent('接口测试')}`);
  assert.equal(listed.json.total, 1);
  assert.equal(listed.json.items[0].state, 'approved');
});

test('a meeting outside the caller\'s subtree does not exist for it; bad input names the field', async () => {
  const haixi = await county.get('/api/v1/orglife/meetings?page_size=100');
  const elsewhere = haixi.json.items.find((m) => !m.branch_code.startsWith('632801100'));
  assert.ok(elsewhere, 'the county sees meetings of other towns');
  assert.equal((await town.get(`/api/v1/orglife/meetings/${elsewhere.id}`)).status, 404);
  assert.equal((await town.get('/api/v1/orglife/meetings?kind=bogus')).json.field, 'kind');
  assert.equal((await county.get('/api/v1/orglife/compliance?period=2026Q9')).json.field, 'period');
});

test('the compliance view and the 工作台 figure count the branches behind', async () => {
  const c = await county.get('/api/v1/orglife/compliance?page_size=100');
  assert.equal(c.status, 200);
  assert.ok(c.json.branches > 0);
  assert.ok(c.json.behind < c.json.branches, 'most branches of the demo keep their meetings');
  const behind = await county.get('/api/v1/orglife/compliance?behind=1&page_size=5');
  assert.equal(behind.json.total, c.json.behind);
  assert.ok(behind.json.rows.length <= 5);
  const d = await county.get('/api/v1/dashboard?org=632801000000');
  const column = d.json.columns.find((col) => col.name === 'orglife_branches_behind');
  assert.ok(column, 'the roll-up declares the figure');
  assert.equal(column.title, '三会一课未按期支部');
  assert.equal(typeof d.json.totals.orglife_branches_behind, 'number');
});

test('the command line prints the same compliance, and exits 2 on a bad period or org', async () => {
  const api = await town.get('/api/v1/orglife/compliance?period=2026Q4&page_size=100');
  const cli = JSON.parse(jiceng('orglife', 'report', '--db', server.db, '--org', '632801100000', '--period', '2026Q4', '--json'));
  assert.equal(cli.branches, api.json.branches);
  assert.equal(cli.behind, api.json.behind);
  assert.deepEqual(cli.rows.map((r) => [r.branch_code, r.behind]), api.json.rows.map((r) => [r.branch_code, r.behind]));
  for (const args of [['--period', '2026Q9'], ['--org', '999999999999']]) {
    const base = { '--org': '632801100000', '--period': '2026Q4' };
    base[args[0]] = args[1];
    assert.throws(() => jiceng('orglife', 'report', '--db', server.db, ...Object.entries(base).flat()), (e) => e.status === 2);
  }
});
