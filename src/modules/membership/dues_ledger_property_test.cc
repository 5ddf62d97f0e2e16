// The ledger list's brute-force twin: a few hundred random combinations of caller (scope), branch, month,
// filters and page, each compared with a plain computation over every row of the dues tables read with simple
// SQL — its own band arithmetic, its own relief and arrears (walking back month by month), its own filter and
// paging. Runs on both back ends.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "modules/membership/dues_fixture.h"

namespace jiceng::membership {
namespace {

struct PlainRow {
  int64_t person = 0;
  std::string name, pinyin;
  int64_t due = 0, paid = 0;
  std::string state;
  int64_t arrears = 0;
};

int64_t PlainRate(const std::string& kind, int64_t base) {
  if (kind == "retired") return base > 500000 ? 100 : 50;
  return base > 1000000 ? 200 : base > 500000 ? 150 : base > 300000 ? 100 : 50;
}

class DuesLedgerTwin : public DuesFixture {
 protected:
  // Everything the plain computation knows, read straight from the tables.
  std::vector<PlainRow> Plain(const std::string& branch_code, const std::string& month, const std::string& today) {
    store::Connection& db = *t_.db;
    const int64_t branch = store::QueryInt(db, "SELECT id FROM org_unit WHERE code = '" + branch_code + "'");
    const std::string as_of = std::min(
        *Month::Parse(month) == Month::Of(*Date::Parse(today)) ? today : Month::Parse(month)->LastDay().ToString(),
        today);
    std::vector<PlainRow> rows;
    auto members = db.Prepare(
        "SELECT p.id, p.name, p.name_pinyin, p.political_status, po.valid_from, po.valid_to FROM person p"
        " JOIN person_org po ON po.person_id = p.id WHERE po.org_id = " +
        std::to_string(branch));
    while (members->Step()) {
      const std::string status = members->Text(3);
      if (status != "full_member" && status != "probationary_member") continue;
      if (!(members->Text(4) <= as_of && as_of < members->Text(5))) continue;
      PlainRow r;
      r.person = members->Int(0);
      r.name = members->Text(1);
      r.pinyin = members->Text(2);
      rows.push_back(r);
    }
    const std::string fixed_farmer = std::to_string(
        store::QueryInt(db, "SELECT COALESCE(MAX(value), 20) FROM dues_setting WHERE key = 'farmer_fen'"));
    for (PlainRow& r : rows) {
      const std::string id = std::to_string(r.person);
      // The basis: the latest from this month or before.
      std::string kind;
      int64_t base = 0;
      auto bases = db.Prepare("SELECT kind, base_fen, from_month FROM dues_basis WHERE person_id = " + id);
      std::string best;
      std::string first_month = "9999-99";
      while (bases->Step()) {
        first_month = std::min(first_month, bases->Text(2));
        if (bases->Text(2) <= month && bases->Text(2) > best) {
          best = bases->Text(2);
          kind = bases->Text(0);
          base = bases->Int(1);
        }
      }
      if (!kind.empty()) {
        if (kind == "farmer")
          r.due = std::stoll(fixed_farmer);
        else if (kind == "student" || kind == "allowance")
          r.due = 20;
        else
          r.due = (base * PlainRate(kind, base) * 2 + 10000) / 20000;
        auto relief =
            db.Prepare("SELECT kind, amount_fen FROM dues_exception WHERE state = 'approved' AND person_id = " + id +
                       " AND from_month <= '" + month + "' AND to_month >= '" + month + "'");
        while (relief->Step()) {
          if (relief->Text(0) == "waive") r.due = 0;
          if (relief->Text(0) == "reduce") r.due = relief->Int(1);
        }
      }
      r.state = "unpaid";
      std::set<std::string> settled;
      auto records = db.Prepare("SELECT month, due_fen, paid_fen, state FROM dues_record WHERE person_id = " + id);
      while (records->Step()) {
        settled.insert(records->Text(0));
        if (records->Text(0) == month) {
          r.due = records->Int(1);
          r.paid = records->Int(2);
          r.state = records->Text(3);
        }
      }
      // Arrears: months without dues since the latest month settled (any month, this one or ahead included):
      // walk back from last month while a month is owed and later than every settled one.
      const std::string latest = settled.empty() ? "" : *settled.rbegin();
      Month m = Month::Of(*Date::Parse(today)).Plus(-1);
      while (m.ToString() >= first_month && m.ToString() > latest) {
        r.arrears++;
        m = m.Plus(-1);
      }
    }
    std::sort(rows.begin(), rows.end(), [](const PlainRow& a, const PlainRow& b) {
      return a.pinyin != b.pinyin ? a.pinyin < b.pinyin : a.person < b.person;
    });
    return rows;
  }

