// Where each region's name goes on a map: a point inside the region, chosen so that no two names overlap at the
// size the map is drawn. The packages' own label points (properties.cp, the seat of government) can sit near a
// border or in a neighbour (海北州's seat is beside 西宁), and ECharts then hides whichever name overlaps; here
// each region offers points inside it ranked by their clearance from its border (the best is close to the pole of
// inaccessibility), and the most cramped regions choose first. Pure functions, no DOM: the unit tests run them
// on every packaged map.
//
// Geometry is in the plane ECharts draws a GeoJSON map in without a projection: x = longitude × 0.75 (its
// default aspectScale), y = latitude, one scale for both axes once fitted to the box, y pointing down on screen.

export const ASPECT_SCALE = 0.75;

// ECharts' compressed GeoJSON (UTF8Encoding) → [[ring, …], …] polygons of [lon, lat] points, without changing
// the input (echarts decodes it in place when the map is registered).
function decodeRing(text, offsets, scale) {
  const points = [];
  let px = offsets[0];
  let py = offsets[1];
  for (let i = 0; i + 1 < text.length; i += 2) {
    let x = text.charCodeAt(i) - 64;
    let y = text.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    px += x;
    py += y;
    points.push([px / scale, py / scale]);
  }
  return points;
}

// [{name, polygons}] for each feature with an area; polygons: [[exterior, ...holes]] of [lon, lat].
export function regionShapes(geojson) {
  const compressed = !!geojson?.UTF8Encoding;
  const scale = geojson?.UTF8Scale ?? 1024;
  const shapes = [];
  for (const feature of geojson?.features || []) {
    const geometry = feature.geometry || {};
    const name = String(feature.properties?.name ?? '');
    let polygons = [];
    const ring = (r, offsets) => (compressed && typeof r === 'string' ? decodeRing(r, offsets, scale) : r);
    if (geometry.type === 'Polygon') {
      polygons = [geometry.coordinates.map((r, i) => ring(r, geometry.encodeOffsets?.[i]))];
    } else if (geometry.type === 'MultiPolygon') {
      polygons = geometry.coordinates.map((rings, p) => rings.map((r, i) => ring(r, geometry.encodeOffsets?.[p]?.[i])));
    }
    polygons = polygons.filter((rings) => rings.length && rings[0].length >= 3);
    if (polygons.length) shapes.push({ name, polygons });
  }
  return shapes;
}

// Even-odd rule over every ring of every polygon of the region.
export function insideShape(shape, [lon, lat]) {
  let inside = false;
  for (const rings of shape.polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

// Distance in the plane from a point to the region's border (every ring of every polygon).
function clearance(shape, lon, lat) {
  const x = lon * ASPECT_SCALE;
  let best = Infinity;
  for (const rings of shape.polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const ax = ring[j][0] * ASPECT_SCALE;
        const ay = ring[j][1];
        const dx = ring[i][0] * ASPECT_SCALE - ax;
        const dy = ring[i][1] - ay;
        const length = dx * dx + dy * dy;
        let t = length ? ((x - ax) * dx + (lat - ay) * dy) / length : 0;
        t = Math.max(0, Math.min(1, t));
        const ex = ax + t * dx - x;
        const ey = ay + t * dy - lat;
        best = Math.min(best, ex * ex + ey * ey);
      }
    }
  }
  return Math.sqrt(best);
}

function boundsOf(points, into = [Infinity, Infinity, -Infinity, -Infinity]) {
  for (const [lon, lat] of points) {
    into[0] = Math.min(into[0], lon);
    into[1] = Math.min(into[1], lat);
    into[2] = Math.max(into[2], lon);
    into[3] = Math.max(into[3], lat);
  }
  return into;
}

