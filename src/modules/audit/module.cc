// The audit module's manifest: the audit log's page. The log itself is kept by store/audit.
#include "modules/module.h"

namespace jiceng::audit {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{"audit", "审计日志", nullptr, nullptr, AddRoutes};
  return kManifest;
}

}  // namespace jiceng::audit
