// Moves, renames and merges keep history; as-of queries see the tree of their day;
// refused commands change nothing.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/org/commands.h"
#include "modules/org/forms.h"
#include "modules/org/queries.h"
#include "modules/org/repo.h"
#include "store/audit.h"
#include "testing/fixture.h"

namespace jiceng::org {
namespace {

using testing_support::CopyOf;
using testing_support::TemplateDatabase;

const Actor kActor{"tester", "127.0.0.1"};
const Date kBefore = *Date::Parse("2024-01-01");
const Date kAfter = *Date::Parse("2025-06-01");

class OrgTest : public ::testing::Test {
 protected:
  void SetUp() override { t_ = CopyOf(TemplateDatabase(false), "org"); }
  // The first two villages of the first township of 德令哈市.
  std::vector<OrgUnit> Villages(std::string* township_code) {
    OrgQueries q(*t_.db);
    auto townships = q.Children("632802000000", Date::Today());
    *township_code = townships->front().code;
    return *q.Children(*township_code, Date::Today());
  }
  testing_support::TestDb t_;
};

TEST_F(OrgTest, MoveKeepsHistoryAndAsOfSeesBoth) {
  OrgQueries q(*t_.db);
  auto golmud_towns = *q.Children("632801000000", Date::Today());
  auto delingha_towns = *q.Children("632802000000", Date::Today());
  std::string village = (*q.Children(golmud_towns[0].code, Date::Today()))[0].code;
  OrgCommands c(*t_.db, kActor);
  auto moved = c.Move({village, delingha_towns[0].code, "2025-01-01", "测试变更"});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(q.Find(village, kBefore)->parent_code, golmud_towns[0].code);
  EXPECT_EQ(q.Find(village, kAfter)->parent_code, delingha_towns[0].code);
  auto before = *q.Subtree("632801000000", kBefore);
  auto after = *q.Subtree("632801000000", kAfter);
  EXPECT_EQ(before.size(), after.size() + 1);
  auto detail = q.Show(village, kAfter);
  ASSERT_EQ(detail->events.size(), 1u);
  EXPECT_EQ(detail->events[0].kind, "move");
  EXPECT_EQ(detail->links.size(), 2u);
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).records, 1);
}

// Regression: "%" and "_" in a searched code were LIKE wildcards ("63_8" found 632800000000).
TEST_F(OrgTest, SearchTreatsPercentAndUnderscoreLiterally) {
  OrgRepo orgs(*t_.db);
  EXPECT_FALSE(orgs.FindByName("6328", Date::Today(), 20).empty());
  EXPECT_TRUE(orgs.FindByName("63_8", Date::Today(), 20).empty());
  EXPECT_TRUE(orgs.FindByName("%", Date::Today(), 20).empty());
  auto root = orgs.FindByCode("630000000000", Date::Today());
  ASSERT_TRUE(root);
  EXPECT_FALSE(orgs.FindByNameWithin(root->id, "6328", Date::Today(), 20).empty());
  EXPECT_TRUE(orgs.FindByNameWithin(root->id, "63_8", Date::Today(), 20).empty());
  EXPECT_TRUE(orgs.FindByNameWithin(root->id, "_", Date::Today(), 20).empty());
}

