// Duty commands: the only writers of lists, items, their timeline and evidence.
// Each runs in one transaction with its audit record; the caller's side is
// checked for every action. Use one DutyCommands per connection/thread.
#pragma once

#include <string>
#include <vector>

#include "modules/accounts/model.h"
#include "modules/duty/forms.h"
#include "modules/duty/repo.h"

namespace jiceng::duty {

struct BulkResult {
  std::vector<int64_t> done;
  std::vector<std::pair<int64_t, std::string>> failed;
};

class DutyCommands {
 public:
  DutyCommands(store::Connection& db, const accounts::Principal& caller, std::string files_dir = "")
      : db_(db), repo_(db), caller_(caller), files_dir_(std::move(files_dir)) {}

  // A new draft; the caller's org assigns it.
  Result<Item> Create(const ItemForm& form);
  Result<Item> Update(int64_t id, const ItemForm& form);
  Result<Item> Act(int64_t id, const ActionForm& form);
  BulkResult Bulk(const std::vector<int64_t>& ids, const std::string& action);
  Result<Evidence> AddEvidence(int64_t item_id, const std::string& file_name, const std::string& bytes);
  // Signs a list with a subordinate org: its items are assigned at once.
  Result<DutyList> CreateList(const ListForm& form);
  Result<DutyList> Acknowledge(int64_t list_id);
  // Withdraws a list its issuer signed (撤回), with a reason: its open items are cancelled with it. Refused once
  // one of them is signed off.
  Result<DutyList> WithdrawList(int64_t list_id, const std::string& reason);

 private:
  // The item if the caller may see it (404 otherwise, as if it did not exist).
  Result<Item> Visible(int64_t id);
  Result<Item> Resolve(const ValidItem& valid, Item base);
  Result<Item> ActLocked(int64_t id, const ValidAction& action);
  int EvidenceCount(const Item& item);  // the item's evidence files (a problem's with its measures')
  void FollowMeasures(int64_t problem_id, const std::string& now);

  store::Connection& db_;
  DutyRepo repo_;
  accounts::Principal caller_;
  std::string files_dir_;
};

}  // namespace jiceng::duty
