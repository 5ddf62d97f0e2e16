// Who may read the audit log: the audit administrator only (三权分立).
#pragma once

#include "core/status.h"
#include "modules/accounts/model.h"

namespace jiceng::audit {

Status CanReadAudit(const accounts::Principal& p);

}  // namespace jiceng::audit
