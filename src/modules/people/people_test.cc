// The people registry against a real SQLite file with the real Qinghai tree.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/pinyin.h"
#include "modules/org/commands.h"
#include "modules/org/queries.h"
#include "modules/people/commands.h"
#include "modules/people/queries.h"
#include "store/audit.h"
#include "testing/fixture.h"

namespace jiceng::people {
namespace {

using testing_support::CopyOf;
using testing_support::TemplateDatabase;

const Actor kActor{"tester", "127.0.0.1"};

std::string ValidId(const std::string& first17) { return first17 + IdCheckCharacter(first17); }

class PeopleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = CopyOf(TemplateDatabase(false), "people");
    org::OrgCommands orgs(*t_.db, kActor);
    // Two branches in two villages of 德令哈市 (632802).
    auto townships = *org::OrgQueries(*t_.db).Children("632802000000", Date::Today());
    auto villages = *org::OrgQueries(*t_.db).Children(townships[0].code, Date::Today());
    township_ = townships[0].code;
    village_ = villages[0].code;
    branch_ = orgs.AddUnit({villages[0].code, "party_branch", villages[0].name + "党支部", "2000-01-01"})->code;
    other_branch_ = orgs.AddUnit({villages[1].code, "party_branch", villages[1].name + "党支部", "2000-01-01"})->code;
  }

  PersonForm Member(const std::string& name, const std::string& first17) {
    PersonForm f;
    f.name = name;
    f.id_number = ValidId(first17);
    f.ethnicity = "汉族";
    f.education = "高中";
    f.political_status = "正式党员";
    f.joined_party_on = "2010-07-01";
    f.org_code = branch_;
    f.org_since = "2010-07-01";
    f.phone = "13909771234";
    return f;
  }

  PeopleCommands Commands() { return PeopleCommands(*t_.db, *t_.cipher, kActor); }
  PeopleQueries Queries() { return PeopleQueries(*t_.db, *t_.cipher); }
  int64_t Found(const std::string& org, const std::string& query) {
    ListRequest r;
    r.org_code = org;
    r.query = query;
    return Queries().List(r)->total;
  }

  testing_support::TestDb t_;
  std::string township_, village_, branch_, other_branch_;
};

std::string LastExportObject(store::Connection& db) {
  auto stmt = db.Prepare("SELECT object FROM audit_log WHERE action = 'person.export.reveal' ORDER BY id DESC LIMIT 1");
  return stmt->Step() ? stmt->Text(0) : "";
}

// The people export (issue #11 §2): the list's rows in full, masked; in clear only through the command, which
// records the count; over the limit nothing is read and the message says how many there are.
TEST_F(PeopleTest, ExportListsEveryRowMaskedAndARevealingExportIsAuditedWithTheCount) {
  ASSERT_TRUE(Commands().Add(Member("竺向东", "63280219850612001")).ok());
  ASSERT_TRUE(Commands().Add(Member("索南才让", "63280219900101002")).ok());
  ASSERT_TRUE(Commands().Add(Member("马海军", "63280219920202003")).ok());
  ListRequest r;
  r.org_code = branch_;
  r.page_size = 1;  // paging does not cut an export
  auto masked = Queries().Export(r, 10);
  ASSERT_TRUE(masked.ok()) << masked.status().ToString();
  ASSERT_EQ(masked->size(), 3u);
  for (const auto& p : *masked) EXPECT_EQ(p.id_number.substr(6, 8), "********");
  const int64_t audits = store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log");
  auto clear = Commands().ExportRevealed(r, 10);
  ASSERT_TRUE(clear.ok()) << clear.status().ToString();
  ASSERT_EQ(clear->size(), 3u);
  for (const auto& p : *clear) EXPECT_EQ(p.id_number.find('*'), std::string::npos);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log"), audits + 1);
  EXPECT_EQ(LastExportObject(*t_.db), "3 人");
  r.status = "正式党员";
  ASSERT_TRUE(Commands().ExportRevealed(r, 10).ok());
  EXPECT_EQ(LastExportObject(*t_.db), "3 人（政治面貌：正式党员）");
  auto over = Commands().ExportRevealed(r, 2);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().field(), "export");
  EXPECT_NE(over.status().message().find("共 3 人，超过单次导出上限 2 人"), std::string::npos);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log"), audits + 2) << "a refused export records nothing";
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
}

