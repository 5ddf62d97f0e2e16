// The duty module's manifest.
#include "modules/duty/demo.h"
#include "modules/duty/model.h"
#include "modules/module.h"

namespace jiceng::duty {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

Indicator Items(const char* name, const char* title, const std::string& states) {
  return {name, title, IndicatorKind::kCount,
          "SELECT responsible_org_id, COUNT(*) FROM duty_item WHERE {orgs} AND state IN " + states + " GROUP BY 1",
          "responsible_org_id"};
}

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{
      "duty",
      "责任整改",
      [](DemoContext& ctx) {
        auto made = SeedDemoDuty(ctx.db, ctx.rng, ctx.today, ctx.members_per_branch > 0);
        ctx.made["duty_lists"] = made.lists;
        ctx.made["duty_problems"] = made.problems;
        ctx.made["duty_measures"] = made.measures;
      },
      nullptr,
      AddRoutes,
      {
          Items("duty_open", "未销号事项", OpenStatesSql()),
          Items("duty_accepted", "已销号事项", "('accepted')"),
          Items("duty_returned", "被退回事项", "('returned')"),
          // One row per open item: its deadline as a day number, for overdue and due-soon at query time.
          {"duty", "事项", IndicatorKind::kDeadlines,
           std::string("SELECT responsible_org_id, CAST(julianday(deadline) - 2440587.5 AS INTEGER) FROM duty_item"
                       " WHERE {orgs} AND state IN ") + OpenStatesSql(),
           "responsible_org_id"},
          // One row per signed-off item: the (local) day of its last acceptance.
          {"duty_signed_off", "销号事项", IndicatorKind::kDated,
           "SELECT i.responsible_org_id, CAST(julianday(substr(MAX(e.at), 1, 10)) - 2440587.5 AS INTEGER)"
           " FROM duty_item i JOIN duty_event e ON e.item_id = i.id AND e.to_state = 'accepted'"
           " WHERE {orgs} AND i.state = 'accepted' GROUP BY i.id",
           "i.responsible_org_id"},
          {"duty_completion", "整改完成率", IndicatorKind::kPercent, "", "", {"duty_accepted"},
           {"duty_accepted", "duty_open"}},
      },
      {
          {"duty_item", "ROW.responsible_org_id"},
      },
  };
  return kManifest;
}

}  // namespace jiceng::duty
