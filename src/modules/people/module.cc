// The people module's manifest.
#include "modules/module.h"
#include "modules/people/demo.h"
#include "modules/people/repo.h"

namespace jiceng::people {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

// People counted where they belong today (their current affiliation).
Indicator Affiliated(const char* name, const char* title, const std::string& condition) {
  return {name, title, IndicatorKind::kCount,
          "SELECT po.org_id, COUNT(*) FROM person p JOIN person_org po ON po.person_id = p.id"
          " AND po.valid_to = '9999-12-31' WHERE {orgs} AND " + condition + " GROUP BY po.org_id",
          "po.org_id"};
}

// A village or community whose Party organizations (its direct children) have no serving secretary.
constexpr const char* kNoSecretary =
    "SELECT v.id, 1 FROM org_unit v JOIN org_link vl ON vl.unit_id = v.id AND vl.valid_to = '9999-12-31'"
    " WHERE {orgs} AND v.level = 'village' AND NOT EXISTS (SELECT 1 FROM org_link bl JOIN post ps ON"
    " ps.org_id = bl.unit_id AND ps.title = 'secretary' AND ps.end_on = '9999-12-31'"
    " WHERE bl.parent_id = v.id AND bl.valid_to = '9999-12-31')";

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{
      "people",
      "人员",
      [](DemoContext& ctx) {
        auto made = SeedDemoPeople(ctx.db, ctx.cipher, ctx.rng, ctx.members_per_branch);
        ctx.made["persons"] = made.persons;
        ctx.made["posts"] = made.posts;
      },
      // Members of a merged organization belong to the absorbing one from that day.
      [](store::Connection& db, int64_t from_id, int64_t into_id, Date on) {
        PeopleRepo(db).MoveAffiliations(from_id, into_id, on);
      },
      AddRoutes,
      {
          {"members", "党员", IndicatorKind::kSum, "", "", {"members_full", "members_probationary"}},
          Affiliated("members_full", "正式党员", "p.political_status = 'full_member'"),
          Affiliated("members_probationary", "预备党员", "p.political_status = 'probationary_member'"),
          Affiliated("candidates", "发展对象", "p.political_status = 'candidate'"),
          Affiliated("activists", "入党积极分子", "p.political_status = 'activist'"),
          // Everyone registered: the affiliations alone (an index scan, no person rows read).
          {"persons", "登记人员", IndicatorKind::kCount,
           "SELECT po.org_id, COUNT(*) FROM person_org po WHERE {orgs} AND po.valid_to = '9999-12-31'"
           " GROUP BY po.org_id",
           "po.org_id"},
          {"villages_without_secretary", "村（社区）书记空缺", IndicatorKind::kCount, kNoSecretary, "v.id"},
      },
      {
          {"person_org", "ROW.org_id"},
          {"person", "(SELECT org_id FROM person_org WHERE person_id = ROW.id AND valid_to = '9999-12-31')"},
          {"post", "ROW.org_id"},
      },
  };
  return kManifest;
}

}  // namespace jiceng::people
