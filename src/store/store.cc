// What the store does the same on every back end: choosing the back end from the target, and the helpers
// written against the interface alone.
#include <unistd.h>

#include "core/crypto.h"
#include "store/store.h"

namespace jiceng::store {

bool IsServerDatabase(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

Result<std::unique_ptr<Connection>> Open(const std::string& target, OpenOptions options) {
  if (IsServerDatabase(target)) return OpenPostgres(target, options);
  return OpenSqlite(target, options);
}

std::string StatePath(const std::string& target) {
  return IsServerDatabase(target) ? PostgresStatePath(target) : target;
}

Status CheckUnused(const std::string& target) {
  return IsServerDatabase(target) ? CheckPostgresUnused(target) : CheckSqliteUnused(target);
}

Status Wipe(const std::string& target) {
  if (IsServerDatabase(target)) return WipePostgres(target);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((target + suffix).c_str());
  return Status::Ok();
}

int64_t QueryInt(Connection& db, std::string_view sql) {
  auto stmt = db.Prepare(sql);
  return stmt->Step() ? stmt->Int(0) : 0;
}

std::string ContentDigest(Connection& db) {
  std::string all;
  for (const auto& table : db.Tables()) {
    const size_t columns = db.Columns(table).size();
    auto rows = db.Prepare("SELECT * FROM \"" + table + "\" ORDER BY 1, 2");
    all += table + "\n";
    while (rows->Step()) {
      for (size_t c = 0; c < columns; ++c) {
        const int i = static_cast<int>(c);
        all += (rows->IsNull(i) ? std::string("\x01") : rows->Blob(i)) + '\x1f';
      }
      all += '\n';
    }
  }
  return HexDigest(all);
}

}  // namespace jiceng::store
