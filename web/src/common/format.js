// How every page writes a figure or a date (doc/figures.md): counts with thousands separators (3,547), 万/亿 only
// for a column whose every figure is that large, percentages with one decimal (0.0% whenever there is a
// denominator, — only when it is 0), one word per kind of list total (共 3,547 人), one date format
// (2024年3月1日) and one date-time format (2024年3月1日 16:20), in Beijing time. Pure functions, no Vue.

export const MISSING = '—';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function isMissing(value) {
  return value === null || value === undefined || typeof value !== 'number' || !Number.isFinite(value);
}

// 3547 → "3,547"; a missing value → "—".
export function formatCount(value) {
  if (isMissing(value)) return MISSING;
  return grouped.format(value);
}

// The word a list's total is counted in: people 人, work items (问题、措施、清单事项、题目) 项, everything else
// — log entries, accounts, records — 条.
export const LIST_WORDS = { people: '人', items: '项', records: '条' };

// "共 3,547 人": the total of a list, in its kind's word.
export function formatTotal(value, kind) {
  const word = LIST_WORDS[kind];
  if (!word) throw new Error(`unknown list kind: ${kind}`);
  return `共 ${formatCount(value ?? 0)} ${word}`;
}

// A count with its word, for sentences: "4 项", "931 人".
export function formatAmount(value, kind) {
  return `${formatCount(value ?? 0)} ${LIST_WORDS[kind] || ''}`.trimEnd();
}

// The unit a column of counts is written in: '' (as they are), '万' when every figure of the column is at least
// 1万, '亿' when every one is at least 1亿. Missing values do not count; a column of nothing is ''.
export function columnScale(values) {
  const present = (values || []).filter((v) => !isMissing(v)).map(Math.abs);
  if (!present.length) return '';
  const least = Math.min(...present);
  if (least >= 1e8) return '亿';
  if (least >= 1e4) return '万';
  return '';
}

// Two decimals, then one trailing zero dropped: "18.19", "12.50" → "12.5", "12.00" → "12.0".
function decimals(value) {
  const text = value.toFixed(2);
  return text.endsWith('0') ? text.slice(0, -1) : text;
}

// A count in the unit its column chose (columnScale): 181892 in '万' → "18.19万"; in '' → "181,892".
export function formatScaled(value, scale = '') {
  if (isMissing(value)) return MISSING;
  if (scale === '万') return `${decimals(value / 1e4)}万`;
  if (scale === '亿') return `${decimals(value / 1e8)}亿`;
  return formatCount(value);
}

// A percentage already computed (0–100): 28.74 → "28.7%" (one decimal on every page; an export may ask for
// two: "28.74%"); missing → "—".
export function formatPercent(value, digits = 1) {
  if (isMissing(value)) return MISSING;
  return `${value.toFixed(digits)}%`;
}

// 进度: how far an item's work has come, reported in whole percent (0–100, steps of 5) or weighed over its measures
// by the server — a level, not a ratio the page computes, so it has no decimal: 40 → "40%"; missing → "0%".
export function formatProgress(value) {
  return `${isMissing(value) ? 0 : Math.round(value)}%`;
}

// numerator / denominator as a percentage: 0 of 4 → "0.0%"; only a denominator of 0 (or missing) gives "—".
export function formatRatio(numerator, denominator) {
  if (isMissing(denominator) || denominator === 0 || isMissing(numerator)) return MISSING;
  return formatPercent((numerator / denominator) * 100);
}

// The exact figure, for a hover title or beneath a shortened one: 181,892 / 28.74% / —.
export function formatExact(value, { percent = false } = {}) {
  if (isMissing(value)) return MISSING;
  if (percent) return `${Math.round(value * 100) / 100}%`;
  return formatCount(value);
}

// A file's size: 812 B, 12.3 KB, 4.0 MB.
export function formatFileSize(bytes) {
  if (isMissing(bytes)) return MISSING;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// A calendar date as the server sends it ("2024-03-01", or the date part of a timestamp) → "2024年3月1日";
// empty stays empty, anything else is shown as it is.
export function formatDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(text || '');
  if (!m) return text || '';
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const beijing = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// A moment (ISO 8601 with a zone, or "YYYY-MM-DD HH:MM[:SS]" without one, which the server writes in Beijing
// time) in Beijing time, to the minute: "2026年2月21日 16:20". Empty stays empty; other text is shown as it is.
export function formatDateTime(text) {
  if (!text) return '';
  const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}+08:00` : text;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return text;
  const parts = Object.fromEntries(beijing.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour}:${parts.minute}`;
}

// A month "2026-03" → "2026年3月".
export function formatMonth(text) {
  const m = /^(\d{4})-(\d{2})$/.exec(text || '');
  if (!m) return text || '';
  return `${m[1]}年${Number(m[2])}月`;
}
