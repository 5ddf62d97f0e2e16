// Accounts (账号): who may sign in, with which role, bound to which org node.
// The three administrator roles are separate roles (三权分立): an account has
// exactly one role, so none can combine them. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::accounts {

enum class Role {
  kSystemAdmin,        // 系统管理员: creates accounts
  kSecurityAdmin,      // 安全管理员: unlocks accounts, resets passwords
  kAuditAdmin,         // 审计管理员: reads the audit log
  kOrgDepartment,      // 组织部: org department staff at province, prefecture or county
  kTownshipCommittee,  // 乡镇党委
  kVillageCommittees,  // 村(社区)两委
  kMember,             // 党员: self-service
};

std::string_view RoleCode(Role role);
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view text);  // code or Chinese name
std::vector<Role> AllRoles();
bool IsAdminRole(Role role);  // the three administrator roles, which must use a second factor

struct Account {
  int64_t id = 0;
  std::string login;
  std::string name;
  Role role = Role::kMember;
  int64_t org_id = 0;
  std::string org_code;
  std::string org_name;
  std::string password_hash;
  bool must_change_password = true;
  std::string totp_secret_cipher;
  bool totp_enabled = false;
  int failed_count = 0;
  int64_t locked_until = 0;  // unix seconds; 0 = not locked
  bool disabled = false;
};

// The signed-in caller of a request, as the permission checks see it.
struct Principal {
  int64_t account_id = 0;
  std::string login;
  std::string name;
  Role role = Role::kMember;
  int64_t org_id = 0;  // the root of everything this caller may see
  std::string org_code;
  std::string org_name;
  std::string address;
};

}  // namespace jiceng::accounts
