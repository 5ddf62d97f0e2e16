#include "modules/audit/permissions.h"

namespace jiceng::audit {

Status CanReadAudit(const accounts::Principal& p) {
  if (p.role == accounts::Role::kAuditAdmin) return Status::Ok();
  return Status::Forbidden("只有审计管理员可以查看审计日志");
}

}  // namespace jiceng::audit
