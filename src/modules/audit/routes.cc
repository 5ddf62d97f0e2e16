// HTTP routes of the audit module: the log, filtered, for the audit administrator's subtree.
#include <boost/json.hpp>

#include "modules/accounts/guard.h"
#include "modules/audit/queries.h"

namespace jiceng::audit {

void AddRoutes(http::Router& router, accounts::WebContext& ctx) {
  router.Add("GET", "/api/v1/audit",
             accounts::Guard(ctx, [](const http::Request& r, const accounts::Principal& p, store::Connection& db) {
               AuditRequest request{accounts::QueryValue(r, "actor"),
                                    accounts::QueryValue(r, "action"),
                                    accounts::QueryValue(r, "org"),
                                    accounts::QueryValue(r, "from"),
                                    accounts::QueryValue(r, "to"),
                                    1, 20};
               if (auto page = accounts::QueryValue(r, "page"); !page.empty()) request.page = std::atoi(page.c_str());
               if (auto size = accounts::QueryValue(r, "page_size"); !size.empty()) {
                 request.page_size = std::atoi(size.c_str());
               }
               auto page = ListAudit(db, p, request);
               if (!page.ok()) return http::JsonError(page.status());
               boost::json::array items;
               for (const auto& rec : page->items) {
                 items.push_back({{"id", rec.id},
                                  {"at", rec.at},
                                  {"actor", rec.actor},
                                  {"address", rec.address},
                                  {"action", rec.action},
                                  {"object", rec.object},
                                  {"org_code", rec.org_code}});
               }
               return http::Json(boost::json::object{
                   {"total", page->total}, {"page", page->page}, {"page_size", page->page_size}, {"items", items}});
             }));
}

}  // namespace jiceng::audit
