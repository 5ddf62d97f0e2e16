// Role codes and names (doc/api.md), used when the vocabulary has not loaded or lists roles as codes only.
export const ROLE_NAMES = {
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  org_department: '组织部',
  township_committee: '乡镇党委',
  village_committees: '村(社区)两委',
  member: '党员',
};

export function roleOptions(vocabRoles) {
  const list = (vocabRoles || []).map((r) => (typeof r === 'string' ? { code: r, name: ROLE_NAMES[r] || r } : r));
  return list.length ? list : Object.entries(ROLE_NAMES).map(([code, name]) => ({ code, name }));
}

// The three administrator roles (三权分立): disabling one of their accounts is a request another role approves.
export function isAdminRole(code) {
  return code === 'system_admin' || code === 'security_admin' || code === 'audit_admin';
}
