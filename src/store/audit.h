// The audit log (全程留痕): append-only, hash-chained records of every write.
// Each record's hash covers the previous record's hash, so a changed or deleted
// record breaks the chain. Append inside the command's own transaction.
#pragma once

#include <string>

#include "core/actor.h"
#include "store/store.h"

namespace jiceng::store {

struct AuditEntry {
  std::string action;  // "org.move", "person.add", ...
  std::string object;  // the object's code or id
  std::string before;  // state before (digested, never stored in clear)
  std::string after;   // state after (digested)
};

void AppendAudit(Connection& db, const Actor& actor, const AuditEntry& entry);

struct AuditCheck {
  int64_t records = 0;
  int64_t first_bad_id = 0;  // 0 when the chain is intact
  std::string problem;
};
AuditCheck VerifyAuditChain(Connection& db);

}  // namespace jiceng::store
