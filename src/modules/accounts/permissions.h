// What each role may do with accounts. Deny unless allowed here; the subtree
// scope is checked separately with org::WithinScope.
#pragma once

#include "core/status.h"
#include "modules/accounts/model.h"

namespace jiceng::accounts {

Status CanListAccounts(const Principal& p);   // system and security administrators
Status CanCreateAccounts(const Principal& p);  // system administrators
Status CanUnlockAccounts(const Principal& p);  // security administrators

}  // namespace jiceng::accounts
