#include "modules/orglife/forms.h"

#include "core/text.h"

namespace jiceng::orglife {

std::optional<std::string> ParseMoment(const std::string& text) {
  if (text.size() != 16 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':') return std::nullopt;
  if (!Date::Parse(text.substr(0, 10))) return std::nullopt;
  for (int i : {11, 12, 14, 15}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int h = std::stoi(text.substr(11, 2)), m = std::stoi(text.substr(14, 2));
  if (h > 23 || m > 59) return std::nullopt;
  return text.substr(0, 10) + " " + text.substr(11);
}

Result<Kind> CheckKind(const std::string& text) {
  if (text.empty()) return Status::Invalid("kind", "请选择会议类型");
  auto kind = ParseKind(text);
  if (!kind) return Status::Invalid("kind", "会议类型无效：" + text);
  return *kind;
}

Result<int64_t> CheckId(const std::string& text, const char* field, const char* label) {
  if (text.empty()) return int64_t{0};
  if (text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos || text == "0") {
    return Status::Invalid(field, std::string(label) + "无效：" + text);
  }
  return static_cast<int64_t>(std::stoll(text));
}

Status CheckText(const char* field, const std::string& value, const char* label, size_t max, bool required,
                 bool multiline) {
  if (required && value.find_first_not_of(" \n") == std::string::npos) {
    return Status::Invalid(field, std::string("请填写") + label);
  }
  if (Utf8Length(value) > max) {
    return Status::Invalid(field, std::string(label) + "不能超过 " + std::to_string(max) + " 个字");
  }
  return multiline ? CheckMultiLine(field, value, label) : CheckSingleLine(field, value, label);
}

}  // namespace jiceng::orglife
