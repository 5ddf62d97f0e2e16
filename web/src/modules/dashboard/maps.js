// The map of a dashboard node: the province by prefecture, a prefecture by county (the outlines the build reads
// from npm, web/vite/maps.mjs), none below. Each map is a lazy chunk, registered with echarts once.
import maps from 'virtual:jiceng-maps';
import { candidatesFrom, regionShapes } from './labels.js';

// {adcode, name, load} for a province or prefecture the build has a map of; null otherwise.
export function mapFor(org) {
  if (!org || !/^\d{12}$/.test(org.code || '')) return null;
  if (org.level !== 'province' && org.level !== 'prefecture') return null;
  const adcode = org.code.slice(0, 6);
  return maps[adcode] ? { adcode, ...maps[adcode] } : null;
}

const loaded = new Map(); // adcode → Promise of {mapName, features}

// Loads and registers the map; resolves to the echarts map name, the GeoJSON features (for matching), and the
// regions' shapes and label points (for placing their names, labels.js).
export function loadMap(entry) {
  if (!loaded.has(entry.adcode)) {
    // ECharts is imported here, not at the top: the 工作台 asks mapFor before it needs the chart library.
    const promise = Promise.all([entry.load(), import('./echarts.js')]).then(([module, { echarts }]) => {
      const geojson = module.default;
      const mapName = `jiceng-${entry.adcode}`;
      const shapes = regionShapes(geojson); // before echarts decodes the coordinates in place
      echarts.registerMap(mapName, geojson);
      return { mapName, features: geojson.features || [], shapes, candidates: candidatesFrom(geojson.features) };
    });
    promise.catch(() => loaded.delete(entry.adcode)); // a failed chunk is tried again next time
    loaded.set(entry.adcode, promise);
  }
  return loaded.get(entry.adcode);
}
