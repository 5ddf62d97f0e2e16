// The national-scale duty demo (init --province all --demo, or --members-per-branch K): every prefecture signs a
// target responsibility list with each of its counties; every county finds a problem in each of its townships and
// splits it into measures for up to two of the township's villages and communities, with the township's and
// villages' secretaries responsible and the county secretary as leader in charge of half of them. Deadlines lie
// around `today` and every item is driven through the loop like the detailed demo's, so that every level has
// overdue, due-soon, returned and signed-off items. Runs inside the caller's transaction.
#pragma once

#include "core/date.h"
#include "core/random.h"
#include "modules/duty/demo.h"
#include "store/store.h"

namespace jiceng::duty {

DemoDutySummary SeedNationalDuty(store::Connection& db, Rng& rng, Date today);

}  // namespace jiceng::duty
