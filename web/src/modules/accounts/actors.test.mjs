import assert from 'node:assert/strict';
import { test } from 'node:test';

import { actorText } from './actors.js';

// Regression: the audit log, an org's history and the duty timeline showed logins and "cli:0".
test('an actor reads as the holder\'s name, the login as the small print', () => {
  assert.deepEqual(actorText('demo_golmud', '格尔木市委组织部演示账号', 'account'),
    { name: '格尔木市委组织部演示账号', detail: 'demo_golmud', title: '账号 demo_golmud' });
  assert.equal(actorText('cli:0', 'cli:0', 'cli').name, '命令行（系统）');
  assert.match(actorText('cli:0', '命令行（系统）', 'cli').title, /操作系统用户 0/);
  assert.equal(actorText('-', '未登录的访问者', 'anonymous').name, '未登录的访问者');
  // As recorded when it is no account (a mistyped login at sign-in, 区划沿革); — when there is none.
  assert.deepEqual(actorText('no_such', 'no_such', 'other'), { name: 'no_such', detail: '', title: '' });
  assert.equal(actorText('区划沿革', '区划沿革', 'other').name, '区划沿革');
  assert.equal(actorText('', '', '').name, '—');
  // An older answer without names still shows the login.
  assert.equal(actorText('demo_town').name, 'demo_town');
});
