// Chinese names of audit actions ("module.verb", written by the server's commands). Unknown actions show as
// they are, so a new server action is never hidden.
export const ACTION_NAMES = {
  'session.signin': '登录',
  'session.fail': '登录失败',
  'account.create': '创建账号',
  'account.password': '修改密码',
  'account.reset': '重置密码',
  'account.unlock': '解锁账号',
  'account.totp': '绑定动态口令',
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
};

export function actionName(action) {
  return ACTION_NAMES[action] || action;
}
