// Org commands: the only writers of the organization tree. Each runs in one
// transaction, keeps history (a move or rename closes the old interval and
// opens a new one; nothing is deleted) and appends an audit record; a change
// records its reason and who made it in the unit's history too. Refused input
// changes nothing. Use one OrgCommands per connection/thread.
#pragma once

#include <functional>
#include <vector>

#include "core/actor.h"
#include "modules/org/forms.h"
#include "modules/org/repo.h"

namespace jiceng::org {

// Called inside a merge's transaction so that other modules can move what
// belongs to the merged unit (e.g. members' affiliation) to the absorbing one.
using MergeListener = std::function<void(store::Connection&, int64_t from_id, int64_t into_id, Date on)>;

class OrgCommands {
 public:
  OrgCommands(store::Connection& db, Actor actor, std::vector<MergeListener> merge_listeners = {})
      : db_(db), repo_(db), actor_(std::move(actor)), merge_listeners_(std::move(merge_listeners)) {}

  // Limits Move, Rename and Merge to the units strictly below `root_id` (an org department changes what is under
  // it, never its own unit); a unit outside answers NotFound, like one that does not exist. 0: no limit (CLI).
  void LimitToSubtree(int64_t root_id) { scope_root_id_ = root_id; }

  Result<OrgUnit> Move(const MoveForm& form);
  Result<OrgUnit> Rename(const RenameForm& form);
  // The absorbed unit ends on the date; its children move to the survivor, and so do its members (the merge
  // listeners). Posts and duty items stay with the ended unit as history.
  Result<MergeReport> Merge(const MergeForm& form);
  // Adds an agency, enterprise, park, new economic/social organization or a Party organization.
  Result<OrgUnit> AddUnit(const AddUnitForm& form);

 private:
  // Re-parents `id` on `on`; the caller has checked the rules.
  void Relink(int64_t id, const Interval& current, int64_t new_parent_id, Date on);
  // The unit of `code` on `on` for a change: it exists then (else the date names the field), and lies inside the
  // subtree limit. `field` is the form field that named it.
  Result<OrgUnit> Changeable(const std::string& code, Date on, const char* field, bool may_be_root);

  store::Connection& db_;
  OrgRepo repo_;
  Actor actor_;
  std::vector<MergeListener> merge_listeners_;
  int64_t scope_root_id_ = 0;
};

}  // namespace jiceng::org
