// Exports over HTTP (issue #11 §2), read back cell by cell with tests/support/xlsx.mjs (node's zlib only): every
// sheet names the org, the filters in Chinese and the export time; the overdue report keeps due-soon items on a
// sheet of their own and names each measure's problem; the people list exports the list's rows masked, or in clear
// for whoever may reveal numbers (audited with the count); the audit log exports for the audit administrator only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { readWorkbook } from '../support/xlsx.mjs';
import { PG, apiSuite, signedIn, stopSuite } from './support.mjs';

// On PostgreSQL the people export walks the subtree in recursive SQL per person (tests/postgres-pending.txt): it
// takes longer than the client's 10 s there until issue #12 §3 answers lists from the in-memory tree.
const peopleExport = { skip: PG ? 'people export slow on PostgreSQL (tests/postgres-pending.txt)' : false };

let server;
let county; // demo_golmud: 格尔木市委组织部 (org department: may reveal numbers)
let village; // demo_village: a village committee (may read people, not reveal them)
let audit; // demo_audit: the audit administrator

before(async () => ({ server, demo_golmud: county, demo_village: village, demo_audit: audit } =
  await apiSuite('demo_golmud', 'demo_village', 'demo_audit')));
after(() => stopSuite(server));

async function download(client, route, { method = 'GET', body } = {}) {
  const headers = { cookie: client.cookie };
  if (method !== 'GET') Object.assign(headers, { 'x-csrf-token': client.csrf, 'content-type': 'application/json' });
  const res = await fetch(server.url + route, { method, headers, body: body && JSON.stringify(body) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') || '', disposition: res.headers.get('content-disposition') || '', bytes };
}

// A sheet laid out as every export is: title, 单位, 筛选, 导出时间, then the header row and the data.
function layout(sheet, org) {
  const [title, unit, filters, time] = sheet.rows.map((r) => r[0] ?? '');
  assert.ok(title, `${sheet.name}: a title`);
  assert.equal(unit, `单位：${org}`, `${sheet.name}: the org`);
  assert.match(filters, /^筛选：./, `${sheet.name}: the filters`);
  assert.match(time, /^导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, `${sheet.name}: the export time`);
  return { title, filters, header: sheet.rows[4], rows: sheet.rows.slice(5) };
}

test('the items ledger names the org, the filters in Chinese and the time; a measure row names its problem', async () => {
  const res = await download(county, '/api/v1/duty/items.xlsx?kind=measure&due=overdue');
  assert.equal(res.status, 200);
  const [sheet] = readWorkbook(res.bytes);
  const { filters, header, rows } = layout(sheet, '格尔木市');
  assert.equal(filters, '筛选：类型：措施；期限：已逾期');
  assert.deepEqual(header, ['序号', '问题', '措施', '责任单位', '责任人', '包联领导', '完成时限', '进展情况', '状态']);
  const list = await county.get('/api/v1/duty/items?kind=measure&due=overdue&page_size=100');
  assert.equal(rows.length, list.json.total);
  assert.ok(rows.length > 0, 'the demo has overdue measures');
  for (const row of rows) {
    assert.ok(row[2], 'the measure in 措施');
    assert.ok(row[1], `the problem of ${row[2]} in 问题`);
  }
  const town = await download(county, '/api/v1/duty/items.xlsx?org=632801100000&state=in_progress');
  const { filters: townFilters } = layout(readWorkbook(town.bytes)[0], '郭勒木德镇');
  assert.equal(townFilters, '筛选：类型：问题和措施；状态：整改中；责任单位：郭勒木德镇及下级');
});

test('the overdue report: overdue and due-soon items on sheets of their own, every measure with its problem', async () => {
  const res = await download(county, '/api/v1/duty/report.xlsx?org=632801000000');
  assert.equal(res.status, 200);
  const sheets = readWorkbook(res.bytes);
  assert.deepEqual(sheets.map((s) => s.name), ['逾期未整改', '临期未整改']);
  const overdue = layout(sheets[0], '格尔木市');
  const soon = layout(sheets[1], '格尔木市');
  assert.match(overdue.title, /^格尔木市逾期未整改情况（截至 \d{4}-\d{2}-\d{2}）$/);
  assert.match(soon.title, /^格尔木市临期未整改情况（7 天内到期，截至 /);
  assert.match(overdue.filters, /截至日期：\d{4}-\d{2}-\d{2}/);
  const report = await county.get('/api/v1/duty/report?org=632801000000');
  const counts = report.json.units.reduce((n, u) => ({ overdue: n.overdue + u.overdue, soon: n.soon + u.due_soon }), { overdue: 0, soon: 0 });
  assert.equal(overdue.rows.length, counts.overdue, 'as many overdue rows as the page counts');
  assert.equal(soon.rows.length, counts.soon, 'as many due-soon rows as the page counts');
  assert.ok(overdue.rows.every((r) => /逾期 \d+ 天/.test(r[7])), 'no due-soon row under 逾期未整改');
  assert.ok(soon.rows.every((r) => /剩 \d+ 天/.test(r[7]) && !/逾期/.test(r[7])));
  const measures = [...overdue.rows, ...soon.rows].filter((r) => r[2]);
  assert.ok(measures.length > 0, 'the demo report holds measures');
  for (const row of measures) assert.ok(row[1], `the problem of the measure ${row[2]}`);
});

test('the people list exports its filtered rows with the numbers masked', peopleExport, async () => {
  const query = 'status=full_member&org=632801100000';
  const list = await county.get(`/api/v1/people?${query}&page_size=1`);
  assert.ok(list.json.total > 0);
  const res = await download(county, `/api/v1/people.xlsx?${query}`);
  assert.equal(res.status, 200);
  assert.match(res.type, /spreadsheetml/);
  assert.match(decodeURIComponent(res.disposition), /郭勒木德镇人员名册\.xlsx/);
  const [sheet] = readWorkbook(res.bytes);
  const { title, filters, header, rows } = layout(sheet, '郭勒木德镇');
  assert.equal(title, '郭勒木德镇人员名册');
  assert.equal(filters, '筛选：政治面貌：正式党员');
  assert.equal(header[6], '身份证号');
  assert.equal(rows.length, list.json.total, 'every row of the list, not one page');
  assert.ok(rows.every((r) => r[9] === '正式党员'));
  assert.ok(rows.every((r) => /^\d{6}\*{8}\d{3}[\dX]$/.test(r[6])), 'ID numbers masked');
  // The village committee may export its own village's people, masked, but not reveal them.
  assert.equal((await download(village, '/api/v1/people.xlsx')).status, 200);
  assert.equal((await download(village, '/api/v1/people.xlsx', { method: 'POST', body: { reveal: true } })).status, 403);
  // Out of scope answers as a list does.
  assert.equal((await download(village, '/api/v1/people.xlsx?org=632801000000')).status, 404);
});

test('a revealing export gives full numbers and is in the audit log with the count', peopleExport, async () => {
  const query = 'status=full_member&org=632801100000';
  const list = await county.get(`/api/v1/people?${query}&page_size=1`);
  const refused = await fetch(`${server.url}/api/v1/people.xlsx?${query}`, { method: 'POST', headers: { cookie: county.cookie } });
  assert.equal(refused.status, 403, 'a POST without the CSRF token is refused');
  const res = await download(county, `/api/v1/people.xlsx?${query}`, { method: 'POST', body: { reveal: true } });
  assert.equal(res.status, 200);
  const { title, rows } = layout(readWorkbook(res.bytes)[0], '郭勒木德镇');
  assert.match(title, /含完整身份证号/);
  assert.equal(rows.length, list.json.total);
  assert.ok(rows.every((r) => /^\d{17}[\dX]$/.test(r[6])), 'ID numbers in clear');
  const log = await audit.get('/api/v1/audit?action=person.export.reveal');
  assert.equal(log.status, 200);
  assert.equal(log.json.total, 1);
  assert.equal(log.json.items[0].actor, 'demo_golmud');
  assert.equal(log.json.items[0].object, `${list.json.total} 人（政治面貌：正式党员）`);
  assert.equal(log.json.items[0].org_code, '632801100000');
});

test('an export over the limit is refused with a message saying how to narrow it', peopleExport, async () => {
  const province = await signedIn(server.url, 'demo_qinghai');
  const list = await province.get('/api/v1/people?page_size=1');
  assert.ok(list.json.total > 10000, `the province demo holds more than the limit (${list.json.total})`);
  const res = await download(province, '/api/v1/people.xlsx');
  assert.equal(res.status, 400);
  const answer = JSON.parse(res.bytes.toString('utf8'));
  assert.equal(answer.field, 'export');
  assert.match(answer.message, /共 [\d,]+ 人，超过单次导出上限 10000 人；请选择下级组织或增加筛选条件后再导出/);
});

test('the audit log exports as xlsx and csv with the page filters, for the audit administrator only', async () => {
  const query = 'action=session.signin&from=2000-01-01';
  const page = await audit.get(`/api/v1/audit?${query}&page_size=1`);
  assert.ok(page.json.total >= 3);
  const xlsx = await download(audit, `/api/v1/audit.xlsx?${query}`);
  assert.equal(xlsx.status, 200);
  const { filters, header, rows } = layout(readWorkbook(xlsx.bytes)[0], '青海省');
  assert.match(filters, /操作：登录；日期：2000-01-01 至 今天/);
  assert.deepEqual(header, ['编号', '时间', '操作人', '操作人账号', '地址', '操作', '操作代码', '对象', '对象名称', '单位', '单位代码']);
  assert.equal(rows.length, page.json.total);
  assert.ok(rows.every((r) => r[5] === '登录' && r[6] === 'session.signin'), 'the action by its Chinese name, its code beside it');
  // Regression: times were written 2026-12-01T08:00:00.000+08:00 and the actor as a bare login.
  const first = rows.find((r) => Number(r[0]) === page.json.items[0].id);
  assert.ok(first, 'the newest record is in the sheet');
  assert.match(first[1], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'the one export date-time, in Shanghai time');
  assert.equal(first[1], page.json.items[0].at.slice(0, 19).replace('T', ' '), 'the record\'s own Shanghai time');
  assert.equal(first[2], page.json.items[0].actor_name);
  assert.equal(first[3], page.json.items[0].actor);
  const golmud = rows.find((r) => r[3] === 'demo_golmud');
  assert.equal(golmud?.[2], '格尔木市委组织部演示账号', 'the holder\'s name beside the login');
  const csv = await download(audit, `/api/v1/audit.csv?${query}`);
  assert.equal(csv.status, 200);
  assert.match(csv.type, /text\/csv/);
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('\uFEFF'), 'a byte-order mark for Excel');
  const lines = text.slice(1).split('\r\n');
  assert.equal(lines[1], '单位：青海省');
  assert.match(lines[2], /^筛选：操作：登录/);
  assert.match(lines[3], /^导出时间：/);
  assert.equal(lines[5], '编号,时间,操作人,操作人账号,地址,操作,操作代码,对象,对象名称,单位,单位代码');
  assert.equal(lines.filter((l) => l.includes(',session.signin,')).length, page.json.total);
  for (const other of [county, village]) {
    assert.equal((await download(other, '/api/v1/audit.xlsx')).status, 403);
    assert.equal((await download(other, '/api/v1/audit.csv')).status, 403);
  }
});
