// The people module's manifest.
#include "modules/module.h"
#include "modules/people/demo.h"
#include "modules/people/repo.h"

namespace jiceng::people {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

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
  };
  return kManifest;
}

}  // namespace jiceng::people