// Issue #11: the picker listed the exact match 中村 twelfth, after 城中村 and the like, so an account was bound to
// 城中村 by mistake. The exact name or code comes first, then prefixes, then the rest; each hit has its path.
TEST_F(OrgTest, SearchPutsTheExactNameAndCodeFirstWithPaths) {
  std::string township;
  auto villages = Villages(&township);
  ASSERT_GE(villages.size(), 7u);
  OrgCommands c(*t_.db, kActor);
  const std::vector<std::string> names = {"城中村", "东中村", "西中村", "南中村", "北中村", "中村新村"};
  for (size_t i = 0; i < names.size(); ++i) ASSERT_TRUE(c.Rename({villages[i].code, names[i], "2020-01-01", "测试更名"}).ok());
  const std::string exact = villages[names.size()].code;
  ASSERT_TRUE(c.Rename({exact, "中村", "2020-01-01", "测试更名"}).ok());
  OrgQueries q(*t_.db);
  auto root = OrgRepo(*t_.db).FindByCode("630000000000", Date::Today());
  auto hits = q.SearchWithin(root->id, "中村", Date::Today(), 50);
  ASSERT_GE(hits.size(), 7u);
  // Exactly 中村 (格尔木 has one too), then names starting with it (中村新村, 中村村 …), then the rest (城中村 …).
  auto rank = [](const std::string& name) { return name == "中村" ? 0 : name.rfind("中村", 0) == 0 ? 1 : 2; };
  for (size_t i = 1; i < hits.size(); ++i) {
    EXPECT_LE(rank(hits[i - 1].unit.name), rank(hits[i].unit.name))
        << hits[i - 1].unit.name << " " << hits[i].unit.name;
  }
  EXPECT_EQ(rank(hits.front().unit.name), 0);
  EXPECT_EQ(rank(hits.back().unit.name), 2);
  auto ours = std::find_if(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.unit.code == exact; });
  ASSERT_NE(ours, hits.end());
  EXPECT_EQ(ours->unit.name, "中村");
  const std::string township_name = q.Find(township, Date::Today())->name;
  EXPECT_EQ(ours->path, (std::vector<std::string>{"德令哈市", township_name, "中村"}));
  // By code: the unit itself first, then the codes that start with the text.
  auto by_code = q.SearchWithin(root->id, township, Date::Today(), 50);
  ASSERT_FALSE(by_code.empty());
  EXPECT_EQ(by_code[0].unit.code, township);
  EXPECT_EQ(by_code[0].path, (std::vector<std::string>{"德令哈市", township_name}));
  auto by_prefix = q.SearchWithin(root->id, township.substr(0, 9), Date::Today(), 50);
  ASSERT_GT(by_prefix.size(), 1u);
  EXPECT_EQ(by_prefix[0].unit.code, township);
  // A county's path starts at its prefecture; outside the subtree nothing is found.
  auto county = q.SearchWithin(root->id, "德令哈市", Date::Today(), 50);
  ASSERT_FALSE(county.empty());
  EXPECT_EQ(county[0].path.size(), 2u);
  auto golmud = OrgRepo(*t_.db).FindByCode("632801000000", Date::Today());
  for (const auto& hit : q.SearchWithin(golmud->id, "中村", Date::Today(), 50)) EXPECT_NE(hit.unit.code, exact);
}

