// PostgreSQL back end of the store interface, over libpq. Module SQL arrives in the shared dialect and is
// translated once per statement (dialect.h); everything PostgreSQL-specific beyond that lives here:
//  - one writer at a time, as on SQLite: a write transaction takes a transaction-scoped advisory lock, so that
//    check-then-write commands, the audit chain's head and the roll-up change log's commit order stay exact
//    whichever server process writes (a write outside a transaction takes it for its own implicit transaction);
//  - LastInsertId: an INSERT into a table with an identity column gets `RETURNING` that column;
//  - the functions the dialect maps SQLite's to (jiceng_julianday, jiceng_date, jiceng_json_each), made once;
//  - the database must use the C collation, so that text sorts by code point exactly as on SQLite.
#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

#include "store/audit.h"
#include "store/notify.h"
#include "store/postgres/dialect.h"
#include "store/postgres/tools.h"
#include "store/store.h"

namespace jiceng::store {
namespace {

// pg_advisory_xact_lock key held by every write transaction: "jiceng" in ASCII.
constexpr const char* kWriteLock = "SELECT pg_advisory_xact_lock(116939144717927)";
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kTextOid = 25;

// The functions the dialect maps SQLite's built-ins to. Bump kCompatVersion when they change.
constexpr int kCompatVersion = 2;
constexpr const char* kCompatFunctions = R"sql(
CREATE OR REPLACE FUNCTION jiceng_julianday(t text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
$$ SELECT (extract(epoch FROM t::timestamp) / 86400.0 + 2440587.5)::double precision $$;
CREATE OR REPLACE FUNCTION jiceng_date(VARIADIC a text[]) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  t timestamp;
BEGIN
  IF a[1] = 'now' THEN t := now() AT TIME ZONE 'UTC'; ELSE t := a[1]::timestamp; END IF;
  FOR i IN 2 .. coalesce(array_length(a, 1), 1) LOOP
    t := t + a[i]::interval;
  END LOOP;
  RETURN to_char(t, 'YYYY-MM-DD');
END $$;
DROP FUNCTION IF EXISTS jiceng_json_each(text);
CREATE FUNCTION jiceng_json_each(t text) RETURNS TABLE(value text) LANGUAGE sql IMMUTABLE AS
$$ SELECT e FROM json_array_elements_text(t::json) AS e $$;
CREATE OR REPLACE FUNCTION jiceng_compat_version() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 2 $$;
)sql";

class PgConnection;

std::string Message(PGconn* conn, PGresult* result) {
  std::string m = result ? PQresultErrorMessage(result) : "";
  if (m.empty() && conn) m = PQerrorMessage(conn);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

bool IsWrite(std::string_view sql) {
  size_t i = 0;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  auto starts = [&](const char* word) { return strncasecmp(sql.data() + i, word, std::strlen(word)) == 0; };
  return starts("INSERT") || starts("UPDATE") || starts("DELETE");
}

class PgConnection final : public Connection {
 public:
  PgConnection(PGconn* conn, std::string target, std::string path)
      : conn_(conn), target_(std::move(target)), path_(std::move(path)) {}
  ~PgConnection() override {
    ClearCache();
    PQfinish(conn_);
  }

  const std::string& Target() const override { return target_; }
  const std::string& Path() const override { return path_; }

  void Exec(std::string_view sql) override {
    const std::string trigger = postgres::DroppedTrigger(sql);
    if (!trigger.empty()) return DropTrigger(trigger);
    std::string script;
    bool write = false;
    try {
      const std::vector<std::string> statements = postgres::SplitStatements(sql);
      if (statements.size() == 1 && !postgres::InsertTable(postgres::ToPostgres(statements[0])).empty()) {
        // One INSERT: as a statement, so that LastInsertId and Changes answer for it as on SQLite.
        Prepare(statements[0])->Run();
        return;
      }
      for (const std::string& statement : statements) {
        std::string translated = postgres::ToPostgres(statement);
        if (translated.empty()) continue;
        write = write || IsWrite(translated);
        script += translated + ";\n";
      }
    } catch (const std::invalid_argument& e) {
      throw Fault(e.what());
    }
    if (script.empty()) return;
    const bool implicit = write && !InTransaction();
    if (implicit) BeginWrite();
    try {
      RunNative(script);
    } catch (...) {
      if (implicit) Rollback();
      throw;
    }
    if (implicit) CommitChecked();
  }

  std::unique_ptr<Statement> Prepare(std::string_view sql) override;
  // For the back end's own catalog questions, already in PostgreSQL's dialect.
  std::unique_ptr<Statement> PrepareNative(const std::string& sql);

  int64_t LastInsertId() const override { return last_insert_id_; }
  int64_t Changes() const override { return changes_; }
  void BeginWrite() override {
    RunNative("BEGIN");
    RunNative(kWriteLock);
  }
  void Commit() override {
    CommitChecked();
    AnchorAuditHead(*this);  // after the commit, so that the anchor never names a record the database lacks
  }
  void Rollback() override { RunNative("ROLLBACK"); }
  bool InTransaction() const override { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }
  void UpdateStatistics() override { RunNative("ANALYZE"); }

  // Inside a transaction (REPEATABLE READ, as the backup opens one) pg_dump takes that transaction's snapshot, so
  // that what the caller reads in it (the audit head, the evidence rows) is exactly what the dump holds.
  Status BackupTo(const std::string& path) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Conflict("to", "备份文件已存在或无法创建：" + path);
    ::close(fd);
    // pg_dump takes one snapshot of the whole database; writers go on meanwhile.
    std::vector<std::string> args = {"pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                                     "--file=" + path, "--dbname=" + target_};
    if (InTransaction()) {
      auto snapshot = PrepareNative("SELECT pg_export_snapshot()");
      snapshot->Step();
      args.push_back("--snapshot=" + snapshot->Text(0));
    }
    std::string output;
    if (Status ran = postgres::RunTool(args, &output); !ran.ok()) {
      ::unlink(path.c_str());
      return Status::Internal("备份失败（" + ran.message() + "）");
    }
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!synced) {
      ::unlink(path.c_str());
      return Status::Internal("备份失败（无法写入磁盘：" + path + "）");
    }
    return Status::Ok();
  }

  Status CheckIntegrity(bool full) override {
    try {
      auto tables = PrepareNative("SELECT count(*) FROM pg_class");
      tables->Step();
      if (!full) return Status::Ok();
      // amcheck (contrib, when the administrator has installed it) checks every B-tree index against its table.
      auto has = PrepareNative("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'");
      if (!has->Step()) return Status::Ok();
      auto check = PrepareNative(
          "SELECT bt_index_check(i.indexrelid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
          " JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
          " WHERE a.amname = 'btree' AND n.nspname = current_schema()");
      while (check->Step()) {
      }
      return Status::Ok();
    } catch (const Fault& e) {
      return Status::Invalid("db", std::string("数据库检查未通过（") + e.what() + "）");
    }
  }

  std::vector<std::string> Tables() override {
    return Names(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_type = 'BASE TABLE' ORDER BY 1",
        "");
  }
  std::vector<std::string> Columns(const std::string& table) override {
    return Names(
        "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = $1 ORDER BY ordinal_position",
        table);
  }
  std::vector<std::string> Triggers() override {
    return Names(
        "SELECT t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        " ORDER BY 1",
        "");
  }
  std::vector<Index> Indexes(const std::string& table) override {
    auto rows = PrepareNative(
        "SELECT i.relname::text, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
        " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
        " WHERE n.nspname = current_schema() AND t.relname = $1"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) ORDER BY 1");
    rows->Bind(1, table);
    std::vector<Index> indexes;
    while (rows->Step()) indexes.push_back({rows->Text(0), rows->Text(1)});
    return indexes;
  }

  // --- for PgStatement
  PGconn* raw() { return conn_; }
  std::string NextName() { return "j" + std::to_string(++statements_); }
  void Forget(std::string name) { unused_.push_back(std::move(name)); }
  void FlushUnused() {
    if (unused_.empty() || PQtransactionStatus(conn_) == PQTRANS_INERROR) return;
    std::string sql;
    for (const auto& name : unused_) sql += "DEALLOCATE " + name + ";";
    unused_.clear();
    PQclear(PQexec(conn_, sql.c_str()));
  }
  void SetLastInsertId(int64_t id) { last_insert_id_ = id; }
  void SetChanges(int64_t n) { changes_ = n; }
  // The identity column of `table` ("" when it has none), asked once per table.
  const std::string& IdentityColumn(const std::string& table) {
    auto found = identity_.find(table);
    if (found != identity_.end()) return found->second;
    std::string column;
    {
      const char* values[] = {table.c_str()};
      PGresult* r = PQexecParams(conn_,
                                 "SELECT a.attname::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                                 " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                 " WHERE c.relname = $1 AND a.attidentity <> '' AND a.attnum > 0"
                                 " AND (n.nspname = current_schema() OR n.oid = pg_my_temp_schema())",
                                 1, nullptr, values, nullptr, nullptr, 0);
      if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) column = PQgetvalue(r, 0, 0);
      PQclear(r);
    }
    return identity_[table] = column;
  }
  // A write outside any transaction runs in its own, under the write lock (see the file comment).
  bool BeginImplicit() {
    if (InTransaction()) return false;
    BeginWrite();
    return true;
  }
  void CommitChecked() {
    PGresult* r = PQexec(conn_, "COMMIT");
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    const std::string tag = ok ? PQcmdStatus(r) : "";
    const std::string message = Message(conn_, r);
    PQclear(r);
    if (!ok) throw Fault("commit: " + message);
    // A transaction that had failed answers COMMIT with ROLLBACK: nothing was written.
    if (tag != "COMMIT") throw Fault("commit: the transaction had failed and was rolled back");
  }

