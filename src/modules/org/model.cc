#include "modules/org/model.h"

#include <array>
#include <utility>

namespace jiceng::org {
namespace {

struct KindInfo {
  Kind kind;
  const char* code;
  const char* name;
  Level level;
};

constexpr std::array<KindInfo, 29> kKinds = {{
    {Kind::kProvince, "province", "省", Level::kProvince},
    {Kind::kAutonomousRegion, "autonomous_region", "自治区", Level::kProvince},
    {Kind::kMunicipality, "municipality", "直辖市", Level::kProvince},
    {Kind::kCity, "city", "地级市", Level::kPrefecture},
    {Kind::kAutonomousPrefecture, "autonomous_prefecture", "自治州", Level::kPrefecture},
    {Kind::kLeague, "league", "盟", Level::kPrefecture},
    {Kind::kArea, "area", "地区", Level::kPrefecture},
    {Kind::kMunicipalDistricts, "municipal_districts", "市辖区", Level::kPrefecture},
    {Kind::kDistrict, "district", "市辖区（区）", Level::kCounty},
    {Kind::kCounty, "county", "县", Level::kCounty},
    {Kind::kAutonomousCounty, "autonomous_county", "自治县", Level::kCounty},
    {Kind::kCountyCity, "county_city", "县级市", Level::kCounty},
    {Kind::kBanner, "banner", "旗", Level::kCounty},
    {Kind::kAdministrativeCommittee, "administrative_committee", "行政委员会", Level::kCounty},
    {Kind::kSubdistrict, "subdistrict", "街道", Level::kTownship},
    {Kind::kTown, "town", "镇", Level::kTownship},
    {Kind::kTownship, "township", "乡", Level::kTownship},
    {Kind::kVillage, "village", "村", Level::kVillage},
    {Kind::kCommunity, "community", "社区", Level::kVillage},
    {Kind::kAgency, "agency", "机关", Level::kUnit},
    {Kind::kPublicInstitution, "public_institution", "事业单位", Level::kUnit},
    {Kind::kEnterprise, "enterprise", "企业", Level::kUnit},
    {Kind::kIndustrialPark, "industrial_park", "园区", Level::kUnit},
    {Kind::kNewEconomyOrg, "new_economy_org", "新经济组织", Level::kUnit},
    {Kind::kSocialOrg, "social_org", "新社会组织", Level::kUnit},
    {Kind::kPartyCommittee, "party_committee", "党委", Level::kParty},
    {Kind::kPartyGeneralBranch, "party_general_branch", "党总支", Level::kParty},
    {Kind::kPartyBranch, "party_branch", "党支部", Level::kParty},
    {Kind::kOther, "other", "其他", Level::kUnit},
}};

constexpr std::array<std::pair<const char*, const char*>, 7> kLevels = {{
    {"province", "省级"},
    {"prefecture", "地级"},
    {"county", "县级"},
    {"township", "乡级"},
    {"village", "村级"},
    {"unit", "单位"},
    {"party", "党组织"},
}};

const KindInfo& Info(Kind kind) {
  for (const auto& info : kKinds) {
    if (info.kind == kind) return info;
  }
  return kKinds.back();
}

}  // namespace

std::string_view LevelCode(Level level) { return kLevels[static_cast<size_t>(level)].first; }
std::string_view LevelName(Level level) { return kLevels[static_cast<size_t>(level)].second; }

std::optional<Level> ParseLevel(std::string_view code) {
  for (size_t i = 0; i < kLevels.size(); ++i) {
    if (code == kLevels[i].first) return static_cast<Level>(i);
  }
  return std::nullopt;
}

std::string_view KindCode(Kind kind) { return Info(kind).code; }
std::string_view KindName(Kind kind) { return Info(kind).name; }
Level LevelOfKind(Kind kind) { return Info(kind).level; }
bool IsPartyKind(Kind kind) { return LevelOfKind(kind) == Level::kParty; }

std::optional<Kind> ParseKind(std::string_view code) {
  for (const auto& info : kKinds) {
    if (code == info.code) return info.kind;
  }
  return std::nullopt;
}

namespace {
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kChangeKinds = {{
    {"rename", "更名"},
    {"move", "调整隶属"},
    {"merge", "合并"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kChangeStates = {{
    {"pending", "待批准"},
    {"approved", "已批准"},
    {"rejected", "已驳回"},
    {"withdrawn", "已撤回"},
}};
}  // namespace

std::string_view ChangeKindCode(ChangeKind kind) { return kChangeKinds[static_cast<size_t>(kind)].first; }
std::string_view ChangeKindName(ChangeKind kind) { return kChangeKinds[static_cast<size_t>(kind)].second; }
std::optional<ChangeKind> ParseChangeKind(std::string_view code) {
  for (size_t i = 0; i < kChangeKinds.size(); ++i) {
    if (code == kChangeKinds[i].first) return static_cast<ChangeKind>(i);
  }
  return std::nullopt;
}
std::string_view ChangeStateCode(ChangeState state) { return kChangeStates[static_cast<size_t>(state)].first; }
std::string_view ChangeStateName(ChangeState state) { return kChangeStates[static_cast<size_t>(state)].second; }
std::optional<ChangeState> ParseChangeState(std::string_view code) {
  for (size_t i = 0; i < kChangeStates.size(); ++i) {
    if (code == kChangeStates[i].first) return static_cast<ChangeState>(i);
  }
  return std::nullopt;
}

}  // namespace jiceng::org
