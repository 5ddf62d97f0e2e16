#include "modules/audit/actions.h"

namespace jiceng::audit {

const std::vector<ActionName>& AuditActions() {
  static const std::vector<ActionName> kActions = {
      {"session.signin", "登录", "登录"},
      {"session.fail", "登录失败", "登录"},
      {"session.signout", "退出登录", "登录"},
      {"session.throttled", "登录被限流", "登录"},
      {"session.refused", "登录被拒绝", "登录"},
      {"request.refused", "越权或被拒绝的请求", "登录"},
      {"account.request", "提出账号申请", "账号"},
      {"account.approve", "批准账号申请", "账号"},
      {"account.reject", "驳回账号申请", "账号"},
      {"account.withdraw", "撤回账号申请", "账号"},
      {"account.create", "创建账号", "账号"},
      {"account.role", "变更角色", "账号"},
      {"account.org", "变更所属组织", "账号"},
      {"account.enable", "启用账号", "账号"},
      {"account.disable", "停用账号", "账号"},
      {"account.edit", "修改账号信息", "账号"},
      {"account.reset", "重置密码", "账号"},
      {"account.totp_reset", "重置动态口令", "账号"},
      {"account.unlock", "解锁账号", "账号"},
      {"account.password", "修改密码", "账号"},
      {"account.code_used", "用重置码设置密码", "账号"},
      {"account.totp", "绑定动态口令", "账号"},
      {"duty.create", "新建事项", "问题清单"},
      {"duty.update", "修改事项", "问题清单"},
      {"duty.assign", "交办事项", "问题清单"},
      {"duty.publish", "公开事项", "问题清单"},
      {"duty.progress", "报告进展", "问题清单"},
      {"duty.follow", "问题随措施进入整改", "问题清单"},
      {"duty.submit", "提交销号", "问题清单"},
      {"duty.accept", "验收销号", "问题清单"},
      {"duty.return", "退回事项", "问题清单"},
      {"duty.cancel", "撤销事项", "问题清单"},
      {"duty.reopen", "重新打开事项", "问题清单"},
      {"duty.evidence", "上传佐证材料", "问题清单"},
      {"duty.import", "导入问题整改台账", "问题清单"},
      {"duty.list.create", "下达责任清单", "责任清单"},
      {"duty.list.acknowledge", "签收责任清单", "责任清单"},
      {"duty.list.withdraw", "撤回责任清单", "责任清单"},
      {"orglife.plan", "安排会议", "组织生活"},
      {"orglife.record", "填报会议记录", "组织生活"},
      {"orglife.cancel", "取消会议", "组织生活"},
      {"orglife.approve", "审核通过会议记录", "组织生活"},
      {"orglife.return", "退回会议记录", "组织生活"},
      {"orglife.attach", "上传会议附件", "组织生活"},
      {"orglife.rule", "设定会议频次规则", "组织生活"},
      {"orglife.rule_clear", "恢复上级频次规则", "组织生活"},
      {"orglife.group_add", "新建党小组", "组织生活"},
      {"orglife.group_edit", "修改党小组", "组织生活"},
      {"orglife.group_delete", "撤销党小组", "组织生活"},
      {"orglife.theme", "下发组织生活主题", "组织生活"},
      {"org.add", "新增组织", "组织"},
      {"org.move", "调整隶属", "组织"},
      {"org.rename", "组织更名", "组织"},
      {"org.merge", "组织合并", "组织"},
      {"org.change.request", "提出组织调整申请", "组织"},
      {"org.change.approve", "批准组织调整申请", "组织"},
      {"org.change.reject", "驳回组织调整申请", "组织"},
      {"org.change.withdraw", "撤回组织调整申请", "组织"},
      {"person.add", "新增人员", "人员"},
      {"person.update", "修改人员信息", "人员"},
      {"person.reveal", "查看完整号码", "人员"},
      {"person.import", "批量导入人员", "人员"},
      {"person.export.reveal", "导出完整号码", "人员"},
      {"person.post.add", "添加职务", "人员"},
      {"dues.basis", "核定党费缴费基数", "党费"},
      {"dues.pay", "登记交纳党费", "党费"},
      {"dues.voluntary", "登记自愿交纳党费", "党费"},
      {"dues.exception.request", "提出党费减免申请", "党费"},
      {"dues.exception.approve", "批准党费减免申请", "党费"},
      {"dues.exception.reject", "不批准党费减免申请", "党费"},
      {"dues.arrears_action", "登记党费欠缴处置情况", "党费"},
      {"dues.setting", "设定党费固定交纳金额", "党费"},
      {"audit.suppressed", "略去的重复记录", "系统"},
      {"db.init", "初始化数据库", "系统"},
      {"db.backup", "备份数据库", "系统"},
      {"db.restore", "恢复数据库", "系统"},
  };
  return kActions;
}

std::string_view AuditActionName(std::string_view code) {
  for (const ActionName& a : AuditActions()) {
    if (a.code == code) return a.name;
  }
  return {};
}

}  // namespace jiceng::audit
