#include "modules/duty/national_demo.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "modules/duty/demo_driver.h"
#include "modules/duty/repo.h"

namespace jiceng::duty {
namespace {

struct Unit {
  int64_t id;
  std::string code, level, kind, name;
  int64_t parent;
};

// Today's administrative tree, by code.
std::vector<Unit> AdministrativeUnits(store::Connection& db) {
  auto stmt = db.Prepare(
      "SELECT u.id, u.code, u.level, u.kind, n.name, COALESCE(l.parent_id, 0) FROM org_unit u"
      " JOIN org_link l ON l.unit_id = u.id AND l.valid_to = '9999-12-31'"
      " JOIN org_name n ON n.unit_id = u.id AND n.valid_to = '9999-12-31'"
      " WHERE u.level IN ('province', 'prefecture', 'county', 'township', 'village') ORDER BY u.code");
  std::vector<Unit> units;
  while (stmt->Step()) {
    units.push_back({stmt->Int(0), stmt->Text(1), stmt->Text(2), stmt->Text(3), stmt->Text(4), stmt->Int(5)});
  }
  return units;
}

// The secretary of each unit's own Party organization (the county's, township's or village's), by unit.
std::unordered_map<int64_t, int64_t> Secretaries(store::Connection& db) {
  auto stmt = db.Prepare(
      "SELECT l.parent_id, MIN(t.person_id) FROM post t JOIN org_link l ON l.unit_id = t.org_id AND"
      " l.valid_to = '9999-12-31' WHERE t.title = 'secretary' AND t.end_on = '9999-12-31' GROUP BY l.parent_id");
  std::unordered_map<int64_t, int64_t> secretaries;
  while (stmt->Step()) secretaries.emplace(stmt->Int(0), stmt->Int(1));
  return secretaries;
}

// Who acts for a unit in the demo's timelines.
std::string Actor(const Unit& unit) { return "demo_" + unit.code; }

class Seeder {
 public:
  Seeder(store::Connection& db, Rng& rng, Date today)
      : repo_(db), rng_(rng), today_(today), driver_(repo_, rng, today), now_(NowTimestamp()) {}

  // 书记抓、抓书记: the prefecture (the province for 市辖区 and the like) signs a target list with the county.
  void SignTargetList(const Unit& issuer, const Unit& county) {
    DutyList list;
    list.title = std::to_string(today_.year()) + "年度抓基层党建工作目标责任书";
    list.year = today_.year();
    list.issuer_org_id = issuer.id;
    list.holder_org_id = county.id;
    // Signed on one day, 签收 the day after (demo.cc).
    const Date signed_on = driver_.ListSigningDay();
    const std::string signed_at = signed_on.ToString() + "T10:00:00+08:00";
    int64_t list_id = repo_.InsertList(list, Actor(issuer), signed_at);
    ++summary.lists;
    for (const auto& [title, target] : TargetResponsibilities()) {
      Item it;
      it.kind = ItemKind::kListItem;
      it.title = title;
      it.target = target;
      it.weight = 25;
      it.deadline = *Date::FromYmd(today_.year(), 12, 31);
      it.assigner_org_id = issuer.id;
      it.responsible_org_id = county.id;
      it.state = State::kDraft;
      int64_t id = repo_.Insert(it, list_id, signed_at);
      repo_.AddEvent(id, signed_at, Actor(issuer), "assign", State::kDraft, State::kAssigned, list.title, std::nullopt);
      repo_.SetState(id, State::kAssigned, std::nullopt, std::nullopt, "", signed_at);
      ++summary.list_items;
    }
    if (rng_.Chance(0.8)) {
      repo_.Acknowledge(list_id, Actor(county), signed_on.AddDays(1).ToString() + "T16:20:00+08:00");
    }
  }

