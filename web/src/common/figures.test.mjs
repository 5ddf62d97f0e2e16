// The tooltips say the words of doc/figures.md, the one place the definitions live (issue #11 §3).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { FIGURES, definitionOf } from './figures.js';

const DOC = fs.readFileSync(new URL('../../../doc/figures.md', import.meta.url), 'utf8');

// The rows of the definitions table: | 名称 | `key` | 定义 | 显示在 | 计算在 |
function documented() {
  const rows = {};
  for (const line of DOC.split('\n')) {
    const m = /^\| ([^|]+) \| `(\w+)` \| ([^|]+) \|/.exec(line);
    if (m) rows[m[2]] = { name: m[1].trim(), definition: m[3].trim() };
  }
  return rows;
}

test('every tooltip definition is doc/figures.md’s, word for word, and every documented figure has one', () => {
  const rows = documented();
  for (const [key, figure] of Object.entries(FIGURES)) {
    assert.ok(rows[key], `doc/figures.md has a row for ${key}`);
    assert.equal(rows[key].name, figure.name, `the name of ${key}`);
    assert.equal(rows[key].definition, figure.definition, `the definition of ${key}`);
  }
  for (const key of Object.keys(rows)) assert.ok(FIGURES[key], `figures.js defines ${key}, which doc/figures.md lists`);
});

test('a figure without a definition has no tooltip', () => {
  assert.equal(definitionOf('party_orgs'), '');
  assert.match(definitionOf('duty_accepted'), /带 2 项措施的问题全部销号，计 3 项/);
});
