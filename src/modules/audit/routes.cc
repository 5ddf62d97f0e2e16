// HTTP routes of the audit module: the log, filtered, for the audit administrator's subtree.
#include <boost/json.hpp>

#include "modules/accounts/guard.h"
#include "modules/audit/permissions.h"
#include "modules/org/repo.h"
#include "store/audit.h"

namespace jiceng::audit {

void AddRoutes(http::Router& router, accounts::WebContext& ctx) {
  router.Add("GET", "/api/v1/audit",
             accounts::Guard(ctx, [](const http::Request& r, const accounts::Principal& p, store::Connection& db) {
               if (Status st = CanReadAudit(p); !st.ok()) return http::JsonError(st);
               store::AuditFilter filter;
               filter.actor = accounts::QueryValue(r, "actor");
               filter.action = accounts::QueryValue(r, "action");
               filter.from = accounts::QueryValue(r, "from");
               filter.to = accounts::QueryValue(r, "to");
               for (const char* field : {"from", "to"}) {
                 std::string value = accounts::QueryValue(r, field);
                 if (!value.empty() && !Date::Parse(value)) {
                   return http::JsonError(Status::Invalid(field, "日期无效：" + value + "（格式 YYYY-MM-DD）"));
                 }
               }
               org::OrgRepo orgs(db);
               std::string org_code = accounts::QueryValue(r, "org");
               int64_t root = p.org_id;
               if (!org_code.empty()) {
                 auto unit = org::FindWithin(orgs, p.org_id, org_code, Date::Today());
                 if (!unit) {
                   return http::JsonError(Status::NotFound("org", "未找到该单位，或不在您的管辖范围内"));
                 }
                 root = unit->id;
               }
               // An administrator at the top of the tree also sees records that belong to no organization.
               auto link = orgs.LinkAt(root, Date::Today());
               if (!org_code.empty() || !link || link->parent_id != 0) filter.org_ids = orgs.SubtreeIds(root, Date::Today());
               int page = std::max(1, std::atoi(accounts::QueryValue(r, "page").c_str()));
               int size = std::atoi(accounts::QueryValue(r, "page_size").c_str());
               filter.limit = size >= 1 && size <= 200 ? size : 20;
               filter.offset = (page - 1) * filter.limit;
               int64_t total = 0;
               boost::json::array items;
               for (const auto& rec : store::ListAudit(db, filter, &total)) {
                 items.push_back({{"id", rec.id},
                                  {"at", rec.at},
                                  {"actor", rec.actor},
                                  {"address", rec.address},
                                  {"action", rec.action},
                                  {"object", rec.object},
                                  {"org_code", rec.org_code}});
               }
               return http::Json(boost::json::object{
                   {"total", total}, {"page", page}, {"page_size", filter.limit}, {"items", items}});
             }));
}

}  // namespace jiceng::audit
