// The audit log (全程留痕): append-only records of every write, chained by a keyed hash — a MAC under a key derived
// from the key file beside the database, never stored in it — so that whoever holds only the database cannot
// change, forge, delete or renumber a record unseen. After each commit the writer appends the chain's head (count
// and hash) to the anchor file "<db>.anchor" beside the key, so truncating or emptying the log is seen as well;
// AuditCheckpoint prints the head for an off-site copy. A record also vouches for the rows sealed with it (the duty
// timeline). Append inside the command's own transaction. A connection is used by one thread at a time (store.h);
// any number of connections and processes may append to one database and its anchor file at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/status.h"
#include "store/store.h"

namespace jiceng::store {

// No command deletes a record younger than this; the database refuses it too (migration 8).
inline constexpr int kAuditRetentionDays = 180;

struct AuditEntry {
  std::string action;  // "org.move", "person.add", ...
  std::string object;  // the object's code or id
  std::string org_code;  // the organization the object belongs to (for filtering and scope), may be empty
  std::string before;  // state before (digested, never stored in clear)
  std::string after;   // state after (digested)
};

// Throws Fault when the key file beside the database cannot be read: no record is written without its key.
void AppendAudit(Connection& db, const Actor& actor, const AuditEntry& entry);

// The next record this connection appends vouches for row `rowid` of `table` (a table with an audit_id column):
// that record's chain hash covers the row's contents, and the row's audit_id names the record. For rows written
// in the same transaction as their record (DutyRepo::AddEvent); rolls back with it.
void SealWithNextAudit(Connection& db, std::string_view table, int64_t rowid);

// The store calls this after every commit: if the connection appended since its last anchor, the head as
// committed now goes to the anchor file. Never throws (the write is already committed); a failure is reported on
// stderr and leaves the anchor behind, which verify accepts.
void AnchorAuditHead(Connection& db) noexcept;

// "<db>.anchor": lines "<count> <hash> <time>", appended by every writer, mode 0600.
std::string AnchorFileFor(const std::string& db_path);

struct AuditCheck {
  int64_t records = 0;
  int64_t anchored = 0;      // the newest count in the anchor file
  int64_t first_bad_id = 0;  // 0 when all is well; else the first wrong record, or -1 if the fault lies elsewhere
  // What was found, naming it: 记录被删除, 链被改写, 时间倒退, 锚点不符, 锚点缺失, 检查点不符, 时间线缺审计记录,
  // 时间线被改动.
  std::string problem;
  bool ok() const { return first_bad_id == 0; }
};
// Checks every record's keyed hash and link, that ids run 1..n and time does not run backwards, that the database
// still holds every head in the anchor file and, when given, the off-site `checkpoint` (AuditCheckpoint's line),
// and that every sealed row (every duty timeline event) is vouched for by its record, unchanged.
AuditCheck VerifyAuditChain(Connection& db, std::string_view checkpoint = {});

// For a copy that lives elsewhere than its key and anchor (a backup set, a restore in progress).
struct AuditVerifyOptions {
  std::string checkpoint;
  std::string key_file;     // empty: beside the database
  std::string anchor_file;  // empty: beside the database
  // A snapshot of a database that is still being written: anchor lines past the snapshot's head are not a loss.
  bool anchor_may_lead = false;
  bool require_anchor = true;  // false for a set made before sets carried the anchor
};
AuditCheck VerifyAuditChain(Connection& db, const AuditVerifyOptions& options);

// The lines of `anchor_file` for records up to `count`, as a backup set keeps them ("" if there is no file).
std::string AnchorUpTo(const std::string& anchor_file, int64_t count);

// The verified head as one printable line: "jiceng-audit-checkpoint <count> <hash> <time>". Invalid when the chain
// does not verify (the message names what was found).
Result<std::string> AuditCheckpoint(Connection& db);

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
