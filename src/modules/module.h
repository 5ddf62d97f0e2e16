// ModuleManifest: what a module registers with the rest of jiceng (Decidim's
// component manifest). Each module defines one in its module.cc; registry.cc
// lists them in dependency order. Manifests are constant after start-up.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/crypto.h"
#include "core/date.h"
#include "core/random.h"
#include "http/router.h"
#include "modules/accounts/guard.h"
#include "store/store.h"

namespace jiceng {

// What demo seeding gets: the open transaction's connection, a generator forked
// for the module, and somewhere to report what it made.
struct DemoContext {
  store::Connection& db;
  Rng rng;
  Date today;
  const FieldCipher& cipher;
  std::map<std::string, int64_t> made;  // "party_orgs" → 5168, ...
  std::string demo_password;             // empty: generate passwords for demo accounts
  std::vector<std::string> notes;        // lines to show the person who ran init, once
  // > 0: the national-scale demo (init --province all), this many members in each village and community branch;
  // 0: the detailed provincial demo.
  int members_per_branch = 0;
  // Who seeds, for the audit records the demo writes: init sets the command line's actor (cli:<os user>), so the
  // audit page names it 命令行（系统） rather than an unknown "init".
  Actor actor{std::string(kCliActorPrefix) + "init", "local"};
};

// A figure the dashboard rolls up over the tree (一表一单一图). `own_sql` returns what each org node contributes
// by itself on today's tree, and contains `{orgs}` where the roll-up feed narrows it to some org ids (the text
// becomes a condition on `org_column`, or `1` for every org), so that after a write only the touched orgs are
// recomputed. It may contain `{today}`, a parameter the feed binds to the day asked ('YYYY-MM-DD'), for rows
// valid over a period: `po.valid_from <= {today} AND {today} < po.valid_to` counts what holds today, not what was
// entered to hold from a later day. An own value may depend on the node's own rows and its direct children's (a
// village's branches).
enum class IndicatorKind {
  kCount,      // own_sql: (org_id, n); summed over the subtree
  kDeadlines,  // own_sql: (org_id, day) per open item; read as <name>_overdue and <name>_due_soon on the day asked
  kDated,      // own_sql: (org_id, day) per event; read as <name>_this_month
  kPercent,    // 100 × sum(numerator) / sum(denominator) of kCount indicators, computed when read
  kSum,        // sum(numerator) of kCount indicators, computed when read (no scan of its own at start)
};

struct Indicator {
  std::string name;   // "members_full"
  std::string title;  // "正式党员"
  IndicatorKind kind = IndicatorKind::kCount;
  std::string own_sql;
  std::string org_column;  // "po.org_id": the column `{orgs}` narrows
  std::vector<std::string> numerator, denominator;  // kPercent, kSum: names of kCount indicators
};

// A table whose rows feed indicators. Triggers record the org each inserted, updated or deleted row names
// (`org_of_row`: an SQL expression over the row's columns written as ROW.column, or a SELECT of one column giving
// several orgs); after the write commits, those orgs and their parents are recomputed. `dated` names the row's
// date columns that start or end its effect: when the calendar passes one, the row's org is recomputed (only with
// an expression `org_of_row`).
struct RollupSource {
  std::string table;                // "person_org"
  std::string org_of_row;           // "ROW.org_id"
  std::vector<std::string> dated{};  // {"valid_from", "valid_to"}
};

struct ModuleManifest {
  std::string name;   // "org", "people": also the folder under src/modules and web/src/modules
  std::string title;  // Chinese title shown to users
  // Demo data on the imported tree, deterministic from the context's generator.
  std::function<void(DemoContext&)> seed_demo;
  // Inside an org merge's transaction: move what belongs to `from_id` to `into_id`.
  std::function<void(store::Connection&, int64_t from_id, int64_t into_id, Date on)> on_org_merge;
  // Registers the module's HTTP routes (thin handlers; see STYLE.md).
  std::function<void(http::Router&, accounts::WebContext&)> add_routes;
  std::vector<Indicator> indicators;
  std::vector<RollupSource> rollup_sources;
};

// All modules, in dependency order (org first).
const std::vector<const ModuleManifest*>& Modules();
// Every module's on_org_merge, in that order: what an org merge must call (org::OrgCommands takes them).
std::vector<std::function<void(store::Connection&, int64_t from_id, int64_t into_id, Date on)>> MergeListeners();

}  // namespace jiceng
