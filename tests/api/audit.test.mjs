// The audit log when the server and the command line write one database at once: every record is chained under
// the key, the anchor file ends at the head as soon as the writes are answered, each duty timeline event written
// over HTTP is vouched for by its record — and editing one afterwards is found by `jiceng audit verify`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { JICENG, ROOT, jiceng, signedIn, sql, startServer } from './support.mjs';

const run = promisify(execFile);

test('server and command line appending at once keep the chain, the anchor and the timeline right', async () => {
  const server = await startServer();
  try {
    await appendAtOnceAndVerify(server);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

async function appendAtOnceAndVerify(server) {
  const county = await signedIn(server.url, 'demo_golmud');
  const http = (async () => {
    for (let i = 0; i < 30; i++) {
      const created = await county.post('/api/v1/duty/items', {
        kind: 'problem', title: `审计并发测试问题${i}`, deadline: '2099-06-30', source: 'research',
        area: '发展壮大村集体经济', severity: 'major', responsible_org_code: '632801100000',
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const assigned = await county.post(`/api/v1/duty/items/${created.json.id}/actions`, { action: 'assign' });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.json));
    }
  })();
  const cli = (async () => {
    for (let i = 0; i < 30; i++) {
      const phone = `1390970${String(i).padStart(4, '0')}`;
      await run(JICENG, ['person', 'update', '1', '--db', server.db, '--phone', phone], { cwd: ROOT });
    }
  })();
  await Promise.all([http, cli]);

  // Checked while the server runs: every acknowledged write is anchored already.
  const check = JSON.parse(jiceng('audit', 'verify', '--db', server.db));
  assert.equal(check.ok, true, check.problem);
  assert.equal(check.anchored, check.records, 'the anchor ends at the head');
  assert.equal(Number(sql(server.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'person.update'")), 30);
  assert.equal(Number(sql(server.db, 'SELECT COUNT(*) FROM duty_event WHERE audit_id IS NULL')), 0);
  assert.equal(Number(sql(server.db,
    "SELECT COUNT(*) FROM duty_event e JOIN audit_log a ON a.id = e.audit_id WHERE a.action IN ('duty.create', 'duty.assign')"
    + " AND e.note = '' AND e.action IN ('create', 'assign') AND e.actor = 'demo_golmud'")), 60);

  sql(server.db, "UPDATE duty_event SET actor = 'demo_town' WHERE id = (SELECT MAX(id) FROM duty_event)");
  let failed;
  try {
    jiceng('audit', 'verify', '--db', server.db);
  } catch (e) {
    failed = e;
  }
  assert.ok(failed, 'verify must fail after a timeline event was edited');
  assert.match(failed.stdout + failed.stderr, /时间线被改动/);
}
