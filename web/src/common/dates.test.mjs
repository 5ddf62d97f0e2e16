import test from 'node:test';
import assert from 'node:assert/strict';
import { checkDate, looksLikeWholeDate } from './dates.js';

// Regression (issue #10): a typed 2026-13-45 silently became 2027-02-14, and a past date silently emptied the field.
test('checkDate refuses impossible dates instead of rolling them over', () => {
  assert.match(checkDate('2026-13-45').error, /月份应在 1—12 之间/);
  assert.match(checkDate('2026-02-29').error, /2026年2月只有 28 天/);
  assert.match(checkDate('2026-04-31').error, /只有 30 天/);
  assert.match(checkDate('明天').error, /不是有效日期/);
  assert.equal(checkDate('2028-02-29').date, '2028-02-29');
});

test('checkDate reads the ways clerks type dates', () => {
  for (const t of ['2024-03-01', '2024/3/1', '2024年3月1日', '20240301', ' 2024.03.01 ']) assert.equal(checkDate(t).date, '2024-03-01', t);
  assert.equal(checkDate('').date, '');
});

test('checkDate refuses a date before the minimum with the message given', () => {
  assert.equal(checkDate('2026-11-30', { min: '2026-12-01', minMessage: '完成时限不能早于今天' }).error, '完成时限不能早于今天');
  assert.equal(checkDate('2026-12-01', { min: '2026-12-01' }).date, '2026-12-01');
});

test('looksLikeWholeDate waits for a whole date', () => {
  assert.equal(looksLikeWholeDate('2026-1'), false);
  assert.equal(looksLikeWholeDate('2026-13-45'), true);
  assert.equal(looksLikeWholeDate('20261301'), true);
});
