#include "modules/accounts/model.h"

#include <array>
#include <utility>

namespace jiceng::accounts {
namespace {

constexpr std::array<std::pair<const char*, const char*>, 7> kRoles = {{
    {"system_admin", "系统管理员"},
    {"security_admin", "安全管理员"},
    {"audit_admin", "审计管理员"},
    {"org_department", "组织部"},
    {"township_committee", "乡镇党委"},
    {"village_committees", "村(社区)两委"},
    {"member", "党员"},
}};

}  // namespace

std::string_view RoleCode(Role role) { return kRoles[static_cast<size_t>(role)].first; }
std::string_view RoleName(Role role) { return kRoles[static_cast<size_t>(role)].second; }

std::optional<Role> ParseRole(std::string_view text) {
  for (size_t i = 0; i < kRoles.size(); ++i) {
    if (text == kRoles[i].first || text == kRoles[i].second) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::vector<Role> AllRoles() {
  std::vector<Role> roles;
  for (size_t i = 0; i < kRoles.size(); ++i) roles.push_back(static_cast<Role>(i));
  return roles;
}

bool IsAdminRole(Role role) {
  return role == Role::kSystemAdmin || role == Role::kSecurityAdmin || role == Role::kAuditAdmin;
}

}  // namespace jiceng::accounts
