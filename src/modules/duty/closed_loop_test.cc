// Regression tests of issue #10 §1, the closed loop as an attacker and a new user tried it: nobody accepts their
// own work, assigning a problem takes its measures along, a problem follows its measures, deadlines are never
// set into the past, lists can be withdrawn, the grade follows the score, signing off without evidence is
// knowing, and a signed-off item takes no more files.
#include <gtest/gtest.h>

#include <map>

#include "modules/duty/duty_fixture.h"
#include "modules/duty/lifecycle.h"
#include "store/audit.h"

namespace jiceng::duty {
namespace {

class ClosedLoopTest : public DutyFixture {
 protected:
  Item Create(const accounts::Principal& by, const std::string& responsible, const std::string& kind = "problem",
              int64_t parent = 0) {
    auto item = TryCreate(by, responsible, kind, parent);
    EXPECT_TRUE(item.ok()) << by.login << " → " << responsible << ": " << item.status().ToString();
    return item.ok() ? *item : Item{};
  }
  Result<Item> TryCreate(const accounts::Principal& by, const std::string& responsible,
                         const std::string& kind = "problem", int64_t parent = 0) {
    ItemForm f;
    f.kind = kind;
    f.title = kind == "measure" ? "建立村集体经济项目台账" : "软弱涣散村党组织整顿";
    f.deadline = "2099-06-30";
    f.source = kind == "problem" ? "巡察" : "";
    f.responsible_org_code = responsible;
    if (parent) f.parent_id = std::to_string(parent);
    return As(by).Create(f);
  }
  // Assigned, published, reported done and submitted: ready to be evaluated.
  void Submitted(const accounts::Principal& assigner, const accounts::Principal& responsible, int64_t id) {
    ASSERT_TRUE(Do(assigner, id, "assign").ok());
    ASSERT_TRUE(Do(assigner, id, "publish").ok());
    ASSERT_TRUE(Do(responsible, id, "progress", "已完成", "100").ok());
    ASSERT_TRUE(Do(responsible, id, "submit").ok());
  }
  // A target list from the county to the town with `items` alike items due on `deadline`.
  ListForm TownList(const std::string& deadline, int items) {
    ListForm list;
    list.title = "2026年度目标责任书";
    list.year = "2026";
    list.holder_org_code = town_;
    ItemForm entry;
    entry.title = "抓党建促乡村振兴";
    entry.deadline = deadline;
    list.items.assign(items, entry);
    return list;
  }
  bool Offers(const accounts::Principal& p, int64_t id, Action a) {
    auto detail = DutyQueries(*t_.db, p).Show(id);
    if (!detail.ok()) return false;
    const auto& actions = detail->view.actions;
    return std::find(actions.begin(), actions.end(), a) != actions.end();
  }
};

// Every (acting org, responsible org) pair on a small tree — 海西州 > 格尔木市 > a town > two villages, another
// town with a village, and 德令哈市 beside: only strict ancestors on the assigning side may accept, return or
// cancel; the responsible org itself never may, nor may anyone beside or below it.
TEST_F(ClosedLoopTest, OnlyStrictAncestorsOnTheAssigningSideEvaluate) {
  org::OrgQueries q(*t_.db);
  std::string other_town, far_village;
  const auto towns = *q.Children("632801000000", Date::Today());
  for (const auto& unit : towns) {
    auto below = *q.Children(unit.code, Date::Today());
    if (unit.code == town_ || below.empty()) continue;
    other_town = unit.code;
    far_village = below[0].code;
    break;
  }
  ASSERT_FALSE(far_village.empty());
  std::map<std::string, accounts::Principal> org = {
      {"haixi", At(*t_.db, "632800000000", "haixi")}, {"county", county_},
      {"town", township_},                            {"village", village_cadre_},
      {"village2", At(*t_.db, other_village_, "v2")}, {"town2", At(*t_.db, other_town, "t2")},
      {"far", At(*t_.db, far_village, "far")},        {"delingha", other_county_},
  };
  // parent-of relation on this small tree, to say who is a strict ancestor of whom
  std::map<std::string, std::string> parent = {{"county", "haixi"},  {"town", "county"},    {"village", "town"},
                                               {"village2", "town"}, {"town2", "county"},  {"far", "town2"},
                                               {"delingha", "haixi"}};
  auto strictly_above = [&](const std::string& a, std::string b) {
    while (parent.count(b)) {
      b = parent[b];
      if (b == a) return true;
    }
    return false;
  };
  int checked = 0;
  for (const auto& [r, responsible] : org) {
    for (const auto& [a, assigner] : org) {
      if (!strictly_above(a, r)) {
        // Nobody assigns to themselves, nor to an org outside or above them.
        EXPECT_FALSE(TryCreate(assigner, responsible.org_code).ok()) << a << " → " << r;
        continue;
      }
      Item item = Create(assigner, responsible.org_code);
      Submitted(assigner, responsible, item.id);
      for (const auto& [x, actor] : org) {
        const bool may = strictly_above(x, r) && (x == a || strictly_above(x, a));
        EXPECT_EQ(Offers(actor, item.id, Action::kAccept), may) << x << " accepting " << a << " → " << r;
        EXPECT_EQ(Offers(actor, item.id, Action::kReturn), may) << x << " returning " << a << " → " << r;
        EXPECT_EQ(Offers(actor, item.id, Action::kCancel), may) << x << " cancelling " << a << " → " << r;
        if (!may) {
          EXPECT_NE(Do(actor, item.id, "accept", "", "", "95").code(), StatusCode::kOk) << x;
          EXPECT_NE(Do(actor, item.id, "cancel", "撤销").code(), StatusCode::kOk) << x;
        }
        ++checked;
      }
      // …and the one who may, can.
      EXPECT_TRUE(Do(assigner, item.id, "accept", "", "", "95").ok()) << a << " → " << r;
    }
  }
  EXPECT_GT(checked, 100);
}

// The finding: under a problem its township assigned, the village added a measure for itself and ran it alone
// from 交办 to 验收销号 (100 分 优秀). Now the measure is a proposal the township confirms and evaluates.
TEST_F(ClosedLoopTest, AVillageCannotSignOffAMeasureItAddsForItself) {
  Item problem = Create(township_, village_);
  ASSERT_TRUE(Do(township_, problem.id, "assign").ok());
  ASSERT_TRUE(Do(township_, problem.id, "publish").ok());
  Item m = Create(village_cadre_, village_, "measure", problem.id);
  EXPECT_EQ(m.state, State::kDraft);
  EXPECT_EQ(m.assigner_org_code, town_);  // the problem's assigning side decides
  EXPECT_NE(m.proposed_by_org_id, 0);
  // The village sees its proposal and can do nothing with it alone.
  auto seen = DutyQueries(*t_.db, village_cadre_).Show(m.id);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_TRUE(seen->view.actions.empty());
  for (const char* action : {"assign", "publish", "cancel"}) {
    EXPECT_FALSE(Do(village_cadre_, m.id, action, "x").ok()) << action;
  }
  EXPECT_EQ(Do(village_cadre_, m.id, "assign").code(), StatusCode::kForbidden);
  // It does not count towards the problem's progress until confirmed.
  EXPECT_EQ(DutyRepo(*t_.db).Find(problem.id)->measure_count, 0);
  EXPECT_TRUE(Offers(township_, m.id, Action::kAssign));
  ASSERT_TRUE(Do(township_, m.id, "assign").ok());
  ASSERT_TRUE(Do(township_, m.id, "publish").ok());
  ASSERT_TRUE(Do(village_cadre_, m.id, "progress", "台账已建立", "100").ok());
  ASSERT_TRUE(Do(village_cadre_, m.id, "submit").ok());
  EXPECT_EQ(Do(village_cadre_, m.id, "accept", "", "", "100").code(), StatusCode::kForbidden);
  EXPECT_FALSE(Offers(village_cadre_, m.id, Action::kAccept));
  ASSERT_TRUE(Do(township_, m.id, "accept", "", "", "100").ok());
  // Signed off knowingly without evidence: the step says so.
  EXPECT_EQ(DutyRepo(*t_.db).Timeline(m.id).back().note, "评分 100 分，优秀；无佐证材料，经确认销号");
  // Through the API the village also made an item with itself responsible: refused, naming the field.
  EXPECT_EQ(TryCreate(village_cadre_, village_).status().field(), "responsible_org_code");
  EXPECT_EQ(TryCreate(township_, town_).status().field(), "responsible_org_code");
  // Nor may an edit make the assigning org responsible for its own item.
  Item other = Create(township_, village_);
  ItemForm f = FormOf(other);
  f.responsible_org_code = town_;
  EXPECT_EQ(As(township_).Update(other.id, f).status().field(), "responsible_org_code");
}

TEST_F(ClosedLoopTest, AssigningAndPublishingAProblemTakeItsMeasuresAlong) {
  Item problem = Create(county_, town_);
  Item a = Create(county_, village_, "measure", problem.id);
  Item b = Create(county_, other_village_, "measure", problem.id);
  ASSERT_TRUE(Do(county_, problem.id, "assign").ok());
  for (const Item& m : {a, b}) EXPECT_EQ(DutyRepo(*t_.db).Find(m.id)->state, State::kAssigned);
  ASSERT_TRUE(Do(county_, problem.id, "publish").ok());
  for (const Item& m : {a, b}) EXPECT_EQ(DutyRepo(*t_.db).Find(m.id)->state, State::kPublished);
  // What the village reads: the measures the progress is weighed over are the measures it can see.
  auto seen = DutyQueries(*t_.db, village_cadre_).Show(problem.id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->view.item.measure_count, 2);
  EXPECT_EQ(seen->measures.size(), 2u);  // its own measure and the other village's, read-only
  EXPECT_TRUE(DutyQueries(*t_.db, village_cadre_).Show(b.id).ok());
  EXPECT_TRUE(DutyQueries(*t_.db, village_cadre_).Show(b.id)->view.actions.empty());
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
  // Bulk: a measure already assigned with its problem in the same batch is done, not failed.
  Item p2 = Create(county_, town_);
  Item c = Create(county_, village_, "measure", p2.id);
  auto bulk = As(county_).Bulk({p2.id, c.id}, "assign");
  EXPECT_EQ(bulk.done.size(), 2u);
  EXPECT_TRUE(bulk.failed.empty());
}

// The finding: the problem stayed 已公开 while its measures were 整改中 and 已销号, and the township had to report
// 0% before 提交销号 appeared.
TEST_F(ClosedLoopTest, AProblemFollowsItsMeasures) {
  Item problem = Create(county_, town_);
  ASSERT_TRUE(Do(county_, problem.id, "assign").ok());
  ASSERT_TRUE(Do(county_, problem.id, "publish").ok());
  Item m = Create(township_, village_, "measure", problem.id);
  ASSERT_TRUE(Do(township_, m.id, "assign").ok());
  ASSERT_TRUE(Do(township_, m.id, "publish").ok());
  EXPECT_EQ(DutyRepo(*t_.db).Find(problem.id)->state, State::kPublished);
  ASSERT_TRUE(Do(village_cadre_, m.id, "progress", "推进中", "40").ok());
  auto followed = DutyRepo(*t_.db).Find(problem.id);
  EXPECT_EQ(followed->state, State::kInProgress);
  EXPECT_EQ(followed->progress, 40);
  EXPECT_EQ(DutyRepo(*t_.db).Timeline(problem.id).back().action, "follow");
  ASSERT_TRUE(Do(village_cadre_, m.id, "progress", "完成", "100").ok());
  ASSERT_TRUE(Do(village_cadre_, m.id, "submit").ok());
  ASSERT_TRUE(Do(township_, m.id, "accept", "", "", "92").ok());
  EXPECT_TRUE(Offers(township_, problem.id, Action::kSubmit));  // without a progress report of its own
  ASSERT_TRUE(Do(township_, problem.id, "submit").ok());
  ASSERT_TRUE(Do(county_, problem.id, "accept", "", "", "90").ok());
  EXPECT_EQ(store::VerifyAuditChain(*t_.db).first_bad_id, 0);
}

TEST_F(ClosedLoopTest, DeadlinesAreNeverSetIntoThePast) {
  const ListForm list = TownList("2020-01-01", 1);
  const std::string digest = store::ContentDigest(*t_.db);
  auto refused = As(county_).CreateList(list);
  EXPECT_EQ(refused.status().field(), "deadline");
  EXPECT_NE(refused.status().message().find("第 1 项"), std::string::npos);
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
  Item item = Create(county_, town_);
  const std::string created = store::ContentDigest(*t_.db);
  ItemForm f = FormOf(item);
  f.deadline = "2000-01-01";
  EXPECT_EQ(As(county_).Update(item.id, f).status().field(), "deadline");
  EXPECT_EQ(store::ContentDigest(*t_.db), created);
  // An item whose deadline has passed can still be edited otherwise.
  setenv("JICENG_TODAY", "2099-07-15", 1);
  f = FormOf(item);
  f.title = "软弱涣散村党组织整顿（补充）";
  EXPECT_TRUE(As(county_).Update(item.id, f).ok());
}

TEST_F(ClosedLoopTest, AListCanBeWithdrawnWithItsOpenItems) {
  const ListForm list = TownList("2099-12-31", 2);
  auto signed_list = As(county_).CreateList(list);
  ASSERT_TRUE(signed_list.ok());
  EXPECT_EQ(As(county_).WithdrawList(signed_list->id, "").status().field(), "reason");
  EXPECT_EQ(As(township_).WithdrawList(signed_list->id, "不签了").status().code(), StatusCode::kForbidden);
  EXPECT_EQ(As(other_county_).WithdrawList(signed_list->id, "x").status().code(), StatusCode::kNotFound);
  auto withdrawn = As(county_).WithdrawList(signed_list->id, "目标调整，重新签订");
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  EXPECT_FALSE(withdrawn->withdrawn_at.empty());
  EXPECT_EQ(withdrawn->withdraw_reason, "目标调整，重新签订");
  for (const Item& it : DutyRepo(*t_.db).ListItems(signed_list->id)) EXPECT_EQ(it.state, State::kCancelled);
  EXPECT_EQ(As(county_).WithdrawList(signed_list->id, "again").status().code(), StatusCode::kConflict);
  EXPECT_EQ(As(township_).Acknowledge(signed_list->id).status().code(), StatusCode::kConflict);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'duty.list.withdraw'"), 1);
}

// The finding: 55 分 was accepted with 优秀, and a measure was signed off with no evidence and no warning.
TEST_F(ClosedLoopTest, TheGradeFollowsTheScoreAndNoEvidenceNeedsConfirmation) {
  Item item = Create(county_, town_);
  Submitted(county_, township_, item.id);
  const std::string digest = store::ContentDigest(*t_.db);
  EXPECT_EQ(Do(county_, item.id, "accept", "", "", "55", "优秀").field(), "grade");
  EXPECT_EQ(Do(county_, item.id, "accept", "", "", "89", "优秀").field(), "grade");
  auto unconfirmed = Do(county_, item.id, "accept", "", "", "95", "优秀", false);
  EXPECT_EQ(unconfirmed.code(), StatusCode::kConflict);
  EXPECT_EQ(unconfirmed.field(), "confirm_no_evidence");
  EXPECT_EQ(store::ContentDigest(*t_.db), digest);
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, 'x');
  ASSERT_TRUE(As(township_).AddEvidence(item.id, "整改照片.png", png).ok());
  ASSERT_TRUE(Do(county_, item.id, "accept", "", "", "55", "", false).ok());  // evidence there: no question
  auto saved = DutyRepo(*t_.db).Find(item.id);
  EXPECT_EQ(saved->grade, "不合格");
  EXPECT_EQ(DutyRepo(*t_.db).Timeline(item.id).back().note, "评分 55 分，不合格");
  EXPECT_EQ(GradeOf(90), "优秀");
  EXPECT_EQ(GradeOf(89), "良好");
  EXPECT_EQ(GradeOf(80), "良好");
  EXPECT_EQ(GradeOf(79), "合格");
  EXPECT_EQ(GradeOf(60), "合格");
  EXPECT_EQ(GradeOf(59), "不合格");
  // 已销号: no more files.
  auto late = As(township_).AddEvidence(item.id, "补充.png", png);
  EXPECT_EQ(late.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store::QueryInt(*t_.db, "SELECT COUNT(*) FROM duty_evidence"), 1);
}

}  // namespace
}  // namespace jiceng::duty
