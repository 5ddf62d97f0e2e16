// The side navigation: which items a role sees. The router enforces the same roles. An item with `children`
// is a sub-menu.
import { hasRole, WORK_ROLES, ORG_READERS, ACCOUNT_ROLES } from '../session.js';

export function navItems() {
  const items = [];
  if (hasRole(WORK_ROLES)) items.push({ path: '/dashboard', label: '工作台', icon: 'DataBoard' });
  if (hasRole(ORG_READERS)) items.push({ path: '/orgs', label: '组织体系', icon: 'OfficeBuilding' });
  if (hasRole(WORK_ROLES)) items.push({ path: '/people', label: '人员信息', icon: 'User' });
  if (hasRole(WORK_ROLES)) {
    items.push({
      path: '/duty',
      label: '责任整改',
      icon: 'Finished',
      children: [
        { path: '/duty/todo', label: '我的待办' },
        { path: '/duty/items', label: '问题清单' },
        { path: '/duty/board', label: '每月一题' },
        { path: '/duty/report', label: '逾期未整改' },
        { path: '/duty/lists', label: '责任清单' },
      ],
    });
  }
  if (hasRole(WORK_ROLES)) {
    items.push({
      path: '/dues',
      label: '党费管理',
      icon: 'Wallet',
      children: [
        { path: '/dues/ledger', label: '党费收缴台账' },
        { path: '/dues/todo', label: '欠缴提醒' },
        { path: '/dues/approvals', label: '减免审批' },
      ],
    });
    const children = [{ path: '/orglife', label: '三会一课' }];
    if (hasRole('org_department', 'township_committee')) children.push({ path: '/orglife/reviews', label: '会议审核' });
    children.push({ path: '/orglife/compliance', label: '按期情况' });
    items.push({ path: '/orglife-menu', label: '组织生活', icon: 'Calendar', children });
  }
  if (hasRole('member')) items.push({ path: '/my', label: '我的', icon: 'House' });
  if (hasRole('member')) items.push({ path: '/people/me', label: '我的信息', icon: 'User' });
  if (hasRole('audit_admin')) items.push({ path: '/audit', label: '审计日志', icon: 'Document' });
  if (hasRole(ACCOUNT_ROLES)) items.push({ path: '/users', label: '账号管理', icon: 'Setting' });
  return items;
}
