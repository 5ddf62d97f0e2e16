// The store interface: the only way modules reach the database.
// A Connection is owned by one thread at a time; Statements belong to the
// Connection that prepared them and must not outlive it. SQL uses `?`
// placeholders (numbered from 1). Failures of the database itself (I/O,
// corruption, a violated constraint a command should have checked first) are
// faults and throw store::Fault; a Transaction rolls back when it unwinds.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace jiceng::store {

class Fault : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement {
 public:
  virtual ~Statement() = default;
  virtual Statement& Bind(int index, int64_t value) = 0;
  virtual Statement& Bind(int index, std::string_view text) = 0;
  virtual Statement& BindBlob(int index, std::string_view bytes) = 0;
  virtual Statement& BindNull(int index) = 0;
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::optional<std::string>& text) {
    return text ? Bind(index, std::string_view(*text)) : BindNull(index);
  }
  // Advances to the next row; false when there is none left.
  virtual bool Step() = 0;
  // Clears bindings and rewinds, so the statement can run again.
  virtual void Reset() = 0;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual std::string Blob(int column) const = 0;
  // Runs a statement that returns no rows (Reset first, so it can be reused).
  void Run() {
    Step();
    Reset();
  }
};

struct AuditState;  // store/audit.cc: the chain key and the anchor file, loaded by a connection's first append

class Connection {
 public:
  virtual ~Connection() = default;
  // What the connection was opened with (a file path or a postgresql:// URI): Open(Target()) reaches the same database.
  virtual const std::string& Target() const = 0;
  // Where the files that belong to the database live: the key file and the audit anchor are this path plus a
  // suffix (core/crypto.h KeyFileFor, store/audit.h AnchorFileFor). SQLite: the database file itself; PostgreSQL:
  // `$JICENG_STATE_DIR/<database name>` (default directory `var`), since a server database has no file of its own.
  virtual const std::string& Path() const = 0;
  virtual void Exec(std::string_view sql) = 0;
  virtual std::unique_ptr<Statement> Prepare(std::string_view sql) = 0;
  virtual int64_t LastInsertId() const = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  virtual int64_t Changes() const = 0;
  // Begins a write transaction that takes the write lock at once.
  virtual void BeginWrite() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  virtual bool InTransaction() const = 0;
  // The audit log's state on this connection (store/audit.cc); null until the connection first appends.
  std::shared_ptr<AuditState> audit_state;
  // Refreshes what the query planner knows of the tables' sizes and the spread of indexed values (a sample, so it
  // is quick even at national scale): without it, a filter on a few orgs may be planned as a scan of everyone.
  virtual void UpdateStatistics() = 0;
  // Writes a consistent copy of the whole database as of one moment to a new file at `path` (mode 0600, synced to
  // disk; refused as Conflict if the file exists) while other connections go on reading and writing. The copy is
  // self-contained (no journal beside it). SQLite: the online backup API in one step under one read snapshot, which
  // WAL lets writers pass; a PostgreSQL back end will implement it with pg_dump.
  virtual Status BackupTo(const std::string& path) = 0;
  // The database's own consistency check: Ok, or Invalid("db") naming the first problems. `full` checks everything,
  // every index against its table (SQLite's integrity_check); otherwise a quicker structural check (quick_check)
  // fit for every start. A file too damaged to read answers Invalid as well, never a fault.
  virtual Status CheckIntegrity(bool full) = 0;

  // The catalog, the same question on every back end: the database's tables (not the connection's temporary
  // ones), a table's columns in order, the triggers, and a table's indexes that no constraint needs, each with the
  // SQL that makes it again (a bulk load drops them and re-creates them after).
  struct Index {
    std::string name;
    std::string sql;
  };
  virtual std::vector<std::string> Tables() = 0;
  virtual std::vector<std::string> Columns(const std::string& table) = 0;
  virtual std::vector<std::string> Triggers() = 0;
  virtual std::vector<Index> Indexes(const std::string& table) = 0;

