// The org module's manifest.
#include "modules/module.h"
#include "modules/org/demo.h"

namespace jiceng::org {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

// Each unit of a kind on today's tree counts for itself (and so for every ancestor). The tree's own table,
// org_link, is watched by the roll-up feed itself, and so are the days its links start and end.
Indicator Units(const char* name, const char* title, const std::string& kind) {
  return {name, title, IndicatorKind::kCount,
          "SELECT u.id, 1 FROM org_unit u JOIN org_link l ON l.unit_id = u.id AND l.valid_from <= {today} AND"
          " {today} < l.valid_to WHERE {orgs} AND u.kind = '" + kind + "'",
          "u.id"};
}

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{
      "org",
      "组织体系",
      [](DemoContext& ctx) {
        auto made = SeedDemoOrgs(ctx.db, ctx.rng, ctx.members_per_branch > 0);
        ctx.made["party_orgs"] = made.party_orgs;
        ctx.made["units"] = made.units;
      },
      nullptr,
      AddRoutes,
      {
          Units("party_committees", "党委", "party_committee"),
          Units("party_general_branches", "党总支", "party_general_branch"),
          Units("party_branches", "党支部", "party_branch"),
      },
  };
  return kManifest;
}

}  // namespace jiceng::org
