// Chinese names of audit actions ("module.verb", written by the server's commands). Unknown actions show as
// they are, so a new server action is never hidden.
export const ACTION_NAMES = {
  'session.signin': '登录',
  'session.fail': '登录失败',
  'session.signout': '退出登录',
  'session.throttled': '登录被限流',
  'session.refused': '登录被拒绝',
  'request.refused': '越权或被拒绝的请求',
  'audit.suppressed': '略去的重复记录',
  'account.create': '创建账号',
  'account.password': '修改密码',
  'account.reset': '重置密码',
  'account.unlock': '解锁账号',
  'account.totp': '绑定动态口令',
  'account.request': '提出账号申请',
  'account.approve': '批准账号申请',
  'account.reject': '驳回账号申请',
  'account.withdraw': '撤回账号申请',
  'account.role': '变更角色',
  'account.code_used': '用重置码设置密码',
  'duty.create': '新建事项',
  'duty.update': '修改事项',
  'duty.assign': '交办',
  'duty.publish': '公开',
  'duty.progress': '报进展',
  'duty.follow': '问题随措施进入整改',
  'duty.submit': '提交销号',
  'duty.accept': '验收销号',
  'duty.return': '退回',
  'duty.cancel': '撤销',
  'duty.reopen': '重新打开',
  'duty.evidence': '上传佐证材料',
  'duty.list.create': '下达责任清单',
  'duty.list.acknowledge': '签收责任清单',
  'duty.list.withdraw': '撤回责任清单',
  'org.add': '新增组织',
  'org.move': '调整隶属',
  'org.rename': '组织更名',
  'org.merge': '组织合并',
  'person.add': '新增人员',
  'person.update': '修改人员信息',
  'person.reveal': '查看完整号码',
  'person.import': '批量导入人员',
  'person.post.add': '添加职务',
  'db.init': '初始化数据库',
  'db.backup': '备份数据库',
  'db.restore': '恢复数据库',
};

export function actionName(action) {
  return ACTION_NAMES[action] || action;
}

// What a record's object is, in words: duty records name an item or a list by number, person records a person.
export function objectLabel(action, object) {
  if (!object) return '—';
  if (!/^\d+$/.test(object)) return object;
  if (action.startsWith('duty.list.')) return `责任清单 #${object}`;
  if (action.startsWith('duty.')) return `事项 #${object}`;
  if (action.startsWith('person.')) return `人员 #${object}`;
  if (action.startsWith('account.')) return `申请 #${object}`;
  return object;
}
