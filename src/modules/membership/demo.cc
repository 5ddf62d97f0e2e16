#include "modules/membership/demo.h"

#include "modules/membership/commands.h"
#include "modules/membership/dues.h"
#include "modules/membership/repo.h"

namespace jiceng::membership {
namespace {

constexpr const char* kDemoPrefecture = "6328";  // 海西州

struct DemoBranch {
  int64_t id;
  std::string code;
  std::string host_kind;
};

std::vector<DemoBranch> Branches(store::Connection& db, Date today) {
  std::vector<DemoBranch> out;
  auto s = db.Prepare(
      "SELECT b.id, b.code, COALESCE(h.kind, '') FROM org_unit b JOIN org_link l ON l.unit_id = b.id"
      " AND l.valid_from <= ?1 AND ?1 < l.valid_to LEFT JOIN org_unit h ON h.id = l.parent_id"
      " WHERE b.kind = 'party_branch' AND substr(b.code, 1, 4) = ?2 ORDER BY b.code");
  s->Bind(1, today.ToString()).Bind(2, kDemoPrefecture);
  while (s->Step()) out.push_back({s->Int(0), s->Text(1), s->Text(2)});
  return out;
}

int64_t Pay(Rng& rng, int lo_yuan, int hi_yuan) {
  // Now and then exactly on a band's boundary (3,000.00 / 5,000.00 / 10,000.00 元) or a fen above it.
  if (rng.Chance(0.05)) {
    static const std::vector<int64_t> kEdges = {300000, 300001, 500000, 500001, 1000000, 1000001};
    return rng.Pick(kEdges);
  }
  return int64_t{rng.Uniform(lo_yuan, hi_yuan)} * 100 + rng.Uniform(0, 99);
}

}  // namespace

DemoDuesSummary SeedDemoDues(store::Connection& db, Rng& rng, Date today, const std::string& actor) {
  DemoDuesSummary made;
  DuesRepo repo(db);
  const Month current = Month::Of(today);
  const Month first = current.Plus(-7);
  const std::string at = today.ToString() + " 09:00:00";
  const FixedAmounts fixed;  // the demo keeps RULES.md's defaults
  for (const DemoBranch& branch : Branches(db, today)) {
    const bool rural = branch.host_kind == "village" || branch.host_kind == "community";
    for (const MemberRow& m : repo.MembersOf(branch.id, today)) {
      Basis b;
      b.person_id = m.person_id;
      const int roll = rng.Uniform(0, 99);
      if (rural) {
        b.kind = roll < 62   ? BasisKind::kFarmer
                 : roll < 80 ? BasisKind::kRetired
                 : roll < 90 ? BasisKind::kEmployed
                 : roll < 95 ? BasisKind::kAllowance
                             : BasisKind::kOther;
      } else {
        b.kind = roll < 78 ? BasisKind::kEmployed : roll < 96 ? BasisKind::kRetired : BasisKind::kStudent;
      }
      if (b.kind == BasisKind::kEmployed) b.base_fen = Pay(rng, 2600, 12000);
      if (b.kind == BasisKind::kRetired) b.base_fen = Pay(rng, 2200, 7500);
      if (b.kind == BasisKind::kOther) b.base_fen = Pay(rng, 1500, 4500);
      b.from = first;
      b.quarterly = rural && rng.Chance(0.08);
      b.recorded_by = actor;
      b.recorded_at = at;
      repo.UpsertBasis(b);
      made.bases++;
      // The last month paid: most are up to date or a month behind; a few are 3–5 or 6+ months behind.
      const int pattern = rng.Uniform(0, 99);
      Month last = pattern < 55   ? current
                   : pattern < 85 ? current.Plus(-1)
                   : pattern < 93 ? current.Plus(-rng.Uniform(4, 6))
                                  : first.Plus(-1);
      if (b.quarterly && pattern < 85) last = Month{current.index - current.index % 3 + 2};
      const std::vector<Basis> bases{b};
      for (Month mm = first; mm <= last; mm = mm.Plus(1)) {
        Record r;
        r.person_id = m.person_id;
        r.month = mm;
        r.org_id = branch.id;
        r.due_fen = ComputeMonth(m.person_id, m.name, m.status, {bases, {}, std::nullopt}, fixed, mm).due_fen;
        r.paid_fen = r.due_fen;
        // Paid on a day of its month (a quarter's advance on the quarter's first month), or later: 补缴.
        const bool late = rng.Chance(0.1) && mm < current;
        const Month on_month = b.quarterly && mm > current ? current : late ? mm.Plus(1) : mm;
        Date on = on_month.FirstDay().AddDays(rng.Uniform(0, 20));
        if (on > today) on = today;
        r.state = Month::Of(on) > mm ? RecordState::kBackPaid : RecordState::kPaid;
        r.paid_on = on;
        r.method = rng.Chance(0.3) ? PayMethod::kTransfer : PayMethod::kCash;
        if (r.method == PayMethod::kTransfer)
          r.reference = "ZZ" + mm.ToString().substr(0, 4) + std::to_string(100000 + rng.Uniform(0, 899999));
        r.recorded_by = actor;
        r.recorded_at = at;
        repo.InsertRecord(r);
        made.records++;
      }
      repo.UpsertAccount(
          AccountOf(m.person_id, branch.id, first, last >= first ? std::optional<Month>(last) : std::nullopt));
    }
  }
  // The demo village's branch (its account is seeded before this module): a voluntary payment to forward and a
  // reduction its secretary recorded, awaiting the township's approval.
  auto village = db.Prepare(
      "SELECT b.id FROM account a JOIN org_link l ON l.parent_id = a.org_id AND l.valid_from <= ?1 AND ?1 < l.valid_to"
      " JOIN org_unit b ON b.id = l.unit_id AND b.kind = 'party_branch' WHERE a.login = 'demo_village' ORDER BY "
      "b.code");
  village->Bind(1, today.ToString());
  if (village->Step()) {
    const int64_t branch_id = village->Int(0);
    village->Reset();
    const auto members = repo.MembersOf(branch_id, today);
    if (members.size() >= 2) {
      Voluntary v;
      v.person_id = members[0].person_id;
      v.org_id = branch_id;
      v.amount_fen = kForwardFen;
      v.paid_on = current.FirstDay();
      v.method = PayMethod::kTransfer;
      v.reference = "ZZ" + current.ToString().substr(0, 4) + "000001";
      v.forward = true;
      v.recorded_by = "demo_village";
      v.recorded_at = at;
      repo.InsertVoluntary(v);
      Exception e;
      e.person_id = members[1].person_id;
      e.org_id = branch_id;
      e.kind = ExceptionKind::kWaive;
      e.from = current.Plus(1);
      e.to = current.Plus(6);
      e.reason = "因病住院治疗，家庭生活困难，经支部委员会研究同意免缴半年";
      e.decided_on = today;
      e.recorded_by = "demo_village";
      e.recorded_at = at;
      repo.InsertException(e);
    }
  }
  return made;
}

}  // namespace jiceng::membership
