// The closed loop against a real SQLite file with the real Qinghai tree: one problem walked from draft to
// sign-off with a return in between, sides and scope, derived progress, evidence limits, the overdue report
// on a moved calendar, responsibility lists, and refused input changing nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/export.h"
#include "modules/accounts/commands.h"
#include "modules/duty/commands.h"
#include "modules/duty/evidence.h"
#include "modules/duty/ledger.h"
#include "modules/duty/queries.h"
#include "modules/org/commands.h"
#include "modules/org/queries.h"
#include "modules/people/commands.h"
#include "store/audit.h"
#include "modules/duty/duty_fixture.h"
#include "testing/fixture.h"

namespace jiceng::duty {
namespace {

class DutyTest : public DutyFixture {};

TEST_F(DutyTest, ProblemFromDraftToSignOffWithAReturn) {
  Item p = Problem();
  EXPECT_EQ(p.state, State::kDraft);
  ASSERT_TRUE(Do(county_, p.id, "assign").ok());
  ASSERT_TRUE(Do(county_, p.id, "publish").ok());
  ASSERT_TRUE(Do(township_, p.id, "progress", "已摸底", "50").ok());
  ASSERT_TRUE(Do(township_, p.id, "submit").ok());
  ASSERT_TRUE(Do(county_, p.id, "return", "佐证材料不全").ok());
  ASSERT_TRUE(Do(township_, p.id, "progress", "已补充", "100").ok());
  ASSERT_TRUE(Do(township_, p.id, "submit").ok());
  ASSERT_TRUE(Do(county_, p.id, "accept", "同意销号", "", "92", "优秀").ok());
  auto detail = DutyQueries(*t_.db, county_).Show(p.id);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->view.item.state, State::kAccepted);
  EXPECT_EQ(detail->view.item.score, 92);
  EXPECT_EQ(detail->view.item.grade, "优秀");
  ASSERT_EQ(detail->timeline.size(), 9u);  // create + 8 actions
  EXPECT_EQ(detail->timeline[5].action, "return");
  EXPECT_EQ(detail->timeline[5].note, "佐证材料不全");
  EXPECT_EQ(detail->timeline[5].from_state, "submitted");
  EXPECT_EQ(detail->timeline[5].to_state, "returned");
  EXPECT_EQ(detail->view.actions, std::vector<Action>{Action::kReopen});
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'duty.%'"), 9);
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
  // Reopening needs a reason and clears the grade.
  EXPECT_EQ(Do(county_, p.id, "reopen").field(), "note");
  ASSERT_TRUE(Do(county_, p.id, "reopen", "群众再次反映").ok());
  EXPECT_FALSE(DutyRepo(*t_.db).Find(p.id)->score.has_value());
}

TEST_F(DutyTest, SidesAreEnforced) {
  Item p = Problem();
  // A draft is the assigning side's alone.
  EXPECT_EQ(DutyQueries(*t_.db, township_).Show(p.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Do(township_, p.id, "assign").code(), StatusCode::kNotFound);
  ASSERT_TRUE(Do(county_, p.id, "assign").ok());
  // Assigned: the township sees it; the villages below it do not yet, in lists or by id.
  EXPECT_TRUE(DutyQueries(*t_.db, township_).Show(p.id).ok());
  EXPECT_EQ(DutyQueries(*t_.db, village_cadre_).List(ListRequest{})->total, 0);
  EXPECT_EQ(DutyQueries(*t_.db, village_cadre_).Show(p.id).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(Do(county_, p.id, "publish").ok());
  EXPECT_TRUE(DutyQueries(*t_.db, township_).Show(p.id).ok());
  EXPECT_EQ(Do(county_, p.id, "progress", "", "10").code(), StatusCode::kForbidden);  // only the responsible side
  ASSERT_TRUE(Do(township_, p.id, "progress", "", "10").ok());
  ASSERT_TRUE(Do(township_, p.id, "submit").ok());
  EXPECT_EQ(Do(township_, p.id, "accept", "", "", "90", "优秀").code(), StatusCode::kForbidden);
  EXPECT_EQ(Do(township_, p.id, "return", "x").code(), StatusCode::kForbidden);
  EXPECT_EQ(Do(township_, p.id, "cancel", "x").code(), StatusCode::kForbidden);
  auto illegal = Do(county_, p.id, "publish");
  EXPECT_EQ(illegal.code(), StatusCode::kConflict);
  EXPECT_NE(illegal.message().find("已提交"), std::string::npos);
  // Another county sees nothing of it.
  EXPECT_EQ(DutyQueries(*t_.db, other_county_).Show(p.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Do(other_county_, p.id, "accept", "", "", "90", "优秀").code(), StatusCode::kNotFound);
  ListRequest r;
  EXPECT_EQ(DutyQueries(*t_.db, other_county_).List(r)->total, 0);
  EXPECT_EQ(DutyQueries(*t_.db, township_).List(r)->total, 1);
  EXPECT_EQ(DutyQueries(*t_.db, village_cadre_).List(r)->total, 1);  // published down the subtree (晒责)
  // 本级及下级 (the list page's default, issue #11): the township's item is not the village's, and its 工作台
  // counts none; the township still has it.
  r.own_subtree = true;
  EXPECT_EQ(DutyQueries(*t_.db, village_cadre_).List(r)->total, 0);
  EXPECT_EQ(DutyQueries(*t_.db, township_).List(r)->total, 1);
  EXPECT_EQ(DutyQueries(*t_.db, county_).List(r)->total, 1);
}

TEST_F(DutyTest, ProblemProgressIsDerivedFromWeightedMeasures) {
  Item p = Problem();
  ASSERT_TRUE(Do(county_, p.id, "assign").ok());
  ASSERT_TRUE(Do(county_, p.id, "publish").ok());
  Item a = Measure(p.id, village_, 1);
  Item b = Measure(p.id, other_village_, 3);
  for (const Item& m : {a, b}) {
    ASSERT_TRUE(Do(township_, m.id, "assign").ok());
    ASSERT_TRUE(Do(township_, m.id, "publish").ok());
  }
  ASSERT_TRUE(Do(village_cadre_, a.id, "progress", "", "100").ok());
  EXPECT_EQ(DutyRepo(*t_.db).Find(p.id)->progress, 25);  // (1×100 + 3×0) / 4
  EXPECT_EQ(Do(township_, b.id, "progress", "", "50").code(), StatusCode::kForbidden);  // the township assigned it
  ASSERT_TRUE(Do(At(*t_.db, other_village_, "village2"), b.id, "progress", "", "50").ok());
  EXPECT_EQ(DutyRepo(*t_.db).Find(p.id)->progress, 62);  // (100 + 150) / 4
  ASSERT_TRUE(Do(township_, b.id, "cancel", "并入其他措施").ok());
  EXPECT_EQ(DutyRepo(*t_.db).Find(p.id)->progress, 100);  // a cancelled measure no longer counts
  EXPECT_EQ(DutyRepo(*t_.db).Find(p.id)->measure_count, 1);  // nor is it counted among the measures weighed
}

TEST_F(DutyTest, OnlyTheResponsibleOrgItselfActsAndAProblemWaitsForItsMeasures) {
  Item p = Problem();
  ASSERT_TRUE(Do(county_, p.id, "assign").ok());
  ASSERT_TRUE(Do(county_, p.id, "publish").ok());
  // The village below the responsible township sees the published problem but cannot act for the township.
  EXPECT_TRUE(DutyQueries(*t_.db, village_cadre_).Show(p.id).ok());
  EXPECT_TRUE(DutyQueries(*t_.db, village_cadre_).Show(p.id)->view.actions.empty());
  EXPECT_EQ(Do(village_cadre_, p.id, "progress", "", "10").code(), StatusCode::kForbidden);
  Item m = Measure(p.id, village_, 1);
  ASSERT_TRUE(Do(township_, m.id, "assign").ok());
  ASSERT_TRUE(Do(township_, m.id, "publish").ok());
  ASSERT_TRUE(Do(township_, p.id, "progress", "", "80").ok());
  auto early = Do(township_, p.id, "submit");
  EXPECT_EQ(early.code(), StatusCode::kConflict);
  EXPECT_NE(early.message().find("1 项整改措施未销号"), std::string::npos);
  ASSERT_TRUE(Do(village_cadre_, m.id, "progress", "", "100").ok());
  ASSERT_TRUE(Do(village_cadre_, m.id, "submit").ok());
  ASSERT_TRUE(Do(township_, m.id, "accept", "", "", "90", "优秀").ok());
  EXPECT_TRUE(Do(township_, p.id, "submit").ok());
}

TEST_F(DutyTest, PeopleOutsideTheSubtreeCannotBeNamed) {
  // One person in a branch of 格尔木市 (inside), one in a branch of 德令哈市 (outside).
  org::OrgCommands orgs(*t_.db, {"test", "local"});
  auto inside = orgs.AddUnit({village_, "party_branch", "测试党支部", "2000-01-01"});
  auto outside = orgs.AddUnit({"632802001204", "party_branch", "测试党支部", "2000-01-01"});
  ASSERT_TRUE(inside.ok() && outside.ok());
  auto add = [&](const std::string& org, const std::string& first17) {
    people::PersonForm f;
    f.name = "测试";
    f.id_number = first17 + IdCheckCharacter(first17);
    f.ethnicity = "汉族";
    f.education = "高中";
    f.political_status = "正式党员";
    f.joined_party_on = "2010-07-01";
    f.org_code = org;
    f.org_since = "2010-07-01";
    auto p = people::PeopleCommands(*t_.db, *t_.cipher, {"test", "local"}).Add(f);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return std::to_string(p->id);
  };
  const std::string near = add(inside->code, "63280119800101001");
  const std::string far = add(outside->code, "63280219800101003");
  ItemForm f;
  f.kind = "problem";
  f.title = "问题";
  f.deadline = "2099-01-01";
  f.source = "调研";
  f.responsible_org_code = town_;
  f.leader_person_id = far;
  EXPECT_EQ(As(county_).Create(f).status().field(), "leader_person_id");
  f.leader_person_id = "";
  f.responsible_person_id = far;
  EXPECT_EQ(As(county_).Create(f).status().field(), "responsible_person_id");
  f.responsible_person_id = near;
  f.leader_person_id = near;
  EXPECT_TRUE(As(county_).Create(f).ok());
}

TEST_F(DutyTest, OverdueAndDueSoonFollowTheCalendar) {
  setenv("JICENG_TODAY", "2026-01-10", 1);
  Item p = Problem("2026-02-28");
  ASSERT_TRUE(Do(county_, p.id, "assign").ok());
  ASSERT_TRUE(Do(county_, p.id, "publish").ok());
  DutyQueries q(*t_.db, county_);
  auto before = q.Report("632801000000", "2026-02-20");
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->units.empty());  // 8 days left: not yet due soon
  auto soon = q.Report("632801000000", "2026-02-21");
  ASSERT_EQ(soon->units.size(), 1u);
  EXPECT_EQ(soon->units[0].due_soon, 1);
  EXPECT_EQ(soon->units[0].org_code, town_);
  auto late = q.Report("632801000000", "2026-03-01");
  ASSERT_EQ(late->units.size(), 1u);
  EXPECT_EQ(late->units[0].overdue, 1);
  EXPECT_EQ(late->units[0].items[0].deadline.days_overdue, 1);
  // Escalation: overdue items of the orgs below reach the county's to-do, without any write.
  setenv("JICENG_TODAY", "2026-03-02", 1);
  auto todo = DutyQueries(*t_.db, county_).Inbox();
  EXPECT_EQ(todo->counts["escalated"], 1);
  auto mine = DutyQueries(*t_.db, township_).Inbox();
  EXPECT_EQ(mine->counts["overdue"], 1);
  EXPECT_EQ(mine->counts["to_do"], 1);
  setenv("JICENG_TODAY", "2026-02-01", 1);
  EXPECT_EQ(DutyQueries(*t_.db, county_).Inbox()->counts["escalated"], 0);
}

// Regression (issue #11): every count's items were read with a LIMIT of 200 and the total (待办) was taken from
// them, so 230 problems to assign showed as 200. The counts and the total are exact; the items come a page at a
// time, nearest deadline first, with the whole set reachable page by page.
TEST_F(DutyTest, TheInboxCountsEveryItemAndPagesTheList) {
  setenv("JICENG_TODAY", "2026-01-10", 1);
  const int kDrafts = 230;
  std::vector<int64_t> ids;
  for (int k = 0; k < kDrafts; ++k) {
    const Date deadline = Date::Parse("2026-02-01")->AddDays(k % 40);
    ids.push_back(Problem(deadline.ToString()).id);
  }
  Item overdue = Problem("2026-03-01");
  ASSERT_TRUE(Do(county_, overdue.id, "assign").ok());
  ASSERT_TRUE(Do(county_, overdue.id, "publish").ok());
  setenv("JICENG_TODAY", "2026-03-05", 1);  // the published problem is now overdue at the township: 上级督办

  DutyQueries q(*t_.db, county_);
  TodoRequest all;
  all.page_size = 100;
  auto first = q.Inbox(all);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->counts.at("to_assign"), kDrafts);
  EXPECT_EQ(first->counts.at("escalated"), 1);
  EXPECT_EQ(first->counts.at("to_do"), 0);
  EXPECT_EQ(first->total, kDrafts + 1);
  EXPECT_EQ(first->shown_total, kDrafts + 1);
  EXPECT_EQ(first->items.size(), 100u);
  // Page by page, every item once, in deadline order.
  std::vector<int64_t> seen;
  Date last;
  for (int page = 1; page <= 3; ++page) {
    all.page = page;
    auto one = q.Inbox(all);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->total, kDrafts + 1);
    for (const auto& view : one->items) {
      EXPECT_LE(last, view.item.deadline);
      last = view.item.deadline;
      seen.push_back(view.item.id);
      EXPECT_FALSE(one->counted_in.at(view.item.id).empty());
    }
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kDrafts + 1));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
  all.page = 4;
  EXPECT_TRUE(q.Inbox(all)->items.empty());  // past the end: no items, the same counts
  // One count's items: its count is the size of the set paged.
  TodoRequest escalated;
  escalated.show = "escalated";
  auto supervised = q.Inbox(escalated);
  ASSERT_EQ(supervised->items.size(), 1u);
  EXPECT_EQ(supervised->items[0].item.id, overdue.id);
  EXPECT_EQ(supervised->shown_total, 1);
  EXPECT_EQ(supervised->total, kDrafts + 1);
  EXPECT_EQ(supervised->counted_in.at(overdue.id), std::vector<std::string>{"escalated"});
  // Bad paging or an unknown count is refused, naming the field.
  TodoRequest bad;
  bad.show = "everything";
  EXPECT_EQ(q.Inbox(bad).status().field(), "show");
  bad = {};
  bad.page = 0;
  EXPECT_EQ(q.Inbox(bad).status().field(), "page");
  bad = {};
  bad.page_size = 101;
  EXPECT_EQ(q.Inbox(bad).status().field(), "page_size");
}

