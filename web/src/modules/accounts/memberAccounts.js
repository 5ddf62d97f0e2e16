// Members' accounts (党员账号) in 账号管理: the links of the listed accounts to persons, linking and unlinking, and
// a branch's accounts made at once. The one-time passwords of a batch live only here, in memory, until the slips
// page has shown them: nothing stores them (a reload loses them, as it should — they are shown once).
import { ref } from 'vue';
import { api } from '../../api.js';

export async function loadLinks(logins) {
  if (!logins.length) return {};
  const rows = await api.get('/account-links', { logins: logins.join(',') });
  return Object.fromEntries(rows.map((r) => [r.login, r]));
}

export function linkPerson(login, { personId, idNumber }) {
  return api.post(`/users/${encodeURIComponent(login)}/person`, personId ? { person_id: Number(personId) } : { id_number: idNumber });
}

export function unlinkPerson(login) {
  return api.post(`/users/${encodeURIComponent(login)}/person/unlink`, {});
}

export function previewBatch(branchCode) {
  return api.get('/member-accounts', { branch: branchCode });
}

// The slips of the last batch: { branch_name, slips: [{ name, login, password }] }, or null.
export const lastSlips = ref(null);

export async function createBatch(branchCode, branchName) {
  const answer = await api.post('/member-accounts', { branch_code: branchCode, confirm: true });
  lastSlips.value = { branch_name: branchName, slips: answer.slips, at: new Date() };
  return answer;
}

export function forgetSlips() {
  lastSlips.value = null;
}
