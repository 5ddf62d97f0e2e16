// The organization tree's vocabulary (组织体系): administrative units from
// province to village with GB/T 2260 division codes, the agencies and
// enterprises under them, and Party organizations attached anywhere.
// Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace jiceng::org {

// Where a unit stands in the tree. Administrative levels first, then the two
// kinds of unit that hang off them.
enum class Level { kProvince, kPrefecture, kCounty, kTownship, kVillage, kUnit, kParty };

// What a unit is, finer than its level.
enum class Kind {
  // province level
  kProvince,
  kAutonomousRegion,
  kMunicipality,
  // prefecture level (市/州/盟/地区)
  kCity,
  kAutonomousPrefecture,
  kLeague,
  kArea,
  kMunicipalDistricts,
  // county level
  kDistrict,
  kCounty,
  kAutonomousCounty,
  kCountyCity,
  kBanner,
  kAdministrativeCommittee,
  // township level
  kSubdistrict,
  kTown,
  kTownship,
  // village level (村民委员会 / 居民委员会)
  kVillage,
  kCommunity,
  // units under an administrative unit
  kAgency,
  kPublicInstitution,
  kEnterprise,
  kIndustrialPark,
  kNewEconomyOrg,
  kSocialOrg,
  // Party organizations: 党委 / 党总支 / 党支部
  kPartyCommittee,
  kPartyGeneralBranch,
  kPartyBranch,
  kOther,
};

std::string_view LevelCode(Level level);  // "province", ...
std::optional<Level> ParseLevel(std::string_view code);
std::string_view LevelName(Level level);  // "省级", ...
std::string_view KindCode(Kind kind);     // "party_branch", ...
std::optional<Kind> ParseKind(std::string_view code);
std::string_view KindName(Kind kind);  // "党支部", ...
Level LevelOfKind(Kind kind);          // kOther maps to kUnit
bool IsPartyKind(Kind kind);

struct OrgUnit {
  int64_t id = 0;
  std::string code;  // 12-digit division code, or "<parent code>-D01" style for units and Party organizations
  Level level = Level::kVillage;
  Kind kind = Kind::kVillage;
  std::string name;       // as of the query date
  int64_t parent_id = 0;  // 0 for the root
  std::string parent_code;
  std::string parent_name;
  Date created_on;
  std::optional<Date> dissolved_on;
  std::string merged_into_code;
};

// One change in a unit's history, as recorded.
struct OrgEvent {
  std::string kind;  // "move", "rename", "merge", "absorb", "create"
  Date on;
  std::string old_value;
  std::string new_value;
  std::string other_code;
  std::string reason;  // why (required of every change made through the commands; the source for loaded history)
  std::string actor;   // who made it (login), so the history shows it beside the audit log
};

// What a merge did: the survivor as of the date, and how much moved to it in the same transaction.
struct MergeReport {
  OrgUnit into;
  int64_t children_moved = 0;  // direct children of the ended unit, now under the survivor
  int64_t members_moved = 0;   // people whose affiliation moved (the people module's merge listener)
};

}  // namespace jiceng::org