// Points inside the region, spread over it, roomiest first: [{lon, lat, clearance}] (clearance from the border
// in plane units). A grid of GRID × GRID cells over each polygon, the best few refined on a finer grid around
// them (which brings the first close to the pole of inaccessibility), then kept only if no roomier kept point is
// nearer than a twelfth of the region's size, so that a cramped neighbour leaves other places to choose from.
// The border is thinned to at most THIN points a ring: the ranking needs the shape, not every vertex.
const GRID = 20;
const THIN = 400;
export function labelCandidates(shape, limit = 40) {
  const thin = {
    polygons: shape.polygons.map((rings) => rings.map((ring) => (ring.length <= THIN ? ring : ring.filter((_, i) => i % Math.ceil(ring.length / THIN) === 0)))),
  };
  const found = [];
  const tryPoint = (lon, lat) => {
    if (insideShape(thin, [lon, lat])) found.push({ lon, lat, clearance: clearance(thin, lon, lat) });
  };
  const all = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of shape.polygons) {
    const start = found.length;
    const [x0, y0, x1, y1] = boundsOf(rings[0]);
    boundsOf(rings[0], all);
    const sx = (x1 - x0) / GRID;
    const sy = (y1 - y0) / GRID;
    for (let i = 0; i < GRID; i++) for (let j = 0; j < GRID; j++) tryPoint(x0 + (i + 0.5) * sx, y0 + (j + 0.5) * sy);
    const best = found
      .slice(start)
      .sort((a, b) => b.clearance - a.clearance)
      .slice(0, 4);
    for (const c of best) for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) if (i || j) tryPoint(c.lon + (i * sx) / 3, c.lat + (j * sy) / 3);
  }
  if (!found.length) {
    const [lon, lat] = shape.polygons[0][0][0]; // a sliver the grid missed: its first vertex
    return [{ lon, lat, clearance: 0 }];
  }
  found.sort((a, b) => b.clearance - a.clearance);
  const inside = found.filter((point) => insideShape(shape, [point.lon, point.lat])); // the thinned border may err
  const apart = Math.max((all[2] - all[0]) * ASPECT_SCALE, all[3] - all[1]) / 12;
  const kept = [];
  for (const point of inside.length ? inside : found) {
    if (kept.length >= limit) break;
    if (kept.every((k) => Math.hypot((k.lon - point.lon) * ASPECT_SCALE, k.lat - point.lat) >= apart)) kept.push(point);
  }
  return kept;
}

// The screen transform ECharts uses for these shapes in a box: the bounding rectangle of every shape, kept in
// aspect (× ASPECT_SCALE) and centred in the box. Returns toPixel([lon, lat]) → [x, y] and the pixels per unit.
export function fitTransform(shapes, { width, height, left = 0, right = 0, top = 0, bottom = 0 }) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const shape of shapes) for (const rings of shape.polygons) boundsOf(rings[0], b);
  const rawW = (b[2] - b[0]) * ASPECT_SCALE;
  const rawH = b[3] - b[1];
  const boxW = Math.max(1, width - left - right);
  const boxH = Math.max(1, height - top - bottom);
  const scale = Math.min(boxW / rawW, boxH / rawH);
  const x0 = left + (boxW - rawW * scale) / 2;
  const y0 = top + (boxH - rawH * scale) / 2;
  return { scale, toPixel: ([lon, lat]) => [x0 + (lon - b[0]) * ASPECT_SCALE * scale, y0 + (b[3] - lat) * scale] };
}

// The box a label of these lines takes at this font size (CJK glyphs are one em wide; ECharts' 2 px text
// border on each side; a line height of about 1.3 em).
export function labelSize(lines, fontSize) {
  const longest = Math.max(1, ...lines.map((line) => [...line].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6), 0)));
  return { w: Math.ceil(longest * fontSize + 4), h: Math.ceil(lines.length * fontSize * 1.3 + 2) };
}

const overlap = (a, b) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

// Where a label's box sits against its point: centred on it, else beside it (the point at the middle of one of
// the box's edges, or at a corner) for a region too small to hold its name. Centred is tried first.
const PLACINGS = [
  { dx: 0, dy: 0 },
  { dx: 0.5, dy: 0 },
  { dx: -0.5, dy: 0 },
  { dx: 0, dy: -0.5 },
  { dx: 0, dy: 0.5 },
  { dx: 0.5, dy: -0.5 },
  { dx: -0.5, dy: -0.5 },
  { dx: 0.5, dy: 0.5 },
  { dx: -0.5, dy: 0.5 },
];

