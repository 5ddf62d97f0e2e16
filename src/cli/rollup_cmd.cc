// jiceng rollup verify and jiceng bench rollup: the roll-up engine checked and timed against plain SQL.
#include <sys/resource.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <iostream>
#include <random>

#include "cli/app.h"
#include "modules/dashboard/json.h"
#include "modules/duty/calendar.h"
#include "modules/org/repo.h"
#include "modules/rollup_feed.h"

namespace jiceng::cli {
namespace {

double Ms(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

// The calling thread's CPU time: a query whose wall time is far above it waited (descheduled, or on a page fault
// served from disk), which tells the engine's own cost from the machine's interference.
std::chrono::nanoseconds ThreadCpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
}

int64_t PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int Verify(const std::string& path) {
  auto opened = OpenDatabase(path);
  if (!opened.ok()) return Fail(opened.status());
  const Date today = Date::Today();
  auto feed = BuildRollup(*opened->db, today, duty::DueSoonDays());
  auto differences = VerifyRollup(*opened->db, *feed, today);
  boost::json::array listed;
  for (size_t i = 0; i < differences.size() && i < 20; ++i) {
    const auto& d = differences[i];
    listed.push_back({{"node", d.node}, {"indicator", d.indicator}, {"engine", d.engine}, {"sql", d.sql}});
  }
  PrintJson(boost::json::object{{"nodes", static_cast<int64_t>(feed->nodes.size())},
                                {"indicators", static_cast<int64_t>(feed->counters.size() + 3 * feed->day_sets.size())},
                                {"differences", static_cast<int64_t>(differences.size())},
                                {"first_differences", listed},
                                {"ok", differences.empty()}});
  return differences.empty() ? kExitOk : kExitFault;
}

// One node's figures and its children's, from an engine built afresh from the store: what the server's live
// figures must equal after any sequence of writes (the API tests compare them).
int Show(const std::string& path, const std::string& code) {
  auto opened = OpenDatabase(path);
  if (!opened.ok()) return Fail(opened.status());
  const Date today = Date::Today();
  org::OrgRepo orgs(*opened->db);
  auto unit = orgs.FindByCode(code, today);
  if (!unit) return Fail(Status::NotFound("org", "未找到该单位：" + code));
  auto feed = BuildRollup(*opened->db, today, duty::DueSoonDays());
  // The node and its children in one read, as the dashboard asks.
  std::vector<RollupFeed::Row> table = feed->Table(unit->id, today);
  boost::json::array children;
  for (size_t r = 1; r < table.size(); ++r) {
    auto child_unit = orgs.FindById(table[r].id, today);
    children.push_back({{"code", child_unit ? child_unit->code : ""},
                        {"values", dashboard::ValuesJson(feed->columns, table[r].values)}});
  }
  PrintJson(boost::json::object{{"org", unit->code},
                                {"today", today.ToString()},
                                {"totals", dashboard::ValuesJson(feed->columns, feed->Values(unit->id, today))},
                                {"children", children}});
  return kExitOk;
}

// A stream of real writes: a member's political status flips (and flips back on the next write, so the data end
// as they began), each committed in its own transaction, then the feed refreshes the touched branch and its
// ancestors. Reports the commit and the refresh separately: the refresh is what the roll-up adds to a write.
struct WriteTimes {
  std::vector<double> commit_ms, refresh_ms;
  int64_t not_seen = 0;  // writes whose change the engine did not show right after the refresh
};
WriteTimes WriteStream(store::Connection& db, RollupFeed& feed, int writes, std::mt19937_64& rng) {
  WriteTimes times;
  std::vector<int64_t> members;
  auto pick = db.Prepare("SELECT id FROM person WHERE political_status = 'full_member' AND id % 97 = 0 LIMIT 5000");
  while (pick->Step()) members.push_back(pick->Int(0));
  if (members.empty()) return times;
  auto flip = db.Prepare(
      "UPDATE person SET political_status = CASE political_status WHEN 'full_member' THEN 'probationary_member'"
      " ELSE 'full_member' END WHERE id = ?1");
  auto org_of = db.Prepare("SELECT org_id FROM person_org WHERE person_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to");
  size_t full = 0;
  while (full < feed.counters.size() && feed.counters[full].name != "members_full") ++full;
  if (full == feed.counters.size()) return times;
  const rollup::Window window = feed.WindowOf(Date::Today());
  rollup::Rows rows;
  auto full_members = [&](int64_t org) {
    feed.engine->Read(org, window, rows, false);
    return rows.size() ? rows.counter(0, full) : -1;
  };
  int64_t person = 0, org = 0;
  for (int w = 0; w < writes; ++w) {
    if (w % 2 == 0) {
      person = members[rng() % members.size()];
      org_of->Reset();
      org_of->Bind(1, person).Bind(2, Date::Today().ToString());
      org = org_of->Step() ? org_of->Int(0) : 0;
      org_of->Reset();
    }
    const int64_t before = full_members(org);
    auto t0 = std::chrono::steady_clock::now();
    {
      store::Transaction tx(db);
      flip->Reset();
      flip->Bind(1, person);
      flip->Run();
      tx.Commit();
    }
    auto t1 = std::chrono::steady_clock::now();
    feed.Refresh(db);
    auto t2 = std::chrono::steady_clock::now();
    times.commit_ms.push_back(Ms(t1 - t0));
    times.refresh_ms.push_back(Ms(t2 - t1));
    // The first write of a pair makes a full member probationary, the second undoes it.
    if (full_members(org) != before + (w % 2 == 0 ? -1 : 1)) ++times.not_seen;
  }
  return times;
}

int Bench(const std::string& path, int queries, int writes, int engine_queries) {
  auto opened = OpenDatabase(path);
  if (!opened.ok()) return Fail(opened.status());
  store::Connection& db = *opened->db;
  const Date today = Date::Today();
  const int64_t rss_before = PeakRssKb();
  db.UpdateStatistics();  // as the server does at start
  WatchWrites(db);  // the triggers the server installs: the write stream below pays for them as a server would
  auto feed = BuildRollupParallel(db, path);
  const int64_t rss_built = PeakRssKb();
  // Queries spread over the levels, so that provinces and prefectures are asked as often as villages.
  std::map<std::string, std::vector<rollup::NodeId>> by_level;
  for (const auto& [id, level] : feed->nodes) by_level[level].push_back(id);
  std::vector<std::string> levels = {"province", "prefecture", "county", "township", "village"};
  std::mt19937_64 rng(20261122);
  // The engine answers into one buffer kept across questions, as a server thread would keep one (see rollup::Rows).
  const rollup::Window window = feed->WindowOf(today);
  rollup::Rows rows;
  feed->engine->Reserve(rows);
  std::vector<double> engine_ms, engine_cpu_ms, sql_ms;
  struct Slow {
    double ms, cpu_ms;
    std::string level;
    size_t children;
    long minflt, majflt;
  };
  std::vector<Slow> slowest;
  int64_t mismatches = 0;
  auto ask = [&](int q) {
    const auto& pool = by_level[levels[static_cast<size_t>(q) % levels.size()]];
    if (pool.empty()) return;
    rollup::NodeId node = pool[rng() % pool.size()];
    // The engine's answer to one dashboard question: the node's figures and every child's.
    rusage r0{}, r1{};
    getrusage(RUSAGE_THREAD, &r0);
    auto c0 = ThreadCpu();
    auto t0 = std::chrono::steady_clock::now();
    feed->engine->Read(node, window, rows);
    auto t1 = std::chrono::steady_clock::now();
    auto c1 = ThreadCpu();
    getrusage(RUSAGE_THREAD, &r1);
    SqlFigures sql = SqlRollup(db, *feed, node, today);
    auto t2 = std::chrono::steady_clock::now();
    engine_ms.push_back(Ms(t1 - t0));
    engine_cpu_ms.push_back(Ms(c1 - c0));
    sql_ms.push_back(Ms(t2 - t1));
    slowest.push_back({engine_ms.back(), engine_cpu_ms.back(), feed->nodes.at(node), rows.size() - 1,
                       r1.ru_minflt - r0.ru_minflt, r1.ru_majflt - r0.ru_majflt});
    std::sort(slowest.begin(), slowest.end(), [](const Slow& a, const Slow& b) { return a.ms > b.ms; });
    if (slowest.size() > 5) slowest.pop_back();
    if (rows.ToFigures(0).counters != sql.totals) ++mismatches;
    std::map<rollup::NodeId, std::vector<int64_t>> sql_children(sql.children.begin(), sql.children.end());
    for (size_t r = 1; r < rows.size(); ++r) {
      const std::vector<int64_t> counters = rows.ToFigures(r).counters;
      auto it = sql_children.find(rows.id(r));
      bool zero = std::all_of(counters.begin(), counters.end(), [](int64_t v) { return v == 0; });
      if (it == sql_children.end() ? !zero : it->second != counters) ++mismatches;
    }
  };
  for (int q = 0; q < queries; ++q) ask(q);
  WriteTimes times = WriteStream(db, *feed, writes, rng);
  // The same questions again after the writes: the engine still agrees with SQL.
  const int64_t mismatches_before_writes = mismatches;
  for (int q = 0; q < std::min(queries, 50); ++q) ask(q);
  // The engine alone, many more questions of the same spread, without the SQL baseline's scans in between.
  std::vector<double> alone_ms;
  for (int q = 0; q < engine_queries; ++q) {
    const auto& pool = by_level[levels[static_cast<size_t>(q) % levels.size()]];
    if (pool.empty()) continue;
    rollup::NodeId node = pool[rng() % pool.size()];
    auto t0 = std::chrono::steady_clock::now();
    feed->engine->Read(node, window, rows);
    alone_ms.push_back(Ms(std::chrono::steady_clock::now() - t0));
  }
  boost::json::array slow_list;
  for (const Slow& s : slowest) {
    slow_list.push_back({{"ms", s.ms}, {"cpu_ms", s.cpu_ms}, {"level", s.level}, {"children", s.children}, {"minflt", s.minflt}, {"majflt", s.majflt}});
  }
  const double engine_p50 = Percentile(engine_ms, 0.5), sql_p50 = Percentile(sql_ms, 0.5);
  const double engine_p99 = Percentile(engine_ms, 0.99), sql_p99 = Percentile(sql_ms, 0.99);
  PrintJson(boost::json::object{
      {"nodes", static_cast<int64_t>(feed->nodes.size())},
      {"persons", store::QueryInt(db, "SELECT COUNT(*) FROM person")},
      {"queries", static_cast<int64_t>(engine_ms.size())},
      {"mismatches", mismatches},
      {"mismatches_after_writes", mismatches - mismatches_before_writes},
      {"engine_p50_ms", engine_p50},
      {"engine_p99_ms", engine_p99},
      {"engine_max_ms", Percentile(engine_ms, 1.0)},
      {"engine_cpu_p99_ms", Percentile(engine_cpu_ms, 0.99)},
      {"engine_slowest", slow_list},
      {"engine_alone_queries", static_cast<int64_t>(alone_ms.size())},
      {"engine_alone_p50_ms", Percentile(alone_ms, 0.5)},
      {"engine_alone_p99_ms", Percentile(alone_ms, 0.99)},
      {"engine_alone_max_ms", Percentile(alone_ms, 1.0)},
      {"sql_p50_ms", sql_p50},
      {"sql_p99_ms", sql_p99},
      {"speedup_p50", engine_p50 > 0 ? sql_p50 / engine_p50 : 0.0},
      {"speedup_p99", engine_p99 > 0 ? sql_p99 / engine_p99 : 0.0},
      {"rebuild_seconds", feed->build_seconds},
      {"engine_memory_mb", static_cast<double>(feed->engine->MemoryBytes()) / (1024.0 * 1024.0)},
      {"rebuild_rss_growth_mb", static_cast<double>(rss_built - rss_before) / 1024.0},
      {"process_peak_rss_mb", static_cast<double>(std::max(PeakRssKb(), rss_before)) / 1024.0},
      {"writes", static_cast<int64_t>(times.refresh_ms.size())},
      {"write_commit_p50_ms", Percentile(times.commit_ms, 0.5)},
      {"write_added_p50_ms", Percentile(times.refresh_ms, 0.5)},
      {"write_added_p99_ms", Percentile(times.refresh_ms, 0.99)},
      {"writes_not_seen", times.not_seen}});
  return mismatches == 0 && times.not_seen == 0 ? kExitOk : kExitFault;
}

}  // namespace

void AddRollupCommands(CLI::App& app, int& exit_code) {
  auto db = std::make_shared<std::string>();
  auto queries = std::make_shared<int>(500);
  auto writes = std::make_shared<int>(2000);
  auto engine_queries = std::make_shared<int>(100000);
  auto json = std::make_shared<bool>(true);
  CLI::App* rollup = app.add_subcommand("rollup", "一表一单一图的实时汇总");
  rollup->require_subcommand(1);
  CLI::App* verify =
      rollup->add_subcommand("verify", "用 SQL 重算每个节点的每项指标并与汇总引擎比对，不一致时返回非零");
  verify->add_option("--db", *db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  verify->callback([db, &exit_code] { exit_code = Verify(*db); });
  auto code = std::make_shared<std::string>();
  CLI::App* show = rollup->add_subcommand("show", "从数据库重新汇总，输出一个单位及其下级的全部指标（JSON）");
  show->add_option("--db", *db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  show->add_option("--org", *code, "单位代码")->required();
  show->callback([db, code, &exit_code] { exit_code = Show(*db, *code); });

  CLI::App* bench = app.add_subcommand("bench", "性能测试");
  bench->require_subcommand(1);
  CLI::App* bench_rollup = bench->add_subcommand("rollup", "汇总引擎与 SQL 的同题对比：延迟、内存、重建时间、写入开销");
  bench_rollup->add_option("--db", *db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  bench_rollup->add_option("--queries", *queries, "随机节点查询次数（各级轮流）");
  bench_rollup->add_option("--writes", *writes, "写入次数（每次一名党员的政治面貌改变并提交，随后实时汇总；成对改回，数据不变）");
  bench_rollup->add_option("--engine-queries", *engine_queries, "另测汇总引擎单独回答的查询次数（中间没有 SQL 对照）");
  bench_rollup->add_flag("--json", *json, "以 JSON 输出（结果总是 JSON）");
  bench_rollup->callback([db, queries, writes, engine_queries, &exit_code] {
    exit_code = Bench(*db, *queries, *writes, *engine_queries);
  });
}

}  // namespace jiceng::cli
