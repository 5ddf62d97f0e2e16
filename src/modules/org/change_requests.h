// Four eyes on the tree (四眼原则): a rename, move or merge asked for through the web is a request of one org
// department account, applied only when another org department account approves it — never the one who asked.
// Asking runs the change on trial and rolls it back, so a request that could not be applied is refused at once
// with the command's own message; approving runs it for real (OrgCommands::AsApprovalOf), in the approver's
// subtree; the requester may withdraw, another account reject with a reason. One pending request per unit. Every
// step is audited. Roles are checked by the routes (permissions.h). Use one per connection/thread.
#pragma once

#include <optional>
#include <vector>

#include "modules/org/commands.h"

namespace jiceng::org {

// What an approval did: the request as decided, and the change's own answer.
struct ApprovedChange {
  ChangeRequest request;
  std::optional<RenameReport> rename;
  std::optional<OrgUnit> move;
  std::optional<MergeReport> merge;
};

class ChangeRequests {
 public:
  // `scope_root_id`: the caller's unit (0: no limit); the caller changes, approves and sees only what lies in its
  // subtree, as OrgCommands::LimitToSubtree.
  ChangeRequests(store::Connection& db, Actor actor, int64_t scope_root_id, std::vector<MergeListener> merge_listeners)
      : db_(db), repo_(db), actor_(std::move(actor)), scope_root_id_(scope_root_id),
        merge_listeners_(std::move(merge_listeners)) {}

  Result<ChangeRequest> RequestRename(const RenameForm& form);
  Result<ChangeRequest> RequestMove(const MoveForm& form);
  Result<ChangeRequest> RequestMerge(const MergeForm& form);
  // Applies the change as the requester asked for it, as of now; refused (and still pending) when it no longer
  // can be, or when the caller asked for it.
  Result<ApprovedChange> Approve(int64_t request_id);
  // The requester withdraws (`note` optional); anyone else who could approve rejects (`note` required).
  Result<ChangeRequest> Reject(int64_t request_id, const std::string& note);

  // Requests about units in the caller's subtree, newest first: the pending ones, or the last 200 of any state;
  // with `unit_code`, only those about that unit.
  std::vector<ChangeRequest> List(bool pending_only, const std::string& unit_code = "");

 private:
  OrgCommands Commands();
  // The request, if it exists and is about a unit in the caller's subtree (on its date or today).
  Result<ChangeRequest> Visible(int64_t request_id);
  bool InScope(const ChangeRequest& r);
  // Runs `trial` (the command, which parses the effective date `on`) inside a transaction that is rolled back;
  // inserts the request if it succeeded.
  template <typename Trial>
  Result<ChangeRequest> Ask(ChangeRequest request, const std::string& on, Trial trial);

  store::Connection& db_;
  OrgRepo repo_;
  Actor actor_;
  int64_t scope_root_id_ = 0;
  std::vector<MergeListener> merge_listeners_;
};

}  // namespace jiceng::org
