#include "modules/people/permissions.h"

namespace jiceng::people {
namespace {
using accounts::Role;
bool Cadre(Role r) {
  return r == Role::kOrgDepartment || r == Role::kTownshipCommittee || r == Role::kVillageCommittees;
}
}  // namespace

Status CanReadPeople(const accounts::Principal& p) {
  if (Cadre(p.role)) return Status::Ok();
  return Status::Forbidden("您的角色不能查看人员信息");
}

Status CanWritePeople(const accounts::Principal& p) {
  if (Cadre(p.role)) return Status::Ok();
  return Status::Forbidden("您的角色不能修改人员信息");
}

Status CanRevealPeople(const accounts::Principal& p) {
  if (p.role == Role::kOrgDepartment || p.role == Role::kTownshipCommittee) return Status::Ok();
  return Status::Forbidden("您的角色不能查看完整的身份证号码");
}

}  // namespace jiceng::people
