// The 工作台 table as a CSV file Excel opens correctly: UTF-8 with a byte-order mark (without it Excel reads the
// Chinese as GBK), CRLF line ends, fields quoted when needed, exact figures (percentages with two decimals and %),
// and text that would start a formula (= + - @) guarded with an apostrophe.
import { formatPercent, isMissing } from '../../common/format.js';
import { ownShare } from './own.js';

const BOM = '\uFEFF';

function field(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function figure(column, value) {
  if (isMissing(value)) return '';
  return column.percent ? formatPercent(value, 2) : value;
}

// dashboard: the API's answer; columns: the columns to write, in order. One row per child, the node's own
// share (本级（直属）, as the table shows it) when it holds anything itself, then 合计 (the node): the rows add up.
export function dashboardCsv(dashboard, columns) {
  const lines = [['单位', '类别', ...columns.map((c) => c.title)]];
  const own = ownShare({ ...dashboard, columns: dashboard.columns || columns });
  for (const child of [...(dashboard.children || []), ...(own ? [own] : [])]) {
    lines.push([child.name, child.kind_name || '', ...columns.map((c) => figure(c, child.values?.[c.name]))]);
  }
  lines.push([`合计（${dashboard.org?.name || ''}）`, '', ...columns.map((c) => figure(c, dashboard.totals?.[c.name]))]);
  return BOM + lines.map((line) => line.map(field).join(',')).join('\r\n') + '\r\n';
}

// 工作台_海西州_2026-11-22.csv: characters Windows forbids in file names become _.
export function csvFileName(orgName, day) {
  return `工作台_${String(orgName || '').replace(/[\\/:*?"<>|]/g, '_')}_${day}.csv`;
}

// Hands the text to the browser as a download (no server round trip).
export function downloadText(text, fileName, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