// Chooses a point for each region's label. shapes: from regionShapes; lines: {region name → [text lines]};
// view: {width, height, left, right, top, bottom} of the series box; candidates: {name → labelCandidates}
// (computed once per map, by the build). Returns {name → {lon, lat, x, y, w, h, cx, cy}}: the point and its
// pixel, the label's size and the centre of its box on screen. Regions with the least room choose first; each
// takes the roomiest point whose box overlaps no label placed before it (labelGap apart) and stays on the canvas,
// centred if it can be, else the placing that overlaps least; a region left overlapping then chooses first, and
// the better of the tries is kept.
export function placeLabels(shapes, lines, view, fontSize, candidates = {}) {
  const { toPixel, scale } = fitTransform(shapes, view);
  const options = shapes.map((shape) => {
    const own = candidates[shape.name] || labelCandidates(shape);
    const size = labelSize(lines[shape.name] || [shape.name], fontSize);
    return { shape, size, points: own.map((p) => ({ ...p, pixel: toPixel([p.lon, p.lat]) })), room: (own[0]?.clearance ?? 0) * scale };
  });
  options.sort((a, b) => a.room - b.room);
  // Greedy in that order; if some label still overlaps, the region that could not find room goes first next time.
  let result = placeInOrder(options, view, fontSize);
  for (let attempt = 0; attempt < options.length && result.clash; attempt++) {
    const stuck = options.findIndex((o) => o.shape.name === result.clash);
    options.unshift(...options.splice(stuck, 1));
    const next = placeInOrder(options, view, fontSize);
    if (next.cost < result.cost) result = next;
    else if (next.clash === result.clash) break;
  }
  return result.placed;
}

// The room kept between two labels' boxes, in px at a font size: half a glyph (6 px at 12 px, 5 px on a phone's
// 10 px). Issue #11: with 4 px at most, 西宁市 and 海东市 read as touching.
export function labelGap(fontSize) {
  return Math.round(fontSize / 2);
}

function placeInOrder(options, view, fontSize) {
  const gap = labelGap(fontSize) / 2;
  const placed = {};
  const boxes = [];
  let total = 0;
  let clash = null;
  for (const { shape, size, points } of options) {
    let best = null;
    let bestCost = Infinity;
    for (const placing of PLACINGS) {
      for (const point of points) {
        const [x, y] = point.pixel;
        const cx = x + placing.dx * (size.w + 2);
        const cy = y + placing.dy * (size.h + 2);
        const box = { x: cx - size.w / 2 - gap, y: cy - size.h / 2 - gap, w: size.w + 2 * gap, h: size.h + 2 * gap };
        const off = Math.max(0, -box.x) + Math.max(0, -box.y) + Math.max(0, box.x + box.w - view.width) + Math.max(0, box.y + box.h - view.height);
        const cost = boxes.reduce((sum, other) => sum + overlap(box, other), 0) + off * size.h;
        if (cost < bestCost) {
          best = { lon: point.lon, lat: point.lat, x, y, w: size.w, h: size.h, cx, cy };
          bestCost = cost;
        }
        if (cost === 0) break; // points come roomiest first: the first free one is the best of this placing
      }
      if (bestCost === 0) break;
    }
    if (!best) continue;
    if (bestCost > 0 && !clash) clash = shape.name;
    total += bestCost;
    placed[shape.name] = best;
    boxes.push({ x: best.cx - best.w / 2 - gap, y: best.cy - best.h / 2 - gap, w: best.w + 2 * gap, h: best.h + 2 * gap });
  }
  return { placed, cost: total, clash };
}

// For tests and checks: the pairs of names whose label boxes overlap, or come closer than `apart` px.
export function overlappingLabels(placed, apart = 0) {
  const names = Object.keys(placed);
  const pairs = [];
  const box = (p) => ({ x: p.cx - p.w / 2 - apart / 2, y: p.cy - p.h / 2 - apart / 2, w: p.w + apart, h: p.h + apart });
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) if (overlap(box(placed[names[i]]), box(placed[names[j]])) > 0) pairs.push([names[i], names[j]]);
  }
  return pairs;
}

// {region name → [{lon, lat, clearance}]} from the labelPoints the build put on each feature (web/vite/maps.mjs).
export function candidatesFrom(features) {
  const out = {};
  for (const feature of features || []) {
    const points = feature.properties?.labelPoints;
    if (Array.isArray(points) && points.length) out[String(feature.properties.name)] = points.map(([lon, lat, c]) => ({ lon, lat, clearance: c }));
  }
  return out;
}
