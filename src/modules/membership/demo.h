// Demo dues for the Qinghai demo, deterministic from the context's generator: every Party member of the
// branches of 海西州 gets a basis from seven months back (kinds and pay plausible for villages, agencies and
// enterprises), and most have paid since — some a month behind, some quarterly in advance, a few in arrears for
// three to five and for six months or more; a pending reduction and a voluntary payment of 1,000 元 in the demo
// village's branch give the approval page and the forwarding mark something to show. Branches elsewhere have
// no bases (nothing is due there). Runs inside the caller's transaction.
#pragma once

#include <string>

#include "core/date.h"
#include "core/random.h"
#include "store/store.h"

namespace jiceng::membership {

struct DemoDuesSummary {
  int64_t bases = 0;
  int64_t records = 0;
};

DemoDuesSummary SeedDemoDues(store::Connection& db, Rng& rng, Date today, const std::string& actor);

}  // namespace jiceng::membership
