// 审计日志 as the audit administrator reads it (issue #11): every action has a Chinese name from the one list
// (GET /audit/actions, also the 操作 filter's options, duty actions included), each record names its object by
// title with what it is (for a link), and its org by name, not code.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { apiSuite, sql, stopSuite } from './support.mjs';


test('audit records carry Chinese action names, actors\' and objects\' names and org names', async () => {
  const { server, demo_golmud: county, demo_audit: auditor } = await apiSuite('demo_golmud', 'demo_audit');
  try {
    const title = '审计显示测试问题';
    const created = await county.post('/api/v1/duty/items', {
      kind: 'problem', title, deadline: '2099-06-30', source: 'research',
      area: '发展壮大村集体经济', severity: 'major', responsible_org_code: '632801100000',
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = created.json.id;
    assert.equal((await county.post(`/api/v1/duty/items/${id}/actions`, { action: 'assign' })).status, 200);

    const actions = (await auditor.get('/api/v1/audit/actions')).json.items;
    const names = new Map(actions.map((a) => [a.code, a.name]));
    assert.equal(names.get('duty.publish'), '公开事项');
    assert.equal(names.get('duty.assign'), '交办事项');
    assert.equal(new Set(actions.map((a) => a.code)).size, actions.length, 'each action once');
    // Every action the demo and this test wrote is in the list.
    for (const code of sql(server.db, 'SELECT DISTINCT action FROM audit_log').split('\n')) {
      assert.ok(names.has(code), `no Chinese name for ${code}`);
    }

    const page = await auditor.get('/api/v1/audit?action=duty.assign');
    assert.equal(page.status, 200);
    const record = page.json.items.find((r) => r.object === String(id));
    assert.ok(record, JSON.stringify(page.json.items.slice(0, 3)));
    assert.equal(record.action_name, '交办事项');
    assert.equal(record.actor, 'demo_golmud');
    assert.equal(record.actor_name, '格尔木市委组织部演示账号');
    assert.equal(record.actor_kind, 'account');
    assert.equal(record.object_kind, 'item');
    assert.equal(record.object_title, title);
    const orgName = sql(server.db, "SELECT n.name FROM org_name n JOIN org_unit u ON u.id = n.unit_id"
      + " WHERE u.code = '632801100000' ORDER BY n.valid_from DESC LIMIT 1");
    assert.equal(record.org_name, orgName);

    const signins = await auditor.get('/api/v1/audit?action=session.signin&actor=demo_golmud');
    const signin = signins.json.items[0];
    assert.equal(signin.object_kind, 'account');
    assert.equal(signin.object_title, sql(server.db, "SELECT name FROM account WHERE login = 'demo_golmud'"));
    // Regression: `jiceng init` read as "cli:0 初始化数据库 63".
    const init = (await auditor.get('/api/v1/audit?action=db.init')).json.items[0];
    assert.match(init.actor, /^cli:/);
    assert.equal(init.actor_name, '命令行（系统）');
    assert.equal(init.actor_kind, 'cli');
    assert.equal(init.object, '63');
    assert.equal(init.object_title, '青海省');
    // The demo accounts init made, by the same command line (they read "init" before).
    const made = (await auditor.get('/api/v1/audit?action=account.create')).json.items;
    assert.ok(made.length >= 8);
    for (const r of made) assert.equal(r.actor_name, '命令行（系统）', r.object);
    // Only the audit administrator reads the list.
    assert.equal((await county.get('/api/v1/audit/actions')).status, 403);
  } finally {
    await stopSuite(server);
  }
});
