// DutyRepo: the duty module's SQL, through the store interface only. Use it on
// the thread that owns the connection.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/duty/model.h"
#include "modules/org/tree_memory.h"
#include "store/store.h"

namespace jiceng::duty {

// What a list query selects. Visibility (as permissions.h): items assigned from the subtree of `visible_root`;
// items other than drafts that its orgs are responsible for; published items that one of `visible_above` (the
// caller's ancestors) is responsible for (晒责 down the subtree).
struct ItemFilter {
  int64_t visible_root = 0;
  std::vector<int64_t> visible_above;
  std::optional<std::string> kind, state, source, area, month;
  std::vector<std::string> states;           // any of these
  int64_t responsible_root = 0;               // responsible org in this subtree (0: any)
  // The caller's query checked that responsible_root lies within visible_root's subtree: visibility then reduces
  // to "not a draft, or a draft assigned or proposed from the subtree" (see Where).
  bool responsible_within_visible = false;
  // Non-empty: instead of responsible_root's whole subtree, only these of its orgs — those that hold the items a
  // deadline-ordered page can show (TreeMemory::UnitsWithDays).
  std::vector<int64_t> responsible_in;
  int64_t responsible_org = 0;                // exactly this org (0: any)
  int64_t assigner_org = 0;                   // exactly this org (0: any)
  std::vector<int64_t> responsible_parent_of; // responsible org's parent is this org (escalation)
  std::vector<int64_t> not_responsible_parent_of;  // …is not this org (the rest of the escalation, counted once)
  int64_t leader = 0;
  int64_t parent_id = 0;
  std::string query;       // substring of the title
  std::string overdue_before;  // deadline < this (today) and open
  std::string due_between_from, due_between_to;  // open and deadline in [from, to]
  std::string sort = "deadline";
  bool descending = false;
  int limit = 20, offset = 0;
};

struct ItemRow {
  Item item;
  int64_t list_id = 0;
};

class DutyRepo {
 public:
  // With `memory` (a server's tree of today), the subtrees of list filters come from memory, not from the store.
  explicit DutyRepo(store::Connection& db, const org::TreeMemory* memory = nullptr) : db_(db), memory_(memory) {}

  std::optional<Item> Find(int64_t id);
  // The titles of those of `ids` that exist, in one query each (the audit log's 对象).
  std::map<int64_t, std::string> TitlesOf(const std::vector<int64_t>& item_ids);
  std::map<int64_t, std::string> ListTitlesOf(const std::vector<int64_t>& list_ids);
  std::vector<Item> List(const ItemFilter& filter);
  int64_t Count(const ItemFilter& filter);
  // Every matching item's id and deadline, without the filter's limit: a count and an order over several filters
  // at once (the to-do inbox), at the cost of two columns a row.
  std::vector<std::pair<int64_t, Date>> Keys(const ItemFilter& filter);
  // The items of `ids`, in no particular order.
  std::vector<Item> ListByIds(const std::vector<int64_t>& ids);
  std::vector<Item> Measures(int64_t problem_id);

  int64_t Insert(const Item& item, int64_t list_id, const std::string& now);
  // The demo only: an item made as a draft is dated by its first step (demo_driver.h).
  void SetCreatedAt(int64_t id, const std::string& at);
  void UpdateFields(const Item& item, const std::string& now);
  void SetState(int64_t id, State state, std::optional<int> progress, std::optional<int> score,
                const std::string& grade, const std::string& now);
  void AddEvent(int64_t item_id, const std::string& at, const std::string& actor, std::string_view action, State from, State to,
                const std::string& note, std::optional<int> progress);
  std::vector<Event> Timeline(int64_t item_id);

  int64_t InsertEvidence(const Evidence& e);
  std::optional<Evidence> FindEvidence(int64_t id);
  std::vector<Evidence> EvidenceOf(int64_t item_id);

  int64_t InsertList(const DutyList& list, const std::string& by, const std::string& now);
  std::optional<DutyList> FindList(int64_t id);
  // Lists issued by or held by an org in the subtree of `root`.
  std::vector<DutyList> Lists(int64_t root, int year);
  void Acknowledge(int64_t list_id, const std::string& by, const std::string& at);
  // An imported problem joins the list it was imported into (ledger_import.h).
  void AttachToList(int64_t item_id, int64_t list_id);
  std::vector<Item> ListItems(int64_t list_id);
  void Withdraw(int64_t list_id, const std::string& by, const std::string& at, const std::string& reason);

 private:
  std::string Where(const ItemFilter& f, std::vector<std::string>* args) const;
  // The statement's first two parameters: the visible and the responsible subtree as JSON arrays.
  std::vector<std::string> Sets(const ItemFilter& f);
  std::vector<Item> Read(store::Statement& stmt);

  store::Connection& db_;
  const org::TreeMemory* memory_ = nullptr;
};

}  // namespace jiceng::duty