  void RunNative(const std::string& sql) {
    FlushUnused();
    PGresult* r = PQexec(conn_, sql.c_str());
    const ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY) {
      const std::string message = Message(conn_, r);
      PQclear(r);
      throw Fault("exec: " + message + " [" + sql.substr(0, 160) + "]");
    }
    PQclear(r);
  }

  void EnsureCompatFunctions() {
    PGresult* r = PQexec(conn_, "SELECT jiceng_compat_version()");
    const bool current = PQresultStatus(r) == PGRES_TUPLES_OK && std::atoi(PQgetvalue(r, 0, 0)) >= kCompatVersion;
    PQclear(r);
    if (current) return;
    BeginWrite();  // two servers starting at once must not replace the functions under each other
    try {
      RunNative(kCompatFunctions);
      CommitChecked();
    } catch (...) {
      Rollback();
      throw;
    }
  }

 private:
  void DropTrigger(const std::string& name) {
    auto table = PrepareNative(
        "SELECT c.relname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = $1"
        " AND NOT t.tgisinternal");
    table->Bind(1, name);
    if (!table->Step()) return;
    const std::string on = table->Text(0);
    table->Reset();
    RunNative("DROP TRIGGER IF EXISTS " + name + " ON " + on + "; DROP FUNCTION IF EXISTS " + name + "_fn()");
  }
  std::vector<std::string> Names(const std::string& sql, const std::string& arg) {
    auto rows = PrepareNative(sql);
    if (!arg.empty()) rows->Bind(1, arg);
    std::vector<std::string> names;
    while (rows->Step()) names.push_back(rows->Text(0));
    return names;
  }

