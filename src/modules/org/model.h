// The organization tree's vocabulary (组织体系): administrative units from
// province to village with GB/T 2260 division codes, the agencies and
// enterprises under them, and Party organizations attached anywhere.
// Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  std::string approved_by;  // who approved it (login): a change through the web is one account's request
};

// What a merge did: the survivor as of the date, and how much moved to it in the same transaction.
struct MergeReport {
  OrgUnit into;
  int64_t children_moved = 0;  // direct children of the ended unit, now under the survivor
  int64_t members_moved = 0;   // people whose affiliation moved (the people module's merge listener)
};

// A unit named after a region that a rename of the region renames with it (村 X → Y: X村党支部 → Y村党支部).
struct Namesake {
  OrgUnit unit;
  std::string new_name;
};

// What a rename did: the unit as of the date, and its namesakes renamed in the same transaction.
struct RenameReport {
  OrgUnit unit;
  std::vector<Namesake> namesakes;
};

// A change of the tree that one org department account asks for and another approves (四眼原则: who asks never
// approves); it is applied when approved, as if made then by the requester, and records both.
enum class ChangeKind { kRename, kMove, kMerge };
enum class ChangeState { kPending, kApproved, kRejected, kWithdrawn };

std::string_view ChangeKindCode(ChangeKind kind);  // "rename", ...
std::optional<ChangeKind> ParseChangeKind(std::string_view code);
std::string_view ChangeKindName(ChangeKind kind);  // "更名", ...
std::string_view ChangeStateCode(ChangeState state);
std::optional<ChangeState> ParseChangeState(std::string_view code);
std::string_view ChangeStateName(ChangeState state);  // "待批准", ...

struct ChangeRequest {
  int64_t id = 0;
  ChangeKind kind = ChangeKind::kRename;
  int64_t unit_id = 0;
  std::string unit_code;
  std::string unit_name;    // as of the effective date, when asked
  std::string target_code;  // move: the new parent; merge: the survivor
  std::string target_name;  // as of the effective date, when asked
  std::string name;         // rename: the new name
  std::string new_kind;     // rename: KindCode, empty = unchanged
  bool with_namesakes = true;  // rename: its units and Party organizations named after it too
  Date on;
  std::string reason;
  std::string requested_by;
  std::string requested_at;  // timestamp
  ChangeState state = ChangeState::kPending;
  std::string decided_by;
  std::string decided_at;
  std::string decision_note;  // why it was rejected or withdrawn
  std::string outcome;        // approved: what was done, in Chinese
  // A pending rename with_namesakes: what approving it would rename with the unit now (ChangeRequests::List).
  std::vector<Namesake> namesakes;
};

}  // namespace jiceng::org
