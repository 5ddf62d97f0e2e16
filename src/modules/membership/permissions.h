// Who may do what with dues. Deny unless allowed here. The branch side — who sets a member's basis, enters
// payments, decides a reduction and records what it did about arrears — is the Party branch itself or the unit
// that hosts it (a village's 两委 run the village's branch). The approving side is an org strictly above that:
// an ancestor of the branch that is neither the branch nor its host, so that no branch approves its own relief;
// and the approving account is never the one that recorded the request (four eyes). Reading needs the branch
// inside the caller's subtree.
#pragma once

#include "core/status.h"
#include "modules/accounts/model.h"
#include "modules/org/repo.h"

namespace jiceng::membership {

Status CanUseDues(const accounts::Principal& p);  // 组织部, 乡镇党委, 村(社区)两委

bool IsBranch(const org::OrgUnit& unit);  // 党支部
// The unit that hosts the branch (its parent when that is not a Party organization), or 0.
int64_t HostOf(org::OrgRepo& orgs, const org::OrgUnit& branch);

struct DuesSides {
  bool visible = false;    // the branch is in the caller's subtree
  bool branch = false;     // the caller is the branch or its host
  bool approving = false;  // the caller's org is strictly above the branch and its host
};
DuesSides SidesOf(org::OrgRepo& orgs, const accounts::Principal& p, const org::OrgUnit& branch);

}  // namespace jiceng::membership
