// The audit module's manifest: the audit log's page. The log itself is kept by store/audit.
#include "modules/module.h"

namespace jiceng::audit {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);
void AddExportRoutes(http::Router& router, accounts::WebContext& ctx);

namespace {
void AddAllRoutes(http::Router& router, accounts::WebContext& ctx) {
  AddRoutes(router, ctx);
  AddExportRoutes(router, ctx);
}
}  // namespace

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{"audit", "审计日志", nullptr, nullptr, AddAllRoutes};
  return kManifest;
}

}  // namespace jiceng::audit
