// The org module's manifest.
#include "modules/module.h"
#include "modules/org/demo.h"

namespace jiceng::org {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{
      "org",
      "组织体系",
      [](DemoContext& ctx) {
        auto made = SeedDemoOrgs(ctx.db, ctx.rng);
        ctx.made["party_orgs"] = made.party_orgs;
        ctx.made["units"] = made.units;
      },
      nullptr,
      AddRoutes,
  };
  return kManifest;
}

}  // namespace jiceng::org
