// SQLite back end of the store interface: WAL journal, full fsync on commit
// (no acknowledged write is lost), foreign keys on, a busy timeout so that
// concurrent writers wait instead of failing.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "store/audit.h"
#include "store/store.h"

namespace jiceng::store {
namespace {

[[noreturn]] void Throw(sqlite3* db, const char* what) {
  throw Fault(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "sqlite"));
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  Statement& Bind(int index, int64_t value) override {
    Check(sqlite3_bind_int64(stmt_, index, value));
    return *this;
  }
  Statement& Bind(int index, std::string_view text) override {
    Check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& BindBlob(int index, std::string_view bytes) override {
    Check(sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& BindNull(int index) override {
    Check(sqlite3_bind_null(stmt_, index));
    return *this;
  }
  bool Step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
    sqlite3_reset(stmt_);
    Throw(db_, ("step [" + sql.substr(0, 80) + "]").c_str());
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  bool IsNull(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
  }
  std::string Blob(int column) const override {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
  }

 private:
  void Check(int rc) const {
    if (rc != SQLITE_OK) Throw(db_, "bind");
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }

  const std::string& Target() const override { return path_; }
  const std::string& Path() const override { return path_; }

  void Exec(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "exec";
      sqlite3_free(err);
      throw Fault("exec: " + message);
    }
  }
  std::unique_ptr<Statement> Prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
        SQLITE_OK) {
      Throw(db_, ("prepare [" + std::string(sql.substr(0, 120)) + "]").c_str());
    }
    return std::make_unique<SqliteStatement>(db_, stmt);
  }
  int64_t LastInsertId() const override { return sqlite3_last_insert_rowid(db_); }
  int64_t Changes() const override { return sqlite3_changes64(db_); }
  void BeginWrite() override { Exec("BEGIN IMMEDIATE"); }
  void Commit() override {
    Exec("COMMIT");
    AnchorAuditHead(*this);  // after the commit, so that the anchor never names a record the database lacks
  }
  void Rollback() override { Exec("ROLLBACK"); }
  bool InTransaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  void UpdateStatistics() override {
    Exec("PRAGMA analysis_limit=1000");
    Exec("ANALYZE");
  }

  Status BackupTo(const std::string& path) override {
    // Created here with 0600 first: SQLite would create it 0644, and its journal takes the file's mode.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Conflict("to", "备份文件已存在或无法创建：" + path);
    ::close(fd);
    sqlite3* dest = nullptr;
    auto fail = [&](const std::string& what) {
      std::string message = what + "：" + (dest ? sqlite3_errmsg(dest) : sqlite3_errmsg(db_));
      sqlite3_close_v2(dest);
      ::unlink(path.c_str());
      ::unlink((path + "-journal").c_str());
      return Status::Internal("备份失败（" + message + "）");
    };
    if (sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) return fail("打开备份文件");
    // Nothing to roll back into: a failed copy is deleted. Synced once at the end, below.
    sqlite3_exec(dest, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF", nullptr, nullptr, nullptr);
    // One step copies every page under a single read snapshot of the source: consistent, and in WAL mode the
    // writers go on meanwhile. (Copying in several steps would restart whenever another connection wrote.)
    int rc = SQLITE_BUSY;
    for (int attempt = 0; attempt < 200 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      sqlite3_backup* backup = sqlite3_backup_init(dest, "main", db_, "main");
      if (backup == nullptr) return fail("开始复制");
      rc = sqlite3_backup_step(backup, -1);
      sqlite3_backup_finish(backup);
    }
    if (rc != SQLITE_DONE) return fail("复制数据页");
    // The pages carry the source's WAL flag; the copy is a plain file with nothing beside it.
    if (sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return fail("设置日志模式");
    }
    if (sqlite3_close_v2(dest) != SQLITE_OK) return fail("关闭备份文件");
    dest = nullptr;
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!synced) {
      ::unlink(path.c_str());
      return Status::Internal("备份失败（无法写入磁盘：" + path + "）");
    }
    return Status::Ok();
  }

  Status CheckIntegrity(bool full) override {
    const char* pragma = full ? "integrity_check" : "quick_check";
    std::string problems;
    try {
      auto rows = Prepare(std::string("PRAGMA ") + pragma + "(10)");
      while (rows->Step()) {
        std::string line = rows->Text(0);
        if (line == "ok") continue;
        std::replace(line.begin(), line.end(), '\n', ' ');  // one line per problem, to print on one line
        if (!problems.empty()) problems += "；";
        problems += line;
      }
    } catch (const Fault& e) {
      problems = e.what();
    }
    if (problems.empty()) return Status::Ok();
    return Status::Invalid("db", std::string("数据库文件已损坏（") + pragma + "：" + problems + "）");
  }

