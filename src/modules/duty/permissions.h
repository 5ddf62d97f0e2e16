// Who may do what with duty items. Deny unless allowed here. The assigning
// side — who assigns, publishes, accepts, returns, scores and cancels — is the
// assigning org and those above it, and only where they stand strictly above
// the responsible org: nobody evaluates their own work. The responsible side
// is the responsible org itself. A draft is seen only by the assigning org and
// those above it (and a proposed measure by the org that proposed it); an
// assigned item also by the responsible org and those above it; a published
// one also by everyone below the responsible org (晒责), read-only.
#pragma once

#include "core/status.h"
#include "modules/accounts/model.h"
#include "modules/duty/model.h"
#include "modules/org/repo.h"

namespace jiceng::duty {

Status CanUseDuty(const accounts::Principal& p);  // 组织部, 乡镇党委, 村(社区)两委

struct Sides {
  bool assigning = false;    // may take the assigning side's actions (strictly above the responsible org)
  bool responsible = false;  // is the responsible org
  bool visible = false;
};
Sides SidesOf(org::OrgRepo& orgs, const accounts::Principal& p, const Item& item);
// A responsibility list is seen by the issuing and the holding org and those above them.
bool ListVisible(org::OrgRepo& orgs, const accounts::Principal& p, const DutyList& list);

}  // namespace jiceng::duty
