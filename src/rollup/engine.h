// Engine: live aggregates over the organization tree (the figures of 一表一单一图).
// For every node it keeps the sums of its whole subtree: plain counters (members
// by status, organizations by kind, items by state) and, for time-dependent
// figures, histograms of items by day (open deadlines; sign-off days), so that
// overdue, due-soon and "this month" are exact for whatever day the query names,
// without any write or batch job.
// A change at a node updates it and its ancestors: O(depth). Readers share a
// lock and never see half an update; writers take it alone. Depends on nothing
// but the standard library: the store and the modules feed it.
#pragma once

#include <cstdint>
#include <map>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace jiceng::rollup {

using NodeId = int64_t;  // the org unit's id in the store
inline constexpr NodeId kNoParent = 0;

struct Figures {
  std::vector<int64_t> counters;  // in the order the engine was built with
  std::vector<int64_t> overdue;   // per day set: items dated before `today` (open deadlines: overdue)
  std::vector<int64_t> due_soon;  // per day set: items dated in [today, today + window]
  std::vector<int64_t> since;     // per day set: items dated in [since, today] (signed off this month)
};

// When a read is asked: `today` and `since` in days since 1970-01-01; `since` starts the window of the `since`
// figures (e.g. the month's first day); items dated in [today, today + due_soon_days] are due soon.
struct Window {
  int32_t today = 0;
  int32_t due_soon_days = 0;
  int32_t since = 0;
};

// A node's figures and its children's, as flat rows (row 0: the node; then each child), filled by Engine::Read.
// A caller that keeps one and passes it again gets it refilled without any allocation once its buffers have grown
// to the largest answer, so a read costs the engine's own work whatever the allocator owes for other work done on
// the thread (glibc settles a burst of frees at the next large allocation: after a national-scale SQL query that
// is tens of milliseconds).
class Rows {
 public:
  size_t size() const { return ids_.size(); }
  NodeId id(size_t row) const { return ids_[row]; }
  size_t children(size_t row) const { return child_counts_[row]; }  // how many children the row's node has
  int64_t counter(size_t row, size_t c) const { return values_[row * width_ + c]; }
  int64_t overdue(size_t row, size_t s) const { return values_[row * width_ + counters_ + 3 * s]; }
  int64_t due_soon(size_t row, size_t s) const { return values_[row * width_ + counters_ + 3 * s + 1]; }
  int64_t since(size_t row, size_t s) const { return values_[row * width_ + counters_ + 3 * s + 2]; }
  Figures ToFigures(size_t row) const;  // a copy (allocates)

 private:
  friend class Engine;
  size_t counters_ = 0, day_sets_ = 0, width_ = 0;
  std::vector<NodeId> ids_;
  std::vector<size_t> child_counts_;
  std::vector<int64_t> values_;  // per row: the counters, then per day set: overdue, due soon, since
};

// What one node holds by itself (its subtree figures minus its children's).
struct OwnFigures {
  std::vector<int64_t> counters;
  std::vector<std::map<int32_t, int64_t>> days;  // per day set: day → items
};

class Engine {
 public:
  Engine(std::vector<std::string> counters, std::vector<std::string> day_sets);

  const std::vector<std::string>& counters() const { return counter_names_; }
  const std::vector<std::string>& day_sets() const { return day_set_names_; }

  // Structure. A node is added under an existing parent (or as a root); a move carries the node's subtree
  // figures from its old ancestors to its new ones; a removed node takes its subtree's figures with it (its
  // children, if any are left, go with it).
  void AddNode(NodeId id, NodeId parent);
  bool Has(NodeId id) const;
  bool Move(NodeId id, NodeId new_parent);  // false if unknown or if it would make a cycle
  bool Remove(NodeId id);                   // false if unknown
  NodeId ParentOf(NodeId id) const;         // kNoParent for a root or an unknown node

