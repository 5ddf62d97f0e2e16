// The record form's checks and the period words, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRecord, periodLabel, quorum, periodChoices } from './orglife.js';

const form = { held_at: '2026-12-01 09:00', place: '会议室', presenter_id: 1, recorder_id: 2, minutes: '学习' };

test('a record names the first field that is wrong', () => {
  const people = [{ name: '扎西', presence: 'present' }, { name: '卓玛', presence: 'leave', reason: '' }];
  assert.equal(checkRecord({ ...form, held_at: '' }, people).field, 'held_at');
  assert.equal(checkRecord({ ...form, held_at: '2099-01-01 00:00' }, people, '2026-12-02 10:00').field, 'held_at');
  assert.equal(checkRecord({ ...form, place: '' }, people).field, 'place');
  assert.match(checkRecord(form, people, '2026-12-02 10:00').message, /卓玛 请假/);
  assert.equal(checkRecord(form, [{ name: '扎西', presence: 'present' }], '2026-12-02 10:00'), null);
});

test('probationary members do not make the quorum', () => {
  const people = [
    { voting: true, presence: 'present' }, { voting: true, presence: 'leave' },
    { voting: false, presence: 'present' }, { voting: false, presence: 'present' },
  ];
  assert.deepEqual(quorum(people, 'general_meeting'), { due: 2, present: 1, ok: false });
});

test('periods read in Chinese', () => {
  assert.equal(periodLabel('2026Q4'), '2026年第四季度');
  assert.equal(periodLabel('2026-03'), '2026年3月');
  assert.deepEqual(periodChoices(new Date(2026, 0, 15)).slice(0, 2), ['2026Q1', '2025Q4']);
});