  int pick(int n) { return static_cast<int>(gen_() % n); }

  // Members in the three branches, bases of every kind (edges of the bands among them), some reductions and
  // waivers (most approved), and random runs of months paid within the last six.
  void Populate() {
    const std::vector<std::string> surnames = {"王", "李", "马", "韩", "祁", "索南", "才让", "卓玛"};
    const std::vector<std::string> given = {"建国", "海", "措", "梅", "秀英", "江措", "文", "明"};
    const std::vector<std::string> kinds = {"employed", "retired", "farmer", "student", "allowance", "other"};
    const std::vector<int64_t> edge_bases = {300000, 300001, 500000, 500001, 1000000, 1000001, 123456, 99};
    const std::vector<std::string> branches = Branches();
    for (int i = 0; i < 36; ++i) {
      const std::string& branch = branches[i % 3];
      const std::string status = i % 9 == 4 ? "预备党员" : i % 11 == 7 ? "入党积极分子" : "正式党员";
      const int64_t id = AddMember(branch, surnames[pick(8)] + given[pick(8)], status);
      if (status == "入党积极分子") continue;
      people_.push_back(id);
      const accounts::Principal& cadre = branch == branch_c_ ? other_county_ : village_cadre_for(id);
      if (branch == branch_c_) {
        // 德令哈's branch hangs off a village of 德令哈市: its village cadre records for it.
        continue;
      }
      if (pick(6) == 0) continue;  // no basis: 未核定
      const std::string kind = kinds[pick(6)];
      const int64_t base =
          UsesBase(*ParseBasisKind(kind)) ? (pick(3) == 0 ? edge_bases[pick(8)] : 1000 + pick(1500000)) : 0;
      const Month from = Month::Of(Date::Today()).Plus(-pick(10));
      ASSERT_TRUE(
          As(cadre)
              .SetBasis(id, {kind, base ? std::to_string(base) : "", from.ToString(), pick(4) == 0 ? "1" : "0", ""})
              .ok());
      if (pick(5) == 0) {
        auto e = As(cadre).Request({std::to_string(id), pick(2) ? "waive" : "reduce", "1", from.ToString(),
                                    from.Plus(pick(4)).ToString(), "困难", ""});
        if (e.ok() && pick(3) != 0) {
          ASSERT_TRUE(As(county_).Decide(e->id, true, "").ok());
        }
      }
      // Pay a random run of months within the last six (each its own payment with the exact amount).
      const Month current = Month::Of(Date::Today());
      for (Month m = std::max(from, current.Plus(-6)); m <= current; m = m.Plus(1)) {
        if (pick(3) == 0) continue;
        LedgerRequest q;
        q.org = branch;
        q.month = m.ToString();
        q.page_size = kMaxLedgerPageSize;
        auto l = DuesQueries(*t_.db, cadre).LedgerOf(q);
        ASSERT_TRUE(l.ok());
        const MemberMonth row = RowOf(*l, id);
        if (row.record) continue;
        ASSERT_TRUE(Pay(id, m.ToString(), m.ToString(), row.due_fen).ok());
      }
    }
  }

  std::vector<accounts::Principal> Callers() {
    return {village_cadre_, other_village_cadre_, township_, county_, other_county_, province_};
  }
  // Which branches each caller of Callers() sees (their subtrees, written out).
  bool Sees(size_t caller, const std::string& branch) {
    switch (caller) {
      case 0:
        return branch == branch_a_;
      case 1:
        return branch == branch_b_;
      case 2:
      case 3:
        return branch != branch_c_;
      case 4:
        return branch == branch_c_;
      default:
        return true;
    }
  }
  // Whether the caller approves the branch's requests: an org above the village that hosts it.
  bool Approves(size_t caller, const std::string& branch) { return caller >= 2 && Sees(caller, branch); }

  std::vector<std::string> Branches() { return {branch_a_, branch_b_, branch_c_}; }

