// Org commands: the only writers of the organization tree. Each runs in one
// transaction, keeps history (a move or rename closes the old interval and
// opens a new one; nothing is deleted) and appends an audit record. Use one
// OrgCommands per connection/thread.
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

  Result<OrgUnit> Move(const MoveForm& form);
  Result<OrgUnit> Rename(const RenameForm& form);
  Result<OrgUnit> Merge(const MergeForm& form);
  // Adds an agency, enterprise, park, new economic/social organization or a Party organization.
  Result<OrgUnit> AddUnit(const AddUnitForm& form);

 private:
  // Re-parents `id` on `on`; the caller has checked the rules.
  void Relink(int64_t id, const Interval& current, int64_t new_parent_id, Date on);

  store::Connection& db_;
  OrgRepo repo_;
  Actor actor_;
  std::vector<MergeListener> merge_listeners_;
};

}  // namespace jiceng::org
