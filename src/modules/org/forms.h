// Inputs of the org commands as the user gives them (text), and their
// validation into typed values. Errors name the field, in Chinese.
#pragma once

#include <string>

#include "core/date.h"
#include "core/status.h"
#include "modules/org/model.h"

namespace jiceng::org {

struct MoveForm {
  std::string code;
  std::string new_parent_code;
  std::string on;  // YYYY-MM-DD
};

struct RenameForm {
  std::string code;
  std::string name;
  std::string on;
};

struct MergeForm {
  std::string code;       // the unit that ceases to exist
  std::string into_code;  // the unit that absorbs it
  std::string on;
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

}  // namespace jiceng::org