  std::vector<std::string> Tables() override {
    return Names("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                 " ORDER BY name");
  }
  std::vector<std::string> Columns(const std::string& table) override {
    auto rows = Prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    rows->Bind(1, table);
    std::vector<std::string> names;
    while (rows->Step()) names.push_back(rows->Text(0));
    return names;
  }
  std::vector<std::string> Triggers() override {
    return Names("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
  }
  std::vector<Index> Indexes(const std::string& table) override {
    // sql is NULL for the indexes SQLite makes itself for PRIMARY KEY and UNIQUE constraints.
    auto rows = Prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ?1 ORDER BY name");
    rows->Bind(1, table);
    std::vector<Index> indexes;
    while (rows->Step()) indexes.push_back({rows->Text(0), rows->Text(1)});
    return indexes;
  }

 private:
  std::vector<std::string> Names(const char* sql) {
    auto rows = Prepare(sql);
    std::vector<std::string> names;
    while (rows->Step()) names.push_back(rows->Text(0));
    return names;
  }
  sqlite3* db_;
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path, OpenOptions options) {
  struct stat st {};
  if (!options.create && ::stat(path.c_str(), &st) != 0) {
    return Status::NotFound("db", "数据库文件不存在：" + path + "（先运行 jiceng init）");
  }
  if (options.create && ::stat(path.c_str(), &st) != 0) {
    // Created 0600 like the key file (SQLite would make it 0644); its WAL and shared-memory files take its mode.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
  }
  sqlite3* raw = nullptr;
  // A bulk load runs on one thread; without SQLite's own locks every call is a little cheaper.
  int flags = SQLITE_OPEN_READWRITE | (options.bulk_load ? SQLITE_OPEN_NOMUTEX : SQLITE_OPEN_FULLMUTEX) |
              (options.create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : "open";
    sqlite3_close_v2(raw);
    return Status::Invalid("db", "无法打开数据库 " + path + "：" + message);
  }
  auto db = std::make_unique<SqliteConnection>(raw, path);
  sqlite3_busy_timeout(raw, 10000);
  try {
    // A database being built by init keeps its rollback journal in memory: it is made under a temporary name and
    // deleted if anything fails, and a WAL would write every page of a large load twice.
    db->Exec(options.bulk_load ? "PRAGMA journal_mode=MEMORY" : "PRAGMA journal_mode=WAL");
    db->Exec("PRAGMA foreign_keys=ON");
    db->Exec(options.bulk_load ? "PRAGMA synchronous=OFF" : "PRAGMA synchronous=FULL");
    db->Exec("PRAGMA cache_size=-65536");
    db->Exec("PRAGMA temp_store=MEMORY");
  } catch (const Fault& e) {  // the first read of the file: not a database at all, or its first page is damaged
    const int code = sqlite3_errcode(raw) & 0xff;
    if (code != SQLITE_NOTADB && code != SQLITE_CORRUPT) throw;
    return Status::Invalid("db", "不是数据库文件或文件已损坏：" + path + "（" + e.what() + "）");
  }
  // Rows this connection wrote that its next audit record vouches for (store/audit.h, SealWithNextAudit): a
  // temporary table, so it is private to the connection and rolls back with the transaction that filled it.
  db->Exec("CREATE TEMP TABLE audit_seal (tbl TEXT NOT NULL, row INTEGER NOT NULL)");
  return std::unique_ptr<Connection>(std::move(db));
}

Status CheckSqliteUnused(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::Ok();
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    return Status::Ok();
  }
  sqlite3_busy_timeout(raw, 500);
  // In WAL mode every open connection holds a shared lock, so the exclusive one is refused while any is open.
  int rc = sqlite3_exec(raw, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT", nullptr, nullptr, nullptr);
  const int code = sqlite3_errcode(raw) & 0xff;
  sqlite3_close_v2(raw);
  if (rc != SQLITE_OK && (code == SQLITE_BUSY || code == SQLITE_LOCKED)) {
    return Status::Conflict("db", "数据库正在被使用（服务还在运行？）：" + path + "，请先停止服务");
  }
  return Status::Ok();
}

}  // namespace jiceng::store

