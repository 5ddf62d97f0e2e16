// The dashboard (一表一单一图) as one caller sees one node on one day: the node's figures, the same figures for
// each child (the table and the map), and the worst open items below it (the list).
#pragma once

#include <string>
#include <vector>

#include "modules/duty/queries.h"
#include "modules/org/model.h"
#include "modules/rollup_feed.h"

namespace jiceng::dashboard {

struct ChildFigures {
  org::OrgUnit unit;
  bool has_children = false;
  std::vector<double> values;  // one per column; NaN for a percent of nothing
};

struct Dashboard {
  Date today;
  int due_soon_days = 7;
  org::OrgUnit unit;
  std::vector<org::OrgUnit> path;  // from the caller's own node down to `unit`
  std::vector<RollupColumn> columns;
  std::vector<double> totals;
  std::vector<ChildFigures> children;  // administrative units first, then agencies, then Party organizations
  std::vector<duty::ItemView> worst;   // overdue first by days overdue, then due soon by days left
  int64_t worst_total = 0;             // overdue and due-soon items in all
};

}  // namespace jiceng::dashboard