  PGconn* conn_;
  std::string target_;
  std::string path_;
  int64_t last_insert_id_ = 0;
  int64_t changes_ = 0;
  int64_t statements_ = 0;
  std::vector<std::string> unused_;
  std::map<std::string, std::string> identity_;
};

class PgStatement final : public Statement {
 public:
  PgStatement(PgConnection& conn, std::string sql, std::vector<Oid> types, std::string identity)
      : conn_(conn),
        sql_(std::move(sql)),
        types_(std::move(types)),
        values_(types_.size()),
        binary_(types_.size(), 0),
        identity_(std::move(identity)),
        write_(IsWrite(sql_)) {}
  ~PgStatement() override {
    PQclear(result_);
    if (!name_.empty()) conn_.Forget(name_);
  }

  Statement& Bind(int index, int64_t value) override { return Set(index, std::to_string(value), false); }
  Statement& Bind(int index, std::string_view text) override { return Set(index, std::string(text), false); }
  Statement& BindBlob(int index, std::string_view bytes) override { return Set(index, std::string(bytes), true); }
  Statement& BindNull(int index) override {
    Slot(index) = std::nullopt;
    return *this;
  }

  bool Step() override {
    if (done_) Rewind();  // as SQLite: stepping a finished statement runs it again
    if (!executed_) {
      Execute();
      executed_ = true;
      row_ = -1;
    }
    if (++row_ < rows_) return true;
    done_ = true;
    return false;
  }
  void Reset() override {
    Rewind();
    for (auto& v : values_) v = std::nullopt;
  }
  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  int64_t Int(int column) const override {
    if (IsNull(column)) return 0;
    const char* v = PQgetvalue(result_, row_, column);
    if (PQftype(result_, column) == kBoolOid) return v[0] == 't' ? 1 : 0;
    return std::strtoll(v, nullptr, 10);
  }
  std::string Text(int column) const override {
    if (IsNull(column)) return {};
    return std::string(PQgetvalue(result_, row_, column), static_cast<size_t>(PQgetlength(result_, row_, column)));
  }
  std::string Blob(int column) const override {
    if (IsNull(column)) return {};
    if (PQftype(result_, column) != kByteaOid) return Text(column);
    size_t n = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row_, column)), &n);
    std::string out(reinterpret_cast<char*>(bytes), n);
    PQfreemem(bytes);
    return out;
  }

 private:
  std::optional<std::string>& Slot(int index) {
    if (index < 1 || static_cast<size_t>(index) > values_.size()) {
      throw Fault("bind: parameter " + std::to_string(index) + " out of range [" + sql_.substr(0, 80) + "]");
    }
    return values_[static_cast<size_t>(index) - 1];
  }
  Statement& Set(int index, std::string value, bool binary) {
    Slot(index) = std::move(value);
    binary_[static_cast<size_t>(index) - 1] = binary ? 1 : 0;
    return *this;
  }
  void Rewind() {
    PQclear(result_);
    result_ = nullptr;
    executed_ = done_ = false;
    rows_ = 0;
    row_ = -1;
  }
  void Execute() {
    conn_.FlushUnused();
    std::vector<const char*> values;
    std::vector<int> lengths;
    for (const auto& v : values_) {
      values.push_back(v ? v->data() : nullptr);
      lengths.push_back(v ? static_cast<int>(v->size()) : 0);
    }
    const bool implicit = write_ && conn_.BeginImplicit();
    // The first run parses, plans and runs in one round trip; a statement run again is prepared once on the server
    // and then only bound and run (a statement run once never costs a PREPARE and a DEALLOCATE).
    if (runs_ == 1) {
      name_ = conn_.NextName();
      PGresult* p = PQprepare(conn_.raw(), name_.c_str(), sql_.c_str(), static_cast<int>(types_.size()), types_.data());
      const bool prepared = PQresultStatus(p) == PGRES_COMMAND_OK;
      const std::string message = prepared ? "" : Message(conn_.raw(), p);
      PQclear(p);
      if (!prepared) {
        name_.clear();
        if (implicit) conn_.Rollback();
        throw Fault("prepare: " + message + " [" + sql_.substr(0, 200) + "]");
      }
    }
    ++runs_;
    PGresult* r = name_.empty()
                      ? PQexecParams(conn_.raw(), sql_.c_str(), static_cast<int>(values.size()), types_.data(),
                                     values.data(), lengths.data(), binary_.data(), 0)
                      : PQexecPrepared(conn_.raw(), name_.c_str(), static_cast<int>(values.size()), values.data(),
                                       lengths.data(), binary_.data(), 0);
    const ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
      const std::string message = Message(conn_.raw(), r);
      PQclear(r);
      if (implicit) conn_.Rollback();
      throw Fault("step: " + message + " [" + sql_.substr(0, 120) + "]");
    }
    const char* tag = PQcmdStatus(r);
    if (std::strncmp(tag, "INSERT", 6) == 0 || std::strncmp(tag, "UPDATE", 6) == 0 ||
        std::strncmp(tag, "DELETE", 6) == 0) {
      conn_.SetChanges(std::atoll(PQcmdTuples(r)));
    }
    result_ = r;
    rows_ = PQntuples(r);
    if (!identity_.empty()) {
      // The RETURNING the back end added: the caller asked for no rows.
      if (rows_ > 0) conn_.SetLastInsertId(std::strtoll(PQgetvalue(r, rows_ - 1, 0), nullptr, 10));
      rows_ = 0;
    }
    if (implicit) conn_.CommitChecked();
  }

  PgConnection& conn_;
  std::string name_;  // the server-side prepared statement, from the second run on
  std::string sql_;
  std::vector<Oid> types_;
  int runs_ = 0;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> binary_;
  std::string identity_;
  bool write_;
  PGresult* result_ = nullptr;
  bool executed_ = false;
  bool done_ = false;
  int rows_ = 0;
  int row_ = -1;
};

