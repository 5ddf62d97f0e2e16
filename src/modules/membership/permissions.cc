#include "modules/membership/permissions.h"

namespace jiceng::membership {

Status CanUseDues(const accounts::Principal& p) {
  using accounts::Role;
  if (p.role == Role::kOrgDepartment || p.role == Role::kTownshipCommittee || p.role == Role::kVillageCommittees) {
    return Status::Ok();
  }
  return Status::Forbidden("您的角色不能使用党费管理功能");
}

bool IsBranch(const org::OrgUnit& unit) { return unit.kind == org::Kind::kPartyBranch; }

int64_t HostOf(org::OrgRepo& orgs, const org::OrgUnit& branch) {
  // A branch under a 党总支 or 党委 has no host of its own: its parent Party organization is its superior.
  if (branch.parent_id == 0) return 0;
  auto parent = orgs.FindById(branch.parent_id, Date::Today());
  return parent && parent->level != org::Level::kParty ? parent->id : 0;
}

DuesSides SidesOf(org::OrgRepo& orgs, const accounts::Principal& p, const org::OrgUnit& branch) {
  const Date today = Date::Today();
  DuesSides s;
  s.visible = org::WithinScope(orgs, p.org_id, branch.id, today);
  if (!s.visible) return s;
  const int64_t host = HostOf(orgs, branch);
  s.branch = p.org_id == branch.id || (host != 0 && p.org_id == host);
  s.approving = !s.branch && (host == 0 || org::WithinScope(orgs, p.org_id, host, today));
  return s;
}

}  // namespace jiceng::membership
