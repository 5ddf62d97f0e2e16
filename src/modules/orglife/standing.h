// A branch's standing per meeting kind: the rule that applies (the nearest org up the tree that set one, else the
// default), whether the kind is required at all (支委会 only with a committee, 党小组会 only with groups), and from
// which day the branch is behind. Written after every write that changes a branch's meetings, rules or groups;
// the roll-up reads it (module.cc). Use on the connection's thread.
#pragma once

#include "modules/orglife/repo.h"
#include "modules/org/repo.h"

namespace jiceng::orglife {

// The rule that applies at `org_id` (the org itself or the nearest ancestor that set one; else the default).
AppliedRule EffectiveRule(store::Connection& db, int64_t org_id, Kind kind);
// The rule an org's subtree gets from above: what applies at its parent.
AppliedRule InheritedRule(store::Connection& db, int64_t org_id, Kind kind);

struct BranchShape {
  int full_members = 0, probationary = 0, committee = 0, groups = 0;
  bool committee_required() const;  // 7 or more full members
  bool has_committee() const;       // at least three committee members
};
BranchShape ShapeOf(store::Connection& db, int64_t branch_id, Date on);

// Recomputes and stores the standing of every kind at `branch_id`.
void RefreshStanding(store::Connection& db, int64_t branch_id);

}  // namespace jiceng::orglife
