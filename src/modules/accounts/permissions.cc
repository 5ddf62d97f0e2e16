#include "modules/accounts/permissions.h"

namespace jiceng::accounts {

Status CanListAccounts(const Principal& p) {
  if (p.role == Role::kSystemAdmin || p.role == Role::kSecurityAdmin) return Status::Ok();
  return Status::Forbidden("只有系统管理员和安全管理员可以查看账号");
}

Status CanCreateAccounts(const Principal& p) {
  if (p.role == Role::kSystemAdmin) return Status::Ok();
  return Status::Forbidden("只有系统管理员可以新建账号");
}

Status CanUnlockAccounts(const Principal& p) {
  if (p.role == Role::kSecurityAdmin) return Status::Ok();
  return Status::Forbidden("只有安全管理员可以解锁账号或重置密码");
}

}  // namespace jiceng::accounts
