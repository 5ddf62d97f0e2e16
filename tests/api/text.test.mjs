// What user text may hold, through the API: single-line fields (duty titles, person names, unit names) refuse
// control and bidi-override characters, multi-line fields (notes) allow only newlines; a searched code's "%"
// and "_" match themselves.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiSuite, idNumber, stopSuite } from './support.mjs';

let server;
let golmud;
let town;

before(async () => {
  let townClient;
  ({ server, demo_golmud: golmud, demo_town: townClient } = await apiSuite('demo_golmud', 'demo_town'));
  town = (await townClient.get('/api/v1/session')).json.user.org_code;
});
after(() => stopSuite(server));

// Regression: /api/v1/orgs/search treated "%" and "_" in a code as wildcards.
test('org search treats % and _ literally', async () => {
  const real = await golmud.get('/api/v1/orgs/search?q=632801');
  assert.ok(real.json.length > 0);
  for (const q of ['6328_1', '%', '_', '632801%']) {
    const res = await golmud.get('/api/v1/orgs/search?q=' + encodeURIComponent(q));
    assert.equal(res.status, 200, q);
    assert.equal(res.json.length, 0, `${q}: ${JSON.stringify(res.json.slice(0, 2))}`);
  }
});

// Regression: duty titles accepted NUL, CR/LF and U+202E (a title "a\u0000b" exported to xlsx as "a").
test('a duty title refuses control and bidi characters; a note allows only newlines', async () => {
  for (const title of ['a\u0000b', 'a\r\nb', 'a\u202Eb', 'a\u2066b']) {
    const res = await golmud.post('/api/v1/duty/items', {
      kind: 'problem', title, deadline: '2099-06-30', source: 'research', area: '发展壮大村集体经济', severity: 'major',
      responsible_org_code: town,
    });
    assert.equal(res.status, 400, JSON.stringify(title));
    assert.equal(res.json.field, 'title');
    assert.match(res.json.message, /^标题/);
  }
  const ok = await golmud.post('/api/v1/duty/items', {
    kind: 'problem', title: '文本检查：村集体经济收入偏低', deadline: '2099-06-30', source: 'research',
    area: '发展壮大村集体经济', severity: 'major', responsible_org_code: town,
  });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  const id = ok.json.id;
  const bad = await golmud.post(`/api/v1/duty/items/${id}/actions`, { action: 'cancel', note: '理由\u0000' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'note');
});

test('a person name refuses bidi overrides (unit names: org_test)', async () => {
  const person = await golmud.post('/api/v1/people', {
    name: '张\u202E三', id_number: idNumber('63280119900101123'), ethnicity: '汉族', education: '高中',
    political_status: '群众', org_code: town,
  });
  assert.equal(person.status, 400);
  assert.equal(person.json.field, 'name');
});
