// 导入 over HTTP against a real server: upload → a job whose preview runs in the background (progress, then every
// row's errors), confirm all (refused while a row is bad) or only the good rows, cancel with nothing changed,
// the errors and template workbooks, the size limit, and jobs that belong to their uploader alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiSuite, idNumber, stopSuite } from './support.mjs';

let server;
let golmud;
let town;
let orgCode;

before(async () => {
  ({ server, demo_golmud: golmud, demo_town: town } = await apiSuite('demo_golmud', 'demo_town'));
  orgCode = (await golmud.get('/api/v1/session')).json.user.org_code;
});

after(() => stopSuite(server));

async function upload(client, kind, name, body, query = '') {
  const res = await fetch(`${server.url}/api/v1/imports/${kind}${query}`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'x-file-name': encodeURIComponent(name) },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, json: await res.json() };
}

async function until(client, id, states, limit = 50) {
  for (let i = 0; i < 600; i++) {
    const res = await client.get(`/api/v1/imports/jobs/${id}?limit=${limit}`);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    if (states.includes(res.json.state)) return res.json;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} never reached ${states}`);
}

function roster(rows) {
  return '姓名,民族,身份证号码,学历,政治面貌,所在组织代码\n' + rows.map((r) => r.join(',')).join('\n') + '\n';
}

const count = async (q) => (await golmud.get(`/api/v1/people?q=${encodeURIComponent(q)}`)).json.total;

test('a bad row: its error in the preview, all refused, the good rows imported', async () => {
  const wrong = idNumber('63990119700101051').slice(0, 17) + 'Z';
  const csv = roster([
    ['接口导入甲', '藏族', idNumber('63990119700101031'), '高中', '群众', orgCode],
    ['接口导入乙', '藏族', wrong, '高中', '群众', orgCode],
    ['接口导入丙', '火星族', idNumber('63990119700101071'), '高中', '群众', orgCode],
    ['接口导入丁', '汉族', idNumber('63990119700101091'), '初中', '群众', orgCode],
  ]);
  const started = await upload(golmud, 'people', '花名册.csv', csv);
  assert.equal(started.status, 202, JSON.stringify(started.json));
  const job = await until(golmud, started.json.id, ['ready']);
  assert.equal(job.total, 4);
  assert.deepEqual(job.preview.counts, { rows: 4, added: 2, updated: 0, skipped: 0, failed: 2 });
  assert.deepEqual(job.preview.errors.map((e) => [e.row, e.column]), [[3, '身份证号码'], [4, '民族']]);

  const errors = await fetch(`${server.url}/api/v1/imports/jobs/${job.id}/errors.xlsx`, { headers: { cookie: golmud.cookie } });
  assert.equal(errors.status, 200);
  assert.match(errors.headers.get('content-type'), /spreadsheetml/);
  assert.equal(Buffer.from(await errors.arrayBuffer()).subarray(0, 2).toString(), 'PK');

  const all = await golmud.post(`/api/v1/imports/jobs/${job.id}/confirm`, { mode: 'all' });
  assert.equal(all.status, 409);
  assert.match(all.json.message, /仅导入无误的行/);
  assert.equal(await count('接口导入'), 0);
  assert.equal((await golmud.post(`/api/v1/imports/jobs/${job.id}/confirm`, { mode: 'some' })).status, 400);

  assert.equal((await golmud.post(`/api/v1/imports/jobs/${job.id}/confirm`, { mode: 'good' })).status, 202);
  const done = await until(golmud, job.id, ['done', 'failed']);
  assert.equal(done.result.applied, true, JSON.stringify(done));
  assert.equal(done.result.counts.added, 2);
  assert.equal(await count('接口导入'), 2);
  assert.equal((await golmud.post(`/api/v1/imports/jobs/${job.id}/confirm`, { mode: 'good' })).status, 409);
});

test('a job belongs to its uploader', async () => {
  const csv = roster([['接口归属', '藏族', idNumber('63990119700201031'), '高中', '群众', orgCode]]);
  const started = await upload(golmud, 'people', 'a.csv', csv);
  assert.equal(started.status, 202);
  assert.equal((await town.get(`/api/v1/imports/jobs/${started.json.id}`)).status, 404);
  assert.equal((await town.post(`/api/v1/imports/jobs/${started.json.id}/cancel`)).status, 404);
  assert.equal((await golmud.post(`/api/v1/imports/jobs/${started.json.id}/cancel`)).status, 200);
});

test('rows outside the caller\'s subtree are row errors', async () => {
  const csv = roster([['接口越权', '藏族', idNumber('63990219700301031'), '高中', '群众', '632802000000']]);
  const started = await upload(golmud, 'people', 'far.csv', csv);
  const job = await until(golmud, started.json.id, ['ready']);
  assert.equal(job.preview.errors[0].column, '所在组织代码');
  assert.match(job.preview.errors[0].message, /不在您的管辖范围内/);
  const outside = await upload(golmud, 'people', 'far.csv', csv, '?org=632802000000');
  assert.equal(outside.status, 404);
});

test('cancel during the apply changes nothing', { timeout: 120_000 }, async () => {
  const rows = [];
  for (let i = 0; i < 40000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
    const seq = String(Math.floor(i / 336) * 2 + 1).padStart(3, '0');
    rows.push([`接口批量${i}`, '藏族', idNumber(`6399011980${month}${day}${seq}`), '高中', '群众', orgCode]);
  }
  const started = await upload(golmud, 'people', 'big.csv', roster(rows));
  assert.equal(started.status, 202, JSON.stringify(started.json));
  const job = await until(golmud, started.json.id, ['ready'], 1);
  assert.equal(job.preview.counts.added, 40000, JSON.stringify(job.preview.counts));
  assert.equal((await golmud.post(`/api/v1/imports/jobs/${job.id}/confirm`, { mode: 'all' })).status, 202);
  const cancelled = await golmud.post(`/api/v1/imports/jobs/${job.id}/cancel`);
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.json));
  const end = await until(golmud, job.id, ['cancelled', 'done', 'failed'], 1);
  assert.equal(end.state, 'cancelled');
  assert.equal(await count('接口批量'), 0);
});

test('the template, the size limit, a missing file name', async () => {
  const tpl = await fetch(`${server.url}/api/v1/imports/people/template.xlsx`, { headers: { cookie: golmud.cookie } });
  assert.equal(tpl.status, 200);
  assert.equal(Buffer.from(await tpl.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  const big = await upload(golmud, 'people', 'big.csv', Buffer.alloc(20 * 1024 * 1024 + 1, 0x41));
  assert.equal(big.status, 400);
  assert.match(big.json.message, /不能超过 20 MB/);
  const res = await fetch(`${server.url}/api/v1/imports/people`, {
    method: 'POST',
    headers: { cookie: golmud.cookie, 'x-csrf-token': golmud.csrf },
    body: 'a',
  });
  assert.equal(res.status, 400);
});

test('a ledger into a list the caller issued: draft problems with their measures', { timeout: 60_000 }, async () => {
  const township = (await golmud.get('/api/v1/orgs/632801000000/children')).json.find((u) => u.kind === 'township');
  const village = (await golmud.get(`/api/v1/orgs/${township.code}/children`)).json.find((u) => u.kind === 'village');
  const created = await golmud.post('/api/v1/duty/lists', {
    title: '接口台账导入清单', year: '2099', holder_org_code: township.code,
    items: [{ title: '抓基层党建', target: '全面进步', weight: 30, deadline: '2099-12-31' }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const ledger = '序号,问题,措施,责任单位,责任人,包联领导,完成时限,进展情况,状态\n' +
    `1,接口导入问题,,${township.name},,,2099-11-30,0%,草稿\n` +
    `2,接口导入问题,接口导入措施,${village.code},,,2099/10/31,0%,草稿\n`;
  const refused = await upload(golmud, 'duty', '台账.csv', ledger, '?list=abc');
  assert.equal(refused.status, 400);
  assert.equal(refused.json.field, 'list');
  const started = await upload(golmud, 'duty', '台账.csv', ledger, `?list=${created.json.id}&source=巡察`);
  assert.equal(started.status, 202, JSON.stringify(started.json));
  const job = await until(golmud, started.json.id, ['ready']);
  assert.deepEqual(job.preview.errors, []);
  assert.equal(job.preview.counts.added, 2);
  assert.equal((await golmud.post(`/api/v1/imports/jobs/${job.id}/confirm`, { mode: 'all' })).status, 202);
  const done = await until(golmud, job.id, ['done', 'failed']);
  assert.equal(done.result.applied, true, JSON.stringify(done));
  const list = (await golmud.get(`/api/v1/duty/lists/${created.json.id}`)).json;
  const problem = (list.items || []).find((i) => i.title === '接口导入问题');
  assert.ok(problem, JSON.stringify(list).slice(0, 400));
  assert.equal(problem.state, 'draft');
  const detail = (await golmud.get(`/api/v1/duty/items/${problem.id}`)).json;
  assert.deepEqual(detail.measures.map((m) => [m.title, m.responsible_org_code, m.deadline]), [['接口导入措施', village.code, '2099-10-31']]);
  // A township committee outside the issuing org cannot import into the county's list (it does not exist for it).
  assert.equal((await upload(town, 'duty', '台账.csv', ledger, `?list=${created.json.id}`)).status, 404);
});

test('a ledger without a list: the county\'s own draft problems, on its problem list', { timeout: 60_000 }, async () => {
  const township = (await golmud.get('/api/v1/orgs/632801000000/children')).json.find((u) => u.kind === 'township');
  const ledger = '问题,措施,责任单位,完成时限\n' + `接口无清单问题,,${township.code},2099-08-31\n`;
  const started = await upload(golmud, 'duty', '台账.csv', ledger);
  assert.equal(started.status, 202, JSON.stringify(started.json));
  const job = await until(golmud, started.json.id, ['ready']);
  assert.deepEqual(job.preview.errors, []);
  assert.equal((await golmud.post(`/api/v1/imports/jobs/${job.id}/confirm`, { mode: 'all' })).status, 202);
  const done = await until(golmud, job.id, ['done', 'failed']);
  assert.equal(done.result.applied, true, JSON.stringify(done));
  const items = (await golmud.get(`/api/v1/duty/items?q=${encodeURIComponent('接口无清单问题')}`)).json;
  assert.equal(items.total, 1, JSON.stringify(items).slice(0, 300));
  assert.equal(items.items[0].state, 'draft');
});

test('a row\'s every bad cell is an error, in the columns\' order, and the row counts once', async () => {
  const csv = '姓名,性别,民族,身份证号码,学历,政治面貌,所在组织代码\n' +
    `接口三错,女,火星族,${idNumber('63990119700101011')},博士,群众,639999999999\n`;
  const started = await upload(golmud, 'people', 'three.csv', csv);
  const job = await until(golmud, started.json.id, ['ready']);
  assert.equal(job.preview.counts.failed, 1);
  assert.deepEqual(job.preview.errors.map((e) => [e.row, e.column]),
    [[2, '性别'], [2, '民族'], [2, '学历'], [2, '所在组织代码']]);
  // Each message names its column in a line or two (issue #11: 民族 listed all 56 groups, and 所在组织代码 said 单位).
  const message = (column) => job.preview.errors.find((e) => e.column === column).message;
  assert.equal(message('民族'), '民族“火星族”不在 56 个民族名称中，请按模板的下拉列表选择');
  assert.equal(message('所在组织代码'), '所在组织代码“639999999999”：没有该组织，或不在您的管辖范围内');
  assert.doesNotMatch(message('所在组织代码'), /单位/);
  // Paged: the second page of two is the last two.
  const page = await golmud.get(`/api/v1/imports/jobs/${job.id}?offset=2&limit=2`);
  assert.deepEqual(page.json.preview.errors.map((e) => e.column), ['学历', '所在组织代码']);
  assert.equal(page.json.preview.error_total, 4);
  // A page size or start that is not a whole number in range is refused, naming the parameter.
  for (const [query, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=abc', 'limit'], ['offset=-1', 'offset']]) {
    const bad = await golmud.get(`/api/v1/imports/jobs/${job.id}?${query}`);
    assert.equal(bad.status, 400, query);
    assert.equal(bad.json.field, field, query);
  }
  const all = await golmud.get(`/api/v1/imports/jobs/${job.id}?limit=500`);
  assert.equal(all.json.preview.errors.length, 4);
});

// The templates as 格尔木市 downloads them: the example row names its own Party organization (roster) and a unit
// below it (ledger), so that the file as downloaded imports without an error.
test('the templates a county downloads import as they stand', { timeout: 60_000 }, async () => {
  for (const [kind, noun] of [['people', '花名册'], ['duty', '台账']]) {
    const tpl = await fetch(`${server.url}/api/v1/imports/${kind}/template.xlsx`, { headers: { cookie: golmud.cookie } });
    assert.equal(tpl.status, 200);
    const started = await upload(golmud, kind, `${noun}模板.xlsx`, Buffer.from(await tpl.arrayBuffer()));
    assert.equal(started.status, 202, JSON.stringify(started.json));
    const job = await until(golmud, started.json.id, ['ready', 'failed']);
    assert.deepEqual(job.preview.errors, [], `${kind}: ${JSON.stringify(job.preview.errors)}`);
    assert.equal(job.preview.counts.added, 1, kind);
  }
});
