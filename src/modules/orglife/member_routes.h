// The routes of the Party member's own pages (我的), meeting sign-in and members' accounts (member_routes.cc),
// added by the orglife module's AddRoutes.
#pragma once

#include "http/router.h"
#include "modules/accounts/guard.h"

namespace jiceng::orglife {

void AddMemberRoutes(http::Router& router, accounts::WebContext& ctx);

}  // namespace jiceng::orglife
