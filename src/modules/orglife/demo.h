// Demo organization life on the Qinghai demo: the branches of 海西州 hold half a year of meetings (from the start of
// the previous quarter to the day init runs) — most on time, some lapsing, a few stopped — with realistic
// attendance and leave, Party groups in the larger branches, recent records waiting for review, a returned one,
// planned meetings ahead, the prefecture's monthly themes for 主题党日 and one rule set by 格尔木市. Deterministic
// from the generator and the day. Runs inside the caller's transaction.
#pragma once

#include <cstdint>

#include "core/date.h"
#include "core/random.h"
#include "core/actor.h"
#include "store/store.h"

namespace jiceng::orglife {

struct DemoOrglifeSummary {
  int64_t meetings = 0, groups = 0, branches = 0;
};

DemoOrglifeSummary SeedDemoOrglife(store::Connection& db, Rng& rng, Date today, const Actor& actor);

}  // namespace jiceng::orglife
