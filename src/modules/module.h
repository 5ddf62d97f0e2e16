// ModuleManifest: what a module registers with the rest of jiceng (Decidim's
// component manifest). Each module defines one in its module.cc; registry.cc
// lists them in dependency order. Manifests are constant after start-up.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

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
};

// A figure the dashboard rolls up over the tree (一表一单一图). `own_sql` returns rows (org_id, value): what
// each org node contributes by itself, on today's tree; the roll-up engine sums subtrees. A deadline indicator
// returns (org_id, day) rows instead, one per open item, day as days since 1970-01-01; overdue and due-soon are
// then computed at query time.
struct Indicator {
  std::string name;   // "members_full"
  std::string title;  // "正式党员"
  std::string own_sql;
  bool deadlines = false;
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
};

// All modules, in dependency order (org first).
const std::vector<const ModuleManifest*>& Modules();

}  // namespace jiceng
