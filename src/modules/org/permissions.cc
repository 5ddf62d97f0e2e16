#include "modules/org/permissions.h"

namespace jiceng::org {

Status CanReadTree(const accounts::Principal& p) {
  if (p.role == accounts::Role::kMember) return Status::Forbidden("党员账号不能浏览组织体系");
  return Status::Ok();
}

}  // namespace jiceng::org