TEST_F(DutyTest, EvidenceLimitsStoreNothingWhenRefused) {
  Item p = Problem();
  ASSERT_TRUE(Do(county_, p.id, "assign").ok());
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, 'x');
  EXPECT_EQ(As(township_).AddEvidence(p.id, "x.exe", "MZ\x90").status().field(), "file");
  EXPECT_EQ(As(township_).AddEvidence(p.id, "fake.png", "not a png").status().field(), "file");
  EXPECT_EQ(As(township_).AddEvidence(p.id, "big.pdf", "%PDF-" + std::string(kMaxEvidenceBytes, 'x')).status().field(),
            "file");
  EXPECT_EQ(As(township_).AddEvidence(p.id, "empty.pdf", "").status().field(), "file");
  EXPECT_EQ(As(other_county_).AddEvidence(p.id, "a.png", png).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(files_));
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM duty_evidence"), 0);
  auto e = As(township_).AddEvidence(p.id, "现场照片.png", png);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->content_type, "image/png");
  ASSERT_TRUE(As(county_).AddEvidence(p.id, "同一张.png", png).ok());
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM duty_evidence"), 2);
  auto stored = EvidenceStore(files_).Get(e->sha256);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, png);
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(files_)) files += entry.is_regular_file();
  EXPECT_EQ(files, 1u);  // content-addressed: one copy
}

