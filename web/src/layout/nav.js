// The side navigation: which items a role sees. The router enforces the same roles.
import { hasRole, WORK_ROLES, ORG_READERS, ACCOUNT_ROLES } from '../session.js';

export function navItems() {
  const items = [];
  if (hasRole(ORG_READERS)) items.push({ path: '/orgs', label: '组织体系', icon: 'OfficeBuilding' });
  if (hasRole(WORK_ROLES)) items.push({ path: '/people', label: '人员信息', icon: 'User' });
  if (hasRole('member')) items.push({ path: '/people/me', label: '我的信息', icon: 'User' });
  if (hasRole('audit_admin')) items.push({ path: '/audit', label: '审计日志', icon: 'Document' });
  if (hasRole(ACCOUNT_ROLES)) items.push({ path: '/users', label: '账号管理', icon: 'Setting' });
  return items;
}
