// Figures written the Chinese way, for the 工作台 cards, table, map and tests alike: below 1万 as they are with
// thousands separators (9,886); from 1万 in 万 with two decimals, a trailing zero dropped (18.19万, 12.5万, 12.0万);
// from 1亿 the same in 亿; percentages with one decimal (28.7%); a missing value (null) as —.

export const MISSING = '—';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

// Two decimals, then one trailing zero dropped: "18.19", "12.50" → "12.5", "12.00" → "12.0".
function decimals(value) {
  const text = value.toFixed(2);
  return text.endsWith('0') ? text.slice(0, -1) : text;
}

export function isMissing(value) {
  return value === null || value === undefined || typeof value !== 'number' || !Number.isFinite(value);
}

export function formatCount(value) {
  if (isMissing(value)) return MISSING;
  const sign = value < 0 ? '-' : '';
  const n = Math.abs(value);
  if (n < 1e4) return sign + grouped.format(n);
  // Rounding may carry into the next unit: 99,999,999 is 1.0亿, not 10000.0万.
  if (Math.round((n / 1e4) * 100) / 100 < 1e4) return `${sign}${decimals(n / 1e4)}万`;
  return `${sign}${decimals(n / 1e8)}亿`;
}

export function formatPercent(value) {
  if (isMissing(value)) return MISSING;
  return `${value.toFixed(1)}%`;
}

// A figure of a dashboard column ({name, title, percent}).
export function formatValue(column, value) {
  return column?.percent ? formatPercent(value) : formatCount(value);
}

// The exact figure, for a hover title or an export: 181,892 / 28.74% / —.
export function formatExact(column, value) {
  if (isMissing(value)) return MISSING;
  if (column?.percent) return `${Math.round(value * 100) / 100}%`;
  return grouped.format(value);
}
