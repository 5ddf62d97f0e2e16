#include "modules/org/queries.h"

#include <optional>

namespace jiceng::org {

Result<OrgUnit> OrgQueries::Find(const std::string& code, Date as_of) {
  auto unit = repo_.FindByCode(code, as_of);
  if (!unit) {
    if (repo_.IdOfCode(code)) return Status::NotFound("code", "单位 " + code + " 在 " + as_of.ToString() + " 不存在");
    return Status::NotFound("code", "没有代码为 " + code + " 的单位");
  }
  return *unit;
}

Result<OrgDetail> OrgQueries::Show(const std::string& code, Date as_of) {
  auto unit = Find(code, as_of);
  if (!unit.ok()) return unit.status();
  OrgDetail detail;
  detail.as_of = as_of;
  detail.unit = *unit;
  detail.child_counts = repo_.ChildKindCounts(unit->id, as_of);
  for (auto& child : repo_.Children(unit->id, as_of)) {
    if (child.level == Level::kParty) detail.party_orgs.push_back(std::move(child));
  }
  for (OrgEvent& event : repo_.Events(unit->id)) {
    (event.on <= as_of ? detail.events : detail.later_events).push_back(std::move(event));
  }
  detail.names = repo_.Names(unit->id);
  detail.links = repo_.Links(unit->id);
  for (const auto& link : detail.links) {
    if (link.parent_id == 0) continue;
    auto stmt = db_.Prepare("SELECT code FROM org_unit WHERE id = ?");
    stmt->Bind(1, link.parent_id);
    if (stmt->Step()) detail.parent_codes[link.parent_id] = stmt->Text(0);
  }
  return detail;
}

Result<std::vector<OrgUnit>> OrgQueries::Children(const std::string& code, Date as_of) {
  auto unit = Find(code, as_of);
  if (!unit.ok()) return unit.status();
  return repo_.Children(unit->id, as_of);
}

std::vector<OrgUnit> OrgQueries::Search(const std::string& text, Date as_of, int limit) {
  return repo_.FindByName(text, as_of, limit);
}

std::vector<SearchHit> OrgQueries::SearchWithin(int64_t root_id, const std::string& text, Date as_of, int limit) {
  std::map<int64_t, std::optional<OrgUnit>> seen;  // hits share their ancestors
  auto unit_of = [&](int64_t id) -> const std::optional<OrgUnit>& {
    auto it = seen.find(id);
    if (it == seen.end()) it = seen.emplace(id, repo_.FindById(id, as_of)).first;
    return it->second;
  };
  std::vector<SearchHit> hits;
  for (OrgUnit& unit : repo_.FindByNameWithin(root_id, text, as_of, limit)) {
    SearchHit hit;
    hit.path.push_back(unit.name);
    // Up to the first ancestor at county level or above (at most a handful: a branch under a village).
    bool top = unit.level <= Level::kCounty;
    for (int64_t up = unit.parent_id; up != 0 && hit.path.size() < 8;) {
      const auto& parent = unit_of(up);
      if (!parent) break;
      hit.path.insert(hit.path.begin(), parent->name);
      if (top || parent->level <= Level::kCounty) break;
      up = parent->parent_id;
    }
    hit.unit = std::move(unit);
    hits.push_back(std::move(hit));
  }
  return hits;
}

Result<std::vector<int64_t>> OrgQueries::Subtree(const std::string& code, Date as_of) {
  auto unit = Find(code, as_of);
  if (!unit.ok()) return unit.status();
  return repo_.SubtreeIds(unit->id, as_of);
}

Result<std::vector<Namesake>> OrgQueries::Namesakes(const std::string& code, const std::string& new_name, Date on) {
  auto unit = Find(code, on);
  if (!unit.ok()) return unit.status();
  if (new_name.empty() || new_name == unit->name) return std::vector<Namesake>{};
  return NamesakesOf(repo_, *unit, on, new_name);
}

TreeStats OrgQueries::Stats(Date as_of) {
  TreeStats stats;
  stats.as_of = as_of;
  for (const auto& row : repo_.CountByLevelKind(as_of)) {
    stats.by_level[row.level] += row.count;
    stats.by_kind[row.kind] += row.count;
  }
  return stats;
}

}  // namespace jiceng::org
