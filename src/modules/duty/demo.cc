#include "modules/duty/demo.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "modules/duty/demo_driver.h"
#include "modules/duty/national_demo.h"
#include "modules/duty/repo.h"
#include "modules/org/demo.h"
#include "modules/org/repo.h"

namespace jiceng::duty {
namespace {

struct Unit {
  int64_t id;
  std::string code, name;
};

std::vector<Unit> ChildrenOf(org::OrgRepo& orgs, int64_t parent, std::vector<org::Kind> kinds, Date today) {
  std::vector<Unit> out;
  for (const auto& c : orgs.Children(parent, today)) {
    for (auto k : kinds) {
      if (c.kind == k) out.push_back({c.id, c.code, c.name});
    }
  }
  return out;
}

// The secretary of the unit's Party branch or committee, if any.
int64_t SecretaryOf(store::Connection& db, int64_t unit_id) {
  auto s = db.Prepare(
      "SELECT t.person_id FROM post t JOIN org_link l ON l.unit_id = t.org_id WHERE l.parent_id = ? AND"
      " t.title = 'secretary' ORDER BY t.id LIMIT 1");
  s->Bind(1, unit_id);
  return s->Step() ? s->Int(0) : 0;
}

std::vector<int64_t> MembersOf(store::Connection& db, int64_t party_org_id, int limit) {
  auto s = db.Prepare("SELECT person_id FROM person_org WHERE org_id = ? ORDER BY person_id LIMIT ?");
  s->Bind(1, party_org_id).Bind(2, limit);
  std::vector<int64_t> ids;
  while (s->Step()) ids.push_back(s->Int(0));
  return ids;
}

}  // namespace

const std::vector<std::pair<std::string, std::vector<std::string>>>& ResearchFindings() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kResearch = {
      {"发展壮大村集体经济",
       {"村集体经济收入低于10万元", "集体资产底数不清、台账不全", "集体经济项目收益分配不规范",
        "产业项目缺乏持续经营能力", "村级合作社运行不规范"}},
      {"提升党建引领基层治理水平",
       {"“三会一课”落实不经常", "主题党日活动形式单一", "党员发挥作用不明显", "村级议事协商机制不健全"}},
      {"社区网格化管理",
       {"网格划分与实际不符", "网格员队伍不稳定", "网格信息更新不及时", "在职党员到社区报到作用发挥不充分"}},
      {"基层党组织标准化建设", {"党员活动阵地功能不全", "党务公开不及时", "组织关系转接不规范", "发展党员程序不严谨"}},
      {"干部队伍建设", {"后备干部数量不足", "村干部学历偏低", "导师帮带制度落实不到位", "村干部实绩档案不完整"}},
      {"人居环境整治", {"村内垃圾清运不及时", "畜禽圈舍布局杂乱", "公共厕所管护缺位", "村道路灯损坏未修复"}},
      {"民生服务保障",
       {"便民服务事项办理时限长", "防止返贫监测户帮扶措施不精准", "老年人助餐服务覆盖不足", "医保参保动员不到位"}},
      {"矛盾纠纷排查化解", {"矛盾纠纷台账更新滞后", "人民调解员培训不足", "信访事项办理回访不到位"}},
      {"乡村振兴产业发展",
       {"枸杞产业链条短", "特色农畜产品品牌不响", "乡村旅游配套设施不足", "农牧民技能培训针对性不强",
        "村级光伏收益管理不规范"}},
  };
  return kResearch;
}

const std::vector<std::pair<std::string, std::string>>& TargetResponsibilities() {
  static const std::vector<std::pair<std::string, std::string>> kTargets = {
      {"村集体经济提质增效", "10万元以上村占比达到90%以上"},
      {"软弱涣散村党组织整顿", "年内全部整顿转化"},
      {"每月一题攻坚", "当月问题按期销号率100%"},
      {"村级后备力量储备", "每村储备后备干部1至2名"},
  };
  return kTargets;
}

