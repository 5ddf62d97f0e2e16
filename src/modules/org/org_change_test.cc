// Rename, move and merge with an effective date and a reason (issue #11 §4): the intervals they leave, the tree
// as of a date before and after, the refusals (outside the org department's subtree, no reason, bad dates), each
// changing nothing, and Qinghai's real division changes loaded into the imported tree.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "modules/org/commands.h"
#include "modules/org/queries.h"
#include "modules/org/repo.h"
#include "store/audit.h"
#include "testing/fixture.h"

namespace jiceng::org {
namespace {

using testing_support::CopyOf;
using testing_support::TemplateDatabase;

const Actor kActor{"golmud_zzb", "127.0.0.1"};
const char* kGolmud = "632801000000";
const char* kDelingha = "632802000000";

Date D(const char* text) { return *Date::Parse(text); }

// Every unit's name intervals and parent links, each list sorted by start: none empty, none overlapping.
void ExpectNoOverlaps(store::Connection& db) {
  for (const char* table : {"org_name", "org_link"}) {
    auto stmt = db.Prepare(std::string("SELECT unit_id, valid_from, valid_to FROM ") + table +
                           " ORDER BY unit_id, valid_from");
    int64_t last_unit = -1;
    std::string last_to;
    int64_t rows = 0;
    while (stmt->Step()) {
      ++rows;
      int64_t unit = stmt->Int(0);
      std::string from = stmt->Text(1), to = stmt->Text(2);
      EXPECT_LT(from, to) << table << " unit " << unit << " has an empty interval at " << from;
      if (unit == last_unit) EXPECT_LE(last_to, from) << table << " unit " << unit << " overlaps at " << from;
      last_unit = unit;
      last_to = to;
    }
    EXPECT_GT(rows, 0) << table;
  }
}

class OrgChangeTest : public ::testing::Test {
 protected:
  void SetUp() override { t_ = CopyOf(TemplateDatabase(false), "org_change"); }
  OrgUnit Unit(const std::string& code, Date on = Date::Today()) { return *OrgQueries(*t_.db).Find(code, on); }
  std::vector<OrgUnit> Children(const std::string& code, Date on = Date::Today()) {
    return *OrgQueries(*t_.db).Children(code, on);
  }
  // The commands of 格尔木市's org department.
  OrgCommands Golmud() {
    OrgCommands c(*t_.db, kActor);
    c.LimitToSubtree(Unit(kGolmud).id);
    return c;
  }
  testing_support::TestDb t_;
};

TEST_F(OrgChangeTest, RenameWithAKindChangeKeepsTheEarlierNameAndKind) {
  std::string town = Children(kGolmud).front().code;
  OrgUnit before = Unit(town);
  auto c = Golmud();
  auto renamed = c.Rename({town, "新城街道", "2024-05-01", "格政〔2024〕12号", "subdistrict"});
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  EXPECT_EQ(Unit(town, D("2024-04-30")).name, before.name);
  EXPECT_EQ(Unit(town, D("2024-04-30")).kind, before.kind);
  EXPECT_EQ(Unit(town, D("2024-05-01")).name, "新城街道");
  EXPECT_EQ(Unit(town, D("2024-05-01")).kind, Kind::kSubdistrict);
  auto detail = *OrgQueries(*t_.db).Show(town, Date::Today());
  ASSERT_EQ(detail.names.size(), 2u);
  EXPECT_EQ(detail.names[0].to, D("2024-05-01"));
  EXPECT_EQ(detail.names[1].from, D("2024-05-01"));
  ASSERT_EQ(detail.events.size(), 1u);
  EXPECT_EQ(detail.events[0].reason, "格政〔2024〕12号");
  EXPECT_EQ(detail.events[0].actor, "golmud_zzb");
  // A kind of another level is refused, and so is a kind change of a Party organization (the roll-up counts kinds).
  const std::string digest = store::ContentDigest(*t_.db);
  auto wrong = c.Rename({town, "新城村", "2025-05-01", "测试", "village"});
  EXPECT_EQ(wrong.status().field(), "kind");
  auto branch = c.AddUnit({town, "party_branch", "测试党支部", "2020-01-01"});
  ASSERT_TRUE(branch.ok());
  const std::string with_branch = store::ContentDigest(*t_.db);
  auto party = c.Rename({branch->code, "测试党总支", "2025-05-01", "测试", "party_general_branch"});
  EXPECT_EQ(party.status().field(), "kind");
  EXPECT_EQ(store::ContentDigest(*t_.db), with_branch);
  EXPECT_NE(digest, with_branch);
  ExpectNoOverlaps(*t_.db);
}

TEST_F(OrgChangeTest, MoveDatedInThePastCorrectsHistory) {
  auto towns = Children(kGolmud);
  ASSERT_GE(towns.size(), 2u);
  std::string village = Children(towns[0].code).front().code;
  auto moved = Golmud().Move({village, towns[1].code, "2021-03-01", "历史更正：2021年已划入"});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(Unit(village, D("2021-02-28")).parent_code, towns[0].code);
  EXPECT_EQ(Unit(village, D("2021-03-01")).parent_code, towns[1].code);
  EXPECT_EQ(Unit(village).parent_code, towns[1].code);
  ExpectNoOverlaps(*t_.db);
}

TEST_F(OrgChangeTest, MergeMovesChildrenAndMembersAndReportsHowMany) {
  auto towns = Children(kGolmud);
  auto villages = Children(towns[0].code);
  ASSERT_GE(villages.size(), 2u);
  auto c = Golmud();
  ASSERT_TRUE(c.AddUnit({villages[1].code, "party_branch", "测试党支部", "2020-01-01"}).ok());
  auto report = c.Merge({villages[1].code, villages[0].code, "2025-01-01", "乡政〔2025〕3号：两村合并"});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->into.code, villages[0].code);
  EXPECT_EQ(report->children_moved, 1);
  EXPECT_EQ(report->members_moved, 0);  // the template has no people
  EXPECT_TRUE(OrgQueries(*t_.db).Find(villages[1].code, D("2024-12-31")).ok());
  EXPECT_FALSE(OrgQueries(*t_.db).Find(villages[1].code, D("2025-01-01")).ok());
  EXPECT_EQ(Children(villages[0].code, D("2025-01-01")).size(), 1u);
  EXPECT_EQ(Children(towns[0].code, D("2025-01-01")).size(), villages.size() - 1);
  ExpectNoOverlaps(*t_.db);
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
}

// A merge dated before a child joined would leave that child under a unit that no longer exists.
TEST_F(OrgChangeTest, MergeBeforeALaterChildIsRefused) {
  auto villages = Children(Children(kGolmud).front().code);
  auto c = Golmud();
  ASSERT_TRUE(c.AddUnit({villages[1].code, "party_branch", "新党支部", "2024-06-01"}).ok());
  const std::string digest = store::ContentDigest(*t_.db);
  auto early = c.Merge({villages[1].code, villages[0].code, "2024-01-01", "合并"});
  EXPECT_EQ(early.status().code(), StatusCode::kConflict);
  EXPECT_EQ(early.status().field(), "on");
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

TEST_F(OrgChangeTest, OutsideTheSubtreeAndTheOwnUnitAreRefusedAndChangeNothing) {
  auto golmud_towns = Children(kGolmud);
  auto golmud_village = Children(golmud_towns[0].code).front().code;
  auto delingha_towns = Children(kDelingha);
  auto delingha_village = Children(delingha_towns[0].code).front().code;
  auto c = Golmud();
  const std::string digest = store::ContentDigest(*t_.db);
  // Its own county: refused as forbidden, not hidden (the department sees it).
  auto own = c.Rename({kGolmud, "格尔木新市", "2025-01-01", "测试"});
  EXPECT_EQ(own.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(c.Merge({kGolmud, kDelingha, "2025-01-01", "测试"}).status().code(), StatusCode::kForbidden);
  struct Case {
    const char* what;
    Status status;
    const char* field;
  };
  std::vector<Case> cases = {
      {"rename outside", c.Rename({delingha_village, "外村", "2025-01-01", "测试"}).status(), "code"},
      {"move outside", c.Move({delingha_village, golmud_towns[0].code, "2025-01-01", "测试"}).status(), "code"},
      {"move out of the subtree", c.Move({golmud_village, delingha_towns[0].code, "2025-01-01", "测试"}).status(),
       "to"},
      {"merge into outside", c.Merge({golmud_village, delingha_village, "2025-01-01", "测试"}).status(), "into"},
  };
  for (const auto& k : cases) {
    EXPECT_FALSE(k.status.ok()) << k.what;
    EXPECT_EQ(k.status.field(), k.field) << k.what << ": " << k.status.ToString();
    EXPECT_NE(k.status.message().find("管辖范围"), std::string::npos) << k.what << ": " << k.status.ToString();
  }
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

TEST_F(OrgChangeTest, ReasonIsRequiredAndBadDatesNameTheFieldInChinese) {
  auto towns = Children(kGolmud);
  std::string village = Children(towns[0].code).front().code;
  auto c = Golmud();
  auto added = c.AddUnit({village, "party_branch", "新建党支部", "2020-01-01"});
  ASSERT_TRUE(added.ok());
  const std::string digest = store::ContentDigest(*t_.db);
  const std::string too_late = Date::Today().AddDays(400).ToString();
  struct Case {
    const char* what;
    Status status;
    const char* field;
    const char* words;
  };
  std::vector<Case> cases = {
      {"no reason", c.Rename({village, "新村", "2025-01-01", ""}).status(), "reason", "变更原因"},
      {"blank reason", c.Move({village, towns[1].code, "2025-01-01", "  "}).status(), "reason", "变更原因"},
      {"two-line reason", c.Merge({village, towns[1].code, "2025-01-01", "甲\n乙"}).status(), "reason", "变更原因"},
      {"no date", c.Rename({village, "新村", "", "测试"}).status(), "on", "生效日期"},
      {"bad date", c.Rename({village, "新村", "2025-02-30", "测试"}).status(), "on", "生效日期"},
      {"more than a year ahead", c.Rename({village, "新村", too_late, "测试"}).status(), "on", "一年"},
      {"before the unit began", c.Rename({added->code, "改名党支部", "2019-06-01", "测试"}).status(), "on",
       "设立日期"},
      {"merge more than a year ahead", c.Merge({village, towns[1].code, too_late, "测试"}).status(), "on", "一年"},
  };
  for (const auto& k : cases) {
    EXPECT_FALSE(k.status.ok()) << k.what;
    EXPECT_EQ(k.status.field(), k.field) << k.what << ": " << k.status.ToString();
    EXPECT_NE(k.status.message().find(k.words), std::string::npos) << k.what << ": " << k.status.ToString();
  }
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
  // Within a year ahead is allowed: a change decided now that takes effect later.
  EXPECT_TRUE(c.Rename({village, "新村", Date::Today().AddDays(300).ToString(), "测试"}).ok());
}

// The demo's tree of Qinghai carries the real changes since 2010 (division_history.cc).
TEST_F(OrgChangeTest, HaidongIsAPrefectureAreaUntil2013) {
  OrgUnit before = Unit("630200000000", D("2012-12-31"));
  EXPECT_EQ(before.name, "海东地区");
  EXPECT_EQ(before.kind, Kind::kArea);
  OrgUnit after = Unit("630200000000", D("2014-01-01"));
  EXPECT_EQ(after.name, "海东市");
  EXPECT_EQ(after.kind, Kind::kCity);
  auto names = [&](Date on) {
    std::vector<std::string> out;
    for (const auto& u : Children("630200000000", on)) out.push_back(u.name + "/" + std::string(KindCode(u.kind)));
    return out;
  };
  auto then = names(D("2012-12-31"));
  EXPECT_NE(std::find(then.begin(), then.end(), "乐都县/county"), then.end());
  EXPECT_NE(std::find(then.begin(), then.end(), "平安县/county"), then.end());
  // The counts by kind are of that day too (regression: they read today's kinds, 区 under 海东地区).
  auto counts = OrgQueries(*t_.db).Show("630200000000", D("2012-12-31"))->child_counts;
  std::map<std::string, int64_t> by_kind(counts.begin(), counts.end());
  EXPECT_EQ(by_kind["district"], 0);
  EXPECT_EQ(by_kind["county"], 2);
  EXPECT_EQ(OrgQueries(*t_.db).Stats(D("2012-12-31")).by_kind["area"], 1);
  auto now = names(D("2014-01-01"));
  EXPECT_NE(std::find(now.begin(), now.end(), "乐都区/district"), now.end());
  // 平安 became a district in 2015, not with the city (the sources disagree with the note).
  EXPECT_NE(std::find(now.begin(), now.end(), "平安县/county"), now.end());
  EXPECT_EQ(Unit("630203000000", D("2016-01-01")).name, "平安区");
  // The old code is kept with the old name.
  auto detail = *OrgQueries(*t_.db).Show("630202000000", Date::Today());
  ASSERT_EQ(detail.names.size(), 2u);
  EXPECT_EQ(detail.names[0].name, "乐都县");
  EXPECT_EQ(detail.names[0].code, "632123000000");
  EXPECT_EQ(detail.names[0].kind, "county");
  EXPECT_EQ(detail.names[1].code, "630202000000");
  EXPECT_EQ(detail.names[1].kind, "district");
  ASSERT_EQ(detail.events.size(), 1u);
  EXPECT_NE(detail.events[0].reason.find("国函〔2013〕23号"), std::string::npos);
}

TEST_F(OrgChangeTest, MangnaiAndLenghuBecomeMangyaCityIn2018) {
  auto names = [&](const char* code, Date on) {
    std::vector<std::string> out;
    for (const auto& u : Children(code, on)) out.push_back(u.name);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(Unit("632803000000", D("2018-01-01")).name, "茫崖行政委员会");
  EXPECT_EQ(Unit("632803000000", D("2018-01-01")).kind, Kind::kAdministrativeCommittee);
  EXPECT_EQ(names("632803000000", D("2018-01-01")).size(), 2u);  // 花土沟镇, 茫崖镇
  EXPECT_EQ(names("632800000000-H01", D("2018-01-01")), std::vector<std::string>{"冷湖镇"});
  EXPECT_EQ(Unit("632803000000", D("2019-01-01")).name, "茫崖市");
  EXPECT_EQ(Unit("632803000000", D("2019-01-01")).kind, Kind::kCountyCity);
  EXPECT_EQ(names("632803000000", D("2019-01-01")).size(), 3u);
  EXPECT_FALSE(OrgQueries(*t_.db).Find("632800000000-H01", D("2019-01-01")).ok());
  auto county_names = [&](Date on) {
    std::vector<std::string> out;
    for (const auto& u : Children("632800000000", on)) out.push_back(u.name);
    return out;
  };
  auto then = county_names(D("2018-12-26"));
  EXPECT_NE(std::find(then.begin(), then.end(), "冷湖行政委员会"), then.end());
  auto now = county_names(D("2018-12-27"));
  EXPECT_EQ(std::find(now.begin(), now.end(), "冷湖行政委员会"), now.end());
  // Today's tree is the data's own: the loaded history changes nothing that holds today.
  EXPECT_EQ(OrgQueries(*t_.db).Stats(Date::Today()).by_level["county"], 45);
}

TEST_F(OrgChangeTest, YushuTongrenAndHuangzhongChangedOnTheirDays) {
  EXPECT_EQ(Unit("632701000000", D("2013-07-02")).name, "玉树县");
  EXPECT_EQ(Unit("632701000000", D("2013-07-03")).name, "玉树市");
  EXPECT_EQ(Unit("632301000000", D("2020-01-01")).name, "同仁县");
  EXPECT_EQ(Unit("632301000000", D("2020-01-01")).kind, Kind::kCounty);
  EXPECT_EQ(Unit("632301000000", D("2021-01-01")).name, "同仁市");
  EXPECT_EQ(Unit("630106000000", D("2020-01-01")).name, "湟中县");
  EXPECT_EQ(Unit("630106000000", D("2021-01-01")).name, "湟中区");
}

TEST_F(OrgChangeTest, LoadedHistoryAndChangesLeaveNoOverlaps) {
  ExpectNoOverlaps(*t_.db);
  // A loaded unit takes further changes like any other: 乐都区 renamed again later is refused before 2013.
  OrgCommands c(*t_.db, kActor);
  auto early = c.Rename({"630202000000", "乐都新区", "2012-01-01", "测试"});
  EXPECT_EQ(early.status().code(), StatusCode::kConflict);
  ExpectNoOverlaps(*t_.db);
}

}  // namespace
}  // namespace jiceng::org
