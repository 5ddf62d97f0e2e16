// Demo accounts on the demo tree: one per role and level the README lists.
// Runs inside the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include "core/actor.h"
#include "core/crypto.h"
#include "store/store.h"

namespace jiceng::accounts {

// With an empty `password`, each account gets a random one (returned in `notes`) and must change it. `actor`
// (who ran init) is recorded as the accounts' creator.
int SeedDemoAccounts(store::Connection& db, const FieldCipher& cipher, const std::string& password, const Actor& actor,
                     std::vector<std::string>* notes);

}  // namespace jiceng::accounts
