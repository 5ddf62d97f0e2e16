#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include "testing/temp_path.h"

namespace jiceng::store {
namespace {

std::unique_ptr<Connection> Fresh(const std::string& name) {
  std::string path = testing_support::TempPath(name);
  for (const char* s : {"", "-wal", "-shm"}) ::unlink((path + s).c_str());
  auto db = OpenSqlite(path, {.create = true});
  EXPECT_TRUE(db.ok());
  Migrate(**db);
  return std::move(*db);
}

}  // namespace

// Regression: Debian 12's SQLite 3.40.1 ignored a range bound in an indexed query (wrong overdue rows); jiceng is
// built against the pinned amalgamation, never the system library.
TEST(StoreTest, BuiltAgainstTheCurrentSqliteNotDebians) {
  EXPECT_GE(sqlite3_libversion_number(), 3053000) << sqlite3_libversion();
  EXPECT_STREQ(sqlite3_libversion(), SQLITE_VERSION);  // header and library are the same release
}

TEST(StoreTest, MissingFileIsNotFound) {
  auto db = OpenSqlite("/nonexistent/dir/x.db", {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kNotFound);
}

TEST(StoreTest, MigrationsAreIdempotent) {
  auto db = Fresh("migrate");
  int version = SchemaVersion(*db);
  EXPECT_GE(version, 3);
  Migrate(*db);
  EXPECT_EQ(SchemaVersion(*db), version);
}

TEST(StoreTest, AMigrationMergedAfterAHigherNumberIsStillApplied) {
  auto db = Fresh("migrate_late");
  // As a database made by a build that had migration 99 but not yet 8 (merged later) would be.
  db->Exec(
      "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_keep_180_days; DROP INDEX duty_event_audit;"
      "ALTER TABLE audit_log DROP COLUMN sealed_digest; ALTER TABLE duty_event DROP COLUMN audit_id;"
      "DELETE FROM schema_migrations WHERE version = 8;"
      "INSERT INTO schema_migrations(version, name) VALUES (99, 'a later one')");
  Migrate(*db);
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM pragma_table_info('audit_log') WHERE name = 'sealed_digest'"), 1);
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM schema_migrations WHERE version = 8"), 1);
  EXPECT_EQ(SchemaVersion(*db), 99);
}

TEST(StoreTest, TransactionRollsBackUnlessCommitted) {
  auto db = Fresh("tx");
  {
    Transaction tx(*db);
    db->Exec("INSERT INTO meta(key, value) VALUES ('a', '1')");
  }
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM meta"), 0);
  {
    Transaction tx(*db);
    db->Exec("INSERT INTO meta(key, value) VALUES ('a', '1')");
    tx.Commit();
  }
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM meta"), 1);
  EXPECT_THROW(db->Exec("INSERT INTO meta(key, value) VALUES ('a', '2')"), Fault);
}

}  // namespace jiceng::store
