// The sign-in window as the pages say it (the server's rule in signin.h), and the record form's starting attendance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMinutes, prefilledRows, signinWindow } from './signin.js';

test('the window opens 30 minutes before and closes 3 hours after, across midnight and the year', () => {
  assert.deepEqual(signinWindow('2026-12-01 00:10'), { opens: '2026-11-30 23:40', closes: '2026-12-01 03:10' });
  assert.equal(addMinutes('2026-12-31 22:30', 180), '2027-01-01 01:30');
  assert.equal(addMinutes('2026-13-01', 5), '');
});

test('once a phone was used, those not signed in start as absent; otherwise as present', () => {
  const base = { can_record: true };
  const none = prefilledRows({ ...base, attendees: [{ person_id: 1, presence: 'unsigned' }] });
  assert.equal(none[0].presence, 'present');
  const used = prefilledRows({ ...base, attendees: [{ person_id: 1, presence: 'present' }, { person_id: 2, presence: 'unsigned' }] });
  assert.deepEqual(used.map((a) => a.presence), ['present', 'absent']);
  const readOnly = prefilledRows({ can_record: false, attendees: [{ person_id: 1, presence: 'unsigned' }] });
  assert.equal(readOnly[0].presence, 'unsigned');
});
