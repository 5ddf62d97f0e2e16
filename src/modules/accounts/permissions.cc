#include "modules/accounts/permissions.h"

#include <string>

namespace jiceng::accounts {

Status CanListAccounts(const Principal& p) {
  if (IsAdminRole(p.role)) return Status::Ok();
  return Status::Forbidden("只有系统管理员、安全管理员和审计管理员可以查看账号");
}

Status CanCreateAccounts(const Principal& p) {
  if (p.role == Role::kSystemAdmin) return Status::Ok();
  return Status::Forbidden("只有系统管理员可以申请新建账号");
}

Status CanUnlockAccounts(const Principal& p) {
  if (p.role == Role::kSecurityAdmin) return Status::Ok();
  return Status::Forbidden("只有安全管理员可以解锁账号或申请重置密码");
}

Status CanEditAccounts(const Principal& p) {
  if (p.role == Role::kSystemAdmin) return Status::Ok();
  return Status::Forbidden("只有系统管理员可以修改账号信息");
}

Status CanDisableAccounts(const Principal& p) {
  if (p.role == Role::kSystemAdmin || p.role == Role::kSecurityAdmin) return Status::Ok();
  return Status::Forbidden("只有系统管理员或安全管理员可以停用账号");
}

Status NotOwnAccount(const Principal& p, const Account& target, std::string_view what) {
  if (target.id == p.account_id || target.login == p.login) {
    return Status::Forbidden("不能" + std::string(what) + "自己的账号，请由另一位管理员办理");
  }
  return Status::Ok();
}

Status CanRequest(const Principal& p, RequestKind kind) {
  switch (kind) {
    case RequestKind::kCreate:
      return CanCreateAccounts(p);
    case RequestKind::kRole:
      if (p.role == Role::kSystemAdmin) return Status::Ok();
      return Status::Forbidden("只有系统管理员可以申请变更角色");
    case RequestKind::kOrg:
      if (p.role == Role::kSystemAdmin) return Status::Ok();
      return Status::Forbidden("只有系统管理员可以申请变更所属组织");
    case RequestKind::kEnable:
      if (p.role == Role::kSystemAdmin) return Status::Ok();
      return Status::Forbidden("只有系统管理员可以申请启用账号");
    case RequestKind::kReset:
      return CanUnlockAccounts(p);
    case RequestKind::kTotp:
      if (p.role == Role::kSecurityAdmin) return Status::Ok();
      return Status::Forbidden("只有安全管理员可以申请重置动态口令");
    case RequestKind::kDisable:
      return CanDisableAccounts(p);
  }
  return Status::Forbidden("无权提出该申请");
}

Status CanApprove(const Principal& p, const AccountRequest& r, int64_t now) {
  if (!IsAdminRole(p.role)) return Status::Forbidden("只有管理员可以审批账号申请");
  if (r.state != RequestState::kPending) return Status::Conflict("request", "该申请已处理");
  if (now - r.requested_at > kRequestLifetime) return Status::Conflict("request", "该申请已超过 7 天，请重新申请");
  if (p.login == r.requested_by) return Status::Forbidden("申请人不能批准自己的申请（须由另一角色的管理员复核）");
  if (p.role == r.requester_role) {
    return Status::Forbidden("须由与申请人不同角色的管理员批准（申请人为" + std::string(RoleName(r.requester_role)) +
                             "）");
  }
  if (p.login == r.login) return Status::Forbidden("不能批准与自己账号有关的申请");
  return Status::Ok();
}

}  // namespace jiceng::accounts
