// JSON of the dues views (doc/membership.md lists the routes). Amounts are integer fen ("due_fen"); the page
// formats them as 元. Free functions beside the structs.
#pragma once

#include <boost/json/value.hpp>

#include "modules/membership/commands.h"
#include "modules/membership/queries.h"

namespace jiceng::membership {

boost::json::value ToJson(const Ledger& ledger);
boost::json::value ToJson(const MemberDues& dues);
boost::json::value ToJson(const PendingPage& page);
boost::json::value ToJson(const ArrearsTodo& todo);
boost::json::value ToJson(const Exception& e);
boost::json::value ToJson(const Basis& b);
boost::json::value ToJson(const Record& r);
boost::json::value ToJson(const Voluntary& v);
boost::json::value ToJson(const PaymentResult& r);
boost::json::value ToJson(const FixedAmounts& f);
// The vocabularies the pages offer (kinds, states, methods, the bands as RULES.md states them).
boost::json::value VocabulariesJson();

}  // namespace jiceng::membership
