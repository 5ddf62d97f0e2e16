#include "modules/orglife/standing.h"

#include "modules/orglife/frequency.h"
#include "modules/orglife/quorum.h"

namespace jiceng::orglife {

AppliedRule EffectiveRule(store::Connection& db, int64_t org_id, Kind kind) {
  OrglifeRepo repo(db);
  if (auto own = repo.RuleAt(org_id, kind)) return *own;
  return InheritedRule(db, org_id, kind);
}

AppliedRule InheritedRule(store::Connection& db, int64_t org_id, Kind kind) {
  OrglifeRepo repo(db);
  org::OrgRepo orgs(db);
  for (int64_t up : orgs.AncestorIds(org_id, Date::Today())) {
    if (auto rule = repo.RuleAt(up, kind)) return *rule;
  }
  AppliedRule d;
  d.rule = DefaultRule(kind);
  return d;
}

bool BranchShape::committee_required() const { return CommitteeRequired(full_members); }
bool BranchShape::has_committee() const { return committee >= kMinCommittee; }

BranchShape ShapeOf(store::Connection& db, int64_t branch_id, Date on) {
  OrglifeRepo repo(db);
  BranchShape s;
  for (const BranchMember& m : repo.Members(branch_id, on)) {
    if (m.status == "full_member") ++s.full_members;
    if (m.status == "probationary_member") ++s.probationary;
    if (m.committee) ++s.committee;
  }
  s.groups = static_cast<int>(repo.Groups(branch_id).size());
  return s;
}

void RefreshStanding(store::Connection& db, int64_t branch_id) {
  OrglifeRepo repo(db);
  org::OrgRepo orgs(db);
  const Date formed = orgs.FirstDay(branch_id).value_or(Date::Today());
  const BranchShape shape = ShapeOf(db, branch_id, Date::Today());
  for (Kind kind : AllKinds()) {
    Standing st;
    st.branch_id = branch_id;
    st.kind = kind;
    st.rule = EffectiveRule(db, branch_id, kind).rule;
    st.required = kind == Kind::kCommitteeMeeting ? shape.has_committee()
                  : kind == Kind::kGroupMeeting   ? shape.groups > 0
                                                  : true;
    st.span = SpanOf(st.rule, formed, repo.HeldDays(branch_id, kind), Date::Today());
    repo.PutStanding(st);
  }
}

}  // namespace jiceng::orglife
