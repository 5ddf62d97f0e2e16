// Dues commands and queries on a real store: the basis and the bands in the ledger, payment rules (this month,
// quarterly advance, six months of back-payment), four eyes on reductions and waivers, arrears at three and six
// months across a year end, the forwarding mark, and the roll-up figures.
#include <gtest/gtest.h>

#include "modules/audit/actions.h"
#include "modules/membership/dues_fixture.h"
#include "modules/rollup_feed.h"
#include "store/store.h"

namespace jiceng::membership {
namespace {

class DuesTest : public DuesFixture {};

TEST_F(DuesTest, TheLedgerShowsTheBandsAndAPaymentMustMatchThem) {
  const int64_t a = AddMember(branch_a_, "王建国"), b = AddMember(branch_a_, "扎西"), c = AddMember(branch_a_, "卓玛");
  AddMember(branch_a_, "李群众", "群众");  // not a member: no row
  ASSERT_TRUE(SetBasis(a, "employed", 300000, "2026-11").ok());
  ASSERT_TRUE(SetBasis(b, "employed", 300001, "2026-11").ok());
  ASSERT_TRUE(SetBasis(c, "farmer", 0, "2026-11").ok());
  auto l = LedgerOf(village_cadre_, branch_a_, "2026-11");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->rows.size(), 3u);
  EXPECT_EQ(RowOf(*l, a).due_fen, 1500);
  EXPECT_EQ(RowOf(*l, b).due_fen, 3000);
  EXPECT_EQ(RowOf(*l, c).due_fen, 20);
  EXPECT_EQ(l->totals.due_fen, 4520);
  EXPECT_EQ(l->totals.owed_fen, 4520);
  EXPECT_TRUE(l->can_enter);

  const std::string before = store::ContentDigest(*t_.db);
  EXPECT_EQ(Pay(b, "2026-11", "2026-11", 1500).field(), "amount_fen");
  EXPECT_EQ(Pay(b, "2026-11", "2026-11", 3000, "transfer").field(), "reference");
  EXPECT_EQ(Pay(b, "2026-11", "2026-11", 3000, "cash", "", "2026-11-16").field(), "paid_on");
  EXPECT_EQ(Pay(b, "2026-12", "2026-12", 3000).field(), "to_month") << "not quarterly: nothing ahead";
  EXPECT_EQ(store::ContentDigest(*t_.db), before) << "refused payments change nothing";
  ASSERT_TRUE(Pay(b, "2026-11", "2026-11", 3000, "transfer", "ZZ2026110001").ok());
  EXPECT_EQ(Pay(b, "2026-11", "2026-11", 3000).code(), StatusCode::kConflict);
  l = LedgerOf(village_cadre_, branch_a_, "2026-11");
  EXPECT_EQ(RowOf(*l, b).state, RecordState::kPaid);
  EXPECT_EQ(RowOf(*l, b).owed_fen, 0);
  EXPECT_EQ(l->totals.paid_fen, 3000);
  EXPECT_EQ(l->totals.owed_fen, 1520);

