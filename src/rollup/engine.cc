#include "rollup/engine.h"

#include <algorithm>
#include <mutex>

namespace jiceng::rollup {

Engine::Engine(std::vector<std::string> counters, std::vector<std::string> day_sets)
    : counter_names_(std::move(counters)), day_set_names_(std::move(day_sets)) {}

int32_t Engine::IndexOf(NodeId id) const {
  auto it = index_.find(id);
  return it == index_.end() ? -1 : it->second;
}

void Engine::AddNode(NodeId id, NodeId parent) {
  std::unique_lock lock(mutex_);
  AddNodeLocked(id, parent);
}

void Engine::AddNodeLocked(NodeId id, NodeId parent) {
  if (index_.count(id)) return;
  Node node;
  node.sums.assign(counter_names_.size(), 0);
  node.days.resize(day_set_names_.size());
  node.parent = parent == kNoParent ? -1 : IndexOf(parent);
  const auto index = static_cast<int32_t>(nodes_.size());
  if (node.parent >= 0) nodes_[static_cast<size_t>(node.parent)].children.push_back(index);
  nodes_.push_back(std::move(node));
  ids_.push_back(id);
  index_.emplace(id, index);
}

bool Engine::Has(NodeId id) const {
  std::shared_lock lock(mutex_);
  return index_.count(id) > 0;
}

void Engine::Propagate(const Node& node, int32_t from, int sign) {
  for (int32_t a = from; a >= 0; a = nodes_[static_cast<size_t>(a)].parent) {
    Node& up = nodes_[static_cast<size_t>(a)];
    for (size_t c = 0; c < node.sums.size(); ++c) up.sums[c] += sign * node.sums[c];
    for (size_t s = 0; s < node.days.size(); ++s) {
      for (const auto& [day, n] : node.days[s]) {
        int64_t& slot = up.days[s][day];
        slot += sign * n;
        if (slot == 0) up.days[s].erase(day);
      }
    }
  }
}

void Engine::Detach(int32_t i) {
  Node& node = nodes_[static_cast<size_t>(i)];
  Propagate(node, node.parent, -1);
  if (node.parent >= 0) {
    auto& siblings = nodes_[static_cast<size_t>(node.parent)].children;
    siblings.erase(std::find(siblings.begin(), siblings.end(), i));
  }
  node.parent = -1;
}

bool Engine::Remove(NodeId id) {
  std::unique_lock lock(mutex_);
  return RemoveLocked(id);
}

bool Engine::RemoveLocked(NodeId id) {
  const int32_t i = IndexOf(id);
  if (i < 0) return false;
  // The whole subtree leaves the index; its slots stay unused.
  std::vector<int32_t> stack = {i};
  Detach(i);
  while (!stack.empty()) {
    const int32_t n = stack.back();
    stack.pop_back();
    index_.erase(ids_[static_cast<size_t>(n)]);
    Node& node = nodes_[static_cast<size_t>(n)];
    for (int32_t c : node.children) stack.push_back(c);
    node = Node{};
  }
  return true;
}

NodeId Engine::ParentOf(NodeId id) const {
  std::shared_lock lock(mutex_);
  const int32_t i = IndexOf(id);
  if (i < 0) return kNoParent;
  const int32_t p = nodes_[static_cast<size_t>(i)].parent;
  return p < 0 ? kNoParent : ids_[static_cast<size_t>(p)];
}

bool Engine::Move(NodeId id, NodeId new_parent) {
  std::unique_lock lock(mutex_);
  return MoveLocked(id, new_parent);
}

bool Engine::MoveLocked(NodeId id, NodeId new_parent) {
  const int32_t i = IndexOf(id);
  const int32_t p = IndexOf(new_parent);
  if (i < 0 || p < 0) return false;
  for (int32_t a = p; a >= 0; a = nodes_[static_cast<size_t>(a)].parent) {
    if (a == i) return false;  // under itself
  }
  Node& node = nodes_[static_cast<size_t>(i)];
  if (node.parent == p) return true;
  Detach(i);
  node.parent = p;
  nodes_[static_cast<size_t>(p)].children.push_back(i);
  Propagate(nodes_[static_cast<size_t>(i)], p, +1);
  return true;
}

void Engine::AddLocked(NodeId id, size_t counter, int64_t delta) {
  for (int32_t a = IndexOf(id); a >= 0; a = nodes_[static_cast<size_t>(a)].parent) {
    nodes_[static_cast<size_t>(a)].sums[counter] += delta;
  }
}

void Engine::Add(NodeId id, size_t counter, int64_t delta) {
  std::unique_lock lock(mutex_);
  AddLocked(id, counter, delta);
}

void Engine::Apply(const std::vector<Delta>& deltas, const std::vector<DayDelta>& day_deltas) {
  std::unique_lock lock(mutex_);
  for (const Delta& d : deltas) AddLocked(d.node, d.counter, d.delta);
  for (const DayDelta& d : day_deltas) AddDayLocked(d.node, d.set, d.day, d.delta);
}

void Engine::Update(const Batch& batch) {
  std::unique_lock lock(mutex_);
  for (const auto& [id, parent] : batch.adds) AddNodeLocked(id, parent);
  for (const auto& [id, parent] : batch.moves) MoveLocked(id, parent);
  for (NodeId id : batch.removes) RemoveLocked(id);
  for (const Delta& d : batch.deltas) AddLocked(d.node, d.counter, d.delta);
  for (const DayDelta& d : batch.day_deltas) AddDayLocked(d.node, d.set, d.day, d.delta);
}

void Engine::AddDay(NodeId id, size_t set, int32_t day, int64_t delta) {
  std::unique_lock lock(mutex_);
  AddDayLocked(id, set, day, delta);
}

void Engine::AddDayLocked(NodeId id, size_t set, int32_t day, int64_t delta) {
  for (int32_t a = IndexOf(id); a >= 0; a = nodes_[static_cast<size_t>(a)].parent) {
    auto& days = nodes_[static_cast<size_t>(a)].days[set];
    int64_t& slot = days[day];
    slot += delta;
    if (slot == 0) days.erase(day);
  }
}

Figures Rows::ToFigures(size_t row) const {
  Figures f;
  for (size_t c = 0; c < counters_; ++c) f.counters.push_back(counter(row, c));
  for (size_t s = 0; s < day_sets_; ++s) {
    f.overdue.push_back(overdue(row, s));
    f.due_soon.push_back(due_soon(row, s));
    f.since.push_back(since(row, s));
  }
  return f;
}

bool Engine::Read(NodeId id, const Window& window, Rows& out, bool with_children) const {
  out.counters_ = counter_names_.size();
  out.day_sets_ = day_set_names_.size();
  out.width_ = out.counters_ + 3 * out.day_sets_;
  out.ids_.clear();
  out.child_counts_.clear();
  out.values_.clear();
  std::shared_lock lock(mutex_);
  const int32_t i = IndexOf(id);
  if (i < 0) return false;
  AppendRow(i, window, out);
  if (with_children) {
    for (int32_t c : nodes_[static_cast<size_t>(i)].children) AppendRow(c, window, out);
  }
  return true;
}

void Engine::Reserve(Rows& out) const {
  std::shared_lock lock(mutex_);
  size_t most = 0;
  for (const Node& node : nodes_) most = std::max(most, node.children.size());
  const size_t width = counter_names_.size() + 3 * day_set_names_.size();
  out.ids_.reserve(most + 1);
  out.child_counts_.reserve(most + 1);
  out.values_.reserve((most + 1) * width);
}

void Engine::AppendRow(int32_t i, const Window& window, Rows& out) const {
  const Node& node = nodes_[static_cast<size_t>(i)];
  out.ids_.push_back(ids_[static_cast<size_t>(i)]);
  out.child_counts_.push_back(node.children.size());
  out.values_.insert(out.values_.end(), node.sums.begin(), node.sums.end());
  const int32_t soon_end = window.today + window.due_soon_days;
  const int32_t last = std::max(window.today, soon_end);
  for (const auto& days : node.days) {
    int64_t overdue = 0, soon = 0, since = 0;
    for (auto it = days.begin(); it != days.end() && it->first <= last; ++it) {
      if (it->first < window.today) {
        overdue += it->second;
      } else if (it->first <= soon_end) {
        soon += it->second;
      }
      if (it->first >= window.since && it->first <= window.today) since += it->second;
    }
    out.values_.push_back(overdue);
    out.values_.push_back(soon);
    out.values_.push_back(since);
  }
}

Figures Engine::Get(NodeId id, int32_t today, int32_t due_soon_days, int32_t since) const {
  Rows rows;
  if (!Read(id, {today, due_soon_days, since}, rows, false)) return {};
  return rows.ToFigures(0);
}

OwnFigures Engine::Own(NodeId id) const {
  std::shared_lock lock(mutex_);
  OwnFigures own;
  own.counters.assign(counter_names_.size(), 0);
  own.days.resize(day_set_names_.size());
  const int32_t i = IndexOf(id);
  if (i < 0) return own;
  const Node& node = nodes_[static_cast<size_t>(i)];
  own.counters = node.sums;
  own.days = node.days;
  for (int32_t c : node.children) {
    const Node& child = nodes_[static_cast<size_t>(c)];
    for (size_t k = 0; k < own.counters.size(); ++k) own.counters[k] -= child.sums[k];
    for (size_t s = 0; s < own.days.size(); ++s) {
      for (const auto& [day, n] : child.days[s]) {
        auto it = own.days[s].find(day);
        if ((it->second -= n) == 0) own.days[s].erase(it);
      }
    }
  }
  return own;
}

std::vector<NodeId> Engine::Children(NodeId id) const {
  std::shared_lock lock(mutex_);
  std::vector<NodeId> out;
  const int32_t i = IndexOf(id);
  if (i < 0) return out;
  for (int32_t c : nodes_[static_cast<size_t>(i)].children) out.push_back(ids_[static_cast<size_t>(c)]);
  return out;
}

bool Engine::Subtree(NodeId id, std::vector<NodeId>& out) const {
  std::shared_lock lock(mutex_);
  const int32_t i = IndexOf(id);
  if (i < 0) return false;
  std::vector<int32_t> stack = {i};
  while (!stack.empty()) {
    const int32_t n = stack.back();
    stack.pop_back();
    out.push_back(ids_[static_cast<size_t>(n)]);
    const auto& children = nodes_[static_cast<size_t>(n)].children;
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return true;
}

bool Engine::NodesWithDays(NodeId id, size_t set, int32_t from, int32_t to, int64_t need, int64_t& count,
                           int32_t& last, std::vector<NodeId>& out) const {
  std::shared_lock lock(mutex_);
  const int32_t i = IndexOf(id);
  count = 0;
  last = to;
  if (i < 0 || set >= day_set_names_.size()) return false;
  bool reached = false;
  const auto& days = nodes_[static_cast<size_t>(i)].days[set];
  for (auto it = days.lower_bound(from); it != days.end() && it->first <= to; ++it) {
    count += it->second;
    if (!reached && count >= need) {
      reached = true;
      last = it->first;
    }
  }
  auto holds = [&](int32_t n) {
    const auto& d = nodes_[static_cast<size_t>(n)].days[set];
    auto it = d.lower_bound(from);
    return it != d.end() && it->first <= last;
  };
  if (count == 0 || !holds(i)) return true;
  std::vector<int32_t> stack = {i};
  while (!stack.empty()) {
    const int32_t n = stack.back();
    stack.pop_back();
    out.push_back(ids_[static_cast<size_t>(n)]);
    for (int32_t c : nodes_[static_cast<size_t>(n)].children) {
      if (holds(c)) stack.push_back(c);
    }
  }
  return true;
}

size_t Engine::size() const {
  std::shared_lock lock(mutex_);
  return nodes_.size();
}

size_t Engine::MemoryBytes() const {
  std::shared_lock lock(mutex_);
  size_t bytes = nodes_.capacity() * sizeof(Node) + ids_.capacity() * sizeof(NodeId) + index_.size() * 32;
  for (const Node& n : nodes_) {
    bytes += n.children.capacity() * sizeof(int32_t) + n.sums.capacity() * sizeof(int64_t) +
             n.days.capacity() * sizeof(std::map<int32_t, int64_t>);
    for (const auto& d : n.days) bytes += d.size() * 48;  // a map node: key, value, links
  }
  return bytes;
}

}  // namespace jiceng::rollup
