// The 工作台's figures: the server's columns (GET /dashboard), one figure of our own — 党组织, the sum of 党委, 党总支
// and 党支部 — and the key-figure cards. The server names and orders the columns; the page only picks and sums.
import { isMissing } from './numbers.js';

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
const MODULE_TITLES = { org: '党组织', people: '党员和人员', duty: '责任整改' };

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
