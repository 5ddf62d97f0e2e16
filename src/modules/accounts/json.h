// JSON mapping of accounts (Boost.JSON). Never includes password or TOTP material.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "modules/accounts/model.h"
#include "modules/accounts/sessions.h"
#include "store/store.h"

namespace jiceng::accounts {

boost::json::value ToJson(const Account& account);
// The answer to sign-in and GET /session.
// Carries "password_reset" {requested_by, approved_by, at} in the session that follows a reset.
// A session as GET /session answers it; a password reset's requester and approver named through actors.h.
boost::json::value SessionToJson(store::Connection& db, const Session& session, const Account& account);
// A request; `caller` decides the can_approve / can_withdraw flags.
boost::json::value ToJson(const AccountRequest& request, const Principal& caller, int64_t now);
// Unix seconds as "2026-12-01 21:38" in Beijing time.
std::string BeijingTime(int64_t unix_seconds);

}  // namespace jiceng::accounts
