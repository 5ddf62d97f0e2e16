// The audit log against tampering: each test tampers with its own database the way someone holding the file would
// with the server stopped (issue #10 §5), and VerifyAuditChain must fail and name what it found. The duty timeline
// here is a few rows of the real duty_event table, sealed as DutyRepo::AddEvent seals them.
#include "store/audit.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/crypto.h"
#include "testing/temp_path.h"
#include "testing/test_db.h"

namespace jiceng::store {
namespace {

constexpr int kWrites = 150;  // records written through AppendAudit, three of them with a timeline event

struct Row {
  int64_t id;
  std::string fields[9];  // at, actor, address, action, object, org_code, before, after, sealed
};

// What an attacker does after editing: recomputes the hashes and links from record `from` on with `mac`, keeping
// the records before it as they were.
void Rechain(Connection& db, const std::function<std::string(const std::string&)>& mac, int64_t from) {
  db.Exec("DROP TRIGGER IF EXISTS audit_log_no_update");
  std::vector<Row> rows;
  auto read = db.Prepare(
      "SELECT id, at, actor, address, action, object, org_code, before_digest, after_digest, sealed_digest, hash"
      " FROM audit_log ORDER BY id");
  std::string prev(64, '0');
  while (read->Step()) {
    Row r{read->Int(0), {}};
    if (r.id < from) {
      prev = read->Text(10);
      continue;
    }
    for (int i = 0; i < 9; ++i) r.fields[i] = read->Text(i + 1);
    rows.push_back(r);
  }
  auto write = db.Prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?");
  for (const Row& r : rows) {
    std::string text = prev;
    for (int i = 0; i < 8; ++i) text += '\x1f' + r.fields[i];
    text += '\x1f' + std::to_string(r.id) + '\x1f' + r.fields[8];
    const std::string hash = mac(text);
    write->Bind(1, prev).Bind(2, hash).Bind(3, r.id);
    write->Run();
    prev = hash;
  }
}
std::string Unkeyed(const std::string& text) { return HexDigest(text); }

class AuditTamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // On SQLite a file, on the PostgreSQL pass a database of its own (testing/fixture.h); side_ is where the key
    // and anchor files of either are.
    target_ = testing_support::NewDatabase(std::string("audit_") +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                                           std::to_string(::getpid()));
    testing_support::RemoveSideFiles(target_);
    if (!testing_support::TestServer()) std::filesystem::remove(target_);
    side_ = StatePath(target_);
    ASSERT_TRUE(FieldCipher::CreateKeyFile(KeyFileFor(side_), true).ok());
    auto db = Open(target_, {.create = true});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    Migrate(*db_);
    db_->Exec(
        "INSERT INTO org_unit(id, code, level, kind) VALUES (1, '630000000000', 'province', 'province');"
        "INSERT INTO duty_item(id, kind, title, deadline, assigner_org_id, responsible_org_id, state, created_at,"
        " updated_at) VALUES (1, 'problem', '问题', '2099-01-01', 1, 1, 'draft', '', '')");
    for (int i = 1; i <= kWrites; ++i) Write(i % 50 == 0);
  }

  // One command: a record, and with `event` a timeline event in the same transaction.
  void Write(bool event) {
    Transaction tx(*db_);
    if (event) AddEvent(*db_);
    AppendAudit(*db_, {"tester", "127.0.0.1"}, {event ? "duty.edit" : "test.write", "1", "630000000000", "a", "b"});
    tx.Commit();
  }
  static void AddEvent(Connection& db) {
    db.Exec(
        "INSERT INTO duty_event(item_id, at, actor, action, from_state, to_state, note)"
        " VALUES (1, '2026-12-01T10:00:00.000+08:00', 'tester', 'edit', 'draft', 'draft', '改了标题')");
    SealWithNextAudit(db, "duty_event", db.LastInsertId());
  }

