// OrgRepo: the org module's SQL, through the store interface only. Every read
// takes an as-of date: a unit exists on a date when one of its parent links is
// valid then ([valid_from, valid_to)). Holds prepared statements of one
// Connection; use it on that connection's thread only.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/org/model.h"
#include "modules/org/tree_memory.h"
#include "store/store.h"

namespace jiceng::org {

// One row of org_link or org_name: what held between two dates.
struct Interval {
  Date from;
  Date to;
  int64_t parent_id = 0;  // links only
  std::string name;       // names only
  std::string kind;       // names only (Names()): KindCode the unit had then
  std::string code;       // names only (Names()): the division code then (乐都县 632123 before 乐都区 630202)
};

struct LevelKindCount {
  std::string level;
  std::string kind;
  int64_t count = 0;
};

class OrgRepo {
 public:
  explicit OrgRepo(store::Connection& db) : db_(db) {}

  std::optional<OrgUnit> FindByCode(std::string_view code, Date as_of);
  std::optional<OrgUnit> FindById(int64_t id, Date as_of);
  std::optional<int64_t> IdOfCode(std::string_view code);
  // The names on `as_of` of those of `codes` that are units — for a unit ended by then (merged, dissolved), the
  // last name it had — in one query (the audit log's 单位 and 对象).
  std::map<std::string, std::string> NamesByCode(const std::vector<std::string>& codes, Date as_of);
  std::vector<OrgUnit> Children(int64_t parent_id, Date as_of);
  std::vector<OrgUnit> FindByName(std::string_view text, Date as_of, int limit);
  // The same, only among the units of the subtree of `root_id`, ranked: the exact name or code first, each such unit
  // followed by its own Party organizations (whatever their names), then a name or code that starts with `text`,
  // then a name that contains it; within each, the tree's order (by code: a unit, then its Party organizations).
  std::vector<OrgUnit> FindByNameWithin(int64_t root_id, std::string_view text, Date as_of, int limit);
  std::vector<OrgUnit> Roots(Date as_of);
  // The unit and everything under it on `as_of`.
  std::vector<int64_t> SubtreeIds(int64_t root_id, Date as_of);
  // Ancestor ids from the parent up to the root.
  std::vector<int64_t> AncestorIds(int64_t id, Date as_of);
  // Number of direct children by kind.
  std::vector<std::pair<std::string, int64_t>> ChildKindCounts(int64_t parent_id, Date as_of);
  std::vector<LevelKindCount> CountByLevelKind(Date as_of);
  int64_t ChildCount(int64_t parent_id, Date as_of);

  int64_t InsertUnit(std::string_view code, Level level, Kind kind, Date created_on);
  void InsertName(int64_t id, std::string_view name, Date from, Date to);
  // The same, with the kind and the division code the unit had while the name held (empty: the unit's own).
  void InsertNameAs(int64_t id, std::string_view name, Date from, Date to, std::string_view kind,
                    std::string_view code);
  // Gives every name interval of `id` without a kind of its own the unit's present kind (before that changes).
  void FreezeNameKinds(int64_t id);
  void SetUnitKind(int64_t id, Kind kind);
  // The first day the unit is in the tree (its earliest parent link), if it ever is.
  std::optional<Date> FirstDay(int64_t id);
  // Parent links to `parent_id` that begin after `on`: children a change dated `on` would miss.
  int64_t LinksBeginningAfter(int64_t parent_id, Date on);
  // People affiliated with `id` on `on` (the people module's person_org; read only for a merge's report).
  int64_t MembersAt(int64_t id, Date on);
  void InsertLink(int64_t id, int64_t parent_id, Date from, Date to);  // parent 0 = root
  std::optional<Interval> LinkAt(int64_t id, Date on);
  std::optional<Interval> NameAt(int64_t id, Date on);
  void EndLink(int64_t id, Date valid_from, Date to);
  // Loading history only (division_history.cc): rewrites the interval that starts at `valid_from`.
  void RewriteName(int64_t id, Date valid_from, std::string_view name, std::string_view kind, std::string_view code,
                   Date to);
  void RewriteLink(int64_t id, Date valid_from, int64_t parent_id, Date to);
  void EndName(int64_t id, Date valid_from, Date to);
  void MarkMerged(int64_t id, Date on, int64_t into_id);
  void InsertEvent(int64_t id, std::string_view kind, Date on, int64_t other_id, std::string_view old_value,
                   std::string_view new_value, std::string_view reason = "", std::string_view actor = "",
                   std::string_view approved_by = "");
  std::vector<OrgEvent> Events(int64_t id);
  std::vector<Interval> Links(int64_t id);
  std::vector<Interval> Names(int64_t id);
  // Next free code "<parent_code>-<prefix>NN" among the parent's generated children.
  std::string NextChildCode(std::string_view parent_code, char prefix);

  // Change requests (org_change_request, migration 15).
  int64_t InsertChangeRequest(const ChangeRequest& request);
  std::optional<ChangeRequest> FindChangeRequest(int64_t id);
  // Newest first: the pending ones, or the last `limit` of any state.
  std::vector<ChangeRequest> ChangeRequests(bool pending_only, int limit);
  // The pending request about `unit_id`, if any (a unit has at most one at a time).
  std::optional<ChangeRequest> PendingChangeOf(int64_t unit_id);
  void DecideChangeRequest(int64_t id, ChangeState state, std::string_view by, std::string_view at,
                           std::string_view note, std::string_view outcome);

 private:
  store::Statement& Cached(std::unique_ptr<store::Statement>& slot, std::string_view sql);
  std::vector<OrgUnit> ReadUnits(store::Statement& stmt);

  store::Connection& db_;
  std::unique_ptr<store::Statement> insert_unit_, insert_name_, insert_link_, by_code_, children_, link_at_;
};

}  // namespace jiceng::org

namespace jiceng::org {
// The one scope rule: `unit_id` is inside the subtree of `root_id` on `as_of`
// (the unit itself or one of its ancestors is the root).
bool WithinScope(OrgRepo& repo, int64_t root_id, int64_t unit_id, Date as_of);
// How many times WithinScope has answered "outside" on this thread. Guard compares it around a handler to tell
// a 404 for an object that exists outside the caller's subtree (audited as a refused request) from a 404 for
// nothing at all; the answers themselves stay identical.
uint64_t ScopeRefusalsOnThisThread();
// The unit of `root_id` and everything under it on `as_of`, as a JSON array for a list's `json_each` set: from
// `memory` when it holds that day's tree (a server's: no query), else from the store (a recursive query on its own,
// which PostgreSQL too answers quickly — a recursive query inside a list's condition it runs once per row).
std::string SubtreeJson(OrgRepo& repo, const TreeMemory* memory, int64_t root_id, Date as_of);
// The unit of `code` if it exists on `as_of` inside the subtree of `root_id`; nothing otherwise (callers answer
// 404 either way, so that a unit outside the subtree looks like one that does not exist).
std::optional<OrgUnit> FindWithin(OrgRepo& repo, int64_t root_id, std::string_view code, Date as_of);
}  // namespace jiceng::org
