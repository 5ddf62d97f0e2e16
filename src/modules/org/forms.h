// Inputs of the org commands as the user gives them (text), and their
// validation into typed values. Errors name the field, in Chinese.
#pragma once

#include <string>

#include "core/date.h"
#include "core/status.h"
#include "modules/org/model.h"

namespace jiceng::org {

// Every change of the tree carries an effective date (生效日期, YYYY-MM-DD; in the past to correct history, at
// most a year ahead) and a reason (变更原因, required: e.g. the approval's document number).
struct MoveForm {
  std::string code;
  std::string new_parent_code;
  std::string on;  // YYYY-MM-DD
  std::string reason;
};

struct RenameForm {
  std::string code;
  std::string name;
  std::string on;
  std::string reason;
  std::string kind;  // optional KindCode of the same level (撤县设市: county → county_city); empty = unchanged
  // Also rename, on the same date, the unit's own agencies, units and Party organizations whose names contain
  // its old name (X村党支部 → Y村党支部; not those of a region below it). On unless asked otherwise.
  bool with_namesakes = true;
};

// "A and B into C" is two merges into C; when C is new, rename A to C first (茫崖行委 → 茫崖市, then 冷湖 into it).
struct MergeForm {
  std::string code;       // the unit that ceases to exist
  std::string into_code;  // the unit that absorbs it
  std::string on;
  std::string reason;
};

struct AddUnitForm {
  std::string parent_code;
  std::string kind;  // KindCode, e.g. "party_branch"
  std::string name;
  std::string on;  // empty = today
};

// Parses a date field ("on", "as_of", ...); empty gives `fallback` when it is set.
Result<Date> ParseDateField(const std::string& field, const std::string& text, std::optional<Date> fallback = {});
// Checks a unit name: not empty, at most 60 characters, no control characters.
Status ValidateUnitName(const std::string& field, const std::string& name);
Result<Kind> ParseKindField(const std::string& text);
// The reason of a change: not empty, at most 200 characters, one line.
Status ValidateReason(const std::string& reason);
// An effective date of a change: parsed, and not later than a year after `today`.
Result<Date> ParseEffectiveDate(const std::string& text, Date today);

}  // namespace jiceng::org
