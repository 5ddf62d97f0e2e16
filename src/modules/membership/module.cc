// The membership module's manifest (党员管理; its dues part so far).
#include "modules/module.h"
#include "modules/membership/demo.h"

namespace jiceng::membership {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{
      "membership",
      "党员管理",
      [](DemoContext& ctx) {
        auto made = SeedDemoDues(ctx.db, ctx.rng, ctx.today, ctx.actor.login);
        ctx.made["dues_bases"] = made.bases;
        ctx.made["dues_records"] = made.records;
      },
      // A merged branch's members' dues go with them to the absorbing organization.
      [](store::Connection& db, int64_t from_id, int64_t into_id, Date) {
        for (const char* table :
             {"dues_account", "dues_record", "dues_exception", "dues_voluntary", "dues_arrears_action"}) {
          auto s = db.Prepare(std::string("UPDATE ") + table + " SET org_id = ?1 WHERE org_id = ?2");
          s->Bind(1, into_id).Bind(2, from_id);
          s->Run();
        }
      },
      AddRoutes,
      {
          // Members owing dues this month (a basis applies from this month or before).
          {"dues_members_due", "本月应缴党费党员", IndicatorKind::kCount,
           "SELECT org_id, COUNT(*) FROM dues_account WHERE {orgs} AND first_due_on <= {today} GROUP BY org_id",
           "org_id"},
          // Members whose month is settled: paid (in time, reduced or in advance) or waived.
          {"dues_members_settled", "本月已缴党费党员", IndicatorKind::kCount,
           "SELECT org_id, COUNT(*) FROM dues_record WHERE {orgs} AND month_on <= {today} AND {today} < month_after"
           " GROUP BY org_id",
           "org_id"},
          {"dues_collection",
           "本月党费收缴率",
           IndicatorKind::kPercent,
           "",
           "",
           {"dues_members_settled"},
           {"dues_members_due"}},
          {"dues_arrears_3", "连续欠缴党费3个月及以上党员", IndicatorKind::kCount,
           "SELECT org_id, COUNT(*) FROM dues_account WHERE {orgs} AND arrears3_on <= {today} GROUP BY org_id",
           "org_id"},
          {"dues_arrears_6", "连续欠缴党费6个月及以上党员", IndicatorKind::kCount,
           "SELECT org_id, COUNT(*) FROM dues_account WHERE {orgs} AND arrears6_on <= {today} GROUP BY org_id",
           "org_id"},
      },
      {
          {"dues_account", "ROW.org_id", {"first_due_on", "arrears3_on", "arrears6_on"}},
          {"dues_record", "ROW.org_id", {"month_on", "month_after"}},
      },
  };
  return kManifest;
}

}  // namespace jiceng::membership
