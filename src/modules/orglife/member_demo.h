// The demo's Party member (demo_member): a 党员 account linked to a full member of the demo village's branch (the
// first village of the first town of 格尔木市, 海西州), who is due at its planned meetings — so `make run` shows
// 我的. Runs inside the caller's transaction, after the meetings are seeded.
#pragma once

#include <string>
#include <vector>

#include "core/actor.h"
#include "core/crypto.h"
#include "core/date.h"
#include "store/store.h"

namespace jiceng::orglife {

// `password`: the demo password (empty: a generated one, told in `notes`). Returns the accounts made (0 or 1).
int SeedDemoMember(store::Connection& db, const FieldCipher& cipher, const std::string& password, Date today,
                   const Actor& actor, std::vector<std::string>* notes);

}  // namespace jiceng::orglife
