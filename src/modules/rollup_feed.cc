#include "modules/rollup_feed.h"

#include <iostream>

#include "store/notify.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <set>
#include <thread>
#include <unordered_map>

namespace jiceng {
namespace {

constexpr const char* kTouched = "(SELECT CAST(value AS INTEGER) FROM json_each(?1))";

constexpr const char* kLive =
    "SELECT unit_id AS id, parent_id AS parent FROM org_link WHERE valid_from <= ?1 AND ?1 < valid_to";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string JsonArray(const std::set<int64_t>& ids) {
  std::string out = "[";
  for (int64_t id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  return out + "]";
}

size_t IndexIn(const std::vector<Indicator>& list, const std::string& name) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].name == name) return i;
  }
  throw std::logic_error("roll-up: no counter named " + name);
}

// The watched tables: every module's sources (their writes concern that module's indicators), and the tree itself
// (tree = 1: every indicator).
struct Watched {
  std::string table, org_of_row;
  int tree;
  std::string module;
  std::vector<std::string> dated;
};
std::vector<Watched> WatchedTables() {
  std::vector<Watched> out = {{"org_link", "ROW.unit_id", 1, "", {}}};
  for (const ModuleManifest* m : Modules()) {
    for (const RollupSource& source : m->rollup_sources) {
      out.push_back({source.table, source.org_of_row, 0, m->name, source.dated});
    }
  }
  return out;
}

bool IsSelect(const std::string& org_of_row) { return org_of_row.rfind("SELECT ", 0) == 0; }

// The parameter `{today}` becomes in an indicator's SQL (numbered high, clear of the callers' own parameters).
constexpr int kTodayParameter = 9;
void BindToday(store::Statement& statement, const Indicator& indicator, Date today) {
  if (indicator.own_sql.find("{today}") != std::string::npos) statement.Bind(kTodayParameter, today.ToString());
}

// Reads, all from one snapshot of the store.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(store::Connection& db) : db_(db) { db_.Exec("BEGIN"); }
  ~ReadSnapshot() {
    try {
      db_.Exec("COMMIT");
    } catch (...) {  // a read-only transaction: nothing to lose
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  store::Connection& db_;
};

}  // namespace

std::string OwnSql(const Indicator& indicator, const std::string& org_set) {
  return Replace(Replace(indicator.own_sql, "{orgs}", org_set.empty() ? "1 = 1" : indicator.org_column + " IN " + org_set),
                 "{today}", std::string("?") + std::to_string(kTodayParameter));
}

