#include "modules/orglife/permissions.h"

namespace jiceng::orglife {

Status CanUseOrglife(const accounts::Principal& p) {
  using accounts::Role;
  if (p.role == Role::kOrgDepartment || p.role == Role::kTownshipCommittee || p.role == Role::kVillageCommittees) {
    return Status::Ok();
  }
  return Status::Forbidden("您的角色不能使用组织生活功能");
}

Sides SidesOf(org::OrgRepo& orgs, const accounts::Principal& p, const org::OrgUnit& branch) {
  const Date today = Date::Today();
  Sides s;
  s.visible = org::WithinScope(orgs, p.org_id, branch.id, today);
  if (!s.visible) return s;
  s.branch = p.org_id == branch.id || p.org_id == branch.parent_id;
  const bool reviewer_role =
      p.role == accounts::Role::kOrgDepartment || p.role == accounts::Role::kTownshipCommittee;
  s.reviewing = reviewer_role && !s.branch && branch.parent_id != 0 &&
                org::WithinScope(orgs, p.org_id, branch.parent_id, today);
  return s;
}

Result<org::OrgUnit> BranchWithin(org::OrgRepo& orgs, const accounts::Principal& p, const std::string& code,
                                  const char* field) {
  if (code.empty()) return Status::Invalid(field, "请选择党支部");
  auto unit = org::FindWithin(orgs, p.org_id, code, Date::Today());
  if (!unit) return Status::NotFound(field, "未找到该党支部，或不在您的管辖范围内");
  if (unit->kind != org::Kind::kPartyBranch) return Status::Invalid(field, unit->name + "不是党支部");
  return *unit;
}

}  // namespace jiceng::orglife
