// What each role may do with accounts. Deny unless allowed here; the subtree
// scope is checked separately with org::WithinScope.
// 双人复核: granting a role or a scope (a new account, a role change, a change of org, enabling an account) is
// requested by a system administrator, resetting a password or TOTP by a security administrator, and disabling an
// administrator's account by either; each is approved by an administrator of another role who is neither the
// requester nor the account concerned. What only takes away or corrects (editing the name or phone, disabling an
// ordinary account, unlocking) one administrator does directly. Nobody acts on their own account.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "modules/accounts/model.h"

namespace jiceng::accounts {

Status CanListAccounts(const Principal& p);   // the three administrators
Status CanCreateAccounts(const Principal& p);  // system administrators (request only)
Status CanUnlockAccounts(const Principal& p);  // security administrators
Status CanEditAccounts(const Principal& p);    // system administrators: name and phone
Status CanDisableAccounts(const Principal& p);  // system and security administrators (an administrator: request)
// Refuses an administrator's action on their own account (`what`: 停用, 修改, ...).
Status NotOwnAccount(const Principal& p, const Account& target, std::string_view what);
Status CanRequest(const Principal& p, RequestKind kind);
// Whether `p` may approve or reject `request` at `now` (unix seconds); pending requests expire after 7 days.
Status CanApprove(const Principal& p, const AccountRequest& request, int64_t now);
inline constexpr int64_t kRequestLifetime = 7 * 24 * 3600;

}  // namespace jiceng::accounts
