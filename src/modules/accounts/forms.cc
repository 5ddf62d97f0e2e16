#include "modules/accounts/forms.h"

#include "core/text.h"

namespace jiceng::accounts {

Status ValidateLogin(const std::string& login) {
  if (login.size() < 3 || login.size() > 32) return Status::Invalid("login", "账号应为 3–32 个字符");
  for (char c : login) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return Status::Invalid("login", "账号只能包含小写字母、数字、下划线、点和连字符");
  }
  return Status::Ok();
}

Status ValidateAccountName(const std::string& name) {
  if (Utf8Length(name) > 60) return Status::Invalid("name", "姓名不能超过 60 个字");
  return CheckSingleLine("name", name, "姓名");
}

Status ValidateAccountPhone(const std::string& phone) {
  if (phone.empty()) return Status::Ok();
  const bool mobile =
      phone.size() == 11 && phone[0] == '1' && phone.find_first_not_of("0123456789") == std::string::npos;
  const bool landline = phone.size() >= 7 && phone.size() <= 20 && phone[0] == '0' &&
                        phone.find_first_not_of("0123456789-") == std::string::npos;
  if (mobile || landline) return Status::Ok();
  return Status::Invalid("phone", "电话号码无效：应为 11 位手机号或以 0 开头的固定电话");
}

Result<Role> ParseRoleField(const std::string& text) {
  auto role = ParseRole(text);
  if (!role) {
    return Status::Invalid("role", "角色无效：" + text +
                                       "（可选 system_admin、security_admin、audit_admin、org_department、"
                                       "township_committee、village_committees、member）");
  }
  return *role;
}

}  // namespace jiceng::accounts
