#include "modules/org/demo.h"

#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/org/repo.h"

namespace jiceng::org {
namespace {

struct Node {
  int64_t id;
  std::string code;
  std::string name;
  Kind kind;
};

std::vector<Node> UnitsAtLevel(store::Connection& db, Level level) {
  auto stmt = db.Prepare(
      "SELECT u.id, u.code, n.name, u.kind FROM org_unit u JOIN org_name n ON n.unit_id = u.id"
      " WHERE u.level = ? AND n.valid_to = '9999-12-31' ORDER BY u.code");
  stmt->Bind(1, LevelCode(level));
  std::vector<Node> nodes;
  while (stmt->Step()) {
    nodes.push_back({stmt->Int(0), stmt->Text(1), stmt->Text(2), ParseKind(stmt->Text(3)).value_or(Kind::kOther)});
  }
  return nodes;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Adds a child unit with a generated code; returns its id and code.
class Builder {
 public:
  Builder(OrgRepo& repo, DemoOrgSummary& summary) : repo_(repo), summary_(summary) {}
  Node Add(const Node& parent, Kind kind, const std::string& name) {
    const bool party = IsPartyKind(kind);
    int& seq = party ? next_party_[parent.id] : next_unit_[parent.id];
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "-%c%02d", party ? 'D' : 'U', ++seq);
    std::string code = parent.code + suffix;
    int64_t id = repo_.InsertUnit(code, LevelOfKind(kind), kind, begin_);
    repo_.InsertName(id, name, begin_, end_);
    repo_.InsertLink(id, parent.id, begin_, end_);
    ++(party ? summary_.party_orgs : summary_.units);
    return {id, code, name, kind};
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

  for (const Node& township : UnitsAtLevel(db, Level::kTownship)) {
    std::string title =
        township.kind == Kind::kSubdistrict ? "中共" + township.name + "工作委员会" : "中共" + township.name + "委员会";
    builder.Add(township, Kind::kPartyCommittee, title);
  }
  for (const Node& village : UnitsAtLevel(db, Level::kVillage)) {
    builder.Add(village, Kind::kPartyBranch, village.name + "党支部");
  }

  static const std::vector<std::string> kAgencies = {"人民政府办公室", "教育局", "农业农村局"};
  for (const Node& county : UnitsAtLevel(db, Level::kCounty)) {
    Node department = builder.Add(county, Kind::kAgency, "中共" + county.name + "委组织部");
    builder.Add(department, Kind::kPartyBranch, "中共" + county.name + "委组织部机关党支部");
    for (const std::string& agency : kAgencies) {
      Node unit = builder.Add(county, Kind::kAgency, county.name + agency);
      builder.Add(unit, Kind::kPartyBranch, county.name + agency + "机关党支部");
    }
    std::string place = PlaceName(county.name);
    Node company = builder.Add(county, Kind::kEnterprise, place + rng.Pick(Industries(county.code)));
    builder.Add(company, Kind::kPartyBranch, company.name + "党支部");
  }

  for (const Node& province : UnitsAtLevel(db, Level::kProvince)) {
    builder.Add(province, Kind::kPartyCommittee, "中共" + province.name + "委员会");
  }
  for (const Node& county : UnitsAtLevel(db, Level::kCounty)) {
    builder.Add(county, Kind::kPartyCommittee, "中共" + county.name + "委员会");
  }
  for (const Node& prefecture : UnitsAtLevel(db, Level::kPrefecture)) {
    if (national && prefecture.kind == Kind::kMunicipalDistricts) continue;
    std::string short_name = ShortPrefectureName(prefecture.name);
    builder.Add(prefecture, Kind::kPartyCommittee, "中共" + short_name + "委员会");
    Node department = builder.Add(prefecture, Kind::kAgency, "中共" + short_name + "委组织部");
    builder.Add(department, Kind::kPartyBranch, "中共" + short_name + "委组织部机关党支部");
    Node park = builder.Add(prefecture, Kind::kIndustrialPark, short_name + "工业园区管理委员会");
    Node park_committee = builder.Add(park, Kind::kPartyCommittee, "中共" + short_name + "工业园区工作委员会");
    builder.Add(park_committee, Kind::kPartyBranch, short_name + "工业园区非公企业联合党支部");
    Node riders = builder.Add(prefecture, Kind::kNewEconomyOrg, short_name + "外卖配送服务站");
    builder.Add(riders, Kind::kPartyBranch, short_name + "外卖骑手党支部");
    Node hospital = builder.Add(prefecture, Kind::kPublicInstitution, short_name + "人民医院");
    builder.Add(hospital, Kind::kPartyGeneralBranch, short_name + "人民医院党总支");
  }
  return summary;
}

}  // namespace

DemoOrgSummary SeedDemoOrgs(store::Connection& db, Rng& rng, bool national) { return Seed(db, rng, national); }

}  // namespace jiceng::org
