// The audit log (全程留痕): append-only, hash-chained records of every write.
// Each record's hash covers the previous record's hash, so a changed or deleted
// record breaks the chain. Append inside the command's own transaction.
#pragma once

#include <string>
#include <vector>

#include "core/actor.h"
#include "store/store.h"

namespace jiceng::store {

struct AuditEntry {
  std::string action;  // "org.move", "person.add", ...
  std::string object;  // the object's code or id
  std::string org_code;  // the organization the object belongs to (for filtering and scope), may be empty
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

struct AuditRecord {
  int64_t id = 0;
  std::string at, actor, address, action, object, org_code;
};
struct AuditFilter {
  std::string actor, action;
  std::vector<int64_t> org_ids;  // empty: any organization
  std::string from, to;          // dates, inclusive
  int limit = 20, offset = 0;
};
// Newest first.
std::vector<AuditRecord> ListAudit(Connection& db, const AuditFilter& filter, int64_t* total);

}  // namespace jiceng::store
