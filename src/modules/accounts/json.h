// JSON mapping of accounts (Boost.JSON). Never includes password or TOTP material.
#pragma once

#include <boost/json/value.hpp>

#include "modules/accounts/model.h"
#include "modules/accounts/sessions.h"

namespace jiceng::accounts {

boost::json::value ToJson(const Account& account);
// The answer to sign-in and GET /session.
boost::json::value SessionToJson(const Session& session, const Account& account);

}  // namespace jiceng::accounts
