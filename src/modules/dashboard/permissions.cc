#include "modules/dashboard/permissions.h"

namespace jiceng::dashboard {

Status CanReadDashboard(const accounts::Principal& p) {
  using accounts::Role;
  if (p.role == Role::kOrgDepartment || p.role == Role::kTownshipCommittee || p.role == Role::kVillageCommittees) {
    return Status::Ok();
  }
  return Status::Forbidden("您的角色不能查看工作台汇总");
}

}  // namespace jiceng::dashboard
