// The national-scale demo population (init --province all --demo, or --members-per-branch K): K Party members
// and a few applicants in every village and community branch, with the village's posts; seven leaders in every
// township committee; 8–30 people in every other Party organization; first secretaries sent from county agencies
// to 30% of villages and grid workers in communities. Deterministic from the generator. ID numbers are valid and
// unique (the county's code, the birth date and a sequence per county and date), encrypted and hashed like any
// other. Runs inside the caller's transaction on the caller's connection, using one helper thread.
#pragma once

#include "core/crypto.h"
#include "core/random.h"
#include "modules/people/demo.h"
#include "store/store.h"

namespace jiceng::people {

DemoPeopleSummary SeedNationalPeople(store::Connection& db, const FieldCipher& cipher, Rng& rng,
                                     int members_per_branch);

}  // namespace jiceng::people