std::unique_ptr<RollupFeed> BuildRollup(store::Connection& db, Date today, int due_soon_days,
                                        const std::function<std::unique_ptr<store::Connection>()>& open_reader,
                                        int threads) {
  const auto started = std::chrono::steady_clock::now();
  auto feed = std::make_unique<RollupFeed>();
  feed->day = today;
  feed->due_soon_days = due_soon_days;
  std::vector<std::string> counter_names, day_set_names;
  for (const ModuleManifest* m : Modules()) {
    for (const Indicator& ind : m->indicators) {
      if (ind.kind == IndicatorKind::kCount) {
        feed->counters.push_back(ind);
        feed->counter_modules.push_back(m->name);
        counter_names.push_back(ind.name);
      } else if (ind.kind == IndicatorKind::kDeadlines || ind.kind == IndicatorKind::kDated) {
        feed->day_sets.push_back(ind);
        feed->day_set_modules.push_back(m->name);
        day_set_names.push_back(ind.name);
      }
    }
  }
  // The columns, in the order modules declare them.
  using Source = RollupFeed::ColumnSource;
  for (const ModuleManifest* m : Modules()) {
    for (const Indicator& ind : m->indicators) {
      switch (ind.kind) {
        case IndicatorKind::kCount:
          feed->columns.push_back({ind.name, ind.title, m->name});
          feed->sources.push_back({Source::kCounter, IndexIn(feed->counters, ind.name)});
          break;
        case IndicatorKind::kDeadlines: {
          const size_t set = IndexIn(feed->day_sets, ind.name);
          feed->columns.push_back({ind.name + "_overdue", "逾期" + ind.title, m->name});
          feed->sources.push_back({Source::kOverdue, set});
          feed->columns.push_back({ind.name + "_due_soon", "临期" + ind.title, m->name});
          feed->sources.push_back({Source::kDueSoon, set});
          break;
        }
        case IndicatorKind::kDated:
          feed->columns.push_back({ind.name + "_this_month", "本月" + ind.title, m->name});
          feed->sources.push_back({Source::kSince, IndexIn(feed->day_sets, ind.name)});
          break;
        case IndicatorKind::kSum:
        case IndicatorKind::kPercent: {
          Source source{ind.kind == IndicatorKind::kSum ? Source::kSum : Source::kPercent};
          for (const auto& n : ind.numerator) source.numerator.push_back(IndexIn(feed->counters, n));
          for (const auto& n : ind.denominator) source.denominator.push_back(IndexIn(feed->counters, n));
          feed->columns.push_back({ind.name, ind.title, m->name, ind.kind == IndicatorKind::kPercent});
          if (ind.kind == IndicatorKind::kPercent) {
            feed->columns.back().numerator = ind.numerator;
            feed->columns.back().denominator = ind.denominator;
          }
          feed->sources.push_back(source);
          break;
        }
      }
    }
  }
  feed->engine = std::make_unique<rollup::Engine>(counter_names, day_set_names);
  ReadSnapshot snapshot(db);  // the figures and the change log's position from one state of the store
  feed->last_change = store::QueryInt(db, "SELECT COALESCE(MAX(id), 0) FROM rollup_change");
  feed->trimmed_change = 0;
  // Today's tree, parents before children.
  std::unordered_map<int64_t, std::vector<int64_t>> children;
  std::vector<int64_t> roots;
  auto links = db.Prepare(
      "SELECT l.unit_id, COALESCE(l.parent_id, 0), u.level FROM org_link l JOIN org_unit u ON u.id = l.unit_id"
      " WHERE l.valid_from <= ?1 AND ?1 < l.valid_to");
  links->Bind(1, today.ToString());
  while (links->Step()) {
    int64_t id = links->Int(0), parent = links->Int(1);
    feed->nodes.emplace_hint(feed->nodes.end(), id, links->Text(2));
    (parent == 0 ? roots : children[parent]).push_back(id);
  }
  std::vector<std::pair<int64_t, int64_t>> stack;
  for (int64_t r : roots) stack.emplace_back(r, rollup::kNoParent);
  while (!stack.empty()) {
    auto [id, parent] = stack.back();
    stack.pop_back();
    feed->engine->AddNode(id, parent);
    for (int64_t c : children[id]) stack.emplace_back(c, id);
  }
  // Every indicator's own rows, read in parallel when more connections are at hand (each query is a scan of its
  // tables; at national scale they take seconds each). Another connection may see a later commit than the tree
  // and the log position read above: harmless, since Refresh sets own figures to what the store says.
  const size_t jobs = feed->counters.size() + feed->day_sets.size();
  std::vector<std::vector<std::pair<int64_t, int64_t>>> rows(jobs);
  auto run = [&](store::Connection& on, size_t job) {
    const Indicator& ind = job < feed->counters.size() ? feed->counters[job] : feed->day_sets[job - feed->counters.size()];
    auto st = on.Prepare(OwnSql(ind, ""));
    BindToday(*st, ind, today);
    while (st->Step()) rows[job].emplace_back(st->Int(0), st->Int(1));
  };
  std::vector<std::unique_ptr<store::Connection>> readers;
  for (int i = 1; i < threads && open_reader; ++i) readers.push_back(open_reader());
  std::atomic<size_t> next{0};
  auto worker = [&](store::Connection& on) {
    ReadSnapshot reading(on);
    for (size_t job = next++; job < jobs; job = next++) run(on, job);
  };
  std::vector<std::thread> pool;
  std::exception_ptr failed;
  std::mutex failed_mutex;
  for (auto& reader : readers) {
    pool.emplace_back([&, conn = reader.get()] {
      try {
        worker(*conn);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failed_mutex);
        failed = std::current_exception();
      }
    });
  }
  for (size_t job = next++; job < jobs; job = next++) run(db, job);
  for (auto& t : pool) t.join();
  if (failed) std::rethrow_exception(failed);
  for (size_t c = 0; c < feed->counters.size(); ++c) {
    std::vector<rollup::Engine::Delta> deltas;
    for (const auto& [org, n] : rows[c]) deltas.push_back({org, c, n});
    feed->engine->Apply(deltas);
  }
  for (size_t s = 0; s < feed->day_sets.size(); ++s) {
    std::vector<rollup::Engine::DayDelta> deltas;
    for (const auto& [org, day] : rows[feed->counters.size() + s]) deltas.push_back({org, s, static_cast<int32_t>(day), 1});
    feed->engine->Apply({}, deltas);
  }
  feed->build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return feed;
}

