// The accounts module's manifest.
#include "modules/accounts/demo.h"
#include "modules/module.h"

namespace jiceng::accounts {

void AddRoutes(http::Router& router, WebContext& ctx);

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{
      "accounts",
      "账号",
      [](DemoContext& ctx) {
        ctx.made["accounts"] = SeedDemoAccounts(ctx.db, ctx.cipher, ctx.demo_password, ctx.actor, &ctx.notes);
      },
      nullptr,
      AddRoutes,
  };
  return kManifest;
}

}  // namespace jiceng::accounts
