// 本级（直属）: what a node holds itself and no child holds (e.g. work items it is responsible for) — its totals less
// its children's, for every count (percentages are not sums: left empty). With it the table's rows, and the CSV's,
// add up to 合计. null when the node holds nothing itself or has no children.
export const OWN_NAME = '本级（直属）';

export function ownShare(dashboard) {
  const children = dashboard?.children || [];
  if (!children.length) return null;
  const totals = dashboard.totals || {};
  const values = {};
  let any = false;
  for (const column of dashboard.columns || []) {
    if (column.percent) {
      values[column.name] = null;
      continue;
    }
    const below = children.reduce((n, child) => n + (child.values?.[column.name] ?? 0), 0);
    values[column.name] = (totals[column.name] ?? 0) - below;
    any ||= values[column.name] !== 0;
  }
  return any ? { own: true, code: '', name: OWN_NAME, has_children: false, values } : null;
}
