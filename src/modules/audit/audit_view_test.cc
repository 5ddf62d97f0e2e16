// The audit log as the audit administrator reads it, without a server: who did it by name (命令行（系统） for the
// command line, 未登录的访问者 before any sign-in), each object by its title, each org by its name, one query per
// kind of object whatever the page's length; and the export in the one date-time format of every export.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "modules/audit/actions.h"
#include "modules/audit/export.h"
#include "modules/audit/queries.h"
#include "store/audit.h"
#include "testing/fixture.h"

namespace jiceng::audit {
namespace {

// Forwards to a real connection and counts the statements prepared through it.
class CountingConnection : public store::Connection {
 public:
  explicit CountingConnection(store::Connection& db) : db_(db) {}
  const std::string& Path() const override { return db_.Path(); }
  void Exec(std::string_view sql) override { db_.Exec(sql); }
  std::unique_ptr<store::Statement> Prepare(std::string_view sql) override {
    ++prepared;
    return db_.Prepare(sql);
  }
  int64_t LastInsertId() const override { return db_.LastInsertId(); }
  int64_t Changes() const override { return db_.Changes(); }
  void BeginWrite() override { db_.BeginWrite(); }
  void Commit() override { db_.Commit(); }
  void Rollback() override { db_.Rollback(); }
  bool InTransaction() const override { return db_.InTransaction(); }
  void UpdateStatistics() override { db_.UpdateStatistics(); }
  Status BackupTo(const std::string& path) override { return db_.BackupTo(path); }
  Status CheckIntegrity(bool full) override { return db_.CheckIntegrity(full); }
  const std::string& Target() const override { return db_.Target(); }
  std::vector<std::string> Tables() override { return db_.Tables(); }
  std::vector<std::string> Columns(const std::string& table) override { return db_.Columns(table); }
  std::vector<std::string> Triggers() override { return db_.Triggers(); }
  std::vector<Index> Indexes(const std::string& table) override { return db_.Indexes(table); }

  int prepared = 0;

 private:
  store::Connection& db_;
};

class AuditViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing_support::CopyOf(testing_support::TemplateDatabase(true), "audit_view");
    auditor_.login = "demo_audit";
    auditor_.role = accounts::Role::kAuditAdmin;
    auditor_.org_id = store::QueryInt(*t_.db, "SELECT id FROM org_unit WHERE code = '630000000000'");
    auditor_.org_code = "630000000000";
    auditor_.org_name = "青海省";
  }
  void Append(const std::string& actor, const store::AuditEntry& entry) {
    store::Transaction tx(*t_.db);
    store::AppendAudit(*t_.db, {actor, "127.0.0.1"}, entry);
    tx.Commit();
  }
  std::string Text(const std::string& sql) {
    auto s = t_.db->Prepare(sql);
    return s->Step() ? s->Text(0) : "";
  }
  testing_support::TestDb t_;
  accounts::Principal auditor_;
};

// Regression (issue #11): actors showed as cli:0 and logins, objects as bare ids (63), orgs as codes.
TEST_F(AuditViewTest, ActorsObjectsAndOrgsAreNamed) {
  const std::string item = Text("SELECT id FROM duty_item WHERE kind = 'problem' ORDER BY id LIMIT 1");
  const std::string list = Text("SELECT id FROM duty_list ORDER BY id LIMIT 1");
  const std::string person = Text("SELECT id FROM person ORDER BY id LIMIT 1");
  ASSERT_FALSE(item.empty());
  ASSERT_FALSE(list.empty());
  ASSERT_FALSE(person.empty());
  Append("cli:0", {"db.init", "63", "", "", ""});
  Append("-", {"session.throttled", "/api/v1/session", "", "", ""});
  Append("no_such_login", {"session.fail", "no_such_login", "", "", ""});
  Append("demo_golmud", {"duty.assign", item, "632801000000", "", ""});
  Append("demo_golmud", {"duty.list.create", list, "632801000000", "", ""});
  Append("demo_golmud", {"person.update", person, "632801000000", "", ""});
  Append("demo_golmud", {"org.rename", "632801000000", "632801000000", "", ""});
  Append("demo_admin", {"account.edit", "demo_golmud", "632801000000", "", ""});
  Append("demo_golmud", {"duty.import", "台账.xlsx", "632801000000", "", ""});

  auto page = ListAudit(*t_.db, auditor_, {"", "", "", "", "", 1, 9});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 9u);
  std::map<std::string, AuditView> by_action;
  for (const auto& v : page->items) by_action[v.record.action] = v;

  const AuditView& init = by_action["db.init"];
  EXPECT_EQ(init.actor_name, "命令行（系统）");
  EXPECT_EQ(init.actor_kind, "cli");
  EXPECT_EQ(init.object_title, "青海省");  // not the bare division code
  EXPECT_EQ(init.object_kind, "");         // named, not linked
  EXPECT_EQ(by_action["session.throttled"].actor_name, "未登录的访问者");
  EXPECT_EQ(by_action["session.throttled"].actor_kind, "anonymous");
  EXPECT_EQ(by_action["session.fail"].actor_name, "no_such_login");  // no account: as recorded
  EXPECT_EQ(by_action["session.fail"].actor_kind, "other");
  EXPECT_EQ(by_action["session.fail"].object_kind, "");

  const AuditView& assign = by_action["duty.assign"];
  EXPECT_EQ(assign.actor_name, "格尔木市委组织部演示账号");
  EXPECT_EQ(assign.actor_kind, "account");
  EXPECT_EQ(assign.action_name, "交办事项");
  EXPECT_EQ(assign.object_kind, "item");
  EXPECT_EQ(assign.object_title, Text("SELECT title FROM duty_item WHERE id = " + item));
  EXPECT_EQ(assign.org_name, "格尔木市");
  EXPECT_EQ(by_action["duty.list.create"].object_kind, "list");
  EXPECT_EQ(by_action["duty.list.create"].object_title, Text("SELECT title FROM duty_list WHERE id = " + list));
  EXPECT_EQ(by_action["person.update"].object_kind, "person");
  EXPECT_EQ(by_action["person.update"].object_title, Text("SELECT name FROM person WHERE id = " + person));
  EXPECT_EQ(by_action["org.rename"].object_kind, "org");
  EXPECT_EQ(by_action["org.rename"].object_title, "格尔木市");
  EXPECT_EQ(by_action["account.edit"].actor_name, "系统管理员演示账号");
  EXPECT_EQ(by_action["account.edit"].object_kind, "account");
  EXPECT_EQ(by_action["account.edit"].object_title, "格尔木市委组织部演示账号");
  // An import names a file, not a stored item: shown as recorded, under its own Chinese name.
  EXPECT_EQ(by_action["duty.import"].object_kind, "");
  EXPECT_EQ(by_action["duty.import"].object_title, "");
  EXPECT_EQ(by_action["duty.import"].action_name, "导入问题整改台账");
}

