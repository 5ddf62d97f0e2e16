// No acknowledged write is lost: writes answered 2xx survive a kill -9 of the server, and the audit chain
// still verifies after the restart.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { idNumber, jiceng, signedIn, startServer } from './support.mjs';

test('acknowledged writes survive kill -9', async () => {
  let server = await startServer();
  const c = await signedIn(server.url, 'demo_golmud');
  const village = (await c.get('/api/v1/orgs/632801100000/children')).json.find((u) => u.kind === 'village').code;
  const acknowledged = [];
  // Write one person after another; kill the server while writes are still coming. Whatever was answered
  // 201 before the kill must be there after the restart (the one in flight may or may not be).
  let crashed = false;
  const writer = (async () => {
    for (let i = 0; i < 200 && !crashed; i++) {
      const res = await c.post('/api/v1/people', {
        name: `持久${i}`, id_number: idNumber(`63280119950101${String(i).padStart(3, '0')}`), ethnicity: '汉族',
        education: '高中', political_status: '群众', org_code: village,
      }).catch(() => null);
      if (res?.status === 201) acknowledged.push(res.json.id);
    }
  })();
  while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 5));
  await server.crash();
  crashed = true;
  await writer;
  assert.ok(acknowledged.length >= 20, `${acknowledged.length} writes were acknowledged before the crash`);

  server = await startServer(server.db);
  const again = await signedIn(server.url, 'demo_golmud');
  for (const id of acknowledged) {
    const res = await again.get(`/api/v1/people/${id}`);
    assert.equal(res.status, 200, `person ${id} was acknowledged and must be there`);
  }
  assert.equal(JSON.parse(jiceng('audit', 'verify', '--db', server.db)).ok, true);
  assert.equal(await server.stop(), 0);
});
