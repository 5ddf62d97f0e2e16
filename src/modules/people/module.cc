// The people module's manifest.
#include "modules/module.h"
#include "modules/people/demo.h"
#include "modules/people/repo.h"

namespace jiceng::people {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

// People counted where they belong today (their current affiliation).
std::string Affiliated(const std::string& condition) {
  return "SELECT po.org_id, COUNT(*) FROM person p JOIN person_org po ON po.person_id = p.id"
         " AND po.valid_to = '9999-12-31' WHERE " +
         condition + " GROUP BY po.org_id";
}

const ModuleManifest& Manifest() {
  static const ModuleManifest kManifest{
      "people",
      "人员",
      [](DemoContext& ctx) {
        auto made = SeedDemoPeople(ctx.db, ctx.cipher, ctx.rng);
        ctx.made["persons"] = made.persons;
        ctx.made["posts"] = made.posts;
      },
      // Members of a merged organization belong to the absorbing one from that day.
      [](store::Connection& db, int64_t from_id, int64_t into_id, Date on) {
        PeopleRepo(db).MoveAffiliations(from_id, into_id, on);
      },
      AddRoutes,
      {
          {"persons", "人员", Affiliated("1 = 1")},
          {"members_full", "正式党员", Affiliated("p.political_status = 'full_member'")},
          {"members_probationary", "预备党员", Affiliated("p.political_status = 'probationary_member'")},
          {"candidates", "发展对象", Affiliated("p.political_status = 'candidate'")},
          {"activists", "入党积极分子", Affiliated("p.political_status = 'activist'")},
      },
  };
  return kManifest;
}

}  // namespace jiceng::people