  // A statement prepared once and kept for the connection's life, rewound and cleared for this use. Step it to the
  // end or Reset it when done: a statement left mid-result keeps its read snapshot open, and a later write
  // transaction on the connection then fails as busy.
  Statement& Cached(const std::string& sql) {
    std::unique_ptr<Statement>& slot = cache_[sql];
    if (!slot) {
      slot = Prepare(sql);
    } else {
      slot->Reset();
    }
    return *slot;
  }

 protected:
  // For a back end's destructor: the cached statements go first, while the connection they belong to is whole.
  void ClearCache() { cache_.clear(); }

 private:
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Runs `sql` and returns the first column of its first row as an integer (0 if none).
int64_t QueryInt(Connection& db, std::string_view sql);

// RAII write transaction: rolls back unless Commit() was called. Inside another
// transaction it becomes a savepoint, so a command can run within a larger
// unit of work (init's demo seeding) and still undo only its own part.
class Transaction {
 public:
  explicit Transaction(Connection& db) : db_(db), nested_(db.InTransaction()) {
    if (nested_) {
      db_.Exec("SAVEPOINT jiceng_tx");
    } else {
      db_.BeginWrite();
    }
  }
  ~Transaction() {
    if (done_) return;
    try {
      if (nested_) {
        db_.Exec("ROLLBACK TO jiceng_tx");
        db_.Exec("RELEASE jiceng_tx");
      } else {
        db_.Rollback();
      }
    } catch (...) {  // already unwinding; the fault is reported elsewhere
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit() {
    if (nested_) {
      db_.Exec("RELEASE jiceng_tx");
    } else {
      db_.Commit();
    }
    done_ = true;
  }

 private:
  Connection& db_;
  bool nested_;
  bool done_ = false;
};

struct OpenOptions {
  bool create = false;     // create the file if missing
  bool bulk_load = false;  // no fsync and the rollback journal in memory while loading a new database (init only)
};

// Opens the database `target` names: a `postgresql://` (or `postgres://`) URI opens PostgreSQL (store/postgres),
// anything else is a SQLite file (created with `create`). Everything above the store opens databases only
// through this. Errors are values: a missing SQLite file without `create` is NotFound, an unreachable server
// Invalid("db") with libpq's reason.
Result<std::unique_ptr<Connection>> Open(const std::string& target, OpenOptions options);
bool IsServerDatabase(std::string_view target);
// Connection::Path() of the database `target` names, without connecting: where its key file, audit anchor and
// evidence files (`<path>.files`) are.
std::string StatePath(const std::string& target);

// Conflict when another connection (a running server, say) uses the database: SQLite finds it by taking the
// file's exclusive lock for a moment, PostgreSQL by looking for other jiceng sessions on the database. Ok when
// nobody does, or when there is no database there to use.
Status CheckUnused(const std::string& target);

// Makes `target` a database with nothing in it, for init --force and restore: SQLite removes the file and what
// lies beside it; PostgreSQL drops and re-creates the public schema (the database itself stays, made by its DBA).
Status Wipe(const std::string& target);

// The back ends themselves (store/sqlite, store/postgres).
Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path, OpenOptions options);
Status CheckSqliteUnused(const std::string& path);
Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& uri, OpenOptions options);
Status CheckPostgresUnused(const std::string& uri);
Status WipePostgres(const std::string& uri);
std::string PostgresStatePath(const std::string& uri);

// Applies the numbered migrations not yet applied (see migrations.cc).
void Migrate(Connection& db);
int SchemaVersion(Connection& db);
// The newest schema version this program knows: a database above it was made by a newer jiceng.
int LatestSchemaVersion();

}  // namespace jiceng::store

namespace jiceng::store {
// A digest of every row of every table: equal digests mean equal contents.
// Tests use it to prove that a refused command changed nothing.
std::string ContentDigest(Connection& db);
}  // namespace jiceng::store