TEST_F(DutyTest, BadInputChangesNothing) {
  Item p = Problem();
  const std::string digest = store::ContentDigest(*t_.db);
  ItemForm f;
  f.kind = "problem";
  f.title = "问题";
  f.deadline = "2099-01-01";
  f.source = "调研";
  f.responsible_org_code = town_;
  auto with = [&](auto change) {
    ItemForm g = f;
    change(g);
    return As(county_).Create(g).status();
  };
  EXPECT_EQ(with([](ItemForm& g) { g.title = ""; }).field(), "title");
  EXPECT_EQ(with([](ItemForm& g) { g.deadline = "2099-02-30"; }).field(), "deadline");
  EXPECT_EQ(with([](ItemForm& g) { g.deadline = "2020-01-01"; }).field(), "deadline");  // before today
  EXPECT_EQ(with([](ItemForm& g) { g.source = "传闻"; }).field(), "source");
  EXPECT_EQ(with([](ItemForm& g) { g.responsible_org_code = "632802000000"; }).field(), "responsible_org_code");
  EXPECT_EQ(with([](ItemForm& g) { g.responsible_org_code = "639999999999"; }).field(), "responsible_org_code");
  EXPECT_EQ(with([](ItemForm& g) { g.responsible_person_id = "999999999"; }).field(), "responsible_person_id");
  EXPECT_EQ(with([](ItemForm& g) { g.source = "每月一题"; }).field(), "month");
  EXPECT_EQ(with([](ItemForm& g) { g.kind = "measure"; }).field(), "parent_id");
  EXPECT_EQ(Do(county_, p.id, "fly").field(), "action");
  EXPECT_EQ(Do(county_, p.id, "accept", "", "", "101", "优秀").field(), "score");
  EXPECT_EQ(Do(county_, p.id, "accept", "", "", "90", "满分").field(), "grade");
  EXPECT_EQ(Do(county_, p.id, "cancel").field(), "note");
  EXPECT_EQ(Do(county_, p.id, "submit").code(), StatusCode::kConflict);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
}

