#include "modules/accounts/model.h"

#include <array>
#include <utility>

#include "core/text.h"

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

namespace {
constexpr Vocabulary<RequestKind, 7> kKinds{{{{"create", "新建账号"},
                                              {"role", "变更角色"},
                                              {"reset", "重置密码"},
                                              {"org", "变更所属组织"},
                                              {"enable", "启用账号"},
                                              {"totp", "重置动态口令"},
                                              {"disable", "停用管理员账号"}}}};
constexpr Vocabulary<RequestState, 4> kStates{
    {{{"pending", "待批准"}, {"approved", "已批准"}, {"rejected", "已驳回"}, {"withdrawn", "已撤回"}}}};
}  // namespace

std::string_view RequestKindCode(RequestKind kind) { return kKinds.Code(kind); }
std::string_view RequestKindName(RequestKind kind) { return kKinds.Name(kind); }
std::optional<RequestKind> ParseRequestKind(std::string_view text) { return kKinds.Parse(text); }
bool IssuesCode(RequestKind kind) { return kind == RequestKind::kCreate || kind == RequestKind::kReset; }
std::string_view RequestStateCode(RequestState state) { return kStates.Code(state); }
std::string_view RequestStateName(RequestState state) { return kStates.Name(state); }
std::optional<RequestState> ParseRequestState(std::string_view text) { return kStates.Parse(text); }

}  // namespace jiceng::accounts
