// The duty module's manifest.
#include "modules/duty/demo.h"
#include "modules/module.h"

namespace jiceng::duty {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

constexpr const char* kOpen =
    "SELECT responsible_org_id, COUNT(*) FROM duty_item WHERE state IN"
    " ('assigned', 'published', 'in_progress', 'submitted', 'returned') GROUP BY 1";

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
      {
          {"duty_open", "未销号事项", kOpen},
          {"duty_accepted", "已销号事项",
           "SELECT responsible_org_id, COUNT(*) FROM duty_item WHERE state = 'accepted' GROUP BY 1"},
          {"duty_returned", "退回事项",
           "SELECT responsible_org_id, COUNT(*) FROM duty_item WHERE state = 'returned' GROUP BY 1"},
          // One row per open item: its deadline as a day number, for overdue and due-soon at query time.
          {"duty_deadlines", "逾期/临期",
           "SELECT responsible_org_id, CAST(julianday(deadline) - 2440587.5 AS INTEGER) FROM duty_item WHERE state IN"
           " ('assigned', 'published', 'in_progress', 'submitted', 'returned')",
           true},
      },
  };
  return kManifest;
}

}  // namespace jiceng::duty