  // Values, at a node (they count for it and every ancestor).
  void Add(NodeId node, size_t counter, int64_t delta);
  void AddDay(NodeId node, size_t set, int32_t day, int64_t delta);  // `day`: days since 1970-01-01
  // Several changes as one: a reader sees all of them or none (a person moving from one branch to another).
  struct Delta {
    NodeId node;
    size_t counter;
    int64_t delta;
  };
  struct DayDelta {
    NodeId node;
    size_t set;
    int32_t day;
    int64_t delta;
  };
  void Apply(const std::vector<Delta>& deltas, const std::vector<DayDelta>& day_deltas = {});
  // Structure and values changed as one (a merge: children moved, the unit removed, its members counted at the
  // absorbing unit). Applied in this order: adds (parents first), moves, removals, values.
  struct Batch {
    std::vector<std::pair<NodeId, NodeId>> adds;   // node, parent
    std::vector<std::pair<NodeId, NodeId>> moves;  // node, new parent
    std::vector<NodeId> removes;
    std::vector<Delta> deltas;
    std::vector<DayDelta> day_deltas;
  };
  void Update(const Batch& batch);

  // Reads. Read fills `out` with the node's figures and, if `with_children`, every child's, under one lock
  // (the 一表 question); false, and `out` empty, if the node is unknown. Get is the same read of one node as
  // plain values (it allocates).
  bool Read(NodeId node, const Window& window, Rows& out, bool with_children = true) const;
  // Grows `out` to hold the largest answer the tree has now (its node with the most children), so that reads into
  // it allocate nothing from the first one. O(nodes).
  void Reserve(Rows& out) const;
  // `today` in days since 1970-01-01; `since` starts the `since` window (e.g. the month's first day).
  Figures Get(NodeId node, int32_t today, int32_t due_soon_days, int32_t since = 0) const;
  OwnFigures Own(NodeId node) const;
  std::vector<NodeId> Children(NodeId node) const;
  // `node` and every node under it, appended to `out` (pre-order); false if `node` is unknown. O(subtree), under
  // the readers' lock: the lists' subtree from memory instead of a recursive query.
  bool Subtree(NodeId node, std::vector<NodeId>& out) const;
  // Day set `set` of the subtree of `node`, for a list in day order: `count`, the items dated in [from, to];
  // `last` (<= to), the day by which the first `need` of them are reached (`to` if they are fewer); and, appended
  // to `out`, every node of the subtree whose own subtree holds an item dated in [from, last] — so every item
  // dated up to `last` belongs to one of them. O(those nodes and their children), not O(subtree).
  bool NodesWithDays(NodeId node, size_t set, int32_t from, int32_t to, int64_t need, int64_t& count, int32_t& last,
                     std::vector<NodeId>& out) const;
  size_t size() const;
  // Approximate bytes held, for the benchmark's report.
  size_t MemoryBytes() const;

 private:
  struct Node {
    int32_t parent = -1;  // dense index
    std::vector<int32_t> children;
    std::vector<int64_t> sums;                     // counters of the subtree
    std::vector<std::map<int32_t, int64_t>> days;  // per day set: day → items of the subtree
  };
  int32_t IndexOf(NodeId id) const;
  void AddLocked(NodeId node, size_t counter, int64_t delta);
  void AddDayLocked(NodeId node, size_t set, int32_t day, int64_t delta);
  void AppendRow(int32_t index, const Window& window, Rows& out) const;
  void Detach(int32_t index);
  void AddNodeLocked(NodeId id, NodeId parent);
  bool MoveLocked(NodeId id, NodeId new_parent);
  bool RemoveLocked(NodeId id);
  // Adds `node`'s own subtree figures (scaled by `sign`) to every ancestor from `from` up.
  void Propagate(const Node& node, int32_t from, int sign);

  std::vector<std::string> counter_names_, day_set_names_;
  mutable std::shared_mutex mutex_;
  std::vector<Node> nodes_;
  std::vector<NodeId> ids_;
  std::unordered_map<NodeId, int32_t> index_;
};

}  // namespace jiceng::rollup
