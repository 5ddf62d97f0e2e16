// The duty module's manifest.
#include "modules/duty/demo.h"
#include "modules/module.h"

namespace jiceng::duty {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{
      "duty",
      "责任整改",
      [](DemoContext& ctx) {
        auto made = SeedDemoDuty(ctx.db, ctx.rng, ctx.today);
        ctx.made["duty_lists"] = made.lists;
        ctx.made["duty_problems"] = made.problems;
        ctx.made["duty_measures"] = made.measures;
      },
      nullptr,
      AddRoutes,
  };
  return kManifest;
}

}  // namespace jiceng::duty
