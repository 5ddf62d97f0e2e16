// The password rule the server enforces (doc/api.md): at least 8 characters, from at least three of the four
// classes upper case, lower case, digits and symbols. Checked here only to say so before the round trip; whether
// a password is common or contains the login or name only the server judges (libpwquality and its dictionary).

export function passwordClasses(text) {
  return {
    upper: /[A-Z]/.test(text),
    lower: /[a-z]/.test(text),
    digit: /[0-9]/.test(text),
    symbol: /[^A-Za-z0-9]/.test(text),
  };
}

export function passwordProblem(text) {
  if (!text) return '请输入新密码';
  if (text.length < 8) return '新密码至少 8 位';
  const count = Object.values(passwordClasses(text)).filter(Boolean).length;
  if (count < 3) return '新密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return '';
}
