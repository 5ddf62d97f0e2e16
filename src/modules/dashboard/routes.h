// The dashboard's routes. The dashboard reads every module's figures, so it sits above the module registry
// (it is not a module of its own manifest) and serve wires it with the live roll-up feed.
#pragma once

#include "http/router.h"
#include "modules/accounts/guard.h"
#include "modules/rollup_feed.h"

namespace jiceng::dashboard {

void AddRoutes(http::Router& router, accounts::WebContext& ctx, RollupFeed& feed);

}  // namespace jiceng::dashboard
