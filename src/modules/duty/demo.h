// Demo duty data on the Qinghai demo, as the reports describe it: 海西州 signs
// responsibility lists with its counties; 格尔木市's research finds 37 problems
// in 9 areas, split into 49 measures for villages and 41 for communities; city
// leaders claim 20 problems in 6 areas; a monthly topic for each month of the
// year; a realistic share done, overdue and returned. Deadlines are placed
// around the day init runs, so the demo always has some of each.
// Runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/random.h"
#include "store/store.h"

namespace jiceng::duty {

struct DemoDutySummary {
  int64_t lists = 0, problems = 0, measures = 0, list_items = 0;
};

// When `national`, the national-scale demo instead (national_demo.h).
DemoDutySummary SeedDemoDuty(store::Connection& db, Rng& rng, Date today, bool national);

// What the research of the reports found, by area: the problems the demos assign.
const std::vector<std::pair<std::string, std::vector<std::string>>>& ResearchFindings();
// The items of a county's target responsibility list: title and target.
const std::vector<std::pair<std::string, std::string>>& TargetResponsibilities();

}  // namespace jiceng::duty
