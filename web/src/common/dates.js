// Calendar dates as the server has them: "YYYY-MM-DD" in Asia/Shanghai.

export function today() {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

// "2024-03-01" → "2024年3月1日"; empty stays empty.
export function chineseDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
  if (!m) return text || '';
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

// An audit timestamp (ISO or "YYYY-MM-DD HH:MM:SS") shown in Beijing time.
export function dateTime(text) {
  if (!text) return '';
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}
