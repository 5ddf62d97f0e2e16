// 本级（直属）: what a node holds itself and no child holds (e.g. work items it is responsible for) — its totals less
// its children's for every count, and each percentage from those parts (columns.js ownValues, the one definition).
// With it the table's rows, and the CSV's, add up to 合计. null when the node holds nothing itself or has no children.
import { ownValues } from './columns.js';

export const OWN_NAME = '本级（直属）';

export function ownShare(dashboard) {
  const children = dashboard?.children || [];
  if (!children.length) return null;
  const values = ownValues(dashboard.columns, dashboard.totals, children);
  return values ? { own: true, code: '', name: OWN_NAME, has_children: false, values } : null;
}
