// What each role may do with accounts. Deny unless allowed here; the subtree
// scope is checked separately with org::WithinScope.
// 双人复核: granting a role (a new account, a role change) is requested by a system administrator and resetting
// a password by a security administrator; either is approved by an administrator of another role who is
// neither the requester nor the account concerned.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "modules/accounts/model.h"

namespace jiceng::accounts {

Status CanListAccounts(const Principal& p);   // the three administrators
Status CanCreateAccounts(const Principal& p);  // system administrators (request only)
Status CanUnlockAccounts(const Principal& p);  // security administrators
Status CanRequest(const Principal& p, RequestKind kind);
// Whether `p` may approve or reject `request` at `now` (unix seconds); pending requests expire after 7 days.
Status CanApprove(const Principal& p, const AccountRequest& request, int64_t now);
inline constexpr int64_t kRequestLifetime = 7 * 24 * 3600;

}  // namespace jiceng::accounts