// A page reads its names with one query per kind of object, not one per record.
TEST_F(AuditViewTest, APageIsNamedInOneQueryPerKindOfObject) {
  auto ids = [&](const std::string& sql) {
    std::vector<std::string> out;
    auto s = t_.db->Prepare(sql);
    while (s->Step()) out.push_back(s->Text(0));
    return out;
  };
  const auto items = ids("SELECT id FROM duty_item ORDER BY id LIMIT 20");
  const auto people = ids("SELECT id FROM person ORDER BY id LIMIT 20");
  const auto orgs = ids("SELECT code FROM org_unit WHERE level = 'township' ORDER BY code LIMIT 20");
  ASSERT_EQ(items.size(), 20u);
  ASSERT_EQ(people.size(), 20u);
  ASSERT_EQ(orgs.size(), 20u);
  for (size_t i = 0; i < 20; ++i) {
    Append("demo_golmud", {"duty.update", items[i], orgs[i], "", ""});
    Append("demo_qinghai", {"person.update", people[i], orgs[i], "", ""});
    Append(i % 2 ? "demo_admin" : "demo_security", {"account.unlock", i % 2 ? "demo_town" : "demo_village", orgs[i], "", ""});
  }
  auto prepared_for = [&](int page_size) {
    CountingConnection counting(*t_.db);
    auto page = ListAudit(counting, auditor_, {"", "", "", "", "", 1, page_size});
    EXPECT_TRUE(page.ok());
    EXPECT_EQ(page->items.size(), static_cast<size_t>(page_size));
    for (const auto& v : page->items) {
      EXPECT_FALSE(v.object_title.empty()) << v.record.action << " " << v.record.object;
      EXPECT_FALSE(v.org_name.empty()) << v.record.org_code;
    }
    return counting.prepared;
  };
  const int few = prepared_for(6), many = prepared_for(60);
  EXPECT_EQ(many, few) << "the statements a page prepares must not grow with its records";
  EXPECT_LE(many, 12);
}

// Regression: the export wrote 2026-12-01T08:00:00.000+08:00 and bare logins.
TEST_F(AuditViewTest, TheExportWritesShanghaiTimeAndNamesBesideCodes) {
  Append("demo_golmud", {"org.rename", "632801000000", "632801000000", "", ""});
  AuditRequest request{"demo_golmud", "org.rename", "", "", "", 1, 20};
  auto e = ExportAudit(*t_.db, auditor_, request);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_EQ(e->header, (std::vector<std::string>{"编号", "时间", "操作人", "操作人账号", "地址", "操作", "操作代码",
                                                  "对象", "对象名称", "单位", "单位代码"}));
  ASSERT_EQ(e->rows.size(), 1u);
  const auto& row = e->rows[0];
  const std::string at = Text("SELECT at FROM audit_log WHERE action = 'org.rename'");  // 2026-…T…+08:00
  ASSERT_EQ(at.size(), 29u);
  EXPECT_EQ(row[1], at.substr(0, 10) + " " + at.substr(11, 8));
  EXPECT_EQ(row[2], "格尔木市委组织部演示账号");
  EXPECT_EQ(row[3], "demo_golmud");
  EXPECT_EQ(row[5], "组织更名");
  EXPECT_EQ(row[8], "格尔木市");
  EXPECT_EQ(row[9], "格尔木市");
  EXPECT_EQ(row[10], "632801000000");
  EXPECT_NE(std::find(e->meta.begin(), e->meta.end(), "筛选：操作人：格尔木市委组织部演示账号（demo_golmud）；操作：组织更名"),
            e->meta.end())
      << e->meta[1];
}

// Every action the modules write has a Chinese name (the page's names and its 操作 filter come from this list).
TEST(AuditActionsTest, ImportsAndTheRevealingExportAreNamed) {
  for (const char* code : {"duty.import", "person.import", "person.export.reveal", "account.disable"}) {
    EXPECT_FALSE(AuditActionName(code).empty()) << code;
  }
}

}  // namespace
}  // namespace jiceng::audit
