// Live figures: every write through the API is in the dashboard's figures when its answer arrives, at every level
// above it; a write by the CLI while the server runs (a village moved to another township) is in them at the next
// read; after a burst of concurrent writes the server's figures equal an engine built afresh from the store
// (`jiceng rollup show`), which `jiceng rollup verify` checks against SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiSuite, idNumber, jiceng, stopSuite } from './support.mjs';

const QINGHAI = '630000000000';
const HAIXI = '632800000000';
const GOLMUD = '632801000000';

let server;
let province;  // demo_qinghai
let county;    // demo_golmud
let serial = 100;

async function dashboard(client, org) {
  const res = await client.get(`/api/v1/dashboard?org=${org}`);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json;
}

// The server's answer for a node must equal a fresh engine's for the same node, totals and every child.
// Another process's write (the CLI's) reaches the server's figures as it commits on SQLite (every read of the
// figures reads the change log first) and within a bound on PostgreSQL, where the server's roll-up is woken by
// LISTEN/NOTIFY (issue #12: within 100 ms). Reads the dashboard of `org` until `ok` holds, for at most 2 s.
async function dashboardWhen(client, org, ok) {
  const end = Date.now() + 2000;
  let d = await dashboard(client, org);
  while (!ok(d) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    d = await dashboard(client, org);
  }
  return d;
}

async function assertMatchesFreshBuild(org) {
  const live = await dashboard(province, org);
  const fresh = JSON.parse(jiceng('rollup', 'show', '--db', server.db, '--org', org));
  assert.deepEqual(live.totals, fresh.totals, `totals of ${org}`);
  const liveChildren = Object.fromEntries(live.children.map((c) => [c.code, c.values]));
  const freshChildren = Object.fromEntries(fresh.children.map((c) => [c.code, c.values]));
  assert.deepEqual(liveChildren, freshChildren, `children of ${org}`);
}

before(async () => ({ server, demo_qinghai: province, demo_golmud: county } = await apiSuite('demo_qinghai', 'demo_golmud')));
after(() => stopSuite(server));

test('the dashboard answers totals, children, the worst list and the breadcrumb, inside the scope only', async () => {
  const d = await dashboard(county, GOLMUD);
  assert.equal(d.org.code, GOLMUD);
  assert.deepEqual(d.path.map((u) => u.code), [GOLMUD]);
  assert.ok(d.columns.some((c) => c.name === 'members' && c.title === '党员'));
  assert.ok(d.columns.some((c) => c.name === 'duty_completion' && c.percent));
  // A percent names its parts, so that the page computes the same ratio for the 本级 row (doc/figures.md).
  const completion = d.columns.find((c) => c.name === 'duty_completion');
  assert.deepEqual([completion.numerator, completion.denominator], [['duty_accepted'], ['duty_accepted', 'duty_open']]);
  const sum = d.children.reduce((n, c) => n + c.values.members, 0);
  assert.equal(sum, d.totals.members, 'children add up to the total (the county has no members of its own)');
  // The list's total (from the roll-up) counts the same items as the overdue report (from SQL).
  const report = await county.get(`/api/v1/duty/report?org=${GOLMUD}`);
  assert.equal(report.status, 200);
  const reported = report.json.units.reduce((n, u) => n + u.overdue + u.due_soon, 0);
  assert.ok(reported > 0, 'the demo has overdue items');
  assert.equal(d.worst.total, reported);
  assert.equal(d.worst.items.length, Math.min(20, reported));
  for (let i = 1; i < d.worst.items.length; i++) {
    const a = d.worst.items[i - 1];
    const b = d.worst.items[i];
    assert.ok(a.overdue >= b.overdue, 'overdue first');
    if (a.overdue && b.overdue) assert.ok(a.days_overdue >= b.days_overdue, 'most overdue first');
  }
  const deeper = await dashboard(province, d.children[0].code);
  assert.deepEqual(deeper.path.map((u) => u.code), [QINGHAI, HAIXI, GOLMUD, d.children[0].code]);
  assert.equal((await county.get(`/api/v1/dashboard?org=${QINGHAI}`)).status, 404);
  assert.equal((await county.get('/api/v1/dashboard?org=999999999999')).status, 404);
  const fresh = JSON.parse(jiceng('rollup', 'verify', '--db', server.db));
  assert.equal(fresh.ok, true);
});