rollup::Window RollupFeed::WindowOf(Date today) const {
  return {static_cast<int32_t>(today.days()), due_soon_days,
          static_cast<int32_t>(today.AddDays(1 - today.day()).days())};
}

std::vector<double> RollupFeed::Values(rollup::NodeId node, Date today) const {
  rollup::Rows rows;
  if (!engine->Read(node, WindowOf(today), rows, false)) return std::vector<double>(sources.size(), 0.0);
  return ColumnValues(rows, 0);
}

std::optional<int64_t> RollupFeed::Figure(rollup::NodeId node, std::string_view name, Date today) const {
  if (!nodes.count(node)) return std::nullopt;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name != name) continue;
    const std::vector<double> values = Values(node, today);
    if (i >= values.size() || values[i] != values[i]) return std::nullopt;
    return static_cast<int64_t>(values[i]);
  }
  return std::nullopt;
}

std::vector<RollupFeed::Row> RollupFeed::Table(rollup::NodeId node, Date today) const {
  rollup::Rows rows;
  std::vector<Row> table;
  if (!engine->Read(node, WindowOf(today), rows)) return table;
  for (size_t r = 0; r < rows.size(); ++r) table.push_back({rows.id(r), rows.children(r), ColumnValues(rows, r)});
  return table;
}

std::vector<double> RollupFeed::ColumnValues(const rollup::Rows& rows, size_t row) const {
  std::vector<double> out;
  out.reserve(sources.size());
  auto sum = [&](const std::vector<size_t>& counters) {
    int64_t total = 0;
    for (size_t i : counters) total += rows.counter(row, i);
    return static_cast<double>(total);
  };
  for (const ColumnSource& s : sources) {
    switch (s.kind) {
      case ColumnSource::kCounter: out.push_back(static_cast<double>(rows.counter(row, s.index))); break;
      case ColumnSource::kOverdue: out.push_back(static_cast<double>(rows.overdue(row, s.index))); break;
      case ColumnSource::kDueSoon: out.push_back(static_cast<double>(rows.due_soon(row, s.index))); break;
      case ColumnSource::kSince: out.push_back(static_cast<double>(rows.since(row, s.index))); break;
      case ColumnSource::kSum: out.push_back(sum(s.numerator)); break;
      case ColumnSource::kPercent: {
        const double num = sum(s.numerator), den = sum(s.denominator);
        out.push_back(den == 0 ? std::nan("") : 100.0 * num / den);
        break;
      }
    }
  }
  return out;
}

bool FeedMemory::Subtree(int64_t root, std::vector<int64_t>& out) const { return feed_.engine->Subtree(root, out); }

std::optional<int64_t> FeedMemory::Figure(int64_t root, std::string_view name) const {
  return feed_.Figure(root, name, feed_.day);
}

bool FeedMemory::UnitsWithDays(int64_t root, std::string_view day_set, int32_t from, int32_t to, int64_t need,
                               DayUnits& out) const {
  for (size_t s = 0; s < feed_.day_sets.size(); ++s) {
    if (feed_.day_sets[s].name == day_set) {
      return feed_.engine->NodesWithDays(root, s, from, to, need, out.count, out.last_day, out.units);
    }
  }
  return false;
}

