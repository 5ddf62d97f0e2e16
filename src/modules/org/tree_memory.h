// TreeMemory: what a server keeps in memory of today's organization tree (the live roll-up's tree), so that a list
// takes the units of a subtree, and the orgs that hold its worst items, from memory instead of a recursive query.
// An interface, so that modules need not know the roll-up (modules/rollup_feed.h implements it); where none is kept
// (the command line, a dated view) lists ask the store. Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace jiceng::org {

class TreeMemory {
 public:
  virtual ~TreeMemory() = default;

  // The day the tree in memory is of; a question about another day goes to the store.
  virtual Date Day() const = 0;
  // `root` and every unit under it on Day(), appended to `out`; false (nothing appended) if `root` is not on the tree.
  virtual bool Subtree(int64_t root, std::vector<int64_t>& out) const = 0;
  // A figure of the roll-up for the subtree of `root` on Day() ("persons"); nothing if unknown.
  virtual std::optional<int64_t> Figure(int64_t root, std::string_view name) const = 0;

  // For a list of a day set's items in day order (the worst items first): how many items of the roll-up's day set
  // `day_set` (an indicator's name, e.g. duty's "duty": open items by deadline) the subtree of `root` holds dated in
  // [from, to] (days since 1970-01-01), and the units under `root` among which lie all of those dated up to the day
  // at which the first `need` of them are reached — a list's first `need` items in (day, id) order are among the
  // items of these units, and their count is small whatever the subtree's size.
  struct DayUnits {
    int64_t count = 0;         // items dated in [from, to] in the whole subtree
    int32_t last_day = 0;      // the units hold every item dated in [from, last_day]; last_day <= to
    std::vector<int64_t> units;
  };
  virtual bool UnitsWithDays(int64_t root, std::string_view day_set, int32_t from, int32_t to, int64_t need,
                             DayUnits& out) const = 0;
};

}  // namespace jiceng::org
