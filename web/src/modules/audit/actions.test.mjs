import assert from 'node:assert/strict';
import { test } from 'node:test';

import { actionGroups, objectLink, objectText } from './actions.js';

test('the filter groups the one list of actions, duty actions included, in order', () => {
  const groups = actionGroups([
    { code: 'session.signin', name: '登录', group: '登录' },
    { code: 'duty.publish', name: '公开事项', group: '问题清单' },
    { code: 'duty.assign', name: '交办事项', group: '问题清单' },
  ]);
  assert.deepEqual(groups.map((g) => g.label), ['登录', '问题清单']);
  assert.deepEqual(groups[1].options.map((o) => o.code), ['duty.publish', 'duty.assign']);
});

test('objects link to their pages and show their titles', () => {
  assert.deepEqual(objectLink({ object: '12', object_kind: 'item' }), { name: 'duty-item', params: { id: '12' } });
  assert.deepEqual(objectLink({ object: '632801000000', object_kind: 'org' }), { name: 'orgs', params: { code: '632801000000' } });
  assert.equal(objectLink({ object: '/tmp/a.csv', object_kind: '' }), null);
  assert.equal(objectText({ object: '12', object_kind: 'item', object_title: '村集体经济薄弱' }), '事项：村集体经济薄弱');
  assert.equal(objectText({ object: '/tmp/a.csv', object_title: '' }), '/tmp/a.csv');
  assert.equal(objectText({ object: '' }), '—');
});
