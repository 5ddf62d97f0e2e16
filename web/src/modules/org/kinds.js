// Chinese names of organization kinds (src/modules/org/model.cc), for the children_by_kind counts, which come
// as a map keyed by kind code. Units themselves carry kind_name from the server.
export const KIND_NAMES = {
  province: '省',
  autonomous_region: '自治区',
  municipality: '直辖市',
  city: '地级市',
  autonomous_prefecture: '自治州',
  league: '盟',
  area: '地区',
  municipal_districts: '市辖区',
  district: '区',
  county: '县',
  autonomous_county: '自治县',
  county_city: '县级市',
  banner: '旗',
  administrative_committee: '行政委员会',
  subdistrict: '街道',
  town: '镇',
  township: '乡',
  village: '村',
  community: '社区',
  agency: '机关',
  public_institution: '事业单位',
  enterprise: '企业',
  industrial_park: '园区',
  new_economy_org: '新经济组织',
  social_org: '新社会组织',
  party_committee: '党委',
  party_general_branch: '党总支',
  party_branch: '党支部',
  other: '其他',
};

export function kindName(code) {
  return KIND_NAMES[code] || code;
}

// History events (OrgDetail.history[].kind).
export const EVENT_NAMES = {
  move: '调整隶属',
  rename: '更名',
  merge: '合并',
  absorb: '并入',
  create: '成立',
};

// Administrative kinds first, then units, then Party organizations, in the order above.
const ORDER = Object.keys(KIND_NAMES);
export function sortedKindCounts(counts) {
  return Object.entries(counts || {})
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (ORDER.indexOf(a) === -1 ? 99 : ORDER.indexOf(a)) - (ORDER.indexOf(b) === -1 ? 99 : ORDER.indexOf(b)))
    .map(([kind, count]) => ({ kind, name: kindName(kind), count }));
}
