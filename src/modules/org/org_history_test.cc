// The org tree's history leftovers of issue #11 §4: the demo's Party organizations and units named after a region
// follow its names through the loaded division history (as of 2012 and today); a rename of a region renames its
// namesakes with it, on the same date, in one transaction and audit record; a unit's history as of a date lists
// only what was effective then; and a change through the web is a request that a second org department account
// approves (four eyes), refused to the requester.
#include <gtest/gtest.h>

#include <functional>

#include "modules/org/change_requests.h"
#include "modules/org/commands.h"
#include "modules/org/queries.h"
#include "modules/org/repo.h"
#include "store/audit.h"
#include "testing/fixture.h"

namespace jiceng::org {
namespace {

using testing_support::CopyOf;
using testing_support::TemplateDatabase;

const char* kHaidong = "630200000000";
const char* kLedu = "630202000000";
const char* kMangya = "632803000000";
const char* kGolmud = "632801000000";
const char* kHaixi = "632800000000";
const char* kDelingha = "632802000000";

Date D(const char* text) { return *Date::Parse(text); }

std::vector<OrgUnit> Children(store::Connection& db, const std::string& code, Date on) {
  return *OrgQueries(db).Children(code, on);
}

// The unit's child of `kind` whose name today satisfies `pick` (the demo's codes are generated: found, not assumed).
OrgUnit ChildToday(store::Connection& db, const std::string& code, Kind kind,
                   const std::function<bool(const std::string&)>& pick) {
  for (const auto& c : Children(db, code, Date::Today())) {
    if (c.kind == kind && pick(c.name)) return c;
  }
  ADD_FAILURE() << "no child of " << code << " of kind " << KindCode(kind);
  return {};
}

std::string NameOn(store::Connection& db, const std::string& code, Date on) {
  auto unit = OrgQueries(db).Find(code, on);
  return unit.ok() ? unit->name : "";
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// ---- 1. the demo's names follow their region ----------------------------------------------------------------

class DemoHistoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { t_ = new testing_support::TestDb(CopyOf(TemplateDatabase(true), "org_history")); }
  static void TearDownTestSuite() {
    delete t_;
    t_ = nullptr;
  }
  static testing_support::TestDb* t_;
  store::Connection& db() { return *t_->db; }
};
testing_support::TestDb* DemoHistoryTest::t_ = nullptr;

TEST_F(DemoHistoryTest, HaidongsPartyCommitteeAndDepartmentAreNamedAsOf2012AndToday) {
  OrgUnit committee = ChildToday(db(), kHaidong, Kind::kPartyCommittee, [](const std::string&) { return true; });
  EXPECT_EQ(committee.name, "中共海东市委员会");
  EXPECT_EQ(NameOn(db(), committee.code, D("2012-06-30")), "中共海东地区委员会");
  EXPECT_EQ(NameOn(db(), committee.code, D("2013-02-07")), "中共海东地区委员会");
  EXPECT_EQ(NameOn(db(), committee.code, D("2013-02-08")), "中共海东市委员会");
  OrgUnit department =
      ChildToday(db(), kHaidong, Kind::kAgency, [](const std::string& n) { return Has(n, "组织部"); });
  EXPECT_EQ(department.name, "中共海东市委组织部");
  EXPECT_EQ(NameOn(db(), department.code, D("2012-06-30")), "中共海东地委组织部");
  OrgUnit branch = ChildToday(db(), department.code, Kind::kPartyBranch, [](const std::string&) { return true; });
  EXPECT_EQ(NameOn(db(), branch.code, D("2012-06-30")), "中共海东地委组织部机关党支部");
  EXPECT_EQ(branch.name, "中共海东市委组织部机关党支部");
  // The change is in the committee's own history, on the region's day, with the region's approval as the reason.
  auto detail = *OrgQueries(db()).Show(committee.code, Date::Today());
  ASSERT_EQ(detail.events.size(), 1u);
  EXPECT_EQ(detail.events[0].kind, "rename");
  EXPECT_EQ(detail.events[0].on, D("2013-02-08"));
  EXPECT_EQ(detail.events[0].old_value, "中共海东地区委员会");
  EXPECT_NE(detail.events[0].reason.find("国函〔2013〕23号"), std::string::npos) << detail.events[0].reason;
  EXPECT_EQ(detail.events[0].actor, "区划沿革");
}

TEST_F(DemoHistoryTest, CountyAgenciesFollowTheirCountyAndFirmsKeepTheirName) {
  OrgUnit committee = ChildToday(db(), kLedu, Kind::kPartyCommittee, [](const std::string&) { return true; });
  EXPECT_EQ(NameOn(db(), committee.code, D("2012-06-30")), "中共乐都县委员会");
  EXPECT_EQ(committee.name, "中共乐都区委员会");
  OrgUnit bureau = ChildToday(db(), kLedu, Kind::kAgency, [](const std::string& n) { return Has(n, "教育局"); });
  EXPECT_EQ(NameOn(db(), bureau.code, D("2012-06-30")), "乐都县教育局");
  EXPECT_EQ(bureau.name, "乐都区教育局");
  OrgUnit firm = ChildToday(db(), kLedu, Kind::kEnterprise, [](const std::string&) { return true; });
  EXPECT_EQ(NameOn(db(), firm.code, D("2012-06-30")), firm.name);
  EXPECT_EQ(OrgQueries(db()).Show(firm.code, Date::Today())->names.size(), 1u);
  // 茫崖: a 行政委员会 has a 工作委员会 until it became a city in 2018.
  OrgUnit mangya = ChildToday(db(), kMangya, Kind::kPartyCommittee, [](const std::string&) { return true; });
  EXPECT_EQ(NameOn(db(), mangya.code, D("2018-12-26")), "中共茫崖行委工作委员会");
  EXPECT_EQ(mangya.name, "中共茫崖市委员会");
}

// No unit the demo made carries, on any earlier day, a name that only its region's later name explains.
TEST_F(DemoHistoryTest, NoDemoNameIsAnachronisticOnAnyDayOfTheLoadedHistory) {
  auto regions = db().Prepare(
      "SELECT u.code, n.valid_from FROM org_unit u JOIN org_name n ON n.unit_id = u.id"
      " WHERE u.level IN ('province', 'prefecture', 'county', 'township', 'village') AND n.valid_to <> '9999-12-31'"
      " AND u.dissolved_on = '9999-12-31'");
  int checked = 0;
  while (regions->Step()) {
    const std::string code = regions->Text(0);
    const Date then = D(regions->Text(1).c_str()).AddDays(1);
    const std::string old_name = NameOn(db(), code, then);
    const std::string today_name = NameOn(db(), code, Date::Today());
    ASSERT_NE(old_name, today_name) << code;
    std::vector<std::string> open = {code};
    while (!open.empty()) {
      const std::string at = open.back();
      open.pop_back();
      for (const auto& child : Children(db(), at, then)) {
        if (child.level <= Level::kVillage) continue;
        open.push_back(child.code);
        ++checked;
        EXPECT_FALSE(Has(child.name, today_name))
            << child.code << " is named " << child.name << " on " << then.ToString() << ", when " << code << " was "
            << old_name;
      }
    }
  }
  EXPECT_GT(checked, 50);  // 海东, 乐都, 平安, 玉树, 茫崖, 同仁, 湟中 and what is under them
}

// ---- 2. a rename renames its namesakes ---------------------------------------------------------------------

class NamesakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = CopyOf(TemplateDatabase(false), "org_namesakes");
    town_ = Children(*t_.db, kGolmud, Date::Today()).front();
    village_ = Children(*t_.db, town_.code, Date::Today()).front();
    OrgCommands c(*t_.db, {"setup", "local"});
    branch_ = *c.AddUnit({village_.code, "party_branch", village_.name + "党支部", "2010-01-01"});
    other_ = *c.AddUnit({village_.code, "party_branch", "驻村工作队临时党支部", "2010-01-01"});
    committee_ = *c.AddUnit({town_.code, "party_committee", "中共" + town_.name + "委员会", "2010-01-01"});
  }
  OrgCommands Golmud() {
    OrgCommands c(*t_.db, {"golmud_zzb", "127.0.0.1"});
    c.LimitToSubtree(OrgQueries(*t_.db).Find(kGolmud, Date::Today())->id);
    return c;
  }
  testing_support::TestDb t_;
  OrgUnit town_, village_, branch_, other_, committee_;
};