// Issue #11: searching a village's name listed its own Party branch far down, after every unit whose name starts
// with it (shorter codes came first). The exact unit comes first, then its own Party organizations — whatever their
// names — then the rest, each rank in the tree's order (a unit's Party organizations right after it).
TEST_F(OrgTest, SearchPutsAVillagesOwnPartyOrganizationsRightAfterIt) {
  std::string township;
  auto villages = Villages(&township);
  ASSERT_GE(villages.size(), 3u);
  OrgQueries q(*t_.db);
  auto root = OrgRepo(*t_.db).FindByCode("630000000000", Date::Today());
  ASSERT_TRUE(q.SearchWithin(root->id, "试验村", Date::Today(), 50).empty()) << "a name the real tree does not have";
  OrgCommands c(*t_.db, kActor);
  ASSERT_TRUE(c.Rename({villages[0].code, "试验村", "2020-01-01", "测试更名"}).ok());
  ASSERT_TRUE(c.Rename({villages[1].code, "试验村新村", "2020-01-01", "测试更名"}).ok());
  ASSERT_TRUE(c.Rename({villages[2].code, "东试验村", "2020-01-01", "测试更名"}).ok());
  auto branch = c.AddUnit({villages[0].code, "party_branch", "试验村党支部", "2020-01-01"});
  auto second = c.AddUnit({villages[0].code, "party_branch", "第二党支部", "2020-01-01"});  // not named after it
  auto prefix_branch = c.AddUnit({villages[1].code, "party_branch", "试验村新村党支部", "2020-01-01"});
  auto contains_branch = c.AddUnit({villages[2].code, "party_branch", "东试验村党支部", "2020-01-01"});
  for (const auto* added : {&branch, &second, &prefix_branch, &contains_branch}) {
    ASSERT_TRUE(added->ok()) << added->status().ToString();
  }
  // Units elsewhere in the province whose names start with the text, with shorter codes than any branch.
  auto golmud_towns = *q.Children("632801000000", Date::Today());
  auto golmud_villages = *q.Children(golmud_towns[0].code, Date::Today());
  ASSERT_TRUE(c.Rename({golmud_villages[0].code, "试验村二组", "2020-01-01", "测试更名"}).ok());

  std::vector<std::string> names;
  for (const auto& hit : q.SearchWithin(root->id, "试验村", Date::Today(), 50)) names.push_back(hit.unit.name);
  // 格尔木市 (6328 01) before 德令哈市 (6328 02) in the tree's order.
  EXPECT_EQ(names, (std::vector<std::string>{"试验村", "试验村党支部", "第二党支部", "试验村二组", "试验村新村",
                                             "试验村新村党支部", "东试验村", "东试验村党支部"}));
  auto hits = q.SearchWithin(root->id, "试验村", Date::Today(), 50);
  ASSERT_EQ(hits.size(), names.size());
  const std::string township_name = q.Find(township, Date::Today())->name;
  EXPECT_EQ(hits[2].path, (std::vector<std::string>{"德令哈市", township_name, "试验村", "第二党支部"}));
  // By code, the same: the unit, then its own Party organizations.
  auto by_code = q.SearchWithin(root->id, villages[0].code, Date::Today(), 50);
  ASSERT_GE(by_code.size(), 3u);
  EXPECT_EQ(by_code[0].unit.code, villages[0].code);
  EXPECT_EQ(by_code[1].unit.name, "试验村党支部");
  EXPECT_EQ(by_code[2].unit.name, "第二党支部");
  // The limit holds, the exact unit and its own first.
  auto two = q.SearchWithin(root->id, "试验村", Date::Today(), 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].unit.name, "试验村党支部");
}

// Regression: a unit name accepted U+202E (right-to-left override), which makes it read differently.
TEST_F(OrgTest, UnitNamesRefuseBidiOverrides) {
  Status st = ValidateUnitName("name", "新\u202E名镇");
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(st.field(), "name");
  EXPECT_TRUE(ValidateUnitName("name", "新名镇").ok());
}

TEST_F(OrgTest, RenameKeepsTheOldName) {
  OrgQueries q(*t_.db);
  std::string township;
  auto villages = Villages(&township);
  OrgCommands c(*t_.db, kActor);
  ASSERT_TRUE(c.Rename({township, "新名镇", "2025-01-01", "测试变更"}).ok());
  EXPECT_EQ(q.Find(township, kAfter)->name, "新名镇");
  EXPECT_NE(q.Find(township, kBefore)->name, "新名镇");
  EXPECT_EQ(q.Show(township, kAfter)->names.size(), 2u);
  EXPECT_EQ(q.Find(villages[0].code, kAfter)->parent_name, "新名镇");
}

TEST_F(OrgTest, MergeMovesChildrenAndEndsTheUnit) {
  OrgQueries q(*t_.db);
  std::string township;
  auto villages = Villages(&township);
  ASSERT_GE(villages.size(), 2u);
  OrgCommands c(*t_.db, kActor);
  ASSERT_TRUE(c.AddUnit({villages[1].code, "party_branch", "测试党支部", "2020-01-01"}).ok());
  auto merged = c.Merge({villages[1].code, villages[0].code, "2025-01-01", "测试变更"});
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  // Before the merge both villages stand; after it only the absorbing one.
  EXPECT_TRUE(q.Find(villages[1].code, kBefore).ok());
  auto gone = q.Find(villages[1].code, kAfter);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(q.Children(township, kBefore)->size(), villages.size());
  EXPECT_EQ(q.Children(township, kAfter)->size(), villages.size() - 1);
  // The branch moved with the merge.
  auto children = *q.Children(villages[0].code, kAfter);
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(children[0].name, "测试党支部");
  EXPECT_EQ(q.Children(villages[1].code, kBefore)->size(), 1u);
  // The old unit keeps its record, with where it went.
  auto detail = q.Show(villages[1].code, kBefore);
  EXPECT_EQ(detail->unit.merged_into_code, villages[0].code);
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
}