  int64_t Records() { return QueryInt(*db_, "SELECT COUNT(*) FROM audit_log"); }
  AuditCheck Verify(std::string_view checkpoint = {}) { return VerifyAuditChain(*db_, checkpoint); }
  void ExpectFound(const AuditCheck& check, const std::string& words, int64_t first_bad_id) {
    EXPECT_FALSE(check.ok());
    EXPECT_NE(check.problem.find(words), std::string::npos) << check.problem;
    EXPECT_EQ(check.first_bad_id, first_bad_id) << check.problem;
  }
  std::string Cipher(const std::string& text) { return FieldCipher::LoadKeyFile(KeyFileFor(side_))->ChainMac(text); }
  // The anchor file keeping only its lines up to `count`, as an attacker who can also write it would leave it.
  void CutAnchor(int64_t count) {
    std::ifstream in(AnchorFileFor(side_));
    std::string line, kept;
    while (std::getline(in, line)) {
      if (std::stoll(line) <= count) kept += line + "\n";
    }
    std::ofstream(AnchorFileFor(side_), std::ios::trunc) << kept;
  }

  void TearDown() override {
    db_.reset();
    testing_support::DropDatabase(target_);
  }
  std::string target_;
  std::string side_;
  std::unique_ptr<Connection> db_;
};