  // A pay change applies from its month, never to a month already settled.
  EXPECT_EQ(SetBasis(b, "employed", 600000, "2026-11").code(), StatusCode::kConflict);
  ASSERT_TRUE(SetBasis(b, "employed", 600000, "2026-12").ok());
  EXPECT_EQ(RowOf(*LedgerOf(village_cadre_, branch_a_, "2026-12"), b).due_fen, 9000);
  EXPECT_EQ(RowOf(*LedgerOf(village_cadre_, branch_a_, "2026-11"), b).due_fen, 3000);
}

TEST_F(DuesTest, QuarterlyAdvanceAndSixMonthsOfBackPayment) {
  const int64_t q = AddMember(branch_a_, "才让"), late = AddMember(branch_a_, "索南");
  ASSERT_TRUE(SetBasis(q, "retired", 500001, "2026-10", true).ok());
  // Quarterly: to the end of this quarter (2026-12), not beyond.
  EXPECT_EQ(Pay(q, "2026-10", "2027-01", 20000).field(), "to_month");
  ASSERT_TRUE(Pay(q, "2026-10", "2026-12", 15000).ok());
  auto l = LedgerOf(village_cadre_, branch_a_, "2026-10");
  EXPECT_EQ(RowOf(*l, q).state, RecordState::kBackPaid) << "October paid in November";
  EXPECT_EQ(RowOf(*LedgerOf(village_cadre_, branch_a_, "2026-12"), q).state, RecordState::kPaid);

  ASSERT_TRUE(SetBasis(late, "employed", 250000, "2026-01").ok());
  // Six months back from 2026-11 is 2026-05; April needs an approved 超期补缴.
  EXPECT_EQ(Pay(late, "2026-04", "2026-04", 1250).field(), "from_month");
  ASSERT_TRUE(Pay(late, "2026-05", "2026-11", 7 * 1250).ok());
  auto req = As(village_cadre_)
                 .Request({std::to_string(late), "backpay", "", "2026-01", "2026-04",
                           "本人长期在外务工，返乡后主动申请补缴", ""});
  ASSERT_TRUE(req.ok()) << req.status().ToString();
  ASSERT_TRUE(As(township_).Decide(req->id, true, "同意补缴").ok());
  ASSERT_TRUE(Pay(late, "2026-01", "2026-04", 4 * 1250).ok());
  EXPECT_EQ(RowOf(*LedgerOf(village_cadre_, branch_a_, "2026-01"), late).state, RecordState::kBackPaid);
}

TEST_F(DuesTest, FourEyesOnReliefAndTheApproverStandsAboveTheBranch) {
  const int64_t m = AddMember(branch_a_, "马海");
  ASSERT_TRUE(SetBasis(m, "employed", 400000, "2026-11").ok());
  ExceptionForm waive{std::to_string(m), "waive", "", "2026-12", "2027-05", "重病住院，家庭困难", "2026-11-10"};
  // Only the branch side records it; the town cannot record for the branch.
  EXPECT_EQ(As(township_).Request(waive).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(
      As(village_cadre_).Request({std::to_string(m), "waive", "", "2026-12", "2027-12", "x", ""}).status().field(),
      "to_month");
  EXPECT_EQ(
      As(village_cadre_).Request({std::to_string(m), "waive", "", "2026-12", "2027-01", " ", ""}).status().field(),
      "reason");
  auto req = As(village_cadre_).Request(waive);
  ASSERT_TRUE(req.ok()) << req.status().ToString();
  EXPECT_EQ(As(village_cadre_).Request(waive).status().code(), StatusCode::kConflict) << "overlapping request";

  const std::string before = store::ContentDigest(*t_.db);
  // The branch (its host village) cannot approve its own request; nor can an account named like the recorder;
  // an org outside sees nothing.
  EXPECT_EQ(As(village_cadre_).Decide(req->id, true, "").status().code(), StatusCode::kForbidden);
  accounts::Principal same_login = township_;
  same_login.login = village_cadre_.login;
  EXPECT_EQ(As(same_login).Decide(req->id, true, "").status().code(), StatusCode::kForbidden);
  EXPECT_EQ(As(other_county_).Decide(req->id, true, "").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(As(township_).Decide(req->id, false, "").status().field(), "note") << "a refusal gives its reason";
  EXPECT_EQ(store::ContentDigest(*t_.db), before);

  auto pending = DuesQueries(*t_.db, township_).Pending(1, 20);
  ASSERT_EQ(pending->total, 1);
  EXPECT_TRUE(pending->can_decide[0]);
  EXPECT_EQ(DuesQueries(*t_.db, village_cadre_).Pending(1, 20)->total, 0) << "not the branch's to approve";

  auto done = As(township_).Decide(req->id, true, "同意");
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->state, ExceptionState::kApproved);
  EXPECT_EQ(As(county_).Decide(req->id, true, "").status().code(), StatusCode::kConflict) << "decided once";
  auto l = LedgerOf(village_cadre_, branch_a_, "2027-01");
  EXPECT_EQ(RowOf(*l, m).state, RecordState::kWaived);
  EXPECT_EQ(RowOf(*l, m).due_fen, 0);

  // A reduction: below the standard amount, approved by the county, then paid as 减缴.
  const int64_t r = AddMember(branch_a_, "韩梅");
  ASSERT_TRUE(SetBasis(r, "employed", 400000, "2026-11").ok());
  ExceptionForm reduce{std::to_string(r), "reduce", "4000", "2026-11", "2026-12", "收入减少", ""};
  EXPECT_EQ(As(village_cadre_).Request(reduce).status().field(), "amount_fen") << "4000 is the standard amount";
  reduce.amount_fen = "1000";
  auto rq = As(village_cadre_).Request(reduce);
  ASSERT_TRUE(rq.ok()) << rq.status().ToString();
  EXPECT_EQ(RowOf(*LedgerOf(village_cadre_, branch_a_, "2026-11"), r).due_fen, 4000) << "pending changes nothing";
  ASSERT_TRUE(As(county_).Decide(rq->id, true, "").ok());
  EXPECT_EQ(Pay(r, "2026-11", "2026-11", 4000).field(), "amount_fen");
  ASSERT_TRUE(Pay(r, "2026-11", "2026-11", 1000).ok());
  EXPECT_EQ(RowOf(*LedgerOf(village_cadre_, branch_a_, "2026-11"), r).state, RecordState::kReduced);
  // Every write left its audit record, each action with its Chinese name on the audit page.
  auto actions = t_.db->Prepare("SELECT DISTINCT action FROM audit_log WHERE action LIKE 'dues.%' ORDER BY 1");
  int named = 0;
  while (actions->Step()) {
    EXPECT_FALSE(audit::AuditActionName(actions->Text(0)).empty()) << actions->Text(0);
    ++named;
  }
  EXPECT_EQ(named, 4) << "dues.basis, dues.exception.request, dues.exception.approve, dues.pay";
}

TEST_F(DuesTest, ArrearsWarnAtThreeAndFlagAtSixMonthsAcrossAYearEnd) {
  const int64_t m = AddMember(branch_a_, "仁青");
  ASSERT_TRUE(SetBasis(m, "farmer", 0, "2026-09").ok());
  ASSERT_TRUE(Pay(m, "2026-09", "2026-10", 40).ok());
  EXPECT_FALSE(As(village_cadre_).RecordArrearsAction(m, "谈话提醒").ok()) << "not in arrears yet";
  SetToday("2027-01-20");
  auto todo = DuesQueries(*t_.db, village_cadre_).Todo();
  EXPECT_EQ(todo->warnings + todo->flags, 0) << "November and December: two months";
  SetToday("2027-02-01");
  todo = DuesQueries(*t_.db, village_cadre_).Todo();
  EXPECT_EQ(todo->warnings, 1);
  ASSERT_EQ(todo->items.size(), 1u);
  EXPECT_EQ(todo->items[0].months, 3);
  EXPECT_EQ(DuesQueries(*t_.db, township_).Todo()->warnings, 1) << "the town sees its villages' arrears";
  EXPECT_EQ(DuesQueries(*t_.db, other_county_).Todo()->warnings, 0);
  SetToday("2027-05-01");
  todo = DuesQueries(*t_.db, village_cadre_).Todo();
  EXPECT_EQ(todo->flags, 1);
  EXPECT_EQ(todo->flags_without_action, 1);
  EXPECT_TRUE(todo->items[0].flagged);
  EXPECT_EQ(As(village_cadre_).RecordArrearsAction(m, "  ").field(), "action");
  EXPECT_EQ(As(township_).RecordArrearsAction(m, "督促").code(), StatusCode::kForbidden);
  ASSERT_TRUE(As(village_cadre_).RecordArrearsAction(m, "支部书记上门谈话，本人表示月底前补缴").ok());
  todo = DuesQueries(*t_.db, village_cadre_).Todo();
  EXPECT_EQ(todo->flags_without_action, 0);
  EXPECT_EQ(todo->items[0].action, "支部书记上门谈话，本人表示月底前补缴");
  LedgerRequest q;
  q.org = branch_a_;
  q.month = "2027-05";
  q.arrears = "6";
  EXPECT_EQ(DuesQueries(*t_.db, village_cadre_).LedgerOf(q)->total, 1);
  // Paying back the six months (November to April) ends the run.
  ASSERT_TRUE(Pay(m, "2026-11", "2027-04", 120).ok());
  EXPECT_EQ(DuesQueries(*t_.db, village_cadre_).Todo()->flags, 0);
}

TEST_F(DuesTest, VoluntaryPaymentsOfAThousandYuanAreForwarded) {
  const int64_t m = AddMember(branch_a_, "李红");
  auto small = As(village_cadre_).AddVoluntary({std::to_string(m), "99999", "cash", "", ""});
  auto big = As(village_cadre_).AddVoluntary({std::to_string(m), "100000", "transfer", "ZZ1", ""});
  ASSERT_TRUE(small.ok() && big.ok());
  EXPECT_FALSE(small->forward);
  EXPECT_TRUE(big->forward);
  auto l = LedgerOf(village_cadre_, branch_a_, "2026-11");
  EXPECT_EQ(l->voluntary.size(), 2u);
  EXPECT_EQ(l->totals.voluntary_fen, 199999);
}

TEST_F(DuesTest, TheLedgerIsForABranchInsideTheCallersScope) {
  EXPECT_EQ(LedgerOf(village_cadre_, branch_a_, "2026-13").status().field(), "month");
  EXPECT_EQ(LedgerOf(county_, village_, "2026-11").status().field(), "org") << "a village is not a branch";
  EXPECT_EQ(LedgerOf(county_, village_, "2026-11").status().code(), StatusCode::kInvalid);
  EXPECT_EQ(LedgerOf(village_cadre_, branch_b_, "2026-11").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(LedgerOf(other_county_, branch_a_, "2026-11").status().code(), StatusCode::kNotFound);
  auto from_county = LedgerOf(county_, branch_a_, "2026-11");
  ASSERT_TRUE(from_county.ok());
  EXPECT_FALSE(from_county->can_enter);
  EXPECT_TRUE(from_county->can_approve);
  accounts::Principal member = village_cadre_;
  member.role = accounts::Role::kMember;
  EXPECT_EQ(LedgerOf(member, branch_a_, "2026-11").status().code(), StatusCode::kForbidden);
}

TEST_F(DuesTest, TheProvinceSetsTheFixedAmounts) {
  const int64_t m = AddMember(branch_a_, "多杰");
  ASSERT_TRUE(SetBasis(m, "farmer", 0, "2026-11").ok());
  EXPECT_EQ(As(county_).SetFixedAmount("farmer_fen", "50").code(), StatusCode::kForbidden);
  EXPECT_EQ(As(province_).SetFixedAmount("farmer_fen", "101").field(), "value_fen");
  EXPECT_EQ(As(province_).SetFixedAmount("farmer_fen", "19").field(), "value_fen");
  EXPECT_EQ(As(province_).SetFixedAmount("bogus", "50").field(), "key");
  ASSERT_TRUE(As(province_).SetFixedAmount("farmer_fen", "50").ok());
  EXPECT_EQ(RowOf(*LedgerOf(village_cadre_, branch_a_, "2026-11"), m).due_fen, 50);
}

TEST_F(DuesTest, RollupFiguresFollowEveryPaymentAndTheCalendar) {
  store::Connection& db = *t_.db;
  WatchWrites(db);
  const int64_t a = AddMember(branch_a_, "张甲"), b = AddMember(branch_a_, "李乙"), c = AddMember(branch_b_, "王丙");
  ASSERT_TRUE(SetBasis(a, "farmer", 0, "2026-11").ok());
  ASSERT_TRUE(SetBasis(b, "farmer", 0, "2026-11").ok());
  ASSERT_TRUE(SetBasis(c, "employed", 300000, "2026-06").ok());
  auto feed = BuildRollup(db, Date::Today(), 7);
  const int64_t town = org::OrgRepo(db).FindByCode(town_, Date::Today())->id;
  auto figure = [&](const char* name) { return feed->Figure(town, name, Date::Today()).value_or(-1); };
  EXPECT_EQ(figure("dues_members_due"), 3);
  EXPECT_EQ(figure("dues_members_settled"), 0);
  EXPECT_EQ(figure("dues_arrears_3"), 1) << "丙 owes June to October";
  EXPECT_EQ(figure("dues_arrears_6"), 0);
  ASSERT_TRUE(Pay(a, "2026-11", "2026-11", 20).ok());
  feed->Refresh(db);
  EXPECT_EQ(figure("dues_members_settled"), 1);
  EXPECT_EQ(figure("dues_collection"), 33);
  EXPECT_TRUE(VerifyRollup(db, *feed, Date::Today()).empty());
  // December: 甲's November no longer counts for this month; 丙 reaches six months.
  SetToday("2026-12-01");
  feed->Refresh(db);
  EXPECT_EQ(figure("dues_members_settled"), 0);
  EXPECT_EQ(figure("dues_arrears_6"), 1);
  EXPECT_TRUE(VerifyRollup(db, *feed, Date::Today()).empty());
}

}  // namespace
}  // namespace jiceng::membership
