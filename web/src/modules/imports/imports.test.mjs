import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFile, confirmText, percentOf } from './imports.js';

test('checkFile refuses other types, empty and oversized files', () => {
  assert.equal(checkFile({ name: 'a.xlsx', size: 10 }), '');
  assert.equal(checkFile({ name: 'A.CSV', size: 10 }), '');
  assert.match(checkFile({ name: 'a.pdf', size: 10 }), /不是 Excel 或 CSV/);
  assert.match(checkFile({ name: 'a.xls', size: 0 }), /空文件/);
  assert.match(checkFile({ name: 'a.xls', size: 21 * 1024 * 1024 }), /超过 20 MB/);
});

test('percentOf follows rows done over total', () => {
  assert.equal(percentOf({ state: 'previewing', done: 0, total: 0 }), 0);
  assert.equal(percentOf({ state: 'previewing', done: 50, total: 200 }), 25);
  assert.equal(percentOf({ state: 'ready', done: 0, total: 0 }), 100);
});

test('confirmText says what will be written', () => {
  assert.equal(confirmText({ added: 2, updated: 1, failed: 0 }, 'all', '人'), '将新增 2 人、更新 1 人。确定导入吗？');
  assert.equal(confirmText({ added: 1200, updated: 0, failed: 3 }, 'good'), '将新增 1,200 行，跳过有误的 3 行。确定导入吗？');
});