void WatchWrites(store::Connection& db) {
  store::Transaction tx(db);
  for (const auto& name : db.Triggers()) {
    if (name.starts_with("rollup_")) db.Exec("DROP TRIGGER " + name);
  }
  const std::vector<Watched> watched = WatchedTables();
  for (size_t i = 0; i < watched.size(); ++i) {
    const Watched& w = watched[i];
    auto note = [&](const char* row) {
      const std::string orgs = Replace(w.org_of_row, "ROW.", std::string(row) + ".");
      const std::string tail = ", " + std::to_string(w.tree) + ", '" + w.module + "' FROM ";
      if (IsSelect(orgs)) return "INSERT INTO rollup_change(org_id, tree, module) SELECT o.*" + tail + "(" + orgs + ") o;";
      return "INSERT INTO rollup_change(org_id, tree, module) SELECT x" + tail + "(SELECT " + orgs +
             " AS x) n WHERE x IS NOT NULL;";
    };
    const std::string name = "rollup_" + std::to_string(i) + "_" + w.table;
    db.Exec("CREATE TRIGGER " + name + "_insert AFTER INSERT ON " + w.table + " BEGIN " + note("NEW") + " END");
    db.Exec("CREATE TRIGGER " + name + "_delete AFTER DELETE ON " + w.table + " BEGIN " + note("OLD") + " END");
    db.Exec("CREATE TRIGGER " + name + "_update AFTER UPDATE ON " + w.table + " BEGIN " + note("OLD") + " " +
            note("NEW") + " END");
  }
  // PostgreSQL: a commit that logged anything wakes every server's RollupFollower (nothing on SQLite).
  store::NotifyOnInsert(db, "rollup_change", kRollupChannel);
  tx.Commit();
}

void RollupFeed::CatchUp(store::Connection& db) {
  if (followed.load() && refreshed_day.load() == Date::Today().days()) return;
  Refresh(db);
}

RollupFollower::RollupFollower(RollupFeed& feed, std::string target) : feed_(feed), target_(std::move(target)) {
  if (store::IsServerDatabase(target_)) thread_ = std::thread([this] { Run(); });
}

RollupFollower::~RollupFollower() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  feed_.followed = false;
}

