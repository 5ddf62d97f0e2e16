import test from 'node:test';
import assert from 'node:assert/strict';
import { readListQuery, withPaging } from './listQuery.js';

test('readListQuery: text filters, page from 1, page size only from the offered ones', () => {
  assert.deepEqual(readListQuery({ q: '张', org: ['a', 'b'], page: '3', page_size: '50' }, ['q', 'org']), { q: '张', org: '', page: 3, page_size: 50 });
  assert.deepEqual(readListQuery({ page: '-2', page_size: '7' }, []), { page: 1, page_size: 20 });
});

test('withPaging leaves the defaults out of the URL', () => {
  assert.deepEqual(withPaging({ q: 'x' }, { page: 1, page_size: 20 }), { q: 'x' });
  assert.deepEqual(withPaging({}, { page: 2, page_size: 100 }), { page: '2', page_size: '100' });
});
