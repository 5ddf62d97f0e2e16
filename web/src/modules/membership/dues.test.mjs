// 元 text to fen and back, exact (never through a floating-point number).
import test from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, fenToYuan, monthsBetween, yuanToFen } from './dues.js';

test('yuanToFen reads 元 digit by digit', () => {
  assert.equal(yuanToFen('3000.01'), 300001);
  assert.equal(yuanToFen('3000'), 300000);
  assert.equal(yuanToFen('0.5'), 50);
  assert.equal(yuanToFen('1,000.00'), 100000);
  assert.equal(yuanToFen(' 12.3 '), 1230);
  assert.equal(yuanToFen('4.35'), 435); // 4.35 × 100 is 434.99999… in floating point
  assert.equal(yuanToFen('1.005'), null);
  assert.equal(yuanToFen('-1'), null);
  assert.equal(yuanToFen('abc'), null);
  assert.equal(yuanToFen(''), null);
});

test('fenToYuan writes two decimals', () => {
  assert.equal(fenToYuan(300001), '3,000.01');
  assert.equal(fenToYuan(5), '0.05');
  assert.equal(fenToYuan(0), '0.00');
  assert.equal(fenToYuan(123456789, { group: false }), '1234567.89');
});

test('months', () => {
  assert.equal(addMonths('2026-12', 1), '2027-01');
  assert.equal(addMonths('2027-01', -6), '2026-07');
  assert.equal(monthsBetween('2026-10', '2026-12'), 3);
  assert.equal(monthsBetween('2026-12', '2026-10'), 0);
});