DemoDutySummary SeedDemoDuty(store::Connection& db, Rng& rng, Date today, bool national) {
  if (national) return SeedNationalDuty(db, rng, today);
  DemoDutySummary summary;
  org::OrgRepo orgs(db);
  auto golmud = orgs.FindByCode("632801000000", today);
  auto haixi = orgs.FindByCode("632800000000", today);
  if (!golmud || !haixi) return summary;  // the duty demo is written for Qinghai
  DutyRepo repo(db);
  DemoDriver driver(repo, rng, today);
  const std::string now = NowTimestamp();
  const std::string city_actor = "demo_golmud";

  // 海西州 signs a target responsibility list with each of its counties (书记抓、抓书记).
  for (const Unit& county : ChildrenOf(orgs, haixi->id,
                                       {org::Kind::kCountyCity, org::Kind::kCounty, org::Kind::kAdministrativeCommittee},
                                       today)) {
    DutyList list;
    list.title = std::to_string(today.year()) + "年度抓基层党建工作目标责任书";
    list.year = today.year();
    list.issuer_org_id = haixi->id;
    list.holder_org_id = county.id;
    // Signed on one day: the list, its items and their 交办 at once; 签收 the day after (never before, nor later
    // than today).
    const Date signed_on = driver.ListSigningDay();
    const std::string signed_at = signed_on.ToString() + "T10:00:00+08:00";
    int64_t list_id = repo.InsertList(list, "demo_haixi", signed_at);
    ++summary.lists;
    const auto& targets = TargetResponsibilities();
    for (size_t k = 0; k < targets.size(); ++k) {
      Item it;
      it.kind = ItemKind::kListItem;
      it.title = targets[k].first;
      it.target = targets[k].second;
      it.weight = static_cast<int>(25);
      it.deadline = *Date::FromYmd(today.year(), 12, 31);
      it.assigner_org_id = haixi->id;
      it.responsible_org_id = county.id;
      it.state = State::kDraft;
      int64_t id = repo.Insert(it, list_id, signed_at);
      repo.AddEvent(id, signed_at, "demo_haixi", "assign", State::kDraft, State::kAssigned, list.title, std::nullopt);
      repo.SetState(id, State::kAssigned, std::nullopt, std::nullopt, "", signed_at);
      ++summary.list_items;
    }
    if (rng.Chance(0.8)) repo.Acknowledge(list_id, "county", signed_on.AddDays(1).ToString() + "T16:20:00+08:00");
  }

  // 格尔木市: townships and subdistricts, their villages and communities.
  std::vector<Unit> towns = ChildrenOf(orgs, golmud->id, {org::Kind::kTown, org::Kind::kTownship}, today);
  std::vector<Unit> streets = ChildrenOf(orgs, golmud->id, {org::Kind::kSubdistrict}, today);
  std::vector<Unit> villages, communities;
  std::map<int64_t, std::vector<Unit>> below;  // township or subdistrict → its villages or communities
  for (const Unit& t : towns) {
    for (const Unit& v : ChildrenOf(orgs, t.id, {org::Kind::kVillage}, today)) {
      villages.push_back(v);
      below[t.id].push_back(v);
    }
  }
  for (const Unit& s : streets) {
    for (const Unit& c : ChildrenOf(orgs, s.id, {org::Kind::kCommunity}, today)) {
      communities.push_back(c);
      below[s.id].push_back(c);
    }
  }
  if (towns.empty() || streets.empty() || villages.empty() || communities.empty()) return summary;
  // Only townships and subdistricts with villages or communities own problems: a problem's measures go to its own.
  std::erase_if(towns, [&](const Unit& t) { return below[t.id].empty(); });
  std::erase_if(streets, [&](const Unit& s) { return below[s.id].empty(); });
  // City leaders: members of the city Party committee.
  std::vector<int64_t> leaders;
  for (const auto& c : orgs.Children(golmud->id, today)) {
    if (c.kind == org::Kind::kPartyCommittee) leaders = MembersOf(db, c.id, 8);
  }

  auto add = [&](ItemKind kind, int64_t parent, const std::string& title, const std::string& area, Source source,
                 const Unit& responsible, int64_t leader, const std::string& month, Date deadline) {
    // Its "create" event comes with its first step (DemoDriver), or below.
    return driver.Insert({kind, parent, title, area, month, source, golmud->id, responsible.id,
                          SecretaryOf(db, responsible.id), leader, deadline},
                         now);
  };
  auto deadline_near = [&]() { return today.AddDays(rng.Uniform(-120, 100)); };

  // Research: 37 problems in 9 areas; 49 measures for villages, 41 for communities, spread evenly over the
  // problems of townships (rural) and of subdistricts (urban).
  struct Found {
    std::string area, title;
    bool urban;
    bool claimed;  // by a city leader: 20 problems in the first 6 areas
  };
  const int kClaimedPerArea[] = {4, 4, 3, 3, 3, 3};
  std::vector<Found> found;
  for (size_t a = 0; a < ResearchFindings().size(); ++a) {
    const auto& [area, titles] = ResearchFindings()[a];
    for (size_t t = 0; t < titles.size(); ++t) {
      const bool claimed = a < 6 && static_cast<int>(t) < kClaimedPerArea[a];
      found.push_back({area, titles[t], area == "社区网格化管理" || found.size() % 3 == 2, claimed});
    }
  }
  const int urban_count = static_cast<int>(std::count_if(found.begin(), found.end(), [](const Found& f) { return f.urban; }));
  const int rural_count = static_cast<int>(found.size()) - urban_count;
  int rural_seen = 0, urban_seen = 0;
  for (size_t n = 0; n < found.size(); ++n) {
    const Found& f = found[n];
    const Unit& owner = f.urban ? streets[rng.Next() % streets.size()] : towns[rng.Next() % towns.size()];
    const bool claimed = f.claimed && !leaders.empty();
    Date deadline = deadline_near();
    int64_t problem = add(ItemKind::kProblem, 0, f.title, f.area, Source::kResearch, owner,
                          claimed ? leaders[n % leaders.size()] : 0, "", deadline);
    ++summary.problems;
    // This problem's share of the measures, for villages (communities) of its township (subdistrict): an even
    // split, the remainder to the first ones. The problem can be signed off only once they all are.
    int measures = f.urban ? 41 / urban_count + (urban_seen++ < 41 % urban_count ? 1 : 0)
                           : 49 / rural_count + (rural_seen++ < 49 % rural_count ? 1 : 0);
    const std::vector<Unit>& own = below[owner.id];
    MeasuresDone done;
    for (int k = 0; k < measures; ++k) {
      const Unit& unit = own[rng.Next() % own.size()];
      Date d = deadline.AddDays(-rng.Uniform(0, 20));
      int64_t m = add(ItemKind::kMeasure, problem, unit.name + "：" + f.title + "整改", f.area, Source::kResearch, unit,
                      0, "", d);
      done.Add(driver.Drive(m, d, city_actor, "demo_village"));
      ++summary.measures;
    }
    driver.Drive(problem, deadline, city_actor, "demo_town", &done);
  }

  // 每月一题: one topic a month this year.
  const std::vector<std::string> topics = {
      "村级组织活动场所规范化管理", "党员冬训质量提升", "村集体经济收益分配公开",   "软弱涣散村党组织整顿",
      "网格员履职能力提升",         "党务村务财务公开",   "防止返贫动态监测户走访", "后备干部储备",
      "农村人居环境整治",           "矛盾纠纷源头化解",   "在职党员社区报到",       "年度述职评议准备"};
  for (int m = 1; m <= 12; ++m) {
    char month[8];
    std::snprintf(month, sizeof month, "%04d-%02d", today.year(), m);
    Date deadline = *Date::FromYmd(today.year(), m, DaysInMonth(today.year(), m));
    const Unit& owner = towns[static_cast<size_t>(m) % towns.size()];
    int64_t id = add(ItemKind::kProblem, 0, topics[static_cast<size_t>(m - 1)], "提升党建引领基层治理水平",
                     Source::kMonthlyTopic, owner, leaders.empty() ? 0 : leaders[static_cast<size_t>(m) % leaders.size()],
                     month, deadline);
    ++summary.problems;
    if (deadline.AddDays(-40) <= today) {
      driver.Drive(id, deadline, city_actor, "demo_town");
    } else {
      repo.AddEvent(id, now, city_actor, "create", State::kDraft, State::kDraft, "", std::nullopt);
    }
  }

  // The city's organization department head is leader in charge of some problems: link the demo account.
  if (!leaders.empty()) {
    auto link = db.Prepare("UPDATE account SET person_id = ? WHERE login = 'demo_golmud'");
    link->Bind(1, leaders[0]);
    link->Run();
  }
  return summary;
}

}  // namespace jiceng::duty
