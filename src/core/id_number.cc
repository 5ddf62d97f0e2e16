#include "core/id_number.h"

namespace jiceng {

char IdCheckCharacter(std::string_view first17) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

Result<IdNumber> ParseIdNumber(std::string_view text, Date today) {
  const char* field = "id_number";
  if (text.size() != 18) return Status::Invalid(field, "身份证号码应为 18 位");
  for (size_t i = 0; i < 17; ++i) {
    if (text[i] < '0' || text[i] > '9') return Status::Invalid(field, "身份证号码前 17 位应为数字");
  }
  char last = text[17] == 'x' ? 'X' : text[17];
  if (!((last >= '0' && last <= '9') || last == 'X')) {
    return Status::Invalid(field, "身份证号码最后一位应为数字或 X");
  }
  auto birth = Date::Parse(std::string(text.substr(6, 4)) + "-" + std::string(text.substr(10, 2)) + "-" +
                           std::string(text.substr(12, 2)));
  if (!birth || birth->year() < 1900) return Status::Invalid(field, "身份证号码中的出生日期无效");
  if (*birth > today) return Status::Invalid(field, "身份证号码中的出生日期晚于今天");
  if (IdCheckCharacter(text) != last) return Status::Invalid(field, "身份证号码校验码错误");
  IdNumber id;
  id.value = std::string(text.substr(0, 17)) + last;
  id.birth_date = *birth;
  id.gender = (text[16] - '0') % 2 == 1 ? Gender::kMale : Gender::kFemale;
  return id;
}

std::string MaskIdNumber(std::string_view value) {
  if (value.size() != 18) return std::string(value.size(), '*');
  return std::string(value.substr(0, 6)) + "********" + std::string(value.substr(14));
}

std::string MaskPhone(std::string_view value) {
  if (value.size() >= 11) {
    return std::string(value.substr(0, 3)) + std::string(value.size() - 7, '*') +
           std::string(value.substr(value.size() - 4));
  }
  if (value.size() <= 2) return std::string(value.size(), '*');
  return std::string(value.size() - 2, '*') + std::string(value.substr(value.size() - 2));
}

const char* GenderName(Gender g) { return g == Gender::kMale ? "男" : "女"; }
const char* GenderCode(Gender g) { return g == Gender::kMale ? "male" : "female"; }

}  // namespace jiceng