test('a person added through the API counts at every level before the answer arrives', async () => {
  const county0 = await dashboard(county, GOLMUD);
  const township = county0.children.find((c) => c.level === 'township' && c.has_children);
  const town0 = await dashboard(county, township.code);
  const village = town0.children.find((c) => c.level === 'village' && c.has_children);
  const village0 = await dashboard(county, village.code);
  const branch = village0.children.find((c) => c.level === 'party');
  const province0 = await dashboard(province, QINGHAI);

  const added = await county.post('/api/v1/people', {
    name: '汇总测试', id_number: idNumber(`63280119880202${serial++}`), ethnicity: '藏族', education: '高中',
    political_status: '预备党员', joined_party_on: '2026-06-01', org_code: branch.code,
  });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  for (const [client, code, before0] of [[county, village.code, village0], [county, township.code, town0],
    [county, GOLMUD, county0], [province, QINGHAI, province0]]) {
    const now = await dashboard(client, code);
    assert.equal(now.totals.members, before0.totals.members + 1, `members at ${code}`);
    assert.equal(now.totals.members_probationary, before0.totals.members_probationary + 1, `probationary at ${code}`);
  }
  // Full membership: probationary − 1, full + 1, members unchanged.
  const changed = await county.patch(`/api/v1/people/${added.json.id}`, { political_status: '正式党员' });
  assert.equal(changed.status, 200, JSON.stringify(changed.json));
  const after1 = await dashboard(province, QINGHAI);
  assert.equal(after1.totals.members, province0.totals.members + 1);
  assert.equal(after1.totals.members_full, province0.totals.members_full + 1);
  assert.equal(after1.totals.members_probationary, province0.totals.members_probationary);
  await assertMatchesFreshBuild(village.code);
});

test('a village moved by the CLI while the server runs carries its figures to the new township', async () => {
  const county0 = await dashboard(county, GOLMUD);
  const townships = county0.children.filter((c) => c.level === 'township' && c.has_children);
  const from = await dashboard(county, townships[0].code);
  const to = await dashboard(county, townships[1].code);
  const village = from.children.find((c) => c.level === 'village' && c.values.members > 0);
  jiceng('org', 'move', '--db', server.db, village.code, '--to', townships[1].code, '--on', county0.today, '--reason', '测试：命令行调整隶属');
  const fromAfter = await dashboardWhen(county, townships[0].code,
    (d) => d.totals.members === from.totals.members - village.values.members);
  const toAfter = await dashboardWhen(county, townships[1].code,
    (d) => d.totals.members === to.totals.members + village.values.members);
  assert.equal(fromAfter.totals.members, from.totals.members - village.values.members);
  assert.equal(toAfter.totals.members, to.totals.members + village.values.members);
  assert.ok(toAfter.children.some((c) => c.code === village.code));
  assert.equal((await dashboard(county, GOLMUD)).totals.members, county0.totals.members);
  await assertMatchesFreshBuild(townships[1].code);
});

test('after a burst of concurrent writes the live figures equal a fresh build', async () => {
  const people = (await county.get(`/api/v1/people?org=${GOLMUD}&page_size=40`)).json.items;
  assert.ok(people.length >= 20);
  const statuses = ['正式党员', '预备党员', '发展对象', '入党积极分子', '群众'];
  const writes = people.slice(0, 40).map((p, i) =>
    county.patch(`/api/v1/people/${p.id}`, {
      political_status: statuses[i % statuses.length],
      joined_party_on: i % statuses.length < 2 ? (p.joined_party_on ?? '2020-07-01') : '',
    }));
  const answers = await Promise.all(writes);
  assert.ok(answers.filter((a) => a.status === 200).length >= 20,
    JSON.stringify(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.json]).slice(0, 3)));
  for (const org of [QINGHAI, HAIXI, GOLMUD]) await assertMatchesFreshBuild(org);
  const verified = JSON.parse(jiceng('rollup', 'verify', '--db', server.db));
  assert.equal(verified.differences, 0);
});