TEST_F(NamesakeTest, AVillagesRenameRenamesItsBranchOnTheSameDateInOneAuditRecord) {
  const int64_t records = store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log");
  auto done = Golmud().Rename({village_.code, "新建村", "2024-05-01", "格政〔2024〕7号"});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_EQ(done->namesakes.size(), 1u);
  EXPECT_EQ(done->namesakes[0].unit.code, branch_.code);
  EXPECT_EQ(done->namesakes[0].new_name, "新建村党支部");
  EXPECT_EQ(NameOn(*t_.db, branch_.code, D("2024-04-30")), village_.name + "党支部");
  EXPECT_EQ(NameOn(*t_.db, branch_.code, D("2024-05-01")), "新建村党支部");
  EXPECT_EQ(NameOn(*t_.db, other_.code, D("2024-05-01")), "驻村工作队临时党支部");  // not named after the village
  auto events = OrgQueries(*t_.db).Show(branch_.code, Date::Today())->events;
  ASSERT_EQ(events.size(), 2u);  // its creation, then the rename
  EXPECT_EQ(events[1].kind, "rename");
  EXPECT_EQ(events[1].on, D("2024-05-01"));
  EXPECT_EQ(events[1].reason, "格政〔2024〕7号");
  EXPECT_EQ(events[1].actor, "golmud_zzb");
  // One record for the village and its branch together.
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log"), records + 1);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'org.rename'"), 1);
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
}

