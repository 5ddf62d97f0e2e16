#include "rollup/engine.h"

#include <algorithm>
#include <mutex>

namespace jiceng::rollup {

Engine::Engine(std::vector<std::string> counters, std::vector<std::string> deadline_sets)
    : counter_names_(std::move(counters)), deadline_names_(std::move(deadline_sets)) {}

int32_t Engine::IndexOf(NodeId id) const {
  auto it = index_.find(id);
  return it == index_.end() ? -1 : it->second;
}

void Engine::AddNode(NodeId id, NodeId parent) {
  std::unique_lock lock(mutex_);
  if (index_.count(id)) return;
  Node node;
  node.sums.assign(counter_names_.size(), 0);
  node.days.resize(deadline_names_.size());
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

bool Engine::Move(NodeId id, NodeId new_parent) {
  std::unique_lock lock(mutex_);
  const int32_t i = IndexOf(id);
  const int32_t p = IndexOf(new_parent);
  if (i < 0 || p < 0) return false;
  for (int32_t a = p; a >= 0; a = nodes_[static_cast<size_t>(a)].parent) {
    if (a == i) return false;  // under itself
  }
  Node& node = nodes_[static_cast<size_t>(i)];
  if (node.parent == p) return true;
  Propagate(node, node.parent, -1);
  if (node.parent >= 0) {
    auto& siblings = nodes_[static_cast<size_t>(node.parent)].children;
    siblings.erase(std::find(siblings.begin(), siblings.end(), i));
  }
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

void Engine::Apply(const std::vector<Delta>& deltas) {
  std::unique_lock lock(mutex_);
  for (const Delta& d : deltas) AddLocked(d.node, d.counter, d.delta);
}

void Engine::AddDeadline(NodeId id, size_t set, int32_t day, int64_t delta) {
  std::unique_lock lock(mutex_);
  for (int32_t a = IndexOf(id); a >= 0; a = nodes_[static_cast<size_t>(a)].parent) {
    auto& days = nodes_[static_cast<size_t>(a)].days[set];
    int64_t& slot = days[day];
    slot += delta;
    if (slot == 0) days.erase(day);
  }
}

Figures Engine::Get(NodeId id, int32_t today, int32_t due_soon_days) const {
  std::shared_lock lock(mutex_);
  Figures f;
  const int32_t i = IndexOf(id);
  if (i < 0) return f;
  const Node& node = nodes_[static_cast<size_t>(i)];
  f.counters = node.sums;
  for (const auto& days : node.days) {
    int64_t overdue = 0, soon = 0;
    for (auto it = days.begin(); it != days.end() && it->first <= today + due_soon_days; ++it) {
      (it->first < today ? overdue : soon) += it->second;
    }
    f.overdue.push_back(overdue);
    f.due_soon.push_back(soon);
  }
  return f;
}

std::vector<NodeId> Engine::Children(NodeId id) const {
  std::shared_lock lock(mutex_);
  std::vector<NodeId> out;
  const int32_t i = IndexOf(id);
  if (i < 0) return out;
  for (int32_t c : nodes_[static_cast<size_t>(i)].children) out.push_back(ids_[static_cast<size_t>(c)]);
  return out;
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