TEST_F(DutyTest, ResponsibilityListsAreSignedAndAcknowledged) {
  ListForm form;
  form.title = "2026年度抓基层党建工作目标责任书";
  form.year = "2026";
  form.holder_org_code = town_;
  ItemForm item;
  item.title = "村集体经济提质增效";
  item.target = "10万元以上村占比达到90%";
  item.deadline = "2026-12-31";
  item.weight = "30";
  form.items = {item, item};
  auto list = As(county_).CreateList(form);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->item_count, 2);
  EXPECT_TRUE(list->acknowledged_at.empty());
  EXPECT_EQ(As(county_).Acknowledge(list->id).status().code(), StatusCode::kForbidden);
  auto signed_list = As(township_).Acknowledge(list->id);
  ASSERT_TRUE(signed_list.ok());
  EXPECT_FALSE(signed_list->acknowledged_at.empty());
  EXPECT_EQ(As(township_).Acknowledge(list->id).status().code(), StatusCode::kConflict);
  EXPECT_EQ(As(other_county_).Acknowledge(list->id).status().code(), StatusCode::kNotFound);
  auto items = DutyQueries(*t_.db, township_).ShowList(list->id);
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->second[0].item.state, State::kAssigned);
  form.holder_org_code = "632802000000";  // not a subordinate
  EXPECT_EQ(As(county_).CreateList(form).status().field(), "holder_org_code");
}