TEST_F(NamesakeTest, WithoutNamesakesOnlyTheUnitIsRenamedAndATownLeavesItsVillagesBranches) {
  RenameForm keep{village_.code, "新建村", "2024-05-01", "测试", "", false};
  ASSERT_TRUE(Golmud().Rename(keep).ok());
  EXPECT_EQ(NameOn(*t_.db, branch_.code, D("2024-05-01")), village_.name + "党支部");
  auto town = Golmud().Rename({town_.code, "新城镇", "2024-06-01", "测试"});
  ASSERT_TRUE(town.ok()) << town.status().ToString();
  ASSERT_EQ(town->namesakes.size(), 1u);  // its committee, not the branches under its villages
  EXPECT_EQ(NameOn(*t_.db, committee_.code, D("2024-06-01")), "中共新城镇委员会");
}

TEST_F(NamesakeTest, ANamesakeThatCannotBeRenamedRefusesTheWholeRenameAndChangesNothing) {
  auto c = Golmud();
  ASSERT_TRUE(c.Rename({branch_.code, "改名党支部", "2025-01-01", "测试", "", false}).ok());
  const std::string digest = store::ContentDigest(*t_.db);
  auto refused = c.Rename({village_.code, "新建村", "2024-05-01", "测试"});
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().field(), "with_namesakes");
  EXPECT_NE(refused.status().message().find(village_.name + "党支部"), std::string::npos) << refused.status().ToString();
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
  // Without them it goes through.
  EXPECT_TRUE(c.Rename({village_.code, "新建村", "2024-05-01", "测试", "", false}).ok());
}

// ---- 3. the history as of a date ------------------------------------------------------------------------------

TEST_F(DemoHistoryTest, HistoryAsOfADateListsOnlyWhatWasEffectiveThenAndTheRestApart) {
  auto then = *OrgQueries(db()).Show(kHaidong, D("2012-12-31"));
  EXPECT_TRUE(then.events.empty());
  ASSERT_EQ(then.later_events.size(), 1u);
  EXPECT_EQ(then.later_events[0].on, D("2013-02-08"));
  auto on_the_day = *OrgQueries(db()).Show(kHaidong, D("2013-02-08"));
  EXPECT_EQ(on_the_day.events.size(), 1u);
  EXPECT_TRUE(on_the_day.later_events.empty());
  // 茫崖 as of 2015: neither its 2018 rename nor 冷湖's absorption.
  auto mangya = *OrgQueries(db()).Show(kMangya, D("2015-01-01"));
  EXPECT_TRUE(mangya.events.empty());
  EXPECT_EQ(mangya.later_events.size(), 2u);
}

// ---- 4. four eyes ------------------------------------------------------------------------------------------------

class ChangeRequestTest : public ::testing::Test {
 protected:
  void SetUp() override { t_ = CopyOf(TemplateDatabase(false), "org_requests"); }
  int64_t Id(const char* code) { return OrgQueries(*t_.db).Find(code, Date::Today())->id; }
  ChangeRequests As(const char* login, const char* org) { return ChangeRequests(*t_.db, {login, "127.0.0.1"}, Id(org), {}); }
  // The tree's own tables, which a request must leave as they were.
  std::string Tree() {
    std::string text;
    for (const char* table : {"org_name", "org_link", "org_event", "org_unit"}) {
      text += std::to_string(store::QueryInt(*t_.db, std::string("SELECT COUNT(*) FROM ") + table)) + "/";
    }
    return text;
  }
  testing_support::TestDb t_;
};

TEST_F(ChangeRequestTest, ARequestChangesNothingUntilASecondAccountApprovesIt) {
  auto village = Children(*t_.db, Children(*t_.db, kGolmud, Date::Today()).front().code, Date::Today()).front();
  const std::string tree = Tree();
  auto asked = As("golmud_zzb", kGolmud).RequestRename({village.code, "新建村", "2024-05-01", "格政〔2024〕7号"});
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(asked->state, ChangeState::kPending);
  EXPECT_EQ(asked->unit_name, village.name);
  EXPECT_EQ(Tree(), tree);
  EXPECT_EQ(NameOn(*t_.db, village.code, D("2024-05-01")), village.name);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'org.change.request'"), 1);
  // The requester sees it pending and cannot approve it.
  auto mine = As("golmud_zzb", kGolmud).List(true);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, asked->id);
  auto self = As("golmud_zzb", kGolmud).Approve(asked->id);
  EXPECT_EQ(self.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(Tree(), tree);
  // An org department outside the unit's subtree neither sees nor approves it.
  EXPECT_TRUE(As("delingha_zzb", kDelingha).List(true).empty());
  EXPECT_EQ(As("delingha_zzb", kDelingha).Approve(asked->id).status().code(), StatusCode::kNotFound);
  // 海西州's department approves: applied now, the history names both.
  auto approved = As("haixi_zzb", kHaixi).Approve(asked->id);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->request.state, ChangeState::kApproved);
  EXPECT_EQ(approved->request.decided_by, "haixi_zzb");
  EXPECT_EQ(NameOn(*t_.db, village.code, D("2024-05-01")), "新建村");
  auto events = OrgQueries(*t_.db).Show(village.code, Date::Today())->events;
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, "golmud_zzb");
  EXPECT_EQ(events[0].approved_by, "haixi_zzb");
  EXPECT_TRUE(As("golmud_zzb", kGolmud).List(true).empty());
  // Decided once only.
  EXPECT_EQ(As("qinghai_zzb", "630000000000").Approve(asked->id).status().code(), StatusCode::kConflict);
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
}

