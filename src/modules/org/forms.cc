#include "modules/org/forms.h"
#include "core/text.h"

namespace jiceng::org {

Result<Date> ParseDateField(const std::string& field, const std::string& text, std::optional<Date> fallback) {
  if (text.empty()) {
    if (fallback) return *fallback;
    return Status::Invalid(field, "日期不能为空（格式 YYYY-MM-DD）");
  }
  auto date = Date::Parse(text);
  if (!date) return Status::Invalid(field, "日期无效：" + text + "（格式 YYYY-MM-DD）");
  return *date;
}

Status ValidateUnitName(const std::string& field, const std::string& name) {
  if (name.empty()) return Status::Invalid(field, "名称不能为空");
  if (Utf8Length(name) > 60) return Status::Invalid(field, "名称不能超过 60 个字");
  return CheckSingleLine(field, name, "名称");
}

Result<Kind> ParseKindField(const std::string& text) {
  auto kind = ParseKind(text);
  if (!kind || LevelOfKind(*kind) < Level::kUnit) {
    return Status::Invalid("kind",
                           "类型无效：" + text +
                               "（可选 party_committee、party_general_branch、party_branch、agency、"
                               "public_institution、enterprise、industrial_park、new_economy_org、social_org）");
  }
  return *kind;
}

Status ValidateReason(const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) return Status::Invalid("reason", "变更原因不能为空（如批复文号）");
  if (Utf8Length(reason) > 200) return Status::Invalid("reason", "变更原因不能超过 200 个字");
  return CheckSingleLine("reason", reason, "变更原因");
}

Result<Date> ParseEffectiveDate(const std::string& text, Date today) {
  if (text.empty()) return Status::Invalid("on", "生效日期不能为空（格式 YYYY-MM-DD）");
  auto date = Date::Parse(text);
  if (!date) return Status::Invalid("on", "生效日期无效：" + text + "（格式 YYYY-MM-DD）");
  Date latest = today.AddDays(366);
  if (*date > latest) {
    return Status::Invalid("on", "生效日期不能晚于一年以后（最晚 " + latest.ToString() + "）");
  }
  return *date;
}

}  // namespace jiceng::org
