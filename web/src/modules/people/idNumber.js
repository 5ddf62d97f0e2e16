// GB 11643 citizen ID numbers: 17 digits and a check character (0-9 or X). The same checks, in the same order
// and words, as src/core/id_number.cc, so the form says what the server would say without a round trip.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

// Returns '' when valid, else the Chinese reason. `today` is "YYYY-MM-DD".
export function idNumberProblem(text, today) {
  const id = (text || '').toUpperCase();
  if (id.length !== 18) return '身份证号码应为 18 位';
  if (!/^\d{17}/.test(id)) return '身份证号码前 17 位应为数字';
  if (!/[\dX]$/.test(id)) return '身份证号码最后一位应为数字或 X';
  const birth = birthDateOf(id);
  if (!birth) return '身份证号码中的出生日期无效';
  if (birth > today) return '身份证号码中的出生日期晚于今天';
  if (checkCharacter(id) !== id[17]) return '身份证号码校验码错误';
  return '';
}

// "YYYY-MM-DD" from positions 7-14, or '' when that is not a real date from 1900 on.
export function birthDateOf(id) {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id || '');
  if (!m) return '';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900) return '';
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return '';
  return `${m[1]}-${m[2]}-${m[3]}`;
}

// 男 / 女 from the 17th digit (odd: male).
export function genderOf(id) {
  if (!/^\d{17}/.test(id || '')) return '';
  return Number(id[16]) % 2 === 1 ? '男' : '女';
}

// Whole years from birth to on, both "YYYY-MM-DD".
export function yearsBetween(birth, on) {
  let years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) years -= 1;
  return years;
}
