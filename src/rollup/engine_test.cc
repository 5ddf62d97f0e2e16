// The engine against brute force: random trees, random changes and moves, every node's figures compared with
// sums recomputed from scratch; and readers that never see half a change.
#include "rollup/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <random>
#include <thread>

namespace jiceng::rollup {
namespace {

// The same figures, recomputed by walking the tree for every question.
struct Model {
  std::map<NodeId, NodeId> parent;
  std::map<NodeId, std::vector<int64_t>> own;
  std::map<NodeId, std::vector<std::multiset<int32_t>>> deadlines;

  bool Under(NodeId node, NodeId root) const {
    for (NodeId n = node; n != kNoParent; n = parent.at(n)) {
      if (n == root) return true;
    }
    return false;
  }
  Figures Get(NodeId root, int32_t today, int32_t window, size_t counters, size_t sets, int32_t since) const {
    Figures f;
    f.counters.assign(counters, 0);
    f.overdue.assign(sets, 0);
    f.due_soon.assign(sets, 0);
    f.since.assign(sets, 0);
    for (const auto& [node, values] : own) {
      if (!Under(node, root)) continue;
      for (size_t c = 0; c < counters; ++c) f.counters[c] += values[c];
      for (size_t s = 0; s < sets; ++s) {
        for (int32_t day : deadlines.at(node)[s]) {
          if (day < today) ++f.overdue[s];
          if (day >= today && day <= today + window) ++f.due_soon[s];
          if (day >= since && day <= today) ++f.since[s];
        }
      }
    }
    return f;
  }
};

TEST(EngineTest, AgreesWithBruteForceUnderRandomChangesMovesAndRemovals) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
    Engine engine({"members", "branches", "items"}, {"duty"});
    Model model;
    const int n = 60;
    for (NodeId id = 1; id <= n; ++id) {
      NodeId parent = id == 1 ? kNoParent : 1 + pick(static_cast<int>(id - 1));
      engine.AddNode(id, parent);
      model.parent[id] = parent;
      model.own[id].assign(3, 0);
      model.deadlines[id].resize(1);
    }
    for (int op = 0; op < 600; ++op) {
      NodeId node = 1 + pick(n);
      if (!model.parent.count(node)) {
        EXPECT_FALSE(engine.Has(node));
        continue;
      }
      switch (pick(op % 97 == 96 ? 5 : 4)) {
        case 0: {
          size_t c = static_cast<size_t>(pick(3));
          int64_t delta = pick(7) - 3;
          engine.Add(node, c, delta);
          model.own[node][c] += delta;
          break;
        }
        case 1: {
          int32_t day = 20000 + pick(40);
          engine.AddDay(node, 0, day, +1);
          model.deadlines[node][0].insert(day);
          break;
        }
        case 2: {
          auto& days = model.deadlines[node][0];
          if (days.empty()) break;
          int32_t day = *days.begin();
          engine.AddDay(node, 0, day, -1);  // an item closed
          days.erase(days.begin());
          break;
        }
        case 4: {  // a unit dissolved with whatever is still under it
          if (node == 1) break;
          ASSERT_TRUE(engine.Remove(node));
          std::vector<NodeId> gone;
          for (const auto& [id, p] : model.parent) {
            if (model.Under(id, node)) gone.push_back(id);
          }
          for (NodeId id : gone) {
            model.parent.erase(id);
            model.own.erase(id);
            model.deadlines.erase(id);
          }
          break;
        }
        default: {
          NodeId to = 1 + pick(n);
          if (!model.parent.count(to)) {
            ASSERT_FALSE(engine.Move(node, to));
            break;
          }
          bool cycle = model.Under(to, node);
          ASSERT_EQ(engine.Move(node, to), !cycle) << seed;  // never under itself
          if (!cycle) model.parent[node] = to;
          break;
        }
      }
    }
    Rows rows;  // one buffer for every read below: a refilled buffer holds nothing of the last answer
    if (seed % 2) engine.Reserve(rows);
    for (NodeId id = 1; id <= n; ++id) {
      if (!model.parent.count(id)) {
        ASSERT_FALSE(engine.Has(id));
        ASSERT_FALSE(engine.Read(id, {20020, 7, 20008}, rows));
        ASSERT_EQ(rows.size(), 0u);
        continue;
      }
      ASSERT_EQ(engine.ParentOf(id), model.parent[id]);
      for (int32_t today : {19990, 20010, 20020, 20045}) {
        Figures got = engine.Get(id, today, 7, today - 12);
        Figures want = model.Get(id, today, 7, 3, 1, today - 12);
        ASSERT_EQ(got.counters, want.counters) << "seed " << seed << " node " << id;
        ASSERT_EQ(got.overdue, want.overdue) << "seed " << seed << " node " << id << " today " << today;
        ASSERT_EQ(got.due_soon, want.due_soon) << "seed " << seed << " node " << id << " today " << today;
        ASSERT_EQ(got.since, want.since) << "seed " << seed << " node " << id << " today " << today;
      }
      // The table's question under one lock: the node and each child, as brute force has them.
      ASSERT_TRUE(engine.Read(id, {20020, 7, 20008}, rows));
      std::vector<NodeId> children;
      for (const auto& [child, parent] : model.parent) {
        if (parent == id) children.push_back(child);
      }
      ASSERT_EQ(rows.size(), 1 + children.size());
      ASSERT_EQ(rows.id(0), id);
      ASSERT_EQ(rows.children(0), children.size());
      for (size_t r = 0; r < rows.size(); ++r) {
        Figures want = model.Get(rows.id(r), 20020, 7, 3, 1, 20008);
        Figures got = rows.ToFigures(r);
        ASSERT_EQ(got.counters, want.counters) << "seed " << seed << " row " << r;
        ASSERT_EQ(got.overdue, want.overdue);
        ASSERT_EQ(got.due_soon, want.due_soon);
        ASSERT_EQ(got.since, want.since);
        if (r > 0) {
          ASSERT_EQ(model.parent[rows.id(r)], id);
        }
      }
      OwnFigures own = engine.Own(id);
      ASSERT_EQ(own.counters, model.own[id]) << "seed " << seed << " node " << id;
      std::map<int32_t, int64_t> days;
      for (int32_t day : model.deadlines[id][0]) ++days[day];
      ASSERT_EQ(own.days[0], days) << "seed " << seed << " node " << id;
    }
  }
}

