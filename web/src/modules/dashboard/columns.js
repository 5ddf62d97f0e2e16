// The 工作台's figures: the server's columns (GET /dashboard), one figure of our own — 党组织, the sum of 党委, 党总支
// and 党支部 — and the key-figure cards. The server names and orders the columns; the page only picks and sums.
import { columnScale, formatExact, formatPercent, formatScaled, isMissing } from '../../common/format.js';

export const DEFAULT_INDICATOR = 'members';

const PARTY_ORGS = ['party_committees', 'party_general_branches', 'party_branches'];

// 党组织 = 党委 + 党总支 + 党支部, when the server has all three.
function partyOrgs(columns) {
  if (!PARTY_ORGS.every((name) => columns.some((c) => c.name === name))) return null;
  return {
    name: 'party_orgs',
    title: '党组织',
    module: 'org',
    percent: false,
    derived: (values) => PARTY_ORGS.reduce((sum, name) => sum + (isMissing(values?.[name]) ? 0 : values[name]), 0),
  };
}

// What the map can be coloured by: 党组织 first, then every column in the server's order.
export function indicators(columns) {
  const sum = partyOrgs(columns || []);
  return sum ? [sum, ...columns] : [...(columns || [])];
}

export function valueOf(values, column) {
  if (!column) return null;
  if (column.derived) return column.derived(values);
  const value = values?.[column.name];
  return isMissing(value) ? null : value;
}

// The key figures (一表's cards), by column name; those the server does not send are left out.
export const CARDS = [
  { name: 'members', foot: 'exact' },
  { name: 'party_orgs', foot: 'party_orgs' },
  { name: 'duty_open', foot: 'exact' },
  { name: 'duty_overdue', foot: 'exact', tone: 'danger' },
  { name: 'duty_due_soon', foot: 'exact', tone: 'warning' },
  { name: 'duty_signed_off_this_month', foot: 'exact' },
  { name: 'duty_completion', foot: 'completion' },
  { name: 'villages_without_secretary', foot: 'exact', tone: 'danger' },
];

// The table's column groups, one per module, in the server's order.
const MODULE_TITLES = { org: '党组织', people: '党员和人员', duty: '责任整改', membership: '党费', orglife: '组织生活' };

export function columnGroups(columns) {
  const groups = [];
  for (const column of columns || []) {
    const last = groups[groups.length - 1];
    if (last && last.module === column.module) last.columns.push(column);
    else groups.push({ module: column.module, title: MODULE_TITLES[column.module] || column.module || '', columns: [column] });
  }
  return groups;
}

// What the children of a node are called, for the map's and the table's headings.
export function childrenLabel(org) {
  return (
    {
      province: '各市州',
      prefecture: '各县（市、区）',
      county: '各乡镇（街道）',
      township: '各村（社区）',
    }[org?.level] || '下级单位'
  );
}

// A figure of a column ({name, title, percent}) in the unit its column chose (columnScale): counts as 3,547 or,
// when the whole column is large, 18.19万; percentages with one decimal.
export function formatValue(column, value, scale = '') {
  return column?.percent ? formatPercent(value) : formatScaled(value, scale);
}

// The exact figure, for a hover title or an export: 181,892 / 28.74% / —.
export function formatExactValue(column, value) {
  return formatExact(value, { percent: !!column?.percent });
}

// Each column's unit over the rows a table shows (every child, 本级, 合计): 万/亿 only when all of them are large.
export function tableScales(columns, rows, totals) {
  const scales = {};
  for (const column of columns || []) {
    if (column.percent) continue;
    scales[column.name] = columnScale([...(rows || []).map((row) => valueOf(row.values, column)), valueOf(totals, column)]);
  }
  return scales;
}

// The node's own share (本级（直属）): its totals less its children's; a percent is the ratio of its parts'
// own shares (the server names them), so 4 open and 0 signed off is 0.0%, and only nothing to divide is —.
// Null when the node holds nothing of its own.
export function ownValues(columns, totals, children) {
  const values = {};
  let any = false;
  for (const column of columns || []) {
    if (column.percent) continue;
    const below = (children || []).reduce((n, child) => n + (child.values?.[column.name] ?? 0), 0);
    values[column.name] = (totals?.[column.name] ?? 0) - below;
    any ||= values[column.name] !== 0;
  }
  if (!any) return null;
  for (const column of columns || []) {
    if (!column.percent) continue;
    const sum = (names) => (names || []).reduce((n, name) => n + (values[name] ?? 0), 0);
    values[column.name] = column.numerator && column.denominator && sum(column.denominator) > 0 ? (sum(column.numerator) / sum(column.denominator)) * 100 : null;
  }
  return values;
}