TEST_F(AuditTamperTest, AnUntouchedLogVerifiesAndIsAnchoredToItsHead) {
  AuditCheck check = Verify();
  EXPECT_TRUE(check.ok()) << check.problem;
  EXPECT_EQ(check.records, kWrites);
  EXPECT_EQ(check.anchored, kWrites);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM duty_event WHERE audit_id IS NOT NULL"), 3);
  EXPECT_EQ(std::filesystem::status(AnchorFileFor(side_)).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_F(AuditTamperTest, DeletingTheNewest100RecordsIsFound) {
  db_->Exec("DROP TRIGGER audit_log_keep_180_days");
  db_->Exec("DELETE FROM audit_log WHERE id > " + std::to_string(kWrites - 100));
  ExpectFound(Verify(), "记录被删除", kWrites - 99);
}

TEST_F(AuditTamperTest, ChangingAnActorAndRecomputingTheChainIsFound) {
  db_->Exec("DROP TRIGGER audit_log_no_update");
  db_->Exec("UPDATE audit_log SET actor = 'mallory' WHERE id = 7");
  Rechain(*db_, Unkeyed, 7);  // unkeyed BLAKE2b, as anyone could before
  ExpectFound(Verify(), "链被改写", 7);
}

TEST_F(AuditTamperTest, AChainRecomputedWithTheOldPublicFormulaIsNamedSo) {
  db_->Exec("DROP TRIGGER audit_log_no_update");
  db_->Exec("UPDATE audit_log SET actor = 'mallory' WHERE id = 7");
  Rechain(
      *db_,
      [](std::string text) {  // the chain before it was keyed: no sealed digest, no key
        text.pop_back();
        return HexDigest(text);
      },
      7);
  AuditCheck check = Verify();
  ExpectFound(check, "链被改写", 7);
  EXPECT_NE(check.problem.find("没有密钥"), std::string::npos) << check.problem;
}

TEST_F(AuditTamperTest, DeletingARecordAndRenumberingIsFound) {
  db_->Exec("DROP TRIGGER audit_log_keep_180_days");
  db_->Exec("DROP TRIGGER audit_log_no_update");
  db_->Exec("DELETE FROM audit_log WHERE id = 20");
  db_->Exec("UPDATE audit_log SET id = id - 1 WHERE id > 20");
  ExpectFound(Verify(), "链被改写", 20);
  Rechain(*db_, Unkeyed, 20);
  ExpectFound(Verify(), "链被改写", 20);
}

TEST_F(AuditTamperTest, DeletingARecordWithoutRenumberingIsFound) {
  db_->Exec("DROP TRIGGER audit_log_keep_180_days");
  db_->Exec("DELETE FROM audit_log WHERE id = 20");
  ExpectFound(Verify(), "记录被删除", 20);
}

TEST_F(AuditTamperTest, DeletingEveryRecordIsFound) {
  db_->Exec("DROP TRIGGER audit_log_keep_180_days");
  db_->Exec("DELETE FROM audit_log");
  AuditCheck check = Verify();
  ExpectFound(check, "记录被删除", 1);
  EXPECT_EQ(check.records, 0);
}

TEST_F(AuditTamperTest, Backdating101RecordsIsFound) {
  db_->Exec("DROP TRIGGER audit_log_no_update");
  db_->Exec("UPDATE audit_log SET at = date(substr(at, 1, 10), '-1 day') || substr(at, 11) WHERE id > " +
            std::to_string(kWrites - 101));
  Rechain(*db_, Unkeyed, kWrites - 100);
  ExpectFound(Verify(), "时间倒退", kWrites - 100);
}

TEST_F(AuditTamperTest, BackdatingIsFoundEvenWithTheKey) {
  // An insider with the key file (or a clock set back a day) makes a chain whose hashes all check.
  db_->Exec("DROP TRIGGER audit_log_no_update");
  db_->Exec("UPDATE audit_log SET at = date(substr(at, 1, 10), '-1 day') || substr(at, 11) WHERE id = 100");
  Rechain(
      *db_, [this](const std::string& text) { return Cipher(text); }, 100);
  ExpectFound(Verify(), "时间倒退", 100);
}

TEST_F(AuditTamperTest, InsertingAForgedRecordIsFound) {
  auto head = db_->Prepare("SELECT hash, at FROM audit_log WHERE id = ?");
  head->Bind(1, kWrites);
  ASSERT_TRUE(head->Step());
  const std::string prev = head->Text(0), at = head->Text(1);
  head.reset();
  const int64_t id = kWrites + 1;
  std::string text = prev;  // as the record would be chained without a key
  for (const char* part : {at.c_str(), "demo_admin", "local", "person.reveal", "1", "", "", ""}) {
    text += '\x1f';
    text += part;
  }
  text += '\x1f' + std::to_string(id) + '\x1f';
  auto forge = db_->Prepare(
      "INSERT INTO audit_log(id, at, actor, address, action, object, org_code, before_digest, after_digest,"
      " prev_hash, hash) VALUES (?, ?, 'demo_admin', 'local', 'person.reveal', '1', '', '', '', ?, ?)");
  forge->Bind(1, id).Bind(2, at).Bind(3, prev).Bind(4, HexDigest(text));
  forge->Run();
  ExpectFound(Verify(), "链被改写", id);
}

TEST_F(AuditTamperTest, RewritingWithTheKeyIsFoundByTheAnchor) {
  db_->Exec("DROP TRIGGER audit_log_no_update");
  db_->Exec("UPDATE audit_log SET actor = 'mallory' WHERE id = 7");
  Rechain(
      *db_, [this](const std::string& text) { return Cipher(text); }, 7);
  ExpectFound(Verify(), "锚点不符", 7);
}

TEST_F(AuditTamperTest, ALostAnchorFileIsFound) {
  std::filesystem::remove(AnchorFileFor(side_));
  ExpectFound(Verify(), "锚点缺失", -1);
}

TEST_F(AuditTamperTest, TheOffSiteCheckpointFindsWhatTheAnchorNoLongerCan) {
  auto checkpoint = AuditCheckpoint(*db_);
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().ToString();
  EXPECT_EQ(checkpoint->rfind("jiceng-audit-checkpoint " + std::to_string(kWrites) + " ", 0), 0u) << *checkpoint;
  for (int i = 0; i < 5; ++i) Write(false);
  EXPECT_TRUE(Verify(*checkpoint).ok()) << Verify(*checkpoint).problem;  // the chain still extends it
  // Someone holding the key and the anchor file truncates both.
  db_->Exec("DROP TRIGGER audit_log_keep_180_days");
  db_->Exec("DELETE FROM audit_log WHERE id > 140");
  db_->Exec("DELETE FROM duty_event WHERE audit_id > 140");
  CutAnchor(140);
  EXPECT_TRUE(Verify().ok()) << Verify().problem;
  ExpectFound(Verify(*checkpoint), "记录被删除", 141);
  // … or rewrites the chain with the key and rewrites the anchor to match.
  db_->Exec("DROP TRIGGER audit_log_no_update");
  db_->Exec("UPDATE audit_log SET actor = 'mallory' WHERE id = 7");
  Rechain(
      *db_, [this](const std::string& text) { return Cipher(text); }, 7);
  CutAnchor(0);
  for (int i = 0; i < 10; ++i) Write(false);  // the next writes anchor the rewritten chain
  EXPECT_TRUE(Verify().ok()) << Verify().problem;
  ExpectFound(Verify(*checkpoint), "检查点不符", kWrites);
  ExpectFound(Verify("jiceng-audit-checkpoint 12"), "检查点格式错误", -1);
}

TEST_F(AuditTamperTest, EditingATimelineEventIsFound) {
  db_->Exec("UPDATE duty_event SET actor = 'mallory' WHERE id = 2");
  ExpectFound(Verify(), "时间线被改动", 100);
}

TEST_F(AuditTamperTest, DeletingATimelineEventIsFound) {
  db_->Exec("DELETE FROM duty_event WHERE id = 3");
  ExpectFound(Verify(), "时间线被改动", 150);
}

TEST_F(AuditTamperTest, ATimelineEventWithoutItsAuditRecordIsFound) {
  db_->Exec(
      "INSERT INTO duty_event(item_id, at, actor, action, from_state, to_state)"
      " VALUES (1, '2026-12-01T10:00:00.000+08:00', 'mallory', 'accept', 'submitted', 'accepted')");
  ExpectFound(Verify(), "时间线缺审计记录", -1);
  db_->Exec("UPDATE duty_event SET audit_id = 3 WHERE audit_id IS NULL");  // a record that vouches for no row
  ExpectFound(Verify(), "时间线被改动", -1);
  db_->Exec("UPDATE duty_event SET audit_id = 50 WHERE id = 4");  // one that vouches for another row
  ExpectFound(Verify(), "时间线被改动", 50);
}

TEST_F(AuditTamperTest, TheDatabaseRefusesToChangeRecordsOrDeleteYoungOnes) {
  EXPECT_THROW(db_->Exec("UPDATE audit_log SET actor = 'mallory' WHERE id = 7"), Fault);
  EXPECT_THROW(db_->Exec("DELETE FROM audit_log WHERE id = 150"), Fault);
  db_->Exec("DROP TRIGGER audit_log_no_update");
  db_->Exec("UPDATE audit_log SET at = '2020-01-01T00:00:00.000+08:00' WHERE id = 1");
  db_->Exec("DELETE FROM audit_log WHERE id = 1");  // older than 180 days: the database itself allows it
  EXPECT_EQ(Records(), kWrites - 1);
}

TEST_F(AuditTamperTest, NoRecordIsWrittenWithoutTheKey) {
  std::filesystem::remove(KeyFileFor(side_));
  db_->audit_state.reset();
  EXPECT_THROW(Write(false), Fault);
  EXPECT_EQ(Records(), kWrites);
}

TEST_F(AuditTamperTest, RolledBackWritesLeaveTheAnchorTruthful) {
  {
    Transaction tx(*db_);
    AddEvent(*db_);
    AppendAudit(*db_, {"tester", "127.0.0.1"}, {"duty.edit", "1", "", "", ""});
  }  // rolled back
  {
    Transaction outer(*db_);
    {
      Transaction inner(*db_);
      AppendAudit(*db_, {"tester", "127.0.0.1"}, {"test.inner", "1", "", "", ""});
    }  // the savepoint rolled back
    AppendAudit(*db_, {"tester", "127.0.0.1"}, {"test.outer", "1", "", "", ""});
    outer.Commit();
  }
  AuditCheck check = Verify();
  EXPECT_TRUE(check.ok()) << check.problem;
  EXPECT_EQ(check.records, kWrites + 1);
  EXPECT_EQ(check.anchored, kWrites + 1);
}

TEST_F(AuditTamperTest, ARecordOutsideATransactionIsCommittedAndAnchoredOnItsOwn) {
  AppendAudit(*db_, {"anonymous", "203.0.113.9"}, {"session.refused", "demo_admin", "", "", ""});
  EXPECT_FALSE(db_->InTransaction());
  AuditCheck check = Verify();
  EXPECT_TRUE(check.ok()) << check.problem;
  EXPECT_EQ(check.anchored, kWrites + 1);
}

TEST_F(AuditTamperTest, TwoProcessesAppendingAtOnceKeepTheChainAndAnchorRight) {
  db_.reset();
  auto writer = [this](const char* who) {
    auto db = Open(target_, {});
    for (int i = 0; i < 100; ++i) {
      Transaction tx(**db);
      if (i % 10 == 0) AddEvent(**db);
      AppendAudit(**db, {who, "local"}, {"test.write", std::to_string(i), "", "", ""});
      tx.Commit();
    }
  };
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    writer("child");
    std::_Exit(0);
  }
  writer("parent");
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  db_ = std::move(*Open(target_, {}));
  AuditCheck check = Verify();
  EXPECT_TRUE(check.ok()) << check.problem;
  EXPECT_EQ(check.records, kWrites + 200);
  EXPECT_EQ(check.anchored, kWrites + 200);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(DISTINCT actor) FROM audit_log WHERE id > " + std::to_string(kWrites)), 2);
}

}  // namespace
}  // namespace jiceng::store
