// Who may do what with meetings. Deny unless allowed here. The branch side — who plans and records a branch's
// meetings, keeps its Party groups — is the branch itself or the unit that hosts it (a village's two committees
// for the village branch). The reviewing side is an org department or township committee strictly above the
// host unit: nobody reviews their own branch's records (and, in the command, never the one who recorded).
// Everybody whose subtree holds the branch reads it.
#pragma once

#include <optional>

#include "core/status.h"
#include "modules/accounts/model.h"
#include "modules/org/model.h"
#include "modules/org/repo.h"

namespace jiceng::orglife {

Status CanUseOrglife(const accounts::Principal& p);  // 组织部, 乡镇党委, 村(社区)两委

struct Sides {
  bool visible = false;
  bool branch = false;     // plans, records, keeps groups
  bool reviewing = false;  // reviews records (strictly above the host unit)
};
Sides SidesOf(org::OrgRepo& orgs, const accounts::Principal& p, const org::OrgUnit& branch);

// The Party branch of `code` inside the caller's subtree, or NotFound (a unit outside looks like none).
Result<org::OrgUnit> BranchWithin(org::OrgRepo& orgs, const accounts::Principal& p, const std::string& code,
                                  const char* field);

}  // namespace jiceng::orglife