  // The county's research finds a problem in the township, split into measures for up to two of its villages.
  void AssignProblem(const Unit& county, int64_t leader, const Unit& township, int64_t township_secretary,
                     const std::vector<const Unit*>& villages,
                     const std::unordered_map<int64_t, int64_t>& secretaries) {
    // The last area of the findings is Qinghai's own industries; the national demo keeps to the common ones.
    static const std::vector<size_t> kRural = {0, 1, 3, 4, 5, 6, 7};
    const auto& findings = ResearchFindings();
    const size_t area = township.kind == "subdistrict" ? 2 : kRural[rng_.Next() % kRural.size()];
    const auto& [area_name, titles] = findings[area];
    const std::string& title = titles[rng_.Next() % titles.size()];
    const Date deadline = today_.AddDays(rng_.Uniform(-120, 100));
    int64_t problem = Add(ItemKind::kProblem, 0, title, area_name, county, township, township_secretary,
                          rng_.Chance(0.5) ? leader : 0, deadline);
    ++summary.problems;
    MeasuresDone done;  // the problem can be signed off only once its measures are
    const size_t first = villages.empty() ? 0 : rng_.Next() % villages.size();
    for (size_t k = 0; k < std::min<size_t>(2, villages.size()); ++k) {
      const Unit& village = *villages[(first + k) % villages.size()];
      auto secretary = secretaries.find(village.id);
      Date d = deadline.AddDays(-rng_.Uniform(0, 20));
      int64_t measure = Add(ItemKind::kMeasure, problem, village.name + "：" + title + "整改", area_name, county,
                            village, secretary == secretaries.end() ? 0 : secretary->second, 0, d);
      done.Add(driver_.Drive(measure, d, Actor(county), Actor(village)));
      ++summary.measures;
    }
    driver_.Drive(problem, deadline, Actor(county), Actor(township), &done);
  }

  DemoDutySummary summary;

 private:
  int64_t Add(ItemKind kind, int64_t parent, const std::string& title, const std::string& area, const Unit& assigner,
              const Unit& responsible, int64_t responsible_person, int64_t leader, Date deadline) {
    return driver_.Insert({kind, parent, title, area, "", Source::kResearch, assigner.id, responsible.id,
                           responsible_person, leader, deadline},
                          now_);
  }

  DutyRepo repo_;
  Rng& rng_;
  Date today_;
  DemoDriver driver_;
  std::string now_;
};

}  // namespace

DemoDutySummary SeedNationalDuty(store::Connection& db, Rng& rng, Date today) {
  const std::vector<Unit> units = AdministrativeUnits(db);
  const std::unordered_map<int64_t, int64_t> secretaries = Secretaries(db);
  std::unordered_map<int64_t, const Unit*> by_id;
  std::unordered_map<int64_t, std::vector<const Unit*>> children;  // in code order
  for (const Unit& u : units) {
    by_id.emplace(u.id, &u);
    children[u.parent].push_back(&u);
  }
  static const std::vector<const Unit*> kNone;
  auto children_of = [&](const Unit& u) -> const std::vector<const Unit*>& {
    auto it = children.find(u.id);
    return it == children.end() ? kNone : it->second;
  };
  auto secretary_of = [&](const Unit& u) -> int64_t {
    auto it = secretaries.find(u.id);
    return it == secretaries.end() ? 0 : it->second;
  };

  Seeder seeder(db, rng, today);
  for (const Unit& prefecture : units) {
    if (prefecture.level != "prefecture") continue;
    const Unit* issuer = &prefecture;
    if (prefecture.kind == "municipal_districts" && by_id.count(prefecture.parent)) issuer = by_id[prefecture.parent];
    for (const Unit* county : children_of(prefecture)) {
      if (county->level != "county") continue;
      seeder.SignTargetList(*issuer, *county);
      const int64_t leader = secretary_of(*county);
      for (const Unit* township : children_of(*county)) {
        if (township->level != "township") continue;
        std::vector<const Unit*> villages;
        for (const Unit* v : children_of(*township)) {
          if (v->level == "village") villages.push_back(v);
        }
        seeder.AssignProblem(*county, leader, *township, secretary_of(*township), villages, secretaries);
      }
      // The demo account of 格尔木市 is the county secretary there, leader in charge of some of its problems.
      if (county->code == "632801000000" && leader) {
        auto link = db.Prepare("UPDATE account SET person_id = ? WHERE login = 'demo_golmud'");
        link->Bind(1, leader);
        link->Run();
      }
    }
  }
  return seeder.summary;
}

}  // namespace jiceng::duty
