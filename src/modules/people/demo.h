// Demo population on the demo organizations, deterministic from a seed: 20–60
// members and applicants in every village and community branch, a secretary
// and the two committees in every village, township committee leaders, agency
// staff, some first secretaries; names, ages and ethnic mix plausible for
// Qinghai, valid ID numbers carrying the county's division code.
// With members_per_branch > 0, the national-scale demo instead (national_demo.h).
// Runs inside the caller's transaction.
#pragma once

#include "core/crypto.h"
#include "core/random.h"
#include "store/store.h"

namespace jiceng::people {

struct DemoPeopleSummary {
  int64_t persons = 0;
  int64_t posts = 0;
};

DemoPeopleSummary SeedDemoPeople(store::Connection& db, const FieldCipher& cipher, Rng& rng, int members_per_branch);

}  // namespace jiceng::people
