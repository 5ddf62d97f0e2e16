// Org queries: read-only views of the tree as of a date. Use one OrgQueries per
// connection/thread.
#pragma once

#include <map>
#include <vector>

#include "modules/org/commands.h"
#include "modules/org/repo.h"

namespace jiceng::org {

struct OrgDetail {
  Date as_of;
  OrgUnit unit;
  std::vector<std::pair<std::string, int64_t>> child_counts;  // kind code → number of direct children
  std::vector<OrgUnit> party_orgs;                            // Party organizations directly under the unit
  std::vector<OrgEvent> events;        // its history up to the date asked: changes effective on or before it
  std::vector<OrgEvent> later_events;  // changes effective after it (a view of 2012 does not count 2013's)
  std::vector<Interval> names;         // every interval; those from after `as_of` are later ones
  std::vector<Interval> links;  // parent_id resolved by the caller through `parent_codes`
  std::map<int64_t, std::string> parent_codes;
};

// A unit found by the org picker, with its path: the names from the county down to the unit (县 › 乡镇 › 村); for
// a county or above, from its parent.
struct SearchHit {
  OrgUnit unit;
  std::vector<std::string> path;
};

struct TreeStats {
  Date as_of;
  std::map<std::string, int64_t> by_level;
  std::map<std::string, int64_t> by_kind;
};

class OrgQueries {
 public:
  explicit OrgQueries(store::Connection& db) : db_(db), repo_(db) {}

  Result<OrgUnit> Find(const std::string& code, Date as_of);
  Result<OrgDetail> Show(const std::string& code, Date as_of);
  Result<std::vector<OrgUnit>> Children(const std::string& code, Date as_of);
  std::vector<OrgUnit> Roots(Date as_of) { return repo_.Roots(as_of); }
  std::vector<OrgUnit> Search(const std::string& text, Date as_of, int limit);
  // Units of the subtree of `root_id` by name or code, ranked as OrgRepo::FindByNameWithin, with their paths.
  std::vector<SearchHit> SearchWithin(int64_t root_id, const std::string& text, Date as_of, int limit);
  // Ids of the unit and all below it on `as_of`.
  Result<std::vector<int64_t>> Subtree(const std::string& code, Date as_of);
  TreeStats Stats(Date as_of);
  // What a rename of `code` to `new_name` on `on` would rename with it (NamesakesOf), for the rename dialog.
  Result<std::vector<Namesake>> Namesakes(const std::string& code, const std::string& new_name, Date on);

 private:
  store::Connection& db_;
  OrgRepo repo_;
};

}  // namespace jiceng::org
