// HTTP routes of the dashboard: one node's 一表一单一图, live from the roll-up engine.
#include "modules/dashboard/routes.h"

#include "modules/dashboard/json.h"
#include "modules/dashboard/queries.h"

namespace jiceng::dashboard {

void AddRoutes(http::Router& router, accounts::WebContext& ctx, RollupFeed& feed) {
  router.Add("GET", "/api/v1/dashboard",
             accounts::Guard(ctx, [&feed](const http::Request& r, const accounts::Principal& p, store::Connection& db) {
               feed.CatchUp(db);  // nothing to do while the feed is followed; else reads the change log
               auto shown = DashboardQueries(db, p, feed).Show(accounts::QueryValue(r, "org"));
               if (!shown.ok()) return http::JsonError(shown.status());
               return http::Json(ToJson(*shown));
             }));
}

}  // namespace jiceng::dashboard