void RollupFollower::Run() {
  bool told = false;
  while (!stop_) {
    try {
      auto listener = store::Listen(target_, kRollupChannel);
      auto db = store::Open(target_, {});
      if (!listener.ok() || !db.ok()) throw store::Fault((listener.ok() ? db.status() : listener.status()).message());
      if (!*listener) return;  // nothing to listen to: reads refresh first
      feed_.Refresh(**db);     // whatever committed before the LISTEN began
      feed_.followed = true;
      if (told) std::cerr << "实时汇总：已重新连接数据库通知" << std::endl;
      told = false;
      while (!stop_) {
        // A short wait only so that stopping is prompt; the database is asked nothing until a notification comes.
        if ((*listener)->Wait(250)) feed_.Refresh(**db);
      }
    } catch (const std::exception& e) {
      feed_.followed = false;
      if (!told) std::cerr << "实时汇总：数据库通知中断（读取时改为先查变更日志）：" << e.what() << std::endl;
      told = true;
      for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

size_t RollupFeed::Refresh(store::Connection& db) {
  std::lock_guard<std::mutex> lock(refresh_mutex);
  size_t recomputed = 0;
  {
    ReadSnapshot snapshot(db);
    recomputed = RefreshLocked(db);
  }
  refreshed_day = day.days();
  // The log is only needed until read: trim it now and then (a write of its own, so not on every request). The
  // last entry read stays: ids are rowids, and in an emptied table the next one would start again at 1, below
  // last_change, so every later write would be missed.
  if (last_change - trimmed_change > 20000) {
    auto trim = db.Prepare("DELETE FROM rollup_change WHERE id < ?1");
    trim->Bind(1, last_change);
    trim->Run();
    trimmed_change = last_change;
  }
  return recomputed;
}

size_t RollupFeed::RefreshLocked(store::Connection& db) {
  std::set<int64_t> touched, units;  // touched: by the tree, so for every indicator
  std::map<std::string, std::set<int64_t>> by_module;
  {
    // Committed writes are logged in commit order (one writer at a time), so "after the last one read" is exact.
    store::Statement& rows =
        db.Cached("SELECT id, org_id, tree, module FROM rollup_change WHERE id > ?1 ORDER BY id");
    rows.Bind(1, last_change);
    while (rows.Step()) {
      last_change = rows.Int(0);
      if (rows.Int(2)) {
        units.insert(rows.Int(1));
      } else {
        by_module[rows.Text(3)].insert(rows.Int(1));
      }
    }
  }
  const Date today = Date::Today();
  if (today != day) {
    // The calendar passed the start or end of a dated link: those units move on today's tree.
    auto rows = db.Prepare(
        "SELECT unit_id FROM org_link WHERE (valid_from > ?1 AND valid_from <= ?2) OR (valid_to > ?1 AND valid_to <= ?2)"
        " OR (valid_from > ?2 AND valid_from <= ?1) OR (valid_to > ?2 AND valid_to <= ?1)");
    rows->Bind(1, day.ToString()).Bind(2, today.ToString());
    while (rows->Step()) units.insert(rows->Int(0));
    // Likewise rows of the modules' tables that start or stop counting (an affiliation from a merge's day on, a
    // post ending): their orgs are recomputed for that module.
    for (const Watched& w : WatchedTables()) {
      if (w.dated.empty() || IsSelect(w.org_of_row)) continue;
      std::string passed;
      for (const std::string& c : w.dated) {
        passed += std::string(passed.empty() ? "" : " OR ") + "(t." + c + " > ?1 AND t." + c + " <= ?2) OR (t." + c +
                  " > ?2 AND t." + c + " <= ?1)";
      }
      auto orgs = db.Prepare("SELECT " + Replace(w.org_of_row, "ROW.", "t.") + " FROM " + w.table + " t WHERE " + passed);
      orgs->Bind(1, day.ToString()).Bind(2, today.ToString());
      while (orgs->Step()) {
        if (!orgs->IsNull(0)) by_module[w.module].insert(orgs->Int(0));
      }
    }
    day = today;
  }
  if (by_module.empty() && units.empty()) return 0;

  // The tree: where each unit whose links changed stands today.
  rollup::Engine::Batch batch;
  std::set<int64_t> removed;
  if (!units.empty()) {
    store::Statement& link = db.Cached(
        "SELECT COALESCE(l.parent_id, 0), u.level FROM org_link l JOIN org_unit u ON u.id = l.unit_id"
        " WHERE l.unit_id = ?1 AND l.valid_from <= ?2 AND ?2 < l.valid_to");
    std::vector<std::pair<int64_t, int64_t>> adds;
    for (int64_t unit : units) {
      const int64_t old_parent = engine->ParentOf(unit);
      if (old_parent != rollup::kNoParent) touched.insert(old_parent);
      link.Reset();
      link.Bind(1, unit).Bind(2, today.ToString());
      const bool live = link.Step();
      const int64_t parent = live ? link.Int(0) : 0;
      const std::string level = live ? link.Text(1) : "";
      link.Reset();  // a statement left mid-result would keep its read snapshot open after the commit
      if (!live) {
        if (engine->Has(unit)) {
          batch.removes.push_back(unit);
          removed.insert(unit);
          nodes.erase(unit);
        }
        continue;
      }
      if (parent != 0) touched.insert(parent);
      touched.insert(unit);
      nodes[unit] = level;
      if (!engine->Has(unit)) {
        adds.emplace_back(unit, parent);
      } else if (parent != old_parent) {
        batch.moves.emplace_back(unit, parent);
      }
    }
    // Parents first: a new unit under another new unit waits for it.
    std::set<int64_t> placed;
    while (!adds.empty()) {
      std::vector<std::pair<int64_t, int64_t>> waiting;
      for (const auto& add : adds) {
        bool parent_new = false;
        for (const auto& other : adds) parent_new |= other.first == add.second && !placed.count(add.second);
        (parent_new ? waiting : batch.adds).push_back(add);
        if (!parent_new) placed.insert(add.first);
      }
      if (waiting.size() == adds.size()) {  // a cycle cannot come from the store; place them as they are
        batch.adds.insert(batch.adds.end(), waiting.begin(), waiting.end());
        break;
      }
      adds = std::move(waiting);
    }
  }
  // Which orgs each module's indicators recompute: those its tables touched and those the tree touched, and their
  // parents, since an own figure may depend on direct children (a village's branches).
  std::map<std::string, std::set<int64_t>> recompute;
  std::map<std::string, std::string> ids;
  std::map<int64_t, rollup::OwnFigures> before;  // own figures do not change when nodes move
  for (const ModuleManifest* m : Modules()) {
    std::set<int64_t> orgs = touched;
    orgs.insert(by_module[m->name].begin(), by_module[m->name].end());
    if (orgs.empty()) continue;
    std::set<int64_t> parents;
    for (int64_t org : orgs) {
      const int64_t parent = engine->ParentOf(org);
      if (parent != rollup::kNoParent) parents.insert(parent);
    }
    orgs.insert(parents.begin(), parents.end());
    for (int64_t gone : removed) orgs.erase(gone);
    for (int64_t org : orgs) {
      if (!before.count(org)) before.emplace(org, engine->Own(org));
    }
    ids[m->name] = JsonArray(orgs);
    recompute[m->name] = std::move(orgs);
  }
  for (size_t c = 0; c < counters.size(); ++c) {
    auto orgs = recompute.find(counter_modules[c]);
    if (orgs == recompute.end()) continue;
    std::map<int64_t, int64_t> now;
    store::Statement& rows = db.Cached(OwnSql(counters[c], kTouched));
    rows.Bind(1, ids[counter_modules[c]]);
    BindToday(rows, counters[c], today);
    while (rows.Step()) now[rows.Int(0)] += rows.Int(1);
    for (int64_t org : orgs->second) {
      const int64_t want = now.count(org) ? now[org] : 0;
      const int64_t delta = want - before[org].counters[c];
      if (delta != 0) batch.deltas.push_back({org, c, delta});
    }
  }
  for (size_t s = 0; s < day_sets.size(); ++s) {
    auto orgs = recompute.find(day_set_modules[s]);
    if (orgs == recompute.end()) continue;
    std::map<int64_t, std::map<int32_t, int64_t>> now;
    store::Statement& rows = db.Cached(OwnSql(day_sets[s], kTouched));
    rows.Bind(1, ids[day_set_modules[s]]);
    BindToday(rows, day_sets[s], today);
    while (rows.Step()) ++now[rows.Int(0)][static_cast<int32_t>(rows.Int(1))];
    for (int64_t org : orgs->second) {
      std::map<int32_t, int64_t> delta = now[org];
      for (const auto& [d, n] : before[org].days[s]) delta[d] -= n;
      for (const auto& [d, n] : delta) {
        if (n != 0) batch.day_deltas.push_back({org, s, d, n});
      }
    }
  }
  engine->Update(batch);
  return before.size();
}

std::vector<RollupDifference> VerifyRollup(store::Connection& db, const RollupFeed& feed, Date today) {
  std::vector<RollupDifference> differences;
  const std::string closure = std::string("WITH RECURSIVE live(id, parent) AS (") + kLive +
                              "), closure(anc, node) AS (SELECT id, id FROM live UNION ALL"
                              " SELECT c.anc, l.id FROM closure c JOIN live l ON l.parent = c.node)";
  // The tree itself: every node of today's tree is in the engine under the right parent, and nothing else is.
  std::set<int64_t> live;
  {
    auto rows = db.Prepare(kLive);
    rows->Bind(1, today.ToString());
    while (rows->Step()) {
      const int64_t id = rows->Int(0), parent = rows->IsNull(1) ? rollup::kNoParent : rows->Int(1);
      live.insert(id);
      if (!feed.engine->Has(id)) {
        differences.push_back({id, "node", 0, 1});
      } else if (feed.engine->ParentOf(id) != parent) {
        differences.push_back({id, "parent", feed.engine->ParentOf(id), parent});
      }
    }
    for (const auto& [id, level] : feed.nodes) {
      if (!live.count(id)) differences.push_back({id, "node", 1, 0});
    }
    if (feed.engine->size() < live.size()) differences.push_back({0, "node_count", 0, 0});
  }
  auto compare = [&](const std::string& name, const std::map<int64_t, int64_t>& sql, auto engine_value) {
    for (int64_t node : live) {
      if (!feed.engine->Has(node)) continue;
      auto it = sql.find(node);
      int64_t want = it == sql.end() ? 0 : it->second;
      int64_t got = engine_value(node);
      if (got != want) differences.push_back({node, name, got, want});
    }
  };
  const rollup::Window window = feed.WindowOf(today);
  const int32_t day = window.today, month_start = window.since;
  rollup::Rows rows;  // one buffer for the 1.4M reads of a national check
  auto get = [&](int64_t node) -> const rollup::Rows& {
    feed.engine->Read(node, window, rows, false);
    return rows;
  };
  for (size_t c = 0; c < feed.counters.size(); ++c) {
    auto rows = db.Prepare(closure + ", own(org_id, n) AS (" + OwnSql(feed.counters[c], "") +
                           ") SELECT c.anc, SUM(own.n) FROM closure c JOIN own ON own.org_id = c.node GROUP BY c.anc");
    rows->Bind(1, today.ToString());
    BindToday(*rows, feed.counters[c], today);
    std::map<int64_t, int64_t> sql;
    while (rows->Step()) sql[rows->Int(0)] = rows->Int(1);
    compare(feed.counters[c].name, sql, [&](int64_t node) { return get(node).counter(0, c); });
  }
  for (size_t s = 0; s < feed.day_sets.size(); ++s) {
    auto rows = db.Prepare(closure + ", own(org_id, day) AS (" + OwnSql(feed.day_sets[s], "") +
                           ") SELECT c.anc, SUM(CASE WHEN own.day < ?2 THEN 1 ELSE 0 END),"
                           " SUM(CASE WHEN own.day >= ?2 AND own.day <= ?2 + ?3 THEN 1 ELSE 0 END),"
                           " SUM(CASE WHEN own.day >= ?4 AND own.day <= ?2 THEN 1 ELSE 0 END)"
                           " FROM closure c JOIN own ON own.org_id = c.node GROUP BY c.anc");
    rows->Bind(1, today.ToString()).Bind(2, day).Bind(3, feed.due_soon_days).Bind(4, month_start);
    BindToday(*rows, feed.day_sets[s], today);
    std::map<int64_t, int64_t> before, soon, since;
    while (rows->Step()) {
      before[rows->Int(0)] = rows->Int(1);
      soon[rows->Int(0)] = rows->Int(2);
      since[rows->Int(0)] = rows->Int(3);
    }
    const std::string& name = feed.day_sets[s].name;
    compare(name + ".before_today", before, [&](int64_t node) { return get(node).overdue(0, s); });
    compare(name + ".due_soon", soon, [&](int64_t node) { return get(node).due_soon(0, s); });
    compare(name + ".this_month", since, [&](int64_t node) { return get(node).since(0, s); });
  }
  return differences;
}

SqlFigures SqlRollup(store::Connection& db, const RollupFeed& feed, rollup::NodeId node, Date today) {
  SqlFigures out;
  out.totals.assign(feed.counters.size(), 0);
  // The node's subtree first (a recursive query over today's links), each descendant tagged with the child it lies
  // under (the node itself with 0); then each indicator narrowed to those orgs by the same `{orgs}` filter the live
  // refresh uses, which lets the planner start from the orgs' index whatever it knows of the tables.
  std::unordered_map<int64_t, int64_t> top_of;
  std::set<int64_t> ids;
  {
    auto sub = db.Prepare(
        "WITH RECURSIVE sub(id, top) AS (SELECT CAST(?2 AS INTEGER), CAST(0 AS INTEGER) UNION ALL SELECT l.unit_id, CASE sub.top WHEN 0 THEN l.unit_id"
        " ELSE sub.top END FROM org_link l JOIN sub ON l.parent_id = sub.id WHERE l.valid_from <= ?1 AND"
        " ?1 < l.valid_to) SELECT id, top FROM sub");
    sub->Bind(1, today.ToString()).Bind(2, node);
    while (sub->Step()) {
      top_of[sub->Int(0)] = sub->Int(1);
      ids.insert(sub->Int(0));
    }
  }
  const std::string json = JsonArray(ids);
  std::map<int64_t, std::vector<int64_t>> by_child;
  for (size_t c = 0; c < feed.counters.size(); ++c) {
    auto rows = db.Prepare(OwnSql(feed.counters[c], kTouched));
    rows->Bind(1, json);
    BindToday(*rows, feed.counters[c], today);
    while (rows->Step()) {
      const int64_t org = rows->Int(0), n = rows->Int(1);
      out.totals[c] += n;
      const int64_t top = top_of[org];
      if (top != 0) {
        auto& v = by_child[top];
        v.resize(feed.counters.size(), 0);
        v[c] += n;
      }
    }
  }
  for (auto& [child, values] : by_child) out.children.emplace_back(child, values);
  return out;
}

}  // namespace jiceng
