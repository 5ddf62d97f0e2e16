// HTTP routes of the audit module: the log, filtered, for the audit administrator's subtree.
#include <boost/json.hpp>

#include "modules/accounts/guard.h"
#include "modules/audit/actions.h"
#include "modules/audit/permissions.h"
#include "modules/audit/queries.h"

namespace jiceng::audit {

void AddRoutes(http::Router& router, accounts::WebContext& ctx) {
  // The one list of actions with their Chinese names, for the page's names and its 操作 filter.
  router.Add("GET", "/api/v1/audit/actions",
             accounts::Guard(ctx, [](const http::Request&, const accounts::Principal& p, store::Connection&) {
               if (Status st = CanReadAudit(p); !st.ok()) return http::JsonError(st);
               boost::json::array items;
               for (const auto& a : AuditActions()) {
                 items.push_back({{"code", a.code}, {"name", a.name}, {"group", a.group}});
               }
               return http::Json(boost::json::object{{"items", items}});
             }));
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
               for (const auto& view : page->items) {
                 const auto& rec = view.record;
                 items.push_back({{"id", rec.id},
                                  {"at", rec.at},
                                  {"actor", rec.actor},
                                  {"actor_name", view.actor_name},
                                  {"actor_kind", view.actor_kind},
                                  {"address", rec.address},
                                  {"action", rec.action},
                                  {"action_name", view.action_name},
                                  {"object", rec.object},
                                  {"object_kind", view.object_kind},
                                  {"object_title", view.object_title},
                                  {"org_code", rec.org_code},
                                  {"org_name", view.org_name}});
               }
               return http::Json(boost::json::object{
                   {"total", page->total}, {"page", page->page}, {"page_size", page->page_size}, {"items", items}});
             }));
}

}  // namespace jiceng::audit
