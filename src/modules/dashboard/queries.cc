#include "modules/dashboard/queries.h"

#include <algorithm>
#include <map>

#include "modules/dashboard/permissions.h"
#include "modules/duty/calendar.h"
#include "modules/org/repo.h"

namespace jiceng::dashboard {
namespace {

// Administrative units first (in code order), then agencies and enterprises, then Party organizations.
int Rank(const org::OrgUnit& unit) {
  if (unit.level == org::Level::kParty) return 2;
  if (unit.level == org::Level::kUnit) return 1;
  return 0;
}

}  // namespace

Result<Dashboard> DashboardQueries::Show(const std::string& org_code) {
  if (Status st = CanReadDashboard(caller_); !st.ok()) return st;
  const Date today = Date::Today();
  org::OrgRepo orgs(db_);
  auto unit = org::FindWithin(orgs, caller_.org_id, org_code.empty() ? caller_.org_code : org_code, today);
  if (!unit) return Status::NotFound("org", "未找到该单位，或不在您的管辖范围内");

  Dashboard d;
  d.today = today;
  d.due_soon_days = feed_.due_soon_days;
  d.unit = *unit;
  for (auto at = unit; at; at = at->id == caller_.org_id ? std::nullopt : orgs.FindById(at->parent_id, today)) {
    d.path.push_back(*at);
  }
  std::reverse(d.path.begin(), d.path.end());
  d.columns = feed_.columns;
  // The node and its children in one read of the engine; their names in one query.
  std::vector<RollupFeed::Row> table = feed_.Table(unit->id, today);
  d.totals = table.empty() ? feed_.Values(unit->id, today) : std::move(table.front().values);
  std::map<int64_t, org::OrgUnit> named;
  for (org::OrgUnit& child : orgs.Children(unit->id, today)) named.emplace(child.id, std::move(child));
  for (size_t r = 1; r < table.size(); ++r) {
    auto it = named.find(table[r].id);
    if (it == named.end()) continue;
    d.children.push_back({std::move(it->second), table[r].children > 0, std::move(table[r].values)});
  }
  std::sort(d.children.begin(), d.children.end(), [](const ChildFigures& a, const ChildFigures& b) {
    return std::make_pair(Rank(a.unit), a.unit.code) < std::make_pair(Rank(b.unit), b.unit.code);
  });

  // The list: the worst overdue or due-soon items below the node; how many there are, from the roll-up (the same
  // items: open, responsible below the node, deadline before the end of the due-soon window).
  // The orgs that hold them come from the roll-up's deadlines (FeedMemory), not from a walk of the subtree.
  const FeedMemory memory(feed_);
  auto worst = duty::DutyQueries(db_, caller_, &memory).Worst(unit->code, static_cast<int>(kWorstShown));
  if (worst.ok()) d.worst = std::move(*worst);
  for (size_t c = 0; c < d.columns.size(); ++c) {
    if (d.columns[c].name == "duty_overdue" || d.columns[c].name == "duty_due_soon") {
      d.worst_total += static_cast<int64_t>(d.totals[c]);
    }
  }
  return d;
}

}  // namespace jiceng::dashboard
