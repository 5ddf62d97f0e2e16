// The orglife module's manifest.
#include "modules/module.h"
#include "modules/orglife/demo.h"
#include "modules/orglife/member_demo.h"

namespace jiceng::orglife {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{
      "orglife",
      "组织生活",
      [](DemoContext& ctx) {
        if (ctx.members_per_branch > 0) return;  // the national-scale demo keeps to the registry and duty
        auto made = SeedDemoOrglife(ctx.db, ctx.rng, ctx.today, ctx.actor);
        ctx.made["orglife_meetings"] = made.meetings;
        ctx.made["orglife_groups"] = made.groups;
        ctx.made["member_accounts"] = SeedDemoMember(ctx.db, ctx.cipher, ctx.demo_password, ctx.today, ctx.actor, &ctx.notes);
      },
      nullptr,
      AddRoutes,
      {
          // 三会一课未按期支部: a Party branch whose latest ended period of a required 支部党员大会, 支委会, 党小组会
          // or 党课 was not met (the span in orglife_standing, frequency.h), or that has recorded no meeting at all.
          {"orglife_branches_behind", "三会一课未按期支部", IndicatorKind::kCount,
           "SELECT u.id, 1 FROM org_unit u WHERE {orgs} AND u.kind = 'party_branch' AND ("
           "NOT EXISTS (SELECT 1 FROM orglife_standing s WHERE s.branch_id = u.id) OR "
           "EXISTS (SELECT 1 FROM orglife_standing s WHERE s.branch_id = u.id AND s.required = 1 AND s.kind IN "
           "('general_meeting', 'committee_meeting', 'group_meeting', 'party_lecture') AND ((s.window_from <= {today} AND {today} < s.window_to) OR s.behind_from <= {today})))",
           "u.id"},
      },
      {
          {"orglife_standing", "ROW.branch_id", {"window_to", "behind_from"}},
      },
  };
  return kManifest;
}

}  // namespace jiceng::orglife