TEST_F(DutyTest, LedgerIsAnXlsxWorkbook) {
  Item p = Problem();
  auto detail = DutyQueries(*t_.db, county_).Show(p.id);
  auto bytes = LedgerXlsx("台账", ExportMeta("格尔木市", ""), {detail->view}, {{}}, {});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_GT(bytes->size(), 3000u);
}

// The national-scale demo, here on Qinghai: a target list for every county, a problem in every township with
// measures for its villages, and at every level items overdue, due within 7 days, returned and signed off (with
// the accept event in the timeline).
TEST(DutyDemoTest, NationalDemoCoversTheTreeWithEveryKindOfDeadline) {
  auto t = testing_support::CopyOf(testing_support::NationalTemplateDatabase(), "duty_national");
  auto& db = *t.db;
  const std::string today = Date::Today().ToString();
  const std::string soon = Date::Today().AddDays(7).ToString();
  EXPECT_EQ(store::QueryInt(db, "SELECT COUNT(*) FROM duty_list"),
            // Counties of today's tree: the loaded division history adds 冷湖行委, ended in 2018.
            store::QueryInt(db, "SELECT COUNT(*) FROM org_unit WHERE level = 'county' AND dissolved_on = '9999-12-31'"));
  EXPECT_EQ(store::QueryInt(db, "SELECT COUNT(*) FROM duty_item WHERE kind = 'problem'"),
            store::QueryInt(db, "SELECT COUNT(*) FROM org_unit WHERE level = 'township'"));
  EXPECT_GT(store::QueryInt(db, "SELECT COUNT(*) FROM duty_item WHERE kind = 'measure'"), 600);
  const std::string open = "state IN ('assigned', 'published', 'in_progress', 'submitted', 'returned')";
  EXPECT_GT(store::QueryInt(db, "SELECT COUNT(*) FROM duty_item WHERE " + open + " AND deadline < '" + today + "'"),
            50);
  EXPECT_GT(store::QueryInt(db, "SELECT COUNT(*) FROM duty_item WHERE " + open + " AND deadline >= '" + today +
                                    "' AND deadline <= '" + soon + "'"),
            5);
  EXPECT_GT(store::QueryInt(db, "SELECT COUNT(*) FROM duty_item WHERE state = 'returned'"), 20);
  const int64_t accepted = store::QueryInt(db, "SELECT COUNT(*) FROM duty_item WHERE state = 'accepted'");
  EXPECT_GT(accepted, 100);
  EXPECT_EQ(store::QueryInt(db, "SELECT COUNT(DISTINCT item_id) FROM duty_event WHERE action = 'accept'"), accepted);
  EXPECT_EQ(store::QueryInt(db, "SELECT COUNT(*) FROM duty_item WHERE state = 'accepted' AND score IS NULL"), 0);
  // Items name the secretaries of the responsible units, and 格尔木市's demo account leads some problems.
  EXPECT_EQ(store::QueryInt(db,
                            "SELECT COUNT(*) FROM duty_item WHERE kind <> 'list_item' AND"
                            " responsible_person_id IS NULL"),
            0);
  EXPECT_GT(store::QueryInt(db,
                            "SELECT COUNT(*) FROM duty_item i JOIN account a ON a.person_id = i.leader_person_id"
                            " WHERE a.login = 'demo_golmud'"),
            0);
}

