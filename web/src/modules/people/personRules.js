// Client-side checks of the person form (the server checks the same and more; its answer is shown on the
// field it names). Masked values (ID and phone as loaded) are left alone: they are not sent back.
import { birthDateOf, idNumberProblem, yearsBetween } from './idNumber.js';

export const MEMBER_STATUSES = ['full_member', 'probationary_member'];

export function isMasked(text) {
  return /\*/.test(text || '');
}

export function phoneProblem(text) {
  if (!text || isMasked(text)) return '';
  if (/^1\d{10}$/.test(text)) return '';
  if (/^0[\d-]{6,19}$/.test(text)) return ''; // landlines such as 0977-8221234, as the server accepts
  return '手机号码应为 11 位数字（以 1 开头），或带区号的固定电话';
}

// `loaded` is a ref to the Person being edited (null when adding).
export function personRules(form, today, loaded) {
  const original = () => loaded?.value || null;
  const validator = (check) => ({
    trigger: 'blur',
    validator: (rule, value, callback) => {
      const problem = check(value);
      return problem ? callback(new Error(problem)) : callback();
    },
  });
  return {
    name: [
      validator((value) => {
        const name = (value || '').trim();
        if (!name) return '请填写姓名';
        if ([...name].length > 30) return '姓名不能超过 30 个字';
        if (/[\x00-\x1f\x7f,;]/.test(name)) return '姓名含有不允许的字符';
        return '';
      }),
    ],
    id_number: [
      validator((value) => {
        if (original() && value === original().id_number) return '';
        if (!value) return '请填写身份证号码';
        return idNumberProblem(value.trim(), today);
      }),
    ],
    ethnicity: [validator((value) => (value ? '' : '请选择民族'))],
    phone: [validator(phoneProblem)],
    education: [validator((value) => (value ? '' : '请选择学历'))],
    political_status: [validator((value) => (value ? '' : '请选择政治面貌'))],
    joined_party_on: [
      validator((value) => {
        if (!MEMBER_STATUSES.includes(form.political_status)) return '';
        if (!value) return '正式党员和预备党员须填写入党日期';
        if (value > today) return '入党日期不能晚于今天';
        const birth = birthDateOf(form.id_number) || original()?.birth_date || '';
        if (birth && yearsBetween(birth, value) < 18) return '入党时应年满 18 周岁';
        return '';
      }),
    ],
    // The server places every person in an organization of the user's subtree.
    org_code: [validator((value) => (value ? '' : '请选择所在组织'))],
    org_since: [
      validator((value) => {
        if (!value) return '';
        if (value > today) return '加入组织日期不能晚于今天';
        const birth = birthDateOf(form.id_number) || original()?.birth_date || '';
        if (birth && value < birth) return '加入组织日期不能早于出生日期';
        return '';
      }),
    ],
  };
}

// The server names the field of a refused input; a few of its names differ from the form's.
export function formFieldOf(serverField) {
  const aliases = { org: 'org_code', status: 'political_status', joined: 'joined_party_on', id: 'id_number' };
  return aliases[serverField] || serverField;
}
