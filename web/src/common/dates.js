// Calendar dates as the server has them: "YYYY-MM-DD" in Asia/Shanghai.

export function today() {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

// Checks a date as typed: "2024-03-01", "2024/3/1", "2024年3月1日" or "20240301". Answers { date } with the date as
// "YYYY-MM-DD", or { error } in Chinese — 2026-13-45 is refused, never rolled over into 2027; a date before `min`
// (e.g. today) is refused with `minMessage`.
export function checkDate(text, { min = '', minMessage = '' } = {}) {
  const t = String(text ?? '').trim();
  if (!t) return { date: '' };
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) || /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return { error: `“${t}”不是有效日期，请按 2026-03-01 的格式填写` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12) return { error: `“${t}”不是有效日期：月份应在 1—12 之间` };
  if (d < 1 || d > days) return { error: `“${t}”不是有效日期：${y}年${mo}月只有 ${days} 天` };
  const date = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (min && date < min) return { error: minMessage || `日期不能早于 ${min}` };
  return { date };
}

// Whether typed text has the shape of a whole date (so that a half-typed one is not judged yet).
export function looksLikeWholeDate(text) {
  return /^\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{8})\s*$/.test(String(text ?? ''));
}
