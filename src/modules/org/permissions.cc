#include "modules/org/permissions.h"

namespace jiceng::org {

Status CanReadTree(const accounts::Principal& p) {
  if (p.role == accounts::Role::kMember) return Status::Forbidden("党员账号不能浏览组织体系");
  return Status::Ok();
}

Status CanChangeTree(const accounts::Principal& p) {
  if (p.role != accounts::Role::kOrgDepartment) return Status::Forbidden("只有组织部账号可以调整组织体系");
  return Status::Ok();
}

}  // namespace jiceng::org