// Regression (issue #11): the timeline named a command-line step "cli:0". Each step and file names who did it as
// people know them: the holder's name for an account, 命令行（系统） for the command line.
TEST_F(DutyFixture, TheTimelineAndTheFilesNameWhoDidIt) {
  accounts::AccountCommands accounts(*t_.db, *t_.cipher, {"test", "local"});
  ASSERT_TRUE(accounts.Create({"county", "格尔木市委组织部干部", "632801000000", "org_department", "Good#pass2026"}, false)
                  .ok());
  Item p = Problem();
  accounts::Principal cli = county_;
  cli.login = "cli:0";
  ASSERT_TRUE(Do(cli, p.id, "assign").ok());
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, 'x');
  ASSERT_TRUE(As(township_).AddEvidence(p.id, "整改照片.png", png).ok());
  auto detail = DutyQueries(*t_.db, county_).Show(p.id);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  ASSERT_GE(detail->timeline.size(), 2u);
  EXPECT_EQ(detail->timeline[0].actor, "county");
  EXPECT_EQ(detail->timeline[0].actor_name, "格尔木市委组织部干部");
  EXPECT_EQ(detail->timeline[0].actor_kind, "account");
  EXPECT_EQ(detail->timeline[1].actor, "cli:0");
  EXPECT_EQ(detail->timeline[1].actor_name, "命令行（系统）");
  EXPECT_EQ(detail->timeline[1].actor_kind, "cli");
  ASSERT_EQ(detail->evidence.size(), 1u);
  EXPECT_EQ(detail->evidence[0].uploaded_by_name, "town");  // no account of that login: as recorded
}

}  // namespace
}  // namespace jiceng::duty
