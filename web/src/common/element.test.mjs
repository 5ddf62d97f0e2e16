// The build bundles only the Element Plus components the templates use (web/vite/elementComponents.mjs): each
// <el-…> tag must name a real Element Plus export, and the list must hold what the pages rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as ElementPlus from 'element-plus';
import { usedComponents } from '../../vite/elementComponents.mjs';

const SRC = fileURLToPath(new URL('..', import.meta.url));

test('every <el-…> tag in web/src is an Element Plus component, and all of them are registered', () => {
  const names = usedComponents(SRC);
  for (const name of names) assert.ok(ElementPlus[name]?.install || ElementPlus[name]?.name, `${name} is exported by element-plus`);
  for (const name of ['ElConfigProvider', 'ElTable', 'ElTableColumn', 'ElSelect', 'ElOption', 'ElDatePicker', 'ElMenu', 'ElSubMenu', 'ElPopover']) {
    assert.ok(names.includes(name), `${name} is found in the templates`);
  }
  assert.ok(!names.includes('ElCarousel'), 'a component no page uses is left out');
});

// elementDefaults.js: menus built when first opened, tags that appear without a transition (issue #11 §6). A new
// Element Plus that renamed these props would leave the defaults unchanged, and this test says so.
test('the UI-wide Element Plus defaults are in force', async () => {
  const { applyElementDefaults } = await import('./elementDefaults.js');
  applyElementDefaults();
  for (const name of ['ElSelect', 'ElDropdown', 'ElPopover']) assert.equal(ElementPlus[name].props.persistent.default, false, `${name} persistent`);
  assert.equal(ElementPlus.ElTag.props.disableTransitions.default, true, 'ElTag disableTransitions');
});
