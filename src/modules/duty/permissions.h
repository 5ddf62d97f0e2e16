// Who may do what with duty items. Deny unless allowed here. The assigning
// side is the assigning org and those above it; the responsible side is the
// responsible org and those below it; a draft is seen only by the assigning
// side, anything else also by the responsible side and everyone above the
// responsible org (晒责: published down the subtree and up the chain).
#pragma once

#include "core/status.h"
#include "modules/accounts/model.h"
#include "modules/duty/model.h"
#include "modules/org/repo.h"

namespace jiceng::duty {

Status CanUseDuty(const accounts::Principal& p);  // 组织部, 乡镇党委, 村(社区)两委

struct Sides {
  bool assigning = false;
  bool responsible = false;
  bool visible = false;
};
Sides SidesOf(org::OrgRepo& orgs, const accounts::Principal& p, const Item& item);

}  // namespace jiceng::duty
