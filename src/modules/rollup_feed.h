// Feeding the roll-up engine from the store: today's tree and every module's
// indicators (ModuleManifest::indicators), kept live after every committed
// write (triggers log the orgs a write touches in rollup_change, whichever
// process wrote; Refresh recomputes just those), a check of the engine against
// plain SQL, and the SQL answer to the same questions for the benchmark.
#pragma once

#include <atomic>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "modules/module.h"
#include "modules/org/tree_memory.h"
#include "rollup/engine.h"
#include "store/store.h"

namespace jiceng {

// One figure as the dashboard shows it: a counter, a deadline set's overdue or due-soon, a dated set's count this
// month, or a percent of counters.
struct RollupColumn {
  std::string name;   // "members_full", "duty_overdue", "duty_signed_off_this_month", "duty_completion"
  std::string title;  // "正式党员", "逾期事项", "本月销号事项", "整改完成率"
  std::string module;
  bool percent = false;
  // A percent's parts, by column name (numerator over the sum of denominator), so that a page can compute the
  // same ratio for a row it derives, such as the dashboard's 本级 row.
  std::vector<std::string> numerator{}, denominator{};
};

struct RollupFeed {
  std::unique_ptr<rollup::Engine> engine;
  std::vector<Indicator> counters;                 // in the engine's counter order
  std::vector<Indicator> day_sets;                 // in the engine's day-set order (deadlines and dated)
  std::vector<std::string> counter_modules, day_set_modules;  // the module that declares each
  std::vector<RollupColumn> columns;               // every figure, in the order modules declare them
  std::map<rollup::NodeId, std::string> nodes;     // today's tree: every node with its level
  double build_seconds = 0;
  int due_soon_days = 7;
  Date day;                                        // the day the tree was last brought up to date

  // A node's figures on `today`, one value per column (NaN: a percent of nothing).
  std::vector<double> Values(rollup::NodeId node, Date today) const;
  // One figure of a node by its column name ("persons"); nothing for an unknown node or name, or a NaN.
  std::optional<int64_t> Figure(rollup::NodeId node, std::string_view name, Date today) const;
  // The node's values and each child's, read under one lock (the 一表 question). Empty if the node is unknown.
  struct Row {
    rollup::NodeId id = 0;
    size_t children = 0;  // how many children the row's node has
    std::vector<double> values;
  };
  std::vector<Row> Table(rollup::NodeId node, Date today) const;
  // When a read on `today` is asked: the due-soon window and the month so far.
  rollup::Window WindowOf(Date today) const;
  // One row of a read as column values.
  std::vector<double> ColumnValues(const rollup::Rows& rows, size_t row) const;

  // Reads the change log past the last entry read (every write committed since, by this process or another):
  // recomputes the own figures of every org touched, and of their parents, moves/adds/removes tree nodes whose
  // links changed, and applies it all to the engine in one update. Also catches the tree up when the calendar
  // passed a dated change. Returns the number of orgs recomputed. Call after each write, and before reads.
  size_t Refresh(store::Connection& db);
  // Before a read: Refresh, unless a RollupFollower follows the change log (it refreshes as soon as another
  // process's write commits) and the day has not changed since the last refresh. Then a read costs no query.
  void CatchUp(store::Connection& db);
  std::atomic<bool> followed{false};      // set by a RollupFollower while its listener is connected
  std::atomic<int64_t> refreshed_day{0};  // Date::days() of the last Refresh

  // Private to the feed, public for its functions in rollup_feed.cc.
  struct ColumnSource {
    enum Kind { kCounter, kOverdue, kDueSoon, kSince, kSum, kPercent } kind;
    size_t index = 0;                     // counter or day set
    std::vector<size_t> numerator, denominator;  // counters
  };
  std::vector<ColumnSource> sources;
  std::mutex refresh_mutex;
  int64_t last_change = 0, trimmed_change = 0;  // rollup_change ids
  size_t RefreshLocked(store::Connection& db);
};

// The channel the change log's statement trigger notifies on PostgreSQL (store/notify.h).
inline constexpr const char* kRollupChannel = "jiceng_rollup";

// Keeps a feed up to date with every process's writes as they commit, so that reads need not look at the change
// log (RollupFeed::CatchUp). On PostgreSQL a thread of its own holds a LISTENing connection (store/notify.h) and
// refreshes the feed, on another connection of its own, at each notification; after a lost connection it marks the
// feed not followed (reads refresh themselves again), waits a second and connects again. On SQLite it does nothing:
// reads refresh first, as before. Stops and joins its thread when destroyed.
class RollupFollower {
 public:
  RollupFollower(RollupFeed& feed, std::string target);
  ~RollupFollower();
  RollupFollower(const RollupFollower&) = delete;
  RollupFollower& operator=(const RollupFollower&) = delete;

 private:
  void Run();
  RollupFeed& feed_;
  std::string target_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// The feed's tree as the lists' memory of today's tree (org/tree_memory.h): the engine as of the feed's last
// Refresh, which whoever hands it to a list calls first.
class FeedMemory : public org::TreeMemory {
 public:
  explicit FeedMemory(const RollupFeed& feed) : feed_(feed) {}
  Date Day() const override { return feed_.day; }
  bool Subtree(int64_t root, std::vector<int64_t>& out) const override;
  std::optional<int64_t> Figure(int64_t root, std::string_view name) const override;
  bool UnitsWithDays(int64_t root, std::string_view day_set, int32_t from, int32_t to, int64_t need,
                     DayUnits& out) const override;

 private:
  const RollupFeed& feed_;
};

// Builds the engine from the store: O(rows) at start. With `open_reader`, up to `threads` connections read the
// indicators in parallel.
std::unique_ptr<RollupFeed> BuildRollup(store::Connection& db, Date today, int due_soon_days,
                                        const std::function<std::unique_ptr<store::Connection>()>& open_reader = {},
                                        int threads = 1);

// (Re)creates the triggers that log in rollup_change which orgs a write touches: every module's RollupSource,
// and org_link for the tree. Derived from the manifests, so they are replaced at every server start.
void WatchWrites(store::Connection& db);

struct RollupDifference {
  rollup::NodeId node;
  std::string indicator;
  int64_t engine = 0, sql = 0;
};
// Recomputes every indicator for every node with SQL (the closure of today's tree) and lists what differs,
// including nodes the engine lacks or keeps without their being on today's tree.
std::vector<RollupDifference> VerifyRollup(store::Connection& db, const RollupFeed& feed, Date today);

// The SQL path for one node: counters of the node and of each child, computed from the store (the subtree's ids
// by a recursive query, then each indicator for those orgs).
struct SqlFigures {
  std::vector<int64_t> totals;
  std::vector<std::pair<rollup::NodeId, std::vector<int64_t>>> children;
};
SqlFigures SqlRollup(store::Connection& db, const RollupFeed& feed, rollup::NodeId node, Date today);

// An indicator's own SQL for every org (`org_set` empty) or for the orgs of an SQL set expression such as
// "(SELECT value FROM json_each(?1))".
std::string OwnSql(const Indicator& indicator, const std::string& org_set);

}  // namespace jiceng