TEST_F(PeopleTest, AddMasksAndRevealIsAudited) {
  auto added = Commands().Add(Member("竺向东", "63280219850612001"));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->id_number, MaskIdNumber(ValidId("63280219850612001")));
  EXPECT_EQ(added->id_number.substr(6, 8), "********");
  EXPECT_EQ(added->phone, "139****1234");
  EXPECT_EQ(added->org_code, branch_);
  auto shown = Queries().Show(added->id, Date::Today());
  EXPECT_EQ(shown->id_number, added->id_number);
  int64_t audits = store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log");
  auto revealed = Commands().Reveal(added->id);
  ASSERT_TRUE(revealed.ok());
  EXPECT_EQ(revealed->id_number, ValidId("63280219850612001"));
  EXPECT_EQ(revealed->phone, "13909771234");
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log"), audits + 1);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'person.reveal'"), 1);
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
}

TEST_F(PeopleTest, IdNumbersAreEncryptedAtRest) {
  // Reads the database file's bytes: a SQLite file (on PostgreSQL the same cipher writes the same columns).
  if (testing_support::TestServer()) GTEST_SKIP() << "reads the SQLite file itself";
  ASSERT_TRUE(Commands().Add(Member("竺向东", "63280219850612001")).ok());
  t_.db->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  std::ifstream in(t_.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find(ValidId("63280219850612001")), std::string::npos);
  EXPECT_EQ(bytes.find("13909771234"), std::string::npos);
  EXPECT_NE(bytes.find("竺向东"), std::string::npos);
}

TEST_F(PeopleTest, PinyinSearch) {
  ASSERT_TRUE(Commands().Add(Member("竺向东", "63280219850612001")).ok());
  ASSERT_TRUE(Commands().Add(Member("索南江措", "63280219800101001")).ok());
  ASSERT_TRUE(Commands().Add(Member("巴图那生", "63280219800101003")).ok());
  ASSERT_TRUE(Commands().Add(Member("单雄", "63280219800101005")).ok());
  EXPECT_EQ(Found(township_, "zxd"), 1);
  EXPECT_EQ(Found(township_, "ZXD"), 1);
  EXPECT_EQ(Found(township_, "zhuxiangdong"), 1);
  EXPECT_EQ(Found(township_, "zhux"), 1);
  EXPECT_EQ(Found(township_, "竺向"), 1);
  EXPECT_EQ(Found(township_, "snjc"), 1);
  EXPECT_EQ(Found(township_, "suonan"), 1);
  EXPECT_EQ(Found(township_, "btns"), 1);
  EXPECT_EQ(Found(township_, "shanxiong"), 1);
  EXPECT_EQ(Found(township_, "danxiong"), 0);
  EXPECT_EQ(Found(township_, "qqq"), 0);
  // Out of the subtree: not found.
  EXPECT_EQ(Found("632801000000", "zxd"), 0);
}

// Issue #11: 扎西 found 27 people, zhaxi only 20 — a name with 扎西 in the middle was missed.
TEST_F(PeopleTest, PinyinMatchesAtEverySyllableBoundary) {
  ASSERT_TRUE(Commands().Add(Member("东周扎西", "63280219850612001")).ok());
  for (const char* hit : {"zhaxi", "zx", "dongzhouzhaxi", "dzzx", "ZhaXi", "xi"})
    EXPECT_EQ(Found(township_, hit), 1) << hit;
  for (const char* miss : {"houzh", "ongzhou", "axi"}) EXPECT_EQ(Found(township_, miss), 0) << miss;
  EXPECT_EQ(Found(township_, "扎西"), 1);
}

