// The one way figures and dates are written (issue #11 §3).
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  columnScale,
  formatAmount,
  formatCount,
  formatDate,
  formatDateTime,
  formatExact,
  formatFileSize,
  formatMonth,
  formatPercent,
  formatProgress,
  formatRatio,
  formatScaled,
  formatTotal,
} from './format.js';

test('counts carry thousands separators, never 万 on their own', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(3547), '3,547');
  assert.equal(formatCount(181892), '181,892');
  assert.equal(formatCount(206900), '206,900');
  assert.equal(formatCount(-12), '-12');
  assert.equal(formatCount(null), '—');
  assert.equal(formatCount(undefined), '—');
  assert.equal(formatCount(Number.NaN), '—');
});

// Regression: 共 3547 条 (the pager) stood beside 共 3,547 人, and 共 49 项 beside 共 49 条.
test('a list total is counted in its kind’s one word, with separators', () => {
  assert.equal(formatTotal(3547, 'people'), '共 3,547 人');
  assert.equal(formatTotal(49, 'items'), '共 49 项');
  assert.equal(formatTotal(12034, 'records'), '共 12,034 条');
  assert.equal(formatTotal(0, 'items'), '共 0 项');
  assert.throws(() => formatTotal(1, 'things'));
  assert.equal(formatAmount(931, 'people'), '931 人');
});

test('万 and 亿 only when the whole column is that large', () => {
  assert.equal(columnScale([181892, 35470, 12000]), '万');
  assert.equal(columnScale([181892, 9886]), ''); // one small figure keeps the column exact
  assert.equal(columnScale([1_412_000_000, 300_000_000]), '亿');
  assert.equal(columnScale([1_412_000_000, 30_000]), '万');
  assert.equal(columnScale([null, 50000, undefined]), '万');
  assert.equal(columnScale([]), '');
  assert.equal(columnScale([null]), '');
  assert.equal(formatScaled(181892, '万'), '18.19万');
  assert.equal(formatScaled(125000, '万'), '12.5万');
  assert.equal(formatScaled(120000, '万'), '12.0万');
  assert.equal(formatScaled(1_412_000_000, '亿'), '14.12亿');
  assert.equal(formatScaled(181892, ''), '181,892');
  assert.equal(formatScaled(null, '万'), '—');
});

// Regression: the 本级 row showed — for the completion rate with 4 open and 0 signed off.
test('a percentage with a denominator is a number, 0.0% included; only a zero denominator is —', () => {
  assert.equal(formatRatio(0, 4), '0.0%');
  assert.equal(formatRatio(1, 3), '33.3%');
  assert.equal(formatRatio(4, 4), '100.0%');
  assert.equal(formatRatio(0, 0), '—');
  assert.equal(formatRatio(3, null), '—');
  assert.equal(formatPercent(28.74251497005988), '28.7%');
  assert.equal(formatPercent(0), '0.0%');
  assert.equal(formatPercent(null), '—');
  assert.equal(formatExact(28.74251497005988, { percent: true }), '28.74%');
  assert.equal(formatExact(181892), '181,892');
  assert.equal(formatExact(null), '—');
});

test('one date format and one date-time format, in Beijing time', () => {
  assert.equal(formatDate('2024-03-01'), '2024年3月1日');
  assert.equal(formatDate('2026-12-01T09:30:00.000+08:00'), '2026年12月1日');
  assert.equal(formatDate(''), '');
  assert.equal(formatDate(undefined), '');
  assert.equal(formatDate('未定'), '未定');
  assert.equal(formatDateTime('2026-02-21T16:20:33.120+08:00'), '2026年2月21日 16:20');
  assert.equal(formatDateTime('2026-02-21T08:20:33Z'), '2026年2月21日 16:20');
  assert.equal(formatDateTime('2026-02-21 16:20'), '2026年2月21日 16:20'); // the server's Beijing time without a zone
  assert.equal(formatDateTime('2026-12-31T23:59:00+08:00'), '2026年12月31日 23:59');
  assert.equal(formatDateTime('2026-12-31T16:05:00Z'), '2027年1月1日 00:05');
  assert.equal(formatDateTime(''), '');
  assert.equal(formatDateTime('不是时间'), '不是时间');
  assert.equal(formatMonth('2026-03'), '2026年3月');
});

test('file sizes', () => {
  assert.equal(formatFileSize(812), '812 B');
  assert.equal(formatFileSize(12_595), '12.3 KB');
  assert.equal(formatFileSize(4 * 1024 * 1024), '4.0 MB');
});

test('进度 is a level in whole percent, not a ratio', () => {
  assert.equal(formatProgress(40), '40%');
  assert.equal(formatProgress(null), '0%');
  assert.equal(formatProgress(66.6), '67%');
});
