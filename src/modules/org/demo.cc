#include "modules/org/demo.h"

#include <cstdlib>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/org/division_history.h"
#include "modules/org/repo.h"

namespace jiceng::org {
namespace {

// One name a unit had, from `from` to `to`, what it was then, and why it took that name (empty for its first).
struct Period {
  Date from;
  Date to;
  std::string name;
  Kind kind;
  std::string reason;
};

struct Node {
  int64_t id;
  std::string code;
  Kind kind;                  // today's
  std::vector<Period> names;  // in time order, over the unit's whole life; the last is today's
  const std::string& name() const { return names.back().name; }
};

// Today's units of a level with every name each has had (the loaded division history gives some of them
// several: 海东地区 until 2013-02-08, then 海东市), each with the reason of the change that began it.
std::vector<Node> UnitsAtLevel(store::Connection& db, Level level) {
  auto stmt = db.Prepare(
      "SELECT u.id, u.code, u.kind, n.name, COALESCE(n.kind, u.kind), n.valid_from, n.valid_to,"
      " COALESCE((SELECT e.reason FROM org_event e WHERE e.unit_id = u.id AND e.kind = 'rename'"
      "   AND e.on_date = n.valid_from ORDER BY e.id LIMIT 1), '')"
      " FROM org_unit u JOIN org_name n ON n.unit_id = u.id WHERE u.level = ? AND u.dissolved_on = '9999-12-31'"
      " ORDER BY u.code, n.valid_from");
  stmt->Bind(1, LevelCode(level));
  std::vector<Node> nodes;
  while (stmt->Step()) {
    const int64_t id = stmt->Int(0);
    if (nodes.empty() || nodes.back().id != id) {
      nodes.push_back({id, stmt->Text(1), ParseKind(stmt->Text(2)).value_or(Kind::kOther), {}});
    }
    nodes.back().names.push_back({*Date::Parse(stmt->Text(5)), *Date::Parse(stmt->Text(6)), stmt->Text(3),
                                  ParseKind(stmt->Text(4)).value_or(Kind::kOther), stmt->Text(7)});
  }
  // A unit the tree no longer has today (冷湖行政委员会, merged in 2018) gets no demo organizations.
  std::erase_if(nodes, [](const Node& n) { return n.names.back().to.ToString() != kEndOfTime; });
  return nodes;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string WithoutSuffix(const std::string& s, std::string_view suffix) {
  return EndsWith(s, suffix) ? s.substr(0, s.size() - suffix.size()) : s;
}

// The name a demo unit has while its region has the name of `period`.
using NameOf = std::function<std::string(const Period&)>;

// Adds units with generated codes. A unit named after its region takes a name for each of the region's names,
// renamed on the same days with the same reason (a Party committee of 海东地区 was 中共海东地区委员会 until the
// region became 海东市), so that the tree as of any date shows the names of then.
class Builder {
 public:
  Builder(OrgRepo& repo, DemoOrgSummary& summary) : repo_(repo), summary_(summary) {}

  // Under `parent`, named after the parent's own names.
  Node Add(const Node& parent, Kind kind, const NameOf& name_of) { return Add(parent, kind, parent.names, name_of); }

  // Under `parent`, named after the names of `region` (a park's Party committee after its prefecture).
  Node Add(const Node& parent, Kind kind, const std::vector<Period>& region, const NameOf& name_of) {
    const bool party = IsPartyKind(kind);
    int& seq = party ? next_party_[parent.id] : next_unit_[parent.id];
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "-%c%02d", party ? 'D' : 'U', ++seq);
    Node node{0, parent.code + suffix, kind, {}};
    for (const Period& p : region) {
      std::string name = name_of(p);
      if (!node.names.empty() && node.names.back().name == name) {
        node.names.back().to = p.to;  // a name that does not follow the region's (a firm's) stays as it was
      } else {
        node.names.push_back({p.from, p.to, std::move(name), kind, p.reason});
      }
    }
    node.id = repo_.InsertUnit(node.code, LevelOfKind(kind), kind, begin_);
    for (size_t i = 0; i < node.names.size(); ++i) {
      const Period& p = node.names[i];
      repo_.InsertName(node.id, p.name, p.from, p.to);
      if (i > 0) {
        repo_.InsertEvent(node.id, "rename", p.from, 0, node.names[i - 1].name, p.name,
                          p.reason.empty() ? "随所在区划更名" : "随所在区划更名（" + p.reason + "）",
                          kDivisionHistoryActor);
      }
    }
    repo_.InsertLink(node.id, parent.id, begin_, end_);
    ++(party ? summary_.party_orgs : summary_.units);
    return node;  // its names keep the region's reasons, for what is named after it in turn
  }

 private:

  OrgRepo& repo_;
  DemoOrgSummary& summary_;
  std::unordered_map<int64_t, int> next_party_, next_unit_;
  Date begin_ = *Date::Parse(kBeginningOfTime);
  Date end_ = *Date::Parse(kEndOfTime);
};

// "格尔木市" → "格尔木", "大通回族土族自治县" → "大通", "大柴旦行政委员会" → "大柴旦": how places name their firms.
std::string PlaceName(const std::string& county) {
  constexpr size_t kHan = 3;  // bytes of one Han character in UTF-8
  if (auto pos = county.find("族"); pos != std::string::npos && pos >= 2 * kHan) return county.substr(0, 2 * kHan);
  for (std::string_view suffix : {"行政委员会", "市", "县", "区", "旗"}) {
    if (EndsWith(county, suffix) && county.size() >= suffix.size() + 2 * kHan) {
      return county.substr(0, county.size() - suffix.size());
    }
  }
  return county;
}

// The Party committee of a county or prefecture as named then, and the short form its departments take:
// 中共海东地区委员会 / 海东地委 (地区), 中共海西州委员会 / 海西州委, 中共大柴旦行委工作委员会 / 大柴旦行委工委 (a 行政委员会
// has a 工作委员会), 中共格尔木市委员会 / 格尔木市委.
std::string CommitteeName(const Period& region) {
  if (region.kind == Kind::kAdministrativeCommittee) {
    return "中共" + WithoutSuffix(region.name, "行政委员会") + "行委工作委员会";
  }
  return "中共" + ShortPrefectureName(region.name) + "委员会";
}

std::string CommitteeShort(const Period& region) {
  if (region.kind == Kind::kArea) return WithoutSuffix(region.name, "地区") + "地委";
  if (region.kind == Kind::kAdministrativeCommittee) return WithoutSuffix(region.name, "行政委员会") + "行委工委";
  return ShortPrefectureName(region.name) + "委";
}

// A county's agencies: 乐都县教育局, but 大柴旦行委教育局 and 大柴旦行委办公室 (a 行委 has no 人民政府).
std::string AgencyName(const Period& county, const std::string& agency) {
  if (county.kind != Kind::kAdministrativeCommittee) return county.name + agency;
  const std::string stem = WithoutSuffix(county.name, "行政委员会") + "行委";
  return stem + (agency == "人民政府办公室" ? "办公室" : agency);
}

}  // namespace

std::string ShortPrefectureName(const std::string& name) {
  if (EndsWith(name, "自治州") && name.size() > 6) return name.substr(0, 6) + "州";  // two Han characters
  return name;
}

namespace {

// County enterprises are named for their place and one of these industries.
const std::vector<std::string>& Industries(const std::string& county_code) {
  static const std::vector<std::string> kQinghai = {"枸杞种植专业合作社", "牦牛养殖有限公司",     "藜麦加工有限公司",
                                                    "光伏发电有限公司",   "文化旅游开发有限公司", "青稞酒业有限公司",
                                                    "藏毯编织有限公司",   "盐湖资源开发有限公司"};
  static const std::vector<std::string> kChina = {"现代农业发展有限公司", "农产品加工有限公司", "物流有限公司",
                                                  "建筑工程有限公司",     "新能源有限公司",     "文化旅游开发有限公司",
                                                  "食品有限公司",         "电子科技有限公司"};
  return county_code.compare(0, 2, "63") == 0 ? kQinghai : kChina;
}

// `national`: 市辖区 and 省直辖县级行政区划, which the national tree has, are not prefectures of their own, so they get
// no prefecture-level organizations.
DemoOrgSummary Seed(store::Connection& db, Rng& rng, bool national) {
  OrgRepo repo(db);
  DemoOrgSummary summary;
  Builder builder(repo, summary);
  auto suffixed = [](const std::string& tail) { return [tail](const Period& p) { return p.name + tail; }; };

  for (const Node& township : UnitsAtLevel(db, Level::kTownship)) {
    builder.Add(township, Kind::kPartyCommittee, [](const Period& p) {
      return p.kind == Kind::kSubdistrict ? "中共" + p.name + "工作委员会" : "中共" + p.name + "委员会";
    });
  }
  for (const Node& village : UnitsAtLevel(db, Level::kVillage)) builder.Add(village, Kind::kPartyBranch, suffixed("党支部"));

  static const std::vector<std::string> kAgencies = {"人民政府办公室", "教育局", "农业农村局"};
  for (const Node& county : UnitsAtLevel(db, Level::kCounty)) {
    Node department =
        builder.Add(county, Kind::kAgency, [](const Period& p) { return "中共" + CommitteeShort(p) + "组织部"; });
    builder.Add(department, Kind::kPartyBranch, suffixed("机关党支部"));
    for (const std::string& agency : kAgencies) {
      Node unit = builder.Add(county, Kind::kAgency, [&agency](const Period& p) { return AgencyName(p, agency); });
      builder.Add(unit, Kind::kPartyBranch, suffixed("机关党支部"));
    }
    // A firm keeps the name it registered under (today's place name: 乐都 for 乐都县 and 乐都区 alike).
    const std::string firm = PlaceName(county.name()) + rng.Pick(Industries(county.code));
    Node company = builder.Add(county, Kind::kEnterprise, [&firm](const Period&) { return firm; });
    builder.Add(company, Kind::kPartyBranch, suffixed("党支部"));
  }

  for (const Node& province : UnitsAtLevel(db, Level::kProvince)) {
    builder.Add(province, Kind::kPartyCommittee, [](const Period& p) { return "中共" + p.name + "委员会"; });
  }
  for (const Node& county : UnitsAtLevel(db, Level::kCounty)) builder.Add(county, Kind::kPartyCommittee, CommitteeName);
  for (const Node& prefecture : UnitsAtLevel(db, Level::kPrefecture)) {
    if (national && prefecture.kind == Kind::kMunicipalDistricts) continue;
    const std::vector<Period>& names = prefecture.names;
    auto short_name = [](const std::string& tail) {
      return [tail](const Period& p) { return ShortPrefectureName(p.name) + tail; };
    };
    builder.Add(prefecture, Kind::kPartyCommittee, CommitteeName);
    Node department =
        builder.Add(prefecture, Kind::kAgency, [](const Period& p) { return "中共" + CommitteeShort(p) + "组织部"; });
    builder.Add(department, Kind::kPartyBranch, suffixed("机关党支部"));
    Node park = builder.Add(prefecture, Kind::kIndustrialPark, short_name("工业园区管理委员会"));
    Node park_committee = builder.Add(park, Kind::kPartyCommittee, names, [](const Period& p) {
      return "中共" + ShortPrefectureName(p.name) + "工业园区工作委员会";
    });
    builder.Add(park_committee, Kind::kPartyBranch, names, short_name("工业园区非公企业联合党支部"));
    Node riders = builder.Add(prefecture, Kind::kNewEconomyOrg, short_name("外卖配送服务站"));
    builder.Add(riders, Kind::kPartyBranch, names, short_name("外卖骑手党支部"));
    Node hospital = builder.Add(prefecture, Kind::kPublicInstitution, short_name("人民医院"));
    builder.Add(hospital, Kind::kPartyGeneralBranch, suffixed("党总支"));
  }
  return summary;
}

}  // namespace

DemoOrgSummary SeedDemoOrgs(store::Connection& db, Rng& rng, bool national) { return Seed(db, rng, national); }

}  // namespace jiceng::org