// Migration 13 computes the syllable keys of the people stored before it.
TEST_F(PeopleTest, Migration13ComputesTheKeysOfStoredPeople) {
  ASSERT_TRUE(Commands().Add(Member("东周扎西", "63280219850612001")).ok());
  // The database as it was before migration 13.
  t_.db->Exec(
      "ALTER TABLE person DROP COLUMN name_tails; ALTER TABLE account DROP COLUMN phone_cipher;"
      " ALTER TABLE account_request DROP COLUMN new_org_id; DELETE FROM schema_migrations WHERE version = 13");
  store::Migrate(*t_.db);
  EXPECT_EQ(Found(township_, "zhaxi"), 1);
  EXPECT_EQ(Found(township_, "zx"), 1);
}

TEST_F(PeopleTest, DuplicateIdIsRefusedAndChangesNothing) {
  ASSERT_TRUE(Commands().Add(Member("竺向东", "63280219850612001")).ok());
  const std::string digest = store::ContentDigest(*t_.db);
  auto dup = Commands().Add(Member("另一个人", "63280219850612001"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
  EXPECT_EQ(dup.status().field(), "id_number");
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

TEST_F(PeopleTest, BadInputChangesNothing) {
  ASSERT_TRUE(Commands().Add(Member("竺向东", "63280219850612001")).ok());
  const std::string digest = store::ContentDigest(*t_.db);
  auto bad_checksum = Member("甲", "63280219850612003");
  bad_checksum.id_number = bad_checksum.id_number->substr(0, 17) + (bad_checksum.id_number->back() == '1' ? "2" : "1");
  auto unknown_org = Member("乙", "63280219850612005");
  unknown_org.org_code = "632802999999-D01";
  auto future = Member("丙", "63280219850612007");
  future.joined_party_on = Date::Today().AddDays(3).ToString();
  auto not_party = Member("丁", "63280219850612009");
  not_party.org_code = village_;  // a village is not a Party organization
  struct Case {
    const char* what;
    Status status;
    const char* field;
  };
  std::vector<Case> cases = {
      {"bad checksum", Commands().Add(bad_checksum).status(), "id_number"},
      {"unknown org", Commands().Add(unknown_org).status(), "org"},
      {"joining date in the future", Commands().Add(future).status(), "joined_party_on"},
      {"member outside a Party organization", Commands().Add(not_party).status(), "org"},
      {"post end before start", Commands().AddPost(1, {branch_, "书记", "2024-01-01", "2023-01-01"}).status(),
       "end_on"},
      {"post at unknown org", Commands().AddPost(1, {"639999999999", "书记", "2024-01-01", ""}).status(), "org"},
      {"post of unknown person", Commands().AddPost(999999, {branch_, "书记", "2024-01-01", ""}).status(), "id"},
      {"update with bad field", Commands().Update(1, PersonForm{.ethnicity = "火星族"}).status(), "ethnicity"},
      {"update unknown person", Commands().Update(999999, PersonForm{.name = "x"}).status(), "id"},
  };
  for (const auto& k : cases) {
    EXPECT_FALSE(k.status.ok()) << k.what;
    EXPECT_EQ(k.status.field(), k.field) << k.what << ": " << k.status.ToString();
  }
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

TEST_F(PeopleTest, UpdateRecomputesPinyinAndKeepsAffiliationHistory) {
  auto p = Commands().Add(Member("竺向东", "63280219850612001"));
  ASSERT_TRUE(p.ok());
  auto renamed = Commands().Update(p->id, PersonForm{.name = "曾向东"});
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  EXPECT_EQ(Found(township_, "zengxiang"), 1);
  EXPECT_EQ(Found(township_, "zxd"), 1);  // initials are the same
  EXPECT_EQ(Found(township_, "zhuxiangdong"), 0);
  PersonForm move;
  move.org_code = other_branch_;
  move.org_since = "2024-03-01";
  auto moved = Commands().Update(p->id, move);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->org_code, other_branch_);
  EXPECT_EQ(Queries().Show(p->id, *Date::Parse("2023-01-01"))->org_code, branch_);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM person_org WHERE person_id = 1"), 2);
}

TEST_F(PeopleTest, ListFiltersAndPages) {
  for (int i = 0; i < 5; ++i) {
    auto f = Member("成员" + std::to_string(i), "6328021985061200" + std::to_string(i * 2 + 1));
    if (i == 0) f.political_status = "入党积极分子", f.joined_party_on = "";
    ASSERT_TRUE(Commands().Add(f).ok());
  }
  ASSERT_TRUE(Commands().AddPost(2, {branch_, "书记", "2021-01-01", ""}).ok());
  ASSERT_TRUE(Commands().AddPost(3, {branch_, "书记", "2015-01-01", "2020-12-31"}).ok());
  ListRequest r;
  r.org_code = township_;
  EXPECT_EQ(Queries().List(r)->total, 5);
  r.status = "入党积极分子";
  EXPECT_EQ(Queries().List(r)->total, 1);
  r.status = "";
  r.post = "书记";
  EXPECT_EQ(Queries().List(r)->total, 1);  // the other secretary's term has ended
  r.as_of = "2018-01-01";
  EXPECT_EQ(Queries().List(r)->total, 1);
  r = ListRequest{};
  r.org_code = township_;
  r.page_size = 2;
  r.page = 3;
  auto page = Queries().List(r);
  EXPECT_EQ(page->total, 5);
  EXPECT_EQ(page->items.size(), 1u);
  r.min_age = "30";
  r.max_age = "50";
  r.page = 1;
  EXPECT_EQ(Queries().List(r)->total, 5);  // born 1985
  r.max_age = "29";
  EXPECT_EQ(Queries().List(r)->total, 0);
  r = ListRequest{};
  r.sort = "color";
  EXPECT_EQ(Queries().List(r).status().field(), "sort");
}

TEST_F(PeopleTest, MergedBranchMembersFollow) {
  auto p = Commands().Add(Member("竺向东", "63280219850612001"));
  std::vector<org::MergeListener> listeners = {Modules()[1]->on_org_merge};
  org::OrgCommands orgs(*t_.db, kActor, listeners);
  ASSERT_TRUE(orgs.Merge({branch_, other_branch_, "2025-01-01", "测试变更"}).ok());
  EXPECT_EQ(Queries().Show(p->id, *Date::Parse("2025-06-01"))->org_code, other_branch_);
  EXPECT_EQ(Queries().Show(p->id, *Date::Parse("2024-06-01"))->org_code, branch_);
}

// The demo population: plausible, valid, deterministic.
TEST(DemoPeopleTest, PopulationIsPlausible) {
  auto t = CopyOf(TemplateDatabase(true), "demo");
  auto& db = *t.db;
  int64_t villages = store::QueryInt(db, "SELECT COUNT(*) FROM org_unit WHERE level = 'village'");
  EXPECT_EQ(villages, 4716);
  EXPECT_EQ(store::QueryInt(db,
                            "SELECT COUNT(*) FROM org_unit v WHERE v.level = 'village' AND NOT EXISTS ("
                            "SELECT 1 FROM org_link l JOIN org_unit b ON b.id = l.unit_id"
                            " WHERE l.parent_id = v.id AND b.kind = 'party_branch')"),
            0);
  EXPECT_EQ(store::QueryInt(db,
                            "SELECT COUNT(*) FROM org_unit t WHERE t.level = 'township' AND NOT EXISTS ("
                            "SELECT 1 FROM org_link l JOIN org_unit b ON b.id = l.unit_id"
                            " WHERE l.parent_id = t.id AND b.kind = 'party_committee')"),
            0);
  // Members of village branches: 20–60 each (plus committee outsiders and grid workers).
  auto sizes = db.Prepare(
      "SELECT MIN(n), MAX(n), AVG(n) FROM (SELECT COUNT(*) AS n FROM person_org po JOIN org_unit b ON b.id = po.org_id"
      " JOIN org_link l ON l.unit_id = b.id JOIN org_unit v ON v.id = l.parent_id WHERE v.level = 'village'"
      " GROUP BY b.id) branches");
  ASSERT_TRUE(sizes->Step());
  EXPECT_GE(sizes->Int(0), 20);
  EXPECT_LE(sizes->Int(1), 70);
  int64_t secretaries = store::QueryInt(db, "SELECT COUNT(*) FROM post WHERE title = 'secretary'");
  EXPECT_GE(secretaries, 4716 + 422);
  EXPECT_GT(store::QueryInt(db, "SELECT COUNT(*) FROM post WHERE title = 'first_secretary'"), 500);
  // 玉树 is overwhelmingly Tibetan, 西宁 mostly Han.
  auto tibetan = db.Prepare(
      "SELECT SUM(CASE WHEN p.ethnicity = '藏族' THEN 1 ELSE 0 END) * 100 / COUNT(*) FROM person p JOIN person_org po ON po.person_id = p.id"
      " JOIN org_unit o ON o.id = po.org_id WHERE substr(o.code, 1, 4) = '6327'");
  ASSERT_TRUE(tibetan->Step());
  EXPECT_GT(tibetan->Int(0), 85);
  // Every ID number is valid, agrees with the stored birth date and carries a Qinghai county code.
  PeopleQueries queries(db, *t.cipher);
  PeopleCommands commands(db, *t.cipher, kActor);
  for (int64_t id : {1, 1000, 50000, 100000}) {
    auto p = commands.Reveal(id);
    ASSERT_TRUE(p.ok());
    auto parsed = ParseIdNumber(p->id_number, Date::Today());
    ASSERT_TRUE(parsed.ok()) << p->id_number;
    EXPECT_EQ(parsed->birth_date, p->birth_date);
    EXPECT_EQ(p->id_number.substr(0, 2), "63");
    EXPECT_GE(p->birth_date.YearsUntil(*Date::FromYmd(2026, 6, 30)), 18);
  }
}

// Issue #11: on the demo, the Han characters and their pinyin find the same people.
TEST(DemoPeopleTest, ZhaxiFindsWhom扎西Finds) {
  auto t = CopyOf(TemplateDatabase(true), "demo_zhaxi");
  PeopleQueries queries(*t.db, *t.cipher);
  auto count = [&](const std::string& query) {
    ListRequest r;
    r.org_code = "630000000000";
    r.query = query;
    return queries.List(r)->total;
  };
  const int64_t han = count("扎西");
  EXPECT_GT(han, 0);
  EXPECT_EQ(count("zhaxi"), han);
  const int64_t inside = store::QueryInt(*t.db, "SELECT COUNT(*) FROM person WHERE instr(name, '扎西') > 1");
  EXPECT_GT(inside, 0) << "the demo should have names with 扎西 in the middle";
}

TEST(DemoPeopleTest, SameSeedSameData) {
  auto a = CopyOf(TemplateDatabase(true), "demo_a");
  auto names = [](store::Connection& db) {
    auto s =
        db.Prepare("SELECT group_concat(name || birth_date, ',' ORDER BY id) FROM (SELECT * FROM person ORDER BY id LIMIT 500) first_people");
    s->Step();
    return s->Text(0);
  };
  // A second build from the same seed into another file.
  const std::string again = testing_support::NewDatabase("demo_again_" + std::to_string(::getpid()));
  testing_support::RemoveSideFiles(again);
  std::filesystem::copy_file(KeyFileFor(store::StatePath(a.path)), KeyFileFor(store::StatePath(again)),
                             std::filesystem::copy_options::overwrite_existing);
  auto db = store::Open(again, {.create = true, .bulk_load = true});
  store::Migrate(**db);
  store::Transaction tx(**db);
  ASSERT_TRUE(org::ImportDivisions(**db, {testing_support::DivisionsDir(), "63"}).ok());
  Rng rng(7);
  uint64_t salt = 1;
  for (const ModuleManifest* m : Modules()) {
    DemoContext ctx{**db, rng.Fork(salt++), Date::Today(), *a.cipher, {}};
    if (m->seed_demo) m->seed_demo(ctx);
  }
  tx.Commit();
  EXPECT_EQ(names(**db), names(*a.db));
  db->reset();
  testing_support::DropDatabase(again);
}

// The national-scale demo (init --members-per-branch K), here on Qinghai: K Party members in every village
// branch, valid and unique ID numbers with the branch's county code, everyone affiliated, the pinyin keys right,
// the indexes dropped for the load back in place, and the same people from the same seed.
TEST(DemoPeopleTest, NationalDemoHasKMembersPerBranchAndValidIds) {
  auto t = CopyOf(testing_support::NationalTemplateDatabase(), "national");
  auto& db = *t.db;
  const int k = testing_support::kNationalMembersPerBranch;
  auto sizes = db.Prepare(
      "SELECT MIN(n), MAX(n), COUNT(*) FROM (SELECT COUNT(p.id) AS n FROM org_unit v"
      " JOIN org_link l ON l.parent_id = v.id JOIN org_unit b ON b.id = l.unit_id AND b.kind = 'party_branch'"
      " LEFT JOIN person_org po ON po.org_id = b.id LEFT JOIN person p ON p.id = po.person_id AND"
      " p.political_status IN ('full_member', 'probationary_member') WHERE v.kind = 'village' GROUP BY b.id) branches");
  ASSERT_TRUE(sizes->Step());
  EXPECT_EQ(sizes->Int(0), k);
  EXPECT_EQ(sizes->Int(1), k);
  EXPECT_GT(sizes->Int(2), 3000);
  EXPECT_EQ(store::QueryInt(db, "SELECT COUNT(*) FROM person WHERE id NOT IN (SELECT person_id FROM person_org)"), 0);
  std::set<std::string> indexes;
  for (const char* table : {"person", "person_org", "post"}) {
    for (const auto& index : db.Indexes(table)) indexes.insert(index.name);
  }
  for (const char* name : {"person_pinyin", "person_initials", "person_name", "person_org_org", "post_person", "post_org"}) {
    EXPECT_TRUE(indexes.count(name)) << name << " is back after the load";
  }
  EXPECT_EQ(store::QueryInt(db, "SELECT COUNT(*) FROM post WHERE title = 'secretary'"),
            store::QueryInt(db, "SELECT COUNT(*) FROM org_unit WHERE level = 'party'"));
  PeopleCommands commands(db, *t.cipher, kActor);
  auto sample = db.Prepare(
      "SELECT p.id, p.name, p.name_pinyin, p.name_initials, o.code FROM person p JOIN person_org po ON"
      " po.person_id = p.id JOIN org_unit o ON o.id = po.org_id WHERE p.id % 997 = 1");
  int checked = 0;
  while (sample->Step()) {
    auto p = commands.Reveal(sample->Int(0));
    ASSERT_TRUE(p.ok());
    auto parsed = ParseIdNumber(p->id_number, Date::Today());
    ASSERT_TRUE(parsed.ok()) << p->id_number;
    EXPECT_EQ(parsed->birth_date, p->birth_date);
    EXPECT_EQ(parsed->gender, p->gender);
    std::string org_code = sample->Text(4);
    if (org_code.substr(6, 6) != "000000") {  // in a township or village: the ID carries its county's code
      EXPECT_EQ(p->id_number.substr(0, 6), org_code.substr(0, 6));
    }
    PinyinKeys keys = NamePinyin(sample->Text(1));
    EXPECT_EQ(keys.full, sample->Text(2));
    EXPECT_EQ(keys.initials, sample->Text(3));
    ++checked;
  }
  EXPECT_GT(checked, 20);

  const std::string again = testing_support::NewDatabase("national_again_" + std::to_string(::getpid()));
  testing_support::BuildTemplate(again, true, k);
  auto other = store::Open(again, {});
  const char* kFirst = "SELECT group_concat(name || birth_date, ',' ORDER BY id) FROM (SELECT * FROM person ORDER BY id LIMIT 500) first_people";
  auto mine = db.Prepare(kFirst);
  auto theirs = (*other)->Prepare(kFirst);
  ASSERT_TRUE(mine->Step() && theirs->Step());
  EXPECT_EQ(mine->Text(0), theirs->Text(0));
  theirs.reset();
  other->reset();
  testing_support::DropDatabase(again);
}

}  // namespace
}  // namespace jiceng::people
