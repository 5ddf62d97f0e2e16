// Which map region each child of the dashboard's node is. The map packages are older than the tree: a region
// may carry an old code or name (湟中县 630122 is now 湟中区 630106, 同仁县 632321 is now 同仁市 632301), and
// 海西州's “直辖” region covers the units made from it since (茫崖市 632803, 大柴旦行政委员会 632857). So three
// rules, each only for what the previous ones left:
//   1. the same 6-digit division code (feature id = the first 6 digits of the 12-digit org code);
//   2. the same name once the kind and the peoples of an autonomy are dropped (海西蒙古族藏族自治州 → 海西,
//      湟中县 and 湟中区 → 湟中), and only when that name is unique on both sides;
//   3. a region named “…直辖” takes every administrative child still without one; it then stands for all of them.
// Only administrative units (12-digit codes) are on a map; agencies and Party organizations are not.

// The 56 peoples, longest first so that 土家 is tried before 土.
const PEOPLES = (
  '汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 ' +
  '柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 ' +
  '塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'
)
  .split(' ')
  .sort((a, b) => b.length - a.length);

// Kinds at the end of a name, longest first; the autonomous ones are followed by their peoples' names.
const AUTONOMOUS = ['自治州', '自治县', '自治旗'];
const KINDS = [...AUTONOMOUS, '行政委员会', '地区', '行委', '州', '盟', '市', '县', '区', '旗'];

export function isAdministrative(unit) {
  return /^\d{12}$/.test(unit?.code || '');
}

// The name without its kind and the peoples of an autonomy: 海西蒙古族藏族自治州 → 海西, 湟中区 → 湟中.
export function baseName(name) {
  let s = String(name || '').trim();
  const kind = KINDS.find((k) => s.endsWith(k) && s.length > k.length);
  if (!kind) return s;
  s = s.slice(0, -kind.length);
  if (AUTONOMOUS.includes(kind)) {
    for (let stripped = true; stripped; ) {
      stripped = false;
      for (const people of PEOPLES) {
        const tail = `${people}族`;
        if (s.endsWith(tail) && s.length > tail.length) {
          s = s.slice(0, -tail.length);
          stripped = true;
          break;
        }
      }
    }
  }
  return s;
}

// The name as people say it, for map labels and file names: 海西蒙古族藏族自治州 → 海西州,
// 大通回族土族自治县 → 大通县, 大柴旦行政委员会 → 大柴旦行委; others unchanged.
export function shortName(name) {
  const s = String(name || '').trim();
  if (s.endsWith('自治州')) return `${baseName(s)}州`;
  if (s.endsWith('自治县')) return `${baseName(s)}县`;
  if (s.endsWith('自治旗')) return `${baseName(s)}旗`;
  if (s.endsWith('行政委员会')) return `${baseName(s)}行委`;
  return s;
}

// features: the GeoJSON features ({id, properties: {name}}); children: the dashboard's children.
// Returns {groups, nameMap, unmatched}: groups [{key, region, children}] (key: the child's code, or the region's
// name when it stands for several), nameMap {region name → key} for the map series, and the administrative
// children no region was found for.
export function matchRegions(features, children) {
  const regions = (features || []).map((f) => ({ id: String(f.id ?? ''), name: String(f.properties?.name ?? '') }));
  const left = (children || []).filter(isAdministrative);
  const taken = new Map(); // region name → [child]
  const assign = (region, child) => {
    if (!taken.has(region.name)) taken.set(region.name, []);
    taken.get(region.name).push(child);
  };
  const free = (list) => list.filter((r) => !taken.has(r.name));

  // 1. By division code.
  for (const child of [...left]) {
    const region = regions.find((r) => /^\d{6}$/.test(r.id) && r.id === child.code.slice(0, 6) && !taken.has(r.name));
    if (region) {
      assign(region, child);
      left.splice(left.indexOf(child), 1);
    }
  }
  // 2. By base name, unique on both sides.
  const count = (list, name) => list.filter((x) => baseName(x.name) === name).length;
  for (const child of [...left]) {
    const base = baseName(child.name);
    const open = free(regions);
    if (!base || count(left, base) !== 1 || count(open, base) !== 1) continue;
    assign(open.find((r) => baseName(r.name) === base), child);
    left.splice(left.indexOf(child), 1);
  }
  // 3. A “直辖” region takes the rest.
  const direct = free(regions).filter((r) => r.name.endsWith('直辖'));
  if (direct.length === 1 && left.length) {
    for (const child of left) assign(direct[0], child);
    left.length = 0;
  }

  const groups = [];
  const nameMap = {};
  for (const [region, members] of taken) {
    const key = members.length === 1 ? members[0].code : region;
    groups.push({ key, region, children: members });
    nameMap[region] = key;
  }
  return { groups, nameMap, unmatched: left };
}
