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
  int64_t totp_last_step = 0;  // the last TOTP time step accepted: a code is accepted once
  // The one-time code that sets a new password after an approved creation or reset: keyed hashes of its two
  // halves, one shown to the requesting administrator and one to the approving one. Empty when none is due.
  std::string code_half_a, code_half_b;
  int64_t code_expires = 0;
  // The last password reset, told to the user at the next sign-in while `reset_notice_pending`.
  std::string reset_requested_by, reset_approved_by;
  int64_t reset_at = 0;
  bool reset_notice_pending = false;
  std::string phone_cipher;  // the holder's phone, encrypted with the field key; empty: none
  // Read by the account queries, not stored: refused for now by the hourly limit of failed sign-ins.
  bool throttled = false;
};

// 双人复核: what one administrator asks and an administrator of another role must approve.
enum class RequestKind {
  kCreate,  // a new account (any role); approval issues its one-time code
  kRole,    // a role change
  kReset,   // a password reset; approval issues a one-time code
  kOrg,     // a change of the org the account is bound to (its scope)
  kEnable,  // enabling a disabled account
  kTotp,     // resetting the TOTP binding (a lost phone): the holder binds again at the next sign-in
  kDisable,  // disabling an administrator's account (an ordinary one is disabled directly)
};
std::string_view RequestKindCode(RequestKind kind);
std::string_view RequestKindName(RequestKind kind);
std::optional<RequestKind> ParseRequestKind(std::string_view text);
// Whether approving the kind issues a one-time code (a new account, a password reset): the requester holds one
// half from the request, the approver the other from the approval.
bool IssuesCode(RequestKind kind);

enum class RequestState { kPending, kApproved, kRejected, kWithdrawn };
std::string_view RequestStateCode(RequestState state);
std::string_view RequestStateName(RequestState state);
std::optional<RequestState> ParseRequestState(std::string_view text);

struct AccountRequest {
  int64_t id = 0;
  RequestKind kind = RequestKind::kReset;
  std::string login;  // the account concerned (to be created, for kCreate)
  std::string name;   // kCreate
  int64_t org_id = 0;
  std::string org_code, org_name;
  Role role = Role::kMember;  // kCreate, kRole: the role asked for
  std::string requested_by;
  Role requester_role = Role::kMember;
  int64_t requested_at = 0;  // unix seconds
  std::string half_a;        // keyed hash of the requester's half of the code (kCreate, kReset)
  int64_t new_org_id = 0;    // kOrg: the org asked for
  std::string new_org_code, new_org_name;
  RequestState state = RequestState::kPending;
  std::string decided_by;
  int64_t decided_at = 0;
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
