// Feeding the roll-up engine from the store: today's tree and every module's
// indicators (ModuleManifest::indicators), a check of the engine against plain
// SQL, and the SQL answer to the same questions for the benchmark.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "modules/module.h"
#include "rollup/engine.h"
#include "store/store.h"

namespace jiceng {

struct RollupFeed {
  std::unique_ptr<rollup::Engine> engine;
  std::vector<Indicator> counters;                            // in the engine's counter order
  std::vector<Indicator> deadlines;                           // in the engine's deadline-set order
  std::vector<std::pair<rollup::NodeId, std::string>> nodes;  // every node with its level, parents first
  double build_seconds = 0;
};

// Builds the engine from the store: O(rows) at start.
RollupFeed BuildRollup(store::Connection& db, Date today);

struct RollupDifference {
  rollup::NodeId node;
  std::string indicator;
  int64_t engine = 0, sql = 0;
};
// Recomputes every indicator for every node with SQL (the closure of today's tree) and lists what differs.
std::vector<RollupDifference> VerifyRollup(store::Connection& db, const RollupFeed& feed, Date today,
                                           int due_soon_days);

// The SQL path for one node: counters of the node and of each child, computed from the store.
struct SqlFigures {
  std::vector<int64_t> totals;
  std::vector<std::pair<rollup::NodeId, std::vector<int64_t>>> children;
};
SqlFigures SqlRollup(store::Connection& db, const RollupFeed& feed, rollup::NodeId node, Date today);

}  // namespace jiceng
