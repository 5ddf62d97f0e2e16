#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include "store/audit.h"
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

TEST(AuditTest, ChainDetectsChangeAndDeletion) {
  auto db = Fresh("audit");
  Actor actor{"tester", "127.0.0.1"};
  for (int i = 0; i < 5; ++i) AppendAudit(*db, actor, {"test.write", std::to_string(i), "630000000000", "before", "after"});
  EXPECT_EQ(VerifyAuditChain(*db).first_bad_id, 0);
  EXPECT_EQ(VerifyAuditChain(*db).records, 5);
  db->Exec("UPDATE audit_log SET object = 'forged' WHERE id = 3");
  EXPECT_EQ(VerifyAuditChain(*db).first_bad_id, 3);
  db->Exec("UPDATE audit_log SET object = '2' WHERE id = 3");
  EXPECT_EQ(VerifyAuditChain(*db).first_bad_id, 0);
  db->Exec("DELETE FROM audit_log WHERE id = 2");
  EXPECT_EQ(VerifyAuditChain(*db).first_bad_id, 2);
}

}  // namespace jiceng::store
