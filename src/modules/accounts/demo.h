// Demo accounts on the demo tree: one per role and level the README lists.
// Runs inside the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include "core/crypto.h"
#include "store/store.h"

namespace jiceng::accounts {

// With an empty `password`, each account gets a random one (returned in `notes`) and must change it.
int SeedDemoAccounts(store::Connection& db, const FieldCipher& cipher, const std::string& password,
                     std::vector<std::string>* notes);

}  // namespace jiceng::accounts