TEST_F(ChangeRequestTest, ARefusedChangeIsRefusedWhenAskedAndOneUnitHasOnePendingRequest) {
  auto towns = Children(*t_.db, kGolmud, Date::Today());
  auto village = Children(*t_.db, towns[0].code, Date::Today()).front();
  auto golmud = As("golmud_zzb", kGolmud);
  const std::string digest = store::ContentDigest(*t_.db);
  EXPECT_EQ(golmud.RequestRename({village.code, "新村", "2025-01-01", ""}).status().field(), "reason");
  EXPECT_EQ(golmud.RequestMove({village.code, "632802000000", "2025-01-01", "测试"}).status().field(), "to");
  EXPECT_EQ(golmud.RequestMerge({kGolmud, kDelingha, "2025-01-01", "测试"}).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
  ASSERT_TRUE(golmud.RequestMove({village.code, towns[1].code, "2025-01-01", "测试"}).ok());
  auto second = golmud.RequestRename({village.code, "新村", "2025-01-01", "测试"});
  EXPECT_EQ(second.status().code(), StatusCode::kConflict);
  EXPECT_EQ(second.status().field(), "code");
}

TEST_F(ChangeRequestTest, ARejectionNeedsAReasonAndTheRequesterMayWithdraw) {
  auto towns = Children(*t_.db, kGolmud, Date::Today());
  auto villages = Children(*t_.db, towns[0].code, Date::Today());
  auto golmud = As("golmud_zzb", kGolmud);
  auto haixi = As("haixi_zzb", kHaixi);
  auto merge = golmud.RequestMerge({villages[1].code, villages[0].code, "2025-01-01", "两村合并"});
  ASSERT_TRUE(merge.ok()) << merge.status().ToString();
  EXPECT_EQ(haixi.Reject(merge->id, "  ").status().field(), "note");
  auto rejected = haixi.Reject(merge->id, "材料不全，请附乡镇请示");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->state, ChangeState::kRejected);
  EXPECT_EQ(rejected->decision_note, "材料不全，请附乡镇请示");
  EXPECT_TRUE(OrgQueries(*t_.db).Find(villages[1].code, D("2025-01-01")).ok());  // not merged
  EXPECT_EQ(haixi.Approve(merge->id).status().code(), StatusCode::kConflict);
  auto again = golmud.RequestMerge({villages[1].code, villages[0].code, "2025-01-01", "两村合并"});
  ASSERT_TRUE(again.ok());
  auto withdrawn = golmud.Reject(again->id, "");
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_EQ(withdrawn->state, ChangeState::kWithdrawn);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'org.change.reject'"), 1);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'org.change.withdraw'"), 1);
}

// Approval applies the change as it stands then: one that can no longer be applied is refused and stays pending.
TEST_F(ChangeRequestTest, AnApprovalThatNoLongerAppliesIsRefusedAndTheRequestStaysPending) {
  auto towns = Children(*t_.db, kGolmud, Date::Today());
  auto villages = Children(*t_.db, towns[0].code, Date::Today());
  auto asked = As("golmud_zzb", kGolmud).RequestRename({villages[0].code, "甲村", "2025-01-01", "测试"});
  ASSERT_TRUE(asked.ok());
  // Meanwhile (from the console) a later rename is recorded: the request's date now lies before it.
  ASSERT_TRUE(OrgCommands(*t_.db, {"cli", "local"}).Rename({villages[0].code, "乙村", "2025-06-01", "测试"}).ok());
  const std::string digest = store::ContentDigest(*t_.db);
  auto late = As("haixi_zzb", kHaixi).Approve(asked->id);
  EXPECT_EQ(late.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
  EXPECT_EQ(As("haixi_zzb", kHaixi).List(true).size(), 1u);
}

}  // namespace
}  // namespace jiceng::org
