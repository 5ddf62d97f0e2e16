// HTTP routes of the audit log's export (.xlsx and .csv): the audit page's filters, the audit administrator only.
#include "core/text.h"
#include "modules/accounts/guard.h"
#include "modules/audit/export.h"

namespace jiceng::audit {
namespace {

AuditRequest RequestFrom(const http::Request& r) {
  return AuditRequest{accounts::QueryValue(r, "actor"),
                      accounts::QueryValue(r, "action"),
                      accounts::QueryValue(r, "org"),
                      accounts::QueryValue(r, "from"),
                      accounts::QueryValue(r, "to"),
                      1,
                      20};
}

http::Response File(std::string bytes, const std::string& content_type, const std::string& file_name) {
  return http::Attachment(std::move(bytes), content_type, file_name, "audit");
}

}  // namespace

void AddExportRoutes(http::Router& router, accounts::WebContext& ctx) {
  router.Add("GET", "/api/v1/audit.xlsx",
             accounts::Guard(ctx, [](const http::Request& r, const accounts::Principal& p, store::Connection& db) {
               auto e = ExportAudit(db, p, RequestFrom(r));
               if (!e.ok()) return http::JsonError(e.status());
               auto bytes = AuditXlsx(*e);
               if (!bytes.ok()) return http::JsonError(bytes.status());
               return File(std::move(*bytes), http::kXlsxType,
                           e->org_name + "审计日志.xlsx");
             }));
  router.Add("GET", "/api/v1/audit.csv",
             accounts::Guard(ctx, [](const http::Request& r, const accounts::Principal& p, store::Connection& db) {
               auto e = ExportAudit(db, p, RequestFrom(r));
               if (!e.ok()) return http::JsonError(e.status());
               return File(AuditCsv(*e), "text/csv; charset=utf-8", e->org_name + "审计日志.csv");
             }));
}

}  // namespace jiceng::audit