TEST(EngineTest, MovesRefuseCyclesAndCarryFigures) {
  Engine engine({"members"}, {});
  engine.AddNode(1, kNoParent);
  engine.AddNode(2, 1);
  engine.AddNode(3, 1);
  engine.AddNode(4, 2);
  engine.Add(4, 0, 10);
  EXPECT_EQ(engine.Get(2, 0, 7).counters[0], 10);
  EXPECT_FALSE(engine.Move(2, 4));  // under its own child
  EXPECT_FALSE(engine.Move(99, 1));
  EXPECT_TRUE(engine.Move(4, 3));
  EXPECT_EQ(engine.Get(2, 0, 7).counters[0], 0);
  EXPECT_EQ(engine.Get(3, 0, 7).counters[0], 10);
  EXPECT_EQ(engine.Get(1, 0, 7).counters[0], 10);
  EXPECT_EQ(engine.Children(3), std::vector<NodeId>{4});
}

TEST(EngineTest, ReadersNeverSeeHalfAChange) {
  Engine engine({"members"}, {});
  engine.AddNode(1, kNoParent);
  engine.AddNode(2, 1);
  engine.AddNode(3, 1);
  engine.Add(2, 0, 1000);
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  std::thread writer([&] {
    // A member moves back and forth between two branches: the total never changes.
    for (int i = 0; i < 20000; ++i) {
      engine.Apply({{2, 0, -1}, {3, 0, +1}});
      engine.Apply({{3, 0, -1}, {2, 0, +1}});
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (!done) {
        if (engine.Get(1, 0, 7).counters[0] != 1000) ++torn;
      }
    });
  }
  writer.join();
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn, 0);
}

// The lists' questions (Subtree, NodesWithDays) against the model on random trees after moves: the subtree is
// every node under the root, and the nodes given for a day-ordered page hold every item dated up to the day by which
// `need` items are reached, and that day is the earliest such.
TEST(EngineTest, SubtreesAndTheNodesOfADayOrderedPageAgreeWithBruteForce) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
    Engine engine({}, {"duty"});
    Model model;
    const int n = 80;
    std::map<NodeId, std::multiset<int32_t>> days;
    for (NodeId id = 1; id <= n; ++id) {
      const NodeId parent = id == 1 ? kNoParent : 1 + pick(static_cast<int>(id - 1));
      engine.AddNode(id, parent);
      model.parent[id] = parent;
    }
    for (int i = 0; i < 120; ++i) {
      const NodeId node = 1 + pick(n);
      const int32_t day = 100 + pick(40);
      engine.AddDay(node, 0, day, 1);
      days[node].insert(day);
    }
    for (int i = 0; i < 10; ++i) {
      const NodeId node = 2 + pick(n - 1), to = 1 + pick(n);
      if (engine.Move(node, to)) model.parent[node] = to;
    }
    for (int q = 0; q < 100; ++q) {
      const NodeId root = 1 + pick(n);
      std::vector<NodeId> sub;
      ASSERT_TRUE(engine.Subtree(root, sub));
      std::set<NodeId> want_sub, got_sub(sub.begin(), sub.end());
      for (const auto& [node, parent] : model.parent) {
        if (model.Under(node, root)) want_sub.insert(node);
      }
      EXPECT_EQ(got_sub, want_sub);
      EXPECT_EQ(sub.size(), got_sub.size()) << "each node once";
      EXPECT_EQ(sub.front(), root);

      const int32_t from = 100 + pick(20), to = from + pick(25);
      const int64_t need = 1 + pick(15);
      int64_t count = 0;
      int32_t last = 0;
      std::vector<NodeId> nodes;
      ASSERT_TRUE(engine.NodesWithDays(root, 0, from, to, need, count, last, nodes));
      std::vector<int32_t> dated;  // the subtree's items in [from, to], by day
      for (NodeId node : want_sub) {
        for (int32_t d : days[node]) {
          if (d >= from && d <= to) dated.push_back(d);
        }
      }
      std::sort(dated.begin(), dated.end());
      EXPECT_EQ(count, static_cast<int64_t>(dated.size()));
      const int32_t want_last = static_cast<int64_t>(dated.size()) >= need ? dated[static_cast<size_t>(need - 1)] : to;
      EXPECT_EQ(last, want_last);
      const std::set<NodeId> given(nodes.begin(), nodes.end());
      for (NodeId node : want_sub) {
        bool holds = false;
        for (int32_t d : days[node]) holds = holds || (d >= from && d <= last);
        if (holds) EXPECT_TRUE(given.count(node)) << "node " << node << " holds an item of the page";
      }
      for (NodeId node : given) EXPECT_TRUE(want_sub.count(node));
    }
    std::vector<NodeId> none;
    EXPECT_FALSE(engine.Subtree(n + 1, none));
    EXPECT_TRUE(none.empty());
  }
}

}  // namespace
}  // namespace jiceng::rollup
