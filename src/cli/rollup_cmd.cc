// jiceng rollup verify and jiceng bench rollup: the roll-up engine checked and timed against plain SQL.
#include <sys/resource.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <random>

#include "cli/app.h"
#include "modules/duty/calendar.h"
#include "modules/rollup_feed.h"

namespace jiceng::cli {
namespace {

double Ms(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
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
  RollupFeed feed = BuildRollup(*opened->db, today);
  auto differences = VerifyRollup(*opened->db, feed, today, duty::DueSoonDays());
  boost::json::array listed;
  for (size_t i = 0; i < differences.size() && i < 20; ++i) {
    const auto& d = differences[i];
    listed.push_back({{"node", d.node}, {"indicator", d.indicator}, {"engine", d.engine}, {"sql", d.sql}});
  }
  PrintJson(boost::json::object{{"nodes", static_cast<int64_t>(feed.nodes.size())},
                                {"indicators", static_cast<int64_t>(feed.counters.size() + 2 * feed.deadlines.size())},
                                {"differences", static_cast<int64_t>(differences.size())},
                                {"first_differences", listed},
                                {"ok", differences.empty()}});
  return differences.empty() ? kExitOk : kExitFault;
}

int Bench(const std::string& path, int queries, int writes) {
  auto opened = OpenDatabase(path);
  if (!opened.ok()) return Fail(opened.status());
  const Date today = Date::Today();
  const int64_t rss_before = PeakRssKb();
  RollupFeed feed = BuildRollup(*opened->db, today);
  const int32_t day = static_cast<int32_t>(today.days());
  // Queries spread over the levels, so that provinces and prefectures are asked as often as villages.
  std::map<std::string, std::vector<rollup::NodeId>> by_level;
  for (const auto& [id, level] : feed.nodes) by_level[level].push_back(id);
  std::vector<std::string> levels = {"province", "prefecture", "county", "township", "village"};
  std::mt19937_64 rng(20261122);
  std::vector<double> engine_ms, sql_ms;
  int64_t mismatches = 0;
  for (int q = 0; q < queries; ++q) {
    const auto& pool = by_level[levels[static_cast<size_t>(q) % levels.size()]];
    if (pool.empty()) continue;
    rollup::NodeId node = pool[rng() % pool.size()];
    auto t0 = std::chrono::steady_clock::now();
    rollup::Figures total = feed.engine->Get(node, day, 7);
    std::vector<std::pair<rollup::NodeId, rollup::Figures>> children;
    for (rollup::NodeId child : feed.engine->Children(node))
      children.emplace_back(child, feed.engine->Get(child, day, 7));
    auto t1 = std::chrono::steady_clock::now();
    SqlFigures sql = SqlRollup(*opened->db, feed, node, today);
    auto t2 = std::chrono::steady_clock::now();
    engine_ms.push_back(Ms(t1 - t0));
    sql_ms.push_back(Ms(t2 - t1));
    if (total.counters != sql.totals) ++mismatches;
    std::map<rollup::NodeId, std::vector<int64_t>> sql_children(sql.children.begin(), sql.children.end());
    for (const auto& [child, figures] : children) {
      auto it = sql_children.find(child);
      bool zero = std::all_of(figures.counters.begin(), figures.counters.end(), [](int64_t v) { return v == 0; });
      if (it == sql_children.end() ? !zero : it->second != figures.counters) ++mismatches;
    }
  }
  // A stream of writes: a member changes status at a random village (two counters, one atomic update).
  std::vector<double> write_ms;
  const auto& villages = by_level["village"];
  for (int w = 0; w < writes && !villages.empty() && feed.counters.size() >= 2; ++w) {
    rollup::NodeId node = villages[rng() % villages.size()];
    auto t0 = std::chrono::steady_clock::now();
    feed.engine->Apply({{node, 0, -1}, {node, 1, +1}});
    write_ms.push_back(Ms(std::chrono::steady_clock::now() - t0));
  }
  const double engine_p50 = Percentile(engine_ms, 0.5), sql_p50 = Percentile(sql_ms, 0.5);
  PrintJson(
      boost::json::object{{"nodes", static_cast<int64_t>(feed.nodes.size())},
                          {"queries", static_cast<int64_t>(engine_ms.size())},
                          {"mismatches", mismatches},
                          {"engine_p50_ms", engine_p50},
                          {"engine_p99_ms", Percentile(engine_ms, 0.99)},
                          {"sql_p50_ms", sql_p50},
                          {"sql_p99_ms", Percentile(sql_ms, 0.99)},
                          {"speedup_p50", engine_p50 > 0 ? sql_p50 / engine_p50 : 0.0},
                          {"rebuild_seconds", feed.build_seconds},
                          {"engine_memory_mb", static_cast<double>(feed.engine->MemoryBytes()) / (1024.0 * 1024.0)},
                          {"process_peak_rss_mb", static_cast<double>(std::max(PeakRssKb(), rss_before)) / 1024.0},
                          {"write_p50_ms", Percentile(write_ms, 0.5)},
                          {"write_p99_ms", Percentile(write_ms, 0.99)}});
  return mismatches == 0 ? kExitOk : kExitFault;
}

}  // namespace

void AddRollupCommands(CLI::App& app, int& exit_code) {
  auto db = std::make_shared<std::string>();
  auto queries = std::make_shared<int>(500);
  auto writes = std::make_shared<int>(10000);
  auto json = std::make_shared<bool>(true);
  CLI::App* rollup = app.add_subcommand("rollup", "一表一单一图的实时汇总");
  rollup->require_subcommand(1);
  CLI::App* verify =
      rollup->add_subcommand("verify", "用 SQL 重算每个节点的每项指标并与汇总引擎比对，不一致时返回非零");
  verify->add_option("--db", *db, "数据库文件")->required();
  verify->callback([db, &exit_code] { exit_code = Verify(*db); });

  CLI::App* bench = app.add_subcommand("bench", "性能测试");
  bench->require_subcommand(1);
  CLI::App* bench_rollup = bench->add_subcommand("rollup", "汇总引擎与 SQL 的同题对比：延迟、内存、重建时间、写入开销");
  bench_rollup->add_option("--db", *db, "数据库文件")->required();
  bench_rollup->add_option("--queries", *queries, "随机节点查询次数（各级轮流）");
  bench_rollup->add_option("--writes", *writes, "写入次数");
  bench_rollup->add_flag("--json", *json, "以 JSON 输出（结果总是 JSON）");
  bench_rollup->callback([db, queries, writes, &exit_code] { exit_code = Bench(*db, *queries, *writes); });
}

}  // namespace jiceng::cli
