// Dues on the page: money is integer fen from the server and to it; 元 text is turned into fen digit by digit
// (never through a floating-point number, which would make 3000.01 元 into 300000.99… fen), and fen shown as 元
// with two decimals. The vocabularies come once from GET /membership/dues/vocabularies.
import { ref } from 'vue';
import { api } from '../../api.js';

// "3000.01" → 300001; "3000" → 300000; "0.5" → 50. Returns null for anything that is not a non-negative amount
// with at most two decimals (the form then says so, naming the field).
export function yuanToFen(text) {
  const t = String(text ?? '').trim().replace(/,/g, '');
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  const cents = (m[2] || '').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(cents);
}

// 300001 → "3,000.01"; grouping for reading, the decimals always.
export function fenToYuan(fen, { group = true } = {}) {
  const n = Number(fen || 0);
  const negative = n < 0;
  const a = Math.abs(n);
  const whole = String(Math.floor(a / 100));
  const cents = String(a % 100).padStart(2, '0');
  const shown = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${negative ? '-' : ''}${shown}.${cents}`;
}

// The tag type of a month's state.
export const STATE_TAGS = { unpaid: 'danger', paid: 'success', waived: 'info', reduced: 'warning', backpaid: 'success' };

export const ARREARS_OPTIONS = [
  { value: '3', label: '连续欠缴 3 个月及以上' },
  { value: '6', label: '连续欠缴 6 个月及以上' },
];

// "2026-11" of today (Asia/Shanghai is the server's; the browser's calendar is near enough for a default).
export function thisMonth(now = new Date()) {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

// "2026-11" + n months.
export function addMonths(month, n) {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// Months from..to inclusive, or 0 when to is before from.
export function monthsBetween(from, to) {
  if (!from || !to) return 0;
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const n = ty * 12 + tm - (fy * 12 + fm) + 1;
  return n > 0 ? n : 0;
}

const vocab = ref({ kinds: [], states: [], methods: [], exception_kinds: [], pay_bands: [], pension_bands: [] });
let loading = null;
export function useDuesVocab() {
  if (!loading) {
    loading = api
      .get('/membership/dues/vocabularies')
      .then((v) => {
        vocab.value = v;
      })
      .catch(() => {
        loading = null;
      });
  }
  return { vocab };
}

export function nameOf(list, code) {
  return (list || []).find((x) => x.code === code)?.name || '';
}
