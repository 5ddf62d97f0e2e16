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
  // The changes that follow are an approved request (change_requests.h): the history names `requester` as who
  // made them and this actor as who approved them; the audit records name the request.
  void AsApprovalOf(std::string requester, int64_t request_id) {
    requester_ = std::move(requester);
    request_id_ = request_id;
  }

  Result<OrgUnit> Move(const MoveForm& form);
  // With `with_namesakes`, the namesakes (NamesakesOf) are renamed too, in the same transaction and audit record.
  Result<RenameReport> Rename(const RenameForm& form);
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

  // The history's 操作人 and 批准人 of a change, and the audit's note of the request.
  const std::string& EventActor() const { return requester_.empty() ? actor_.login : requester_; }
  std::string ApprovedBy() const { return requester_.empty() ? "" : actor_.login; }
  std::string RequestNote() const;

  store::Connection& db_;
  OrgRepo repo_;
  Actor actor_;
  std::vector<MergeListener> merge_listeners_;
  int64_t scope_root_id_ = 0;
  std::string requester_;
  int64_t request_id_ = 0;
};

// The units a rename of `region` to `new_name` on `on` renames with it: below the region on that date, without
// entering a region below it, every agency, unit and Party organization whose name contains the region's name
// then (or its short form, 海西州 for 海西蒙古族藏族自治州), with the name it takes — the old name replaced by the
// new one. In tree order.
std::vector<Namesake> NamesakesOf(OrgRepo& repo, const OrgUnit& region, Date on, const std::string& new_name);

}  // namespace jiceng::org