  std::mt19937 gen_{17};
  std::vector<int64_t> people_;
};

TEST_F(DuesLedgerTwin, RandomFiltersPagesAndScopesMatchAPlainFilter) {
  Populate();
  const std::vector<accounts::Principal> callers = Callers();
  const std::vector<std::string> branches = Branches();
  auto sees = [&](size_t caller, const std::string& branch) { return Sees(caller, branch); };
  const std::vector<std::string> states = {"", "unpaid", "paid", "waived", "reduced", "backpaid"};
  const std::vector<std::string> arrears = {"", "3", "6"};
  const std::vector<std::string> queries = {"", "王", "索南", "措", "建国", "无此人"};
  const std::vector<std::string> days = {"2026-11-15", "2027-01-02", "2027-06-30"};
  int compared = 0;
  for (int round = 0; round < 300; ++round) {
    const std::string today = days[round % 3];
    SetToday(today);
    const size_t c = pick(callers.size());
    LedgerRequest q;
    q.org = branches[pick(3)];
    q.month = Month::Of(*Date::Parse(today)).Plus(-pick(8)).ToString();
    q.state = states[pick(6)];
    q.arrears = arrears[pick(3)];
    q.query = queries[pick(6)];
    q.page_size = 1 + pick(8);
    q.page = 1 + pick(4);
    auto got = DuesQueries(*t_.db, callers[c]).LedgerOf(q);
    if (!sees(c, q.org)) {
      EXPECT_EQ(got.status().code(), StatusCode::kNotFound) << "caller " << c << " branch " << q.org;
      continue;
    }
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    std::vector<PlainRow> all = Plain(q.org, q.month, today), want;
    int64_t due = 0, paid = 0;
    for (const PlainRow& r : all) {
      due += r.due;
      paid += r.paid;
      if (!q.state.empty() && r.state != q.state) continue;
      if (q.arrears == "3" && r.arrears < 3) continue;
      if (q.arrears == "6" && r.arrears < 6) continue;
      if (!q.query.empty() && r.name.find(q.query) == std::string::npos) continue;
      want.push_back(r);
    }
    EXPECT_EQ(got->totals.members, static_cast<int64_t>(all.size()));
    EXPECT_EQ(got->totals.due_fen, due);
    EXPECT_EQ(got->totals.paid_fen, paid);
    ASSERT_EQ(got->total, static_cast<int64_t>(want.size()))
        << q.org << " " << q.month << " " << q.state << " " << q.arrears << " " << q.query << " on " << today;
    const size_t begin = static_cast<size_t>(q.page - 1) * q.page_size;
    std::vector<PlainRow> page;
    for (size_t i = begin; i < want.size() && i < begin + q.page_size; ++i) page.push_back(want[i]);
    ASSERT_EQ(got->rows.size(), page.size());
    for (size_t i = 0; i < page.size(); ++i) {
      const MemberMonth& g = got->rows[i].month;
      EXPECT_EQ(g.person_id, page[i].person);
      EXPECT_EQ(g.due_fen, page[i].due) << g.name << " " << q.month;
      EXPECT_EQ(g.paid_fen, page[i].paid);
      EXPECT_EQ(RecordStateCode(g.state), page[i].state);
      EXPECT_EQ(g.arrears_months, page[i].arrears) << g.name << " on " << today;
    }
    ++compared;
  }
  EXPECT_GT(compared, 150);
}

// 减免审批 and 欠缴提醒: the pending requests a caller may decide (paged) and the arrears in a caller's 待办,
// each against a plain filter over the tables — the requests read with plain SQL, the arrears from the plain
// month walk of every branch the caller sees — on days across a year end.
TEST_F(DuesLedgerTwin, PendingReliefAndArrearsTodoMatchAPlainFilter) {
  Populate();
  // More requests, for periods ahead (some refused as overlapping: those are simply not there), left pending.
  const Month current = Month::Of(Date::Today());
  for (int64_t id : people_) {
    if (pick(2) == 0) continue;
    const Month from = current.Plus(1 + pick(3));
    (void)As(village_cadre_for(id))
        .Request({std::to_string(id), pick(2) ? "waive" : "reduce", "1", from.ToString(), from.Plus(pick(3)).ToString(),
                  "家庭困难", ""});
  }
  const std::vector<accounts::Principal> callers = Callers();
  const std::vector<std::string> branches = Branches();
  store::Connection& db = *t_.db;
  auto branch_of = [&](int64_t org_id) {
    for (const std::string& b : branches) {
      if (store::QueryInt(db, "SELECT id FROM org_unit WHERE code = '" + b + "'") == org_id) return b;
    }
    return std::string();
  };
  struct PlainRequest {
    int64_t id, org;
    std::string recorded_by;
  };
  std::vector<PlainRequest> pending;
  auto rows = db.Prepare("SELECT id, org_id, recorded_by FROM dues_exception WHERE state = 'pending' ORDER BY id");
  while (rows->Step()) pending.push_back({rows->Int(0), rows->Int(1), rows->Text(2)});
  ASSERT_GE(pending.size(), 8u) << "too few pending requests to page through";
  int compared = 0;
  for (int round = 0; round < 200; ++round) {
    const size_t c = pick(callers.size());
    const int page = 1 + pick(4), page_size = 1 + pick(6);
    std::vector<PlainRequest> want;
    for (const PlainRequest& r : pending) {
      if (Approves(c, branch_of(r.org))) want.push_back(r);
    }
    auto got = DuesQueries(db, callers[c]).Pending(page, page_size);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_EQ(got->total, static_cast<int64_t>(want.size())) << "caller " << c;
    const size_t begin = static_cast<size_t>(page - 1) * page_size;
    size_t n = 0;
    for (size_t i = begin; i < want.size() && i < begin + page_size; ++i, ++n) {
      ASSERT_LT(n, got->items.size());
      EXPECT_EQ(got->items[n].id, want[i].id);
      EXPECT_EQ(got->can_decide[n], want[i].recorded_by != callers[c].login);
    }
    EXPECT_EQ(got->items.size(), n);
    ++compared;
  }
  EXPECT_EQ(compared, 200);
  // Actions recorded for some of those in arrears, so that 已处置 and 未处置 flags both occur.
  SetToday("2027-06-30");
  for (int64_t id : people_) {
    if (pick(3) == 0) (void)As(village_cadre_for(id)).RecordArrearsAction(id, "支部书记已谈话，约定补缴");
  }
  std::set<int64_t> acted;
  auto act = db.Prepare("SELECT DISTINCT person_id FROM dues_arrears_action");
  while (act->Step()) acted.insert(act->Int(0));
  EXPECT_FALSE(acted.empty());
  for (const std::string today : {"2026-11-15", "2027-01-02", "2027-04-30", "2027-06-30"}) {
    SetToday(today);
    for (size_t c = 0; c < callers.size(); ++c) {
      int64_t warnings = 0, flags = 0, unacted = 0, approvals = 0;
      std::multiset<std::pair<int64_t, int64_t>> items;  // (person, months)
      for (const std::string& b : branches) {
        if (!Sees(c, b)) continue;
        for (const PlainRow& r : Plain(b, Month::Of(*Date::Parse(today)).ToString(), today)) {
          if (r.arrears < 3) continue;
          (r.arrears >= 6 ? flags : warnings)++;
          if (r.arrears >= 6 && !acted.count(r.person)) unacted++;
          items.insert({r.person, r.arrears});
        }
      }
      for (const PlainRequest& r : pending) {
        if (Approves(c, branch_of(r.org)) && r.recorded_by != callers[c].login) approvals++;
      }
      auto got = DuesQueries(db, callers[c]).Todo();
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      EXPECT_EQ(got->warnings, warnings) << "caller " << c << " on " << today;
      EXPECT_EQ(got->flags, flags) << "caller " << c << " on " << today;
      EXPECT_EQ(got->flags_without_action, unacted) << "caller " << c << " on " << today;
      EXPECT_EQ(got->pending_approvals, approvals) << "caller " << c;
      ASSERT_LE(items.size(), 100u);
      std::multiset<std::pair<int64_t, int64_t>> got_items;
      for (size_t i = 0; i < got->items.size(); ++i) {
        got_items.insert({got->items[i].person_id, got->items[i].months});
        EXPECT_EQ(got->items[i].flagged, got->items[i].months >= 6);
        if (i > 0) EXPECT_GE(got->items[i - 1].months, got->items[i].months) << "worst first";
      }
      EXPECT_EQ(got_items, items) << "caller " << c << " on " << today;
    }
  }
}

}  // namespace
}  // namespace jiceng::membership
