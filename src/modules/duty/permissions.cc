#include "modules/duty/permissions.h"

namespace jiceng::duty {

Status CanUseDuty(const accounts::Principal& p) {
  using accounts::Role;
  if (p.role == Role::kOrgDepartment || p.role == Role::kTownshipCommittee || p.role == Role::kVillageCommittees) {
    return Status::Ok();
  }
  return Status::Forbidden("您的角色不能使用责任整改功能");
}

Sides SidesOf(org::OrgRepo& orgs, const accounts::Principal& p, const Item& item) {
  const Date today = Date::Today();
  Sides s;
  const bool assigner_scope = org::WithinScope(orgs, p.org_id, item.assigner_org_id, today);
  s.responsible = item.responsible_org_id == p.org_id;
  // Once assigned, an item is seen up the chain (above the responsible org) and, once published, down its
  // subtree too (晒责) — read-only for those below.
  const bool above = org::WithinScope(orgs, p.org_id, item.responsible_org_id, today);
  const bool below = org::WithinScope(orgs, item.responsible_org_id, p.org_id, today);
  s.assigning = assigner_scope && above && !s.responsible;
  const bool proposer =
      item.proposed_by_org_id != 0 && org::WithinScope(orgs, p.org_id, item.proposed_by_org_id, today);
  if (item.state == State::kDraft) {
    s.visible = assigner_scope || proposer;
  } else if (item.state == State::kAssigned) {
    s.visible = assigner_scope || s.responsible || above;
  } else {
    s.visible = assigner_scope || s.responsible || above || below;
  }
  return s;
}

bool ListVisible(org::OrgRepo& orgs, const accounts::Principal& p, const DutyList& list) {
  const Date today = Date::Today();
  return org::WithinScope(orgs, p.org_id, list.issuer_org_id, today) ||
         org::WithinScope(orgs, p.org_id, list.holder_org_id, today);
}

}  // namespace jiceng::duty
