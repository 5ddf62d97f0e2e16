// Duty queries: read-only views for a caller — lists with filters, an item with
// its measures, timeline and evidence, the to-do inbox, the monthly board and
// the 逾期未整改 report. Overdue and due-soon are computed for the query's date.
// Use one DutyQueries per connection/thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "modules/accounts/model.h"
#include "modules/duty/calendar.h"
#include "modules/duty/lifecycle.h"
#include "modules/duty/repo.h"
#include "modules/org/repo.h"

namespace jiceng::duty {

// An item as one caller sees it on one day.
struct ItemView {
  Item item;
  DeadlineStatus deadline;
  std::vector<Action> actions;
};

struct ItemDetail {
  ItemView view;
  std::vector<ItemView> measures;
  std::vector<Event> timeline;
  std::vector<Evidence> evidence;
};

struct ListRequest {
  std::string kind, state, source, area, due, org, month, leader, query;
  std::string sort = "deadline";
  int page = 1, page_size = 20;
  int max_page_size = 100;  // what a list page may ask; the ledger export reads up to 1,000 rows at once
  // Without `org`: only the items its own subtree is responsible for (本级及下级, what its 工作台 counts), not the
  // published items of the orgs above it that it may read (晒责). The web's default (GET /duty/items?scope=).
  bool own_subtree = false;
};

struct ItemPage {
  std::vector<ItemView> items;
  int64_t total = 0;
  int page = 1, page_size = 20;
};

// The 待办 counts, in the order the inbox shows them: to_assign 待交办, to_do 待办理, to_accept 待验收,
// overdue 逾期 (the caller's own), escalated 上级督办.
const std::vector<std::string>& TodoCountNames();

// Which page of the inbox: of the items of one count (`show`, one of TodoCountNames()) or of all.
struct TodoRequest {
  std::string show;
  int page = 1, page_size = 20;
};

// The counts and the total are of every item, whatever the page; `items` is the page asked for.
struct Todo {
  std::map<std::string, int64_t> counts;  // every name of TodoCountNames(), 0 included
  int64_t total = 0;                      // 待办: the items of all the counts, each once
  int64_t shown_total = 0;                // the items the page is one page of (counts[show], or total)
  int page = 1, page_size = 20;
  std::vector<ItemView> items;                             // nearest deadline first
  std::map<int64_t, std::vector<std::string>> counted_in;  // item id → the counts it is one of
};

struct ReportUnit {
  std::string org_code, org_name;
  int overdue = 0, due_soon = 0;
  std::vector<ItemView> items;  // overdue first, by days overdue, then due soon
};

struct OverdueReport {
  Date as_of;
  std::string org_code, org_name;
  std::vector<ReportUnit> units;  // most overdue first
  std::map<int64_t, std::string> problem_titles;  // the problem of every measure in the report, by id
};

class DutyQueries {
 public:
  // With `memory` (a server's tree of today, refreshed by the caller), subtrees come from memory, and an overdue or
  // due-soon list of a subtree in deadline order (the 逾期 page, the dashboard's list) is counted by the roll-up and
  // read among the few orgs that hold its page.
  DutyQueries(store::Connection& db, const accounts::Principal& caller, const org::TreeMemory* memory = nullptr)
      : db_(db), repo_(db, memory), orgs_(db), caller_(caller), memory_(memory) {}

  Result<ItemPage> List(const ListRequest& request);
  Result<ItemDetail> Show(int64_t id);
  Result<Todo> Inbox(const TodoRequest& request = {});
  Result<std::vector<ItemDetail>> Board(const std::string& month);
  Result<OverdueReport> Report(const std::string& org_code, const std::string& as_of);
  // The first `limit` overdue or due-soon items below the node of `org_code`, the worst first (earliest deadline
  // first: the most days overdue, then the fewest days left). How many there are in all, the roll-up knows
  // (duty_overdue + duty_due_soon).
  Result<std::vector<ItemView>> Worst(const std::string& org_code, int limit);
  Result<std::vector<DutyList>> Lists(int year);
  Result<std::pair<DutyList, std::vector<ItemView>>> ShowList(int64_t id);
  // An evidence file and its bytes, if the caller may see its item.
  Result<std::pair<Evidence, std::string>> EvidenceFile(int64_t evidence_id, const std::string& files_dir);
  // The titles of the problems of the measures among `items`, by problem id (the ledger's 问题 column).
  std::map<int64_t, std::string> ProblemTitles(const std::vector<ItemView>& items);
  // The filter of a request (also used by the export).
  Result<ItemFilter> Filter(const ListRequest& request);

 private:
  ItemView View(const Item& item, Date today);
  ItemFilter Visibility();
  // For a filter of open items of responsible_root's subtree dated in [from, to] (days) and nothing else, read in
  // deadline order: narrows it to the orgs that hold its first offset + limit items and gives the count, from
  // memory. Nothing when there is no memory of today's tree.
  std::optional<int64_t> NarrowByDeadlines(ItemFilter& f, int32_t from, int32_t to);

  store::Connection& db_;
  DutyRepo repo_;
  org::OrgRepo orgs_;  // one per query object: its prepared statements serve every item's side checks
  accounts::Principal caller_;
  const org::TreeMemory* memory_ = nullptr;
};

}  // namespace jiceng::duty