std::unique_ptr<Statement> PgConnection::Prepare(std::string_view sql) {
  std::string translated;
  try {
    translated = postgres::ToPostgres(sql);
  } catch (const std::invalid_argument& e) {
    throw Fault(e.what());
  }
  if (translated.empty()) translated = "SELECT 1 WHERE false";  // a PRAGMA: nothing to do here
  std::string identity;
  const std::string table = postgres::InsertTable(translated);
  if (!table.empty()) {
    identity = IdentityColumn(table);
    if (!identity.empty()) translated += " RETURNING " + identity;
  }
  const std::vector<bool> used = postgres::ParametersUsed(translated);
  std::vector<Oid> types;
  for (bool u : used) types.push_back(u ? 0 : kTextOid);  // 0: the server infers it
  return std::make_unique<PgStatement>(*this, translated, std::move(types), identity);
}

std::unique_ptr<Statement> PgConnection::PrepareNative(const std::string& sql) {
  return std::make_unique<PgStatement>(*this, sql, std::vector<Oid>(static_cast<size_t>(postgres::ParameterCount(sql)), 0),
                                       "");
}

void Quiet(void*, const char*) {}  // NOTICEs (DROP … IF EXISTS on nothing) are not errors

// Connects with the application name the unused-check looks for.
PGconn* Connect(const std::string& uri) {
  const char* keys[] = {"dbname", "application_name", "client_encoding", nullptr};
  const char* values[] = {uri.c_str(), "jiceng", "UTF8", nullptr};
  return PQconnectdbParams(keys, values, 1);
}