TEST_F(OrgTest, AddUnitGivesCodesUnderTheParent) {
  OrgCommands c(*t_.db, kActor);
  auto a = c.AddUnit({"632801000000", "new_economy_org", "格尔木市快递物流协会", ""});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->code, "632801000000-U01");
  auto b = c.AddUnit({a->code, "party_branch", "格尔木市快递员党支部", ""});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->code, "632801000000-U01-D01");
  EXPECT_EQ(b->level, Level::kParty);
}

// Every refused command leaves the database exactly as it was.
TEST_F(OrgTest, BadInputChangesNothing) {
  std::string township;
  auto villages = Villages(&township);
  OrgCommands c(*t_.db, kActor);
  const std::string digest = store::ContentDigest(*t_.db);
  struct Case {
    const char* what;
    Status status;
    const char* field;
  };
  std::vector<Case> cases = {
      {"bad date", c.Move({villages[0].code, township, "2025-02-30", "测试变更"}).status(), "on"},
      {"unknown unit", c.Move({"639999999999", township, "2025-01-01", "测试变更"}).status(), "code"},
      {"unknown parent", c.Move({villages[0].code, "639999999999", "2025-01-01", "测试变更"}).status(), "to"},
      {"wrong level", c.Move({villages[0].code, "632802000000", "2025-01-01", "测试变更"}).status(), "to"},
      {"cycle", c.Move({township, villages[0].code, "2025-01-01", "测试变更"}).status(), "to"},
      {"same parent", c.Move({villages[0].code, township, "2025-01-01", "测试变更"}).status(), "to"},
      {"root", c.Move({"630000000000", township, "2025-01-01", "测试变更"}).status(), "code"},
      {"empty name", c.Rename({township, "", "2025-01-01", "测试变更"}).status(), "name"},
      {"merge with self", c.Merge({villages[0].code, villages[0].code, "2025-01-01", "测试变更"}).status(), "into"},
      {"merge across levels", c.Merge({villages[0].code, township, "2025-01-01", "测试变更"}).status(), "into"},
      {"bad kind", c.AddUnit({township, "castle", "城堡", ""}).status(), "kind"},
      {"admin kind", c.AddUnit({township, "village", "新村", ""}).status(), "kind"},
  };
  for (const auto& k : cases) {
    EXPECT_FALSE(k.status.ok()) << k.what;
    EXPECT_EQ(k.status.field(), k.field) << k.what << ": " << k.status.ToString();
    EXPECT_FALSE(k.status.message().empty());
  }
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

TEST_F(OrgTest, ChangesBeforeTheCurrentIntervalAreRefused) {
  std::string township;
  auto villages = Villages(&township);
  OrgCommands c(*t_.db, kActor);
  ASSERT_TRUE(c.Rename({villages[0].code, "甲村", "2025-01-01", "测试变更"}).ok());
  const std::string digest = store::ContentDigest(*t_.db);
  // A rename dated before the last one would rewrite history: refused.
  auto early = c.Rename({villages[0].code, "乙村", "2024-06-01", "测试变更"});
  EXPECT_EQ(early.status().code(), StatusCode::kConflict);
  EXPECT_EQ(c.Rename({villages[0].code, "乙村", "2025-01-01", "测试变更"}).status().code(), StatusCode::kConflict);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

}  // namespace
}  // namespace jiceng::org
