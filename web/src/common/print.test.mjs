// Unit tests of the print helper's plain parts (node --test web/src/): the time the print head shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printTime } from './print.js';

test('the print time is Beijing time, as a clerk writes it', () => {
  assert.equal(printTime(new Date('2026-12-01T16:05:00Z')), '2026年12月2日 00:05');
  assert.equal(printTime(new Date('2026-03-09T01:30:00Z')), '2026年3月9日 09:30');
});