std::string StateDir() {
  const char* dir = std::getenv("JICENG_STATE_DIR");
  return dir && *dir ? dir : "var";
}

}  // namespace

std::string PostgresStatePath(const std::string& uri) {
  std::string name;
  char* error = nullptr;
  if (PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error)) {
    for (PQconninfoOption* o = options; o->keyword; ++o) {
      if (std::strcmp(o->keyword, "dbname") == 0 && o->val) name = o->val;
      if (name.empty() && std::strcmp(o->keyword, "user") == 0 && o->val) name = o->val;  // libpq's default
    }
    PQconninfoFree(options);
  }
  PQfreemem(error);
  return StateDir() + "/" + (name.empty() ? std::string("postgres") : name);
}

Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& uri, OpenOptions options) {
  (void)options;  // the database exists (its DBA made it); bulk loading needs nothing different here
  PGconn* conn = Connect(uri);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn);
    return Status::Invalid("db", "无法连接 PostgreSQL 数据库：" + message);
  }
  PQsetNoticeProcessor(conn, Quiet, nullptr);
  const std::string path = StateDir() + "/" + PQdb(conn);
  auto db = std::make_unique<PgConnection>(conn, uri, path);
  {
    auto collation = db->PrepareNative("SELECT datcollate::text FROM pg_database WHERE datname = current_database()");
    collation->Step();
    const std::string c = collation->Text(0);
    if (c != "C" && c != "POSIX") {
      return Status::Invalid("db", "PostgreSQL 数据库的排序规则须为 C（现为 " + c +
                                       "），文字才能按与 SQLite 相同的顺序排列：请用 CREATE DATABASE … "
                                       "TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' 建库");
    }
  }
  db->RunNative("SET client_min_messages = warning");
  db->EnsureCompatFunctions();
  // Rows this connection wrote that its next audit record vouches for (store/audit.h): private to the session
  // and rolled back with the transaction that filled it, as on SQLite.
  db->RunNative("CREATE TEMP TABLE IF NOT EXISTS audit_seal (tbl TEXT NOT NULL, \"row\" BIGINT NOT NULL)");
  return std::unique_ptr<Connection>(std::move(db));
}

