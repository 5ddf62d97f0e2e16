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

}  // namespace jiceng::org
