#include "modules/rollup_feed.h"

#include <chrono>
#include <map>
#include <unordered_map>

namespace jiceng {
namespace {

constexpr const char* kLive =
    "SELECT unit_id AS id, parent_id AS parent FROM org_link WHERE valid_from <= ?1 AND ?1 < valid_to";

}  // namespace

RollupFeed BuildRollup(store::Connection& db, Date today) {
  const auto started = std::chrono::steady_clock::now();
  RollupFeed feed;
  std::vector<std::string> counter_names, deadline_names;
  for (const ModuleManifest* m : Modules()) {
    for (const Indicator& ind : m->indicators) {
      (ind.deadlines ? feed.deadlines : feed.counters).push_back(ind);
      (ind.deadlines ? deadline_names : counter_names).push_back(ind.name);
    }
  }
  feed.engine = std::make_unique<rollup::Engine>(counter_names, deadline_names);
  // Today's tree, parents before children.
  std::unordered_map<int64_t, std::vector<int64_t>> children;
  std::unordered_map<int64_t, std::string> level;
  std::vector<int64_t> roots;
  auto links = db.Prepare(
      "SELECT l.unit_id, COALESCE(l.parent_id, 0), u.level FROM org_link l JOIN org_unit u ON u.id = l.unit_id"
      " WHERE l.valid_from <= ?1 AND ?1 < l.valid_to");
  links->Bind(1, today.ToString());
  while (links->Step()) {
    int64_t id = links->Int(0), parent = links->Int(1);
    level[id] = links->Text(2);
    (parent == 0 ? roots : children[parent]).push_back(id);
  }
  std::vector<std::pair<int64_t, int64_t>> stack;
  for (int64_t r : roots) stack.emplace_back(r, rollup::kNoParent);
  while (!stack.empty()) {
    auto [id, parent] = stack.back();
    stack.pop_back();
    feed.engine->AddNode(id, parent);
    feed.nodes.emplace_back(id, level[id]);
    for (int64_t c : children[id]) stack.emplace_back(c, id);
  }
  for (size_t c = 0; c < feed.counters.size(); ++c) {
    auto rows = db.Prepare(feed.counters[c].own_sql);
    std::vector<rollup::Engine::Delta> deltas;
    while (rows->Step()) deltas.push_back({rows->Int(0), c, rows->Int(1)});
    feed.engine->Apply(deltas);
  }
  for (size_t s = 0; s < feed.deadlines.size(); ++s) {
    auto rows = db.Prepare(feed.deadlines[s].own_sql);
    while (rows->Step()) feed.engine->AddDeadline(rows->Int(0), s, static_cast<int32_t>(rows->Int(1)), 1);
  }
  feed.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return feed;
}

std::vector<RollupDifference> VerifyRollup(store::Connection& db, const RollupFeed& feed, Date today,
                                           int due_soon_days) {
  std::vector<RollupDifference> differences;
  const std::string closure = std::string("WITH RECURSIVE live(id, parent) AS (") + kLive +
                              "), closure(anc, node) AS (SELECT id, id FROM live UNION ALL"
                              " SELECT c.anc, l.id FROM closure c JOIN live l ON l.parent = c.node)";
  auto compare = [&](const std::string& name, const std::map<int64_t, int64_t>& sql, auto engine_value) {
    for (const auto& [node, level] : feed.nodes) {
      auto it = sql.find(node);
      int64_t want = it == sql.end() ? 0 : it->second;
      int64_t got = engine_value(node);
      if (got != want) differences.push_back({node, name, got, want});
    }
  };
  const int32_t day = static_cast<int32_t>(today.days());
  for (size_t c = 0; c < feed.counters.size(); ++c) {
    auto rows = db.Prepare(closure + ", own(org_id, n) AS (" + feed.counters[c].own_sql +
                           ") SELECT c.anc, SUM(own.n) FROM closure c JOIN own ON own.org_id = c.node GROUP BY c.anc");
    rows->Bind(1, today.ToString());
    std::map<int64_t, int64_t> sql;
    while (rows->Step()) sql[rows->Int(0)] = rows->Int(1);
    compare(feed.counters[c].name, sql,
            [&](int64_t node) { return feed.engine->Get(node, day, due_soon_days).counters[c]; });
  }
  for (size_t s = 0; s < feed.deadlines.size(); ++s) {
    auto rows = db.Prepare(closure + ", own(org_id, day) AS (" + feed.deadlines[s].own_sql +
                           ") SELECT c.anc, SUM(own.day < ?2), SUM(own.day >= ?2 AND own.day <= ?2 + ?3)"
                           " FROM closure c JOIN own ON own.org_id = c.node GROUP BY c.anc");
    rows->Bind(1, today.ToString()).Bind(2, day).Bind(3, due_soon_days);
    std::map<int64_t, int64_t> overdue, soon;
    while (rows->Step()) {
      overdue[rows->Int(0)] = rows->Int(1);
      soon[rows->Int(0)] = rows->Int(2);
    }
    compare(feed.deadlines[s].name + ".overdue", overdue,
            [&](int64_t node) { return feed.engine->Get(node, day, due_soon_days).overdue[s]; });
    compare(feed.deadlines[s].name + ".due_soon", soon,
            [&](int64_t node) { return feed.engine->Get(node, day, due_soon_days).due_soon[s]; });
  }
  return differences;
}

SqlFigures SqlRollup(store::Connection& db, const RollupFeed& feed, rollup::NodeId node, Date today) {
  SqlFigures out;
  out.totals.assign(feed.counters.size(), 0);
  std::map<int64_t, std::vector<int64_t>> by_child;
  for (size_t c = 0; c < feed.counters.size(); ++c) {
    // Every descendant tagged with the child it lies under; the node's own rows count in its total only.
    auto rows = db.Prepare(
        "WITH RECURSIVE sub(id, top) AS (SELECT unit_id, unit_id FROM org_link WHERE parent_id = ?2 AND"
        " valid_from <= ?1 AND ?1 < valid_to UNION ALL SELECT l.unit_id, sub.top FROM org_link l JOIN sub ON"
        " l.parent_id = sub.id WHERE l.valid_from <= ?1 AND ?1 < l.valid_to), own(org_id, n) AS (" +
        feed.counters[c].own_sql +
        ") SELECT sub.top, SUM(own.n) FROM sub JOIN own ON own.org_id = sub.id GROUP BY sub.top"
        " UNION ALL SELECT 0, COALESCE(SUM(n), 0) FROM own WHERE org_id = ?2");
    rows->Bind(1, today.ToString()).Bind(2, node);
    while (rows->Step()) {
      int64_t top = rows->Int(0), n = rows->Int(1);
      out.totals[c] += n;
      if (top != 0) {
        auto& v = by_child[top];
        v.resize(feed.counters.size(), 0);
        v[c] = n;
      }
    }
  }
  for (auto& [child, values] : by_child) out.children.emplace_back(child, values);
  return out;
}

}  // namespace jiceng