Status CheckPostgresUnused(const std::string& uri) {
  auto db = OpenPostgres(uri, {});
  if (!db.ok()) return Status::Ok();
  const int64_t others = QueryInt(**db,
                                  "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                  " AND pid <> pg_backend_pid() AND application_name = 'jiceng'");
  if (others > 0) {
    return Status::Conflict("db", "数据库正在被使用（有 " + std::to_string(others) + " 个 jiceng 连接，服务还在运行？）：" +
                                      uri + "，请先停止服务");
  }
  return Status::Ok();
}

Status WipePostgres(const std::string& uri) {
  PGconn* conn = Connect(uri);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    return Status::Invalid("db", "无法连接 PostgreSQL 数据库：" + message);
  }
  PQsetNoticeProcessor(conn, Quiet, nullptr);
  PGresult* r = PQexec(conn, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string message = ok ? "" : Message(conn, r);
  PQclear(r);
  PQfinish(conn);
  if (!ok) return Status::Internal("清空数据库失败：" + message);
  return Status::Ok();
}

namespace {

class PgListener final : public Listener {
 public:
  explicit PgListener(PGconn* conn) : conn_(conn) {}
  ~PgListener() override { PQfinish(conn_); }

  bool Wait(int timeout_ms) override {
    if (Drain()) return true;
    pollfd p{PQsocket(conn_), POLLIN, 0};
    if (p.fd < 0) throw Fault("listen: " + Message(conn_, nullptr));
    const int ready = ::poll(&p, 1, timeout_ms);
    if (ready < 0 && errno != EINTR) throw Fault(std::string("listen: poll: ") + std::strerror(errno));
    if (ready <= 0) return false;
    if (!PQconsumeInput(conn_)) throw Fault("listen: " + Message(conn_, nullptr));
    return Drain();
  }

 private:
  bool Drain() {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_)) {
      any = true;
      PQfreemem(n);
    }
    if (PQstatus(conn_) == CONNECTION_BAD) throw Fault("listen: " + Message(conn_, nullptr));
    return any;
  }
  PGconn* conn_;
};

}  // namespace

void PostgresNotifyOnInsert(Connection& db, const std::string& table, const std::string& channel) {
  auto* pg = dynamic_cast<PgConnection*>(&db);
  if (pg == nullptr) return;
  // A statement trigger: one notification per writing statement, and PostgreSQL folds equal notifications of one
  // transaction into one, sent when it commits (none if it rolls back).
  const std::string function = "jiceng_notify_" + channel;
  const std::string sql = "CREATE OR REPLACE FUNCTION " + function +
                          "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('" + channel +
                          "', ''); RETURN NULL; END $$;\n"
                          "DROP TRIGGER IF EXISTS " + function + " ON " + table + ";\n"
                          "CREATE TRIGGER " + function + " AFTER INSERT ON " + table +
                          " FOR EACH STATEMENT EXECUTE FUNCTION " + function + "()";
  const bool own = !pg->InTransaction();
  if (own) pg->BeginWrite();
  try {
    pg->RunNative(sql);
  } catch (...) {
    if (own) pg->Rollback();
    throw;
  }
  if (own) pg->CommitChecked();
}

Result<std::unique_ptr<Listener>> PostgresListen(const std::string& uri, const std::string& channel) {
  PGconn* conn = Connect(uri);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn);
    return Status::Invalid("db", "无法连接 PostgreSQL 数据库：" + message);
  }
  PGresult* r = PQexec(conn, ("LISTEN " + channel).c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string message = ok ? "" : Message(conn, r);
  PQclear(r);
  if (!ok) {
    PQfinish(conn);
    return Status::Invalid("db", "无法监听数据库通知：" + message);
  }
  return std::unique_ptr<Listener>(std::make_unique<PgListener>(conn));
}

}  // namespace jiceng::store
