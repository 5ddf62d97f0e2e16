// The store's backup and start checks: a consistent private copy while another connection writes, damage and
// foreign files found, and the key check value.
#include "store/database_check.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "testing/temp_path.h"

namespace jiceng::store {
namespace {

std::string FreshPath(const std::string& name) {
  std::string path = testing_support::TempPath(name);
  for (const char* s : {"", "-wal", "-shm", "-journal"}) ::unlink((path + s).c_str());
  return path;
}

std::unique_ptr<Connection> Open(const std::string& path, bool create = false) {
  auto db = OpenSqlite(path, {.create = create});
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return std::move(*db);
}

std::unique_ptr<Connection> FreshDatabase(const std::string& path, int rows) {
  auto db = Open(path, true);
  Migrate(*db);
  Transaction tx(*db);
  auto insert = db->Prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
  for (int i = 0; i < rows; ++i) {
    insert->Bind(1, "row" + std::to_string(i)).Bind(2, std::string(200, static_cast<char>('a' + i % 26)));
    insert->Run();
  }
  tx.Commit();
  return db;
}

int Mode(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 0777) : -1;
}

bool Exists(const std::string& path) { return Mode(path) != -1; }

FieldCipher NewCipher(const std::string& name) {
  const std::string key = testing_support::TempPath(name, ".key");
  ::unlink(key.c_str());
  EXPECT_TRUE(FieldCipher::CreateKeyFile(key, true).ok());
  auto cipher = FieldCipher::LoadKeyFile(key);
  EXPECT_TRUE(cipher.ok());
  return *cipher;
}

}  // namespace

TEST(DatabaseFileTest, CreatedPrivateWithItsWal) {
  const std::string path = FreshPath("private");
  auto db = FreshDatabase(path, 3);
  EXPECT_EQ(Mode(path), 0600);
  EXPECT_EQ(Mode(path + "-wal"), 0600);
  EXPECT_EQ(Mode(path + "-shm"), 0600);
}

TEST(BackupTest, CopyIsOneSnapshotTakenWhileAnotherConnectionWrites) {
  const std::string path = FreshPath("backup_source");
  auto writer = FreshDatabase(path, 500);
  auto reader = Open(path);
  const std::string committed = ContentDigest(*reader);
  // A write in progress (not committed) on another connection neither blocks the copy nor gets into it.
  writer->BeginWrite();
  writer->Exec("INSERT INTO meta(key, value) VALUES ('uncommitted', 'x')");
  const std::string copy = FreshPath("backup_copy");
  ASSERT_TRUE(reader->BackupTo(copy).ok());
  writer->Commit();
  EXPECT_EQ(Mode(copy), 0600);
  EXPECT_FALSE(Exists(copy + "-journal"));
  EXPECT_FALSE(Exists(copy + "-wal"));
  auto restored = Open(copy);
  EXPECT_EQ(ContentDigest(*restored), committed);
  EXPECT_TRUE(restored->CheckIntegrity(true).ok());
  // An existing file is never overwritten.
  Status again = reader->BackupTo(copy);
  EXPECT_EQ(again.code(), StatusCode::kConflict);
  EXPECT_EQ(ContentDigest(*Open(copy)), committed);
}

TEST(DatabaseFileTest, InUseWhileAnotherConnectionHasItOpen) {
  const std::string path = FreshPath("in_use");
  {
    auto db = FreshDatabase(path, 1);
    EXPECT_EQ(CheckSqliteUnused(path).code(), StatusCode::kConflict);
  }
  EXPECT_TRUE(CheckSqliteUnused(path).ok());
  EXPECT_TRUE(CheckSqliteUnused(path + ".missing").ok());
}

TEST(DatabaseCheckTest, DamagedPageIsFoundByTheQuickCheck) {
  const std::string path = FreshPath("damaged");
  int64_t root = 0, page_size = 0;
  {
    auto db = FreshDatabase(path, 2000);
    root = QueryInt(*db, "SELECT rootpage FROM sqlite_master WHERE name = 'meta'");
    page_size = QueryInt(*db, "PRAGMA page_size");
    db->Exec("PRAGMA journal_mode=DELETE");
  }
  ASSERT_TRUE(CheckDatabase(*Open(path), false).ok());
  int fd = ::open(path.c_str(), O_WRONLY);
  std::string garbage(static_cast<size_t>(page_size), '\xff');
  ASSERT_EQ(::pwrite(fd, garbage.data(), garbage.size(), (root - 1) * page_size), page_size);
  ::close(fd);
  auto db = Open(path);
  Status quick = CheckDatabase(*db, false);
  EXPECT_EQ(quick.code(), StatusCode::kInvalid);
  EXPECT_NE(quick.message().find("数据库文件已损坏（quick_check"), std::string::npos) << quick.message();
  EXPECT_FALSE(db->CheckIntegrity(true).ok());
}

TEST(DatabaseCheckTest, RefusesFilesThatAreNotJicengDatabasesOrTooNew) {
  const std::string junk = FreshPath("junk");
  std::ofstream(junk) << std::string(8192, 'x');
  auto opened = OpenSqlite(junk, {});
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("不是数据库文件"), std::string::npos);

  const std::string other = FreshPath("other_sqlite");
  auto foreign = Open(other, true);
  foreign->Exec("CREATE TABLE t(x)");
  EXPECT_NE(CheckDatabase(*foreign, false).message().find("不是 jiceng 的数据库"), std::string::npos);
  EXPECT_EQ(QueryInt(*foreign, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'"), 0)
      << "the check changes nothing";

  auto newer = FreshDatabase(FreshPath("newer"), 1);
  EXPECT_TRUE(CheckDatabase(*newer, true).ok());
  newer->Exec("INSERT INTO schema_migrations(version, name) VALUES (100000, 'future')");
  EXPECT_NE(CheckDatabase(*newer, false).message().find("结构版本 100000"), std::string::npos);
}

TEST(DatabaseCheckTest, KeyCheckTellsTheDatabasesOwnKeyFromAnother) {
  auto db = FreshDatabase(FreshPath("keyed"), 1);
  const FieldCipher own = NewCipher("own");
  const FieldCipher other = NewCipher("other");
  EXPECT_EQ(CheckKey(*db, own).code(), StatusCode::kNotFound);
  RecordKeyCheck(*db, own);
  EXPECT_TRUE(CheckKey(*db, own).ok());
  Status foreign = CheckKey(*db, other);
  EXPECT_EQ(foreign.code(), StatusCode::kInvalid);
  EXPECT_EQ(foreign.field(), "key_file");
}

}  // namespace jiceng::store
