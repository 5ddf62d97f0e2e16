// Resident identity numbers (公民身份号码, GB 11643-1999): 6-digit region code,
// 8-digit birth date, 3-digit sequence (odd = male), 1 check character.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace jiceng {

enum class Gender { kMale, kFemale };

struct IdNumber {
  std::string value;  // 18 characters, a final 'x' upper-cased to 'X'
  Date birth_date;
  Gender gender = Gender::kMale;
};

// The check character for the first 17 digits ("0"–"9" or "X").
char IdCheckCharacter(std::string_view first17);
// Validates format, birth date (not after `today`) and checksum. Errors name the field "id_number".
Result<IdNumber> ParseIdNumber(std::string_view text, Date today);
// "632802********1234": region code and the last four, the birth date and sequence hidden.
std::string MaskIdNumber(std::string_view value);
// "138****5678"; short numbers keep only their last two characters.
std::string MaskPhone(std::string_view value);

const char* GenderName(Gender g);  // "男" / "女"
const char* GenderCode(Gender g);  // "male" / "female"

}  // namespace jiceng
