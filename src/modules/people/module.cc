// The people module's manifest.
#include "modules/module.h"
#include "modules/people/demo.h"
#include "modules/people/repo.h"

namespace jiceng::people {

void AddRoutes(http::Router& router, accounts::WebContext& ctx);

// People counted where they belong today (their affiliation today: one entered from a later day, as a merge's,
// counts from that day).
Indicator Affiliated(const char* name, const char* title, const std::string& condition) {
  return {name, title, IndicatorKind::kCount,
          "SELECT po.org_id, COUNT(*) FROM person p JOIN person_org po ON po.person_id = p.id"
          " AND po.valid_from <= {today} AND {today} < po.valid_to WHERE {orgs} AND " + condition +
              " GROUP BY po.org_id",
          "po.org_id"};
}

// A village or community on today's tree whose Party organizations (its direct children today) have no secretary
// serving today (a post ends on its end day; one appointed from a later day serves from that day).
constexpr const char* kNoSecretary =
    "SELECT v.id, 1 FROM org_unit v JOIN org_link vl ON vl.unit_id = v.id AND vl.valid_from <= {today} AND"
    " {today} < vl.valid_to WHERE {orgs} AND v.level = 'village' AND NOT EXISTS (SELECT 1 FROM org_link bl JOIN"
    " post ps ON ps.org_id = bl.unit_id AND ps.title = 'secretary' AND ps.start_on <= {today} AND {today} < ps.end_on"
    " WHERE bl.parent_id = v.id AND bl.valid_from <= {today} AND {today} < bl.valid_to)";

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
           "SELECT po.org_id, COUNT(*) FROM person_org po WHERE {orgs} AND po.valid_from <= {today} AND"
           " {today} < po.valid_to GROUP BY po.org_id",
           "po.org_id"},
          {"villages_without_secretary", "村（社区）书记空缺", IndicatorKind::kCount, kNoSecretary, "v.id"},
      },
      {
          {"person_org", "ROW.org_id", {"valid_from", "valid_to"}},
          // A person's status counts at every org of their affiliations (today's among them).
          {"person", "SELECT org_id FROM person_org WHERE person_id = ROW.id"},
          // A post's org is a Party organization; its village, the parent, is recomputed with it.
          {"post", "ROW.org_id", {"start_on", "end_on"}},
      },
  };
  return kManifest;
}

}  // namespace jiceng::people
