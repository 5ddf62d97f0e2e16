#include "modules/membership/repo.h"

namespace jiceng::membership {
namespace {

Basis ReadBasis(store::Statement& s) {
  Basis b;
  b.id = s.Int(0);
  b.person_id = s.Int(1);
  b.kind = ParseBasisKind(s.Text(2)).value_or(BasisKind::kOther);
  b.base_fen = s.Int(3);
  b.from = Month::Parse(s.Text(4)).value_or(Month{});
  b.quarterly = s.Int(5) != 0;
  b.note = s.Text(6);
  b.recorded_by = s.Text(7);
  b.recorded_at = s.Text(8);
  return b;
}
constexpr const char* kBasisColumns =
    "id, person_id, kind, base_fen, from_month, quarterly, note, recorded_by, recorded_at";

Exception ReadException(store::Statement& s) {
  Exception e;
  e.id = s.Int(0);
  e.person_id = s.Int(1);
  e.org_id = s.Int(2);
  e.kind = ParseExceptionKind(s.Text(3)).value_or(ExceptionKind::kReduce);
  e.amount_fen = s.Int(4);
  e.from = Month::Parse(s.Text(5)).value_or(Month{});
  e.to = Month::Parse(s.Text(6)).value_or(Month{});
  e.reason = s.Text(7);
  e.decided_on = Date::Parse(s.Text(8)).value_or(Date{});
  e.recorded_by = s.Text(9);
  e.recorded_at = s.Text(10);
  e.state = ParseExceptionState(s.Text(11)).value_or(ExceptionState::kPending);
  e.approved_by = s.Text(12);
  e.approved_at = s.Text(13);
  e.decision_note = s.Text(14);
  e.person_name = s.Text(15);
  e.approver_org_code = s.IsNull(16) ? "" : s.Text(16);
  return e;
}
constexpr const char* kExceptionSelect =
    "SELECT e.id, e.person_id, e.org_id, e.kind, e.amount_fen, e.from_month, e.to_month, e.reason, e.decided_on,"
    " e.recorded_by, e.recorded_at, e.state, e.approved_by, e.approved_at, e.decision_note, p.name, ou.code"
    " FROM dues_exception e JOIN person p ON p.id = e.person_id LEFT JOIN org_unit ou ON ou.id = e.approver_org_id";

Record ReadRecord(store::Statement& s) {
  Record r;
  r.id = s.Int(0);
  r.person_id = s.Int(1);
  r.month = Month::Parse(s.Text(2)).value_or(Month{});
  r.org_id = s.Int(3);
  r.due_fen = s.Int(4);
  r.paid_fen = s.Int(5);
  r.state = ParseRecordState(s.Text(6)).value_or(RecordState::kPaid);
  r.paid_on = Date::Parse(s.Text(7)).value_or(Date{});
  r.method = ParsePayMethod(s.Text(8)).value_or(PayMethod::kCash);
  r.reference = s.Text(9);
  r.recorded_by = s.Text(10);
  r.recorded_at = s.Text(11);
  return r;
}
constexpr const char* kRecordColumns =
    "id, person_id, month, org_id, due_fen, paid_fen, state, paid_on, method, reference, recorded_by, recorded_at";

}  // namespace

std::string IdList(const std::vector<int64_t>& ids) {
  std::string s = "(";
  for (size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + std::to_string(ids[i]);
  return s + (ids.empty() ? "0)" : ")");
}

FixedAmounts DuesRepo::Fixed(int64_t province_id) {
  FixedAmounts f;
  auto& s = db_.Cached("SELECT key, value FROM dues_setting WHERE org_id = ?1");
  s.Bind(1, province_id);
  while (s.Step()) {
    const std::string key = s.Text(0);
    if (key == "farmer_fen") f.farmer_fen = s.Int(1);
    if (key == "student_fen") f.student_fen = s.Int(1);
    if (key == "allowance_fen") f.allowance_fen = s.Int(1);
  }
  return f;
}

void DuesRepo::SetFixed(int64_t province_id, const std::string& key, int64_t value, const std::string& by,
                        const std::string& at) {
  auto& s = db_.Cached(
      "INSERT INTO dues_setting(org_id, key, value, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
      " ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,"
      " updated_at = excluded.updated_at");
  s.Bind(1, province_id).Bind(2, key).Bind(3, value).Bind(4, by).Bind(5, at);
  s.Run();
}

std::vector<MemberRow> DuesRepo::MembersOf(int64_t branch_id, Date on) {
  std::vector<MemberRow> rows;
  auto& s = db_.Cached(
      "SELECT p.id, p.name, p.political_status FROM person_org po JOIN person p ON p.id = po.person_id"
      " WHERE po.org_id = ?1 AND po.valid_from <= ?2 AND ?2 < po.valid_to"
      " AND p.political_status IN ('full_member', 'probationary_member') ORDER BY p.name_pinyin, p.id");
  s.Bind(1, branch_id).Bind(2, on.ToString());
  while (s.Step()) rows.push_back({s.Int(0), s.Text(1), s.Text(2)});
  return rows;
}

std::optional<int64_t> DuesRepo::BranchOf(int64_t person_id, Date on) {
  auto& s = db_.Cached(
      "SELECT org_id FROM person_org WHERE person_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to ORDER BY valid_from");
  s.Bind(1, person_id).Bind(2, on.ToString());
  std::optional<int64_t> id;
  while (s.Step()) id = s.Int(0);
  return id;
}

std::optional<std::string> DuesRepo::PersonName(int64_t person_id) {
  auto& s = db_.Cached("SELECT name FROM person WHERE id = ?1");
  s.Bind(1, person_id);
  std::optional<std::string> name;
  if (s.Step()) name = s.Text(0);
  s.Reset();
  return name;
}

std::vector<Basis> DuesRepo::Bases(int64_t person_id) {
  std::vector<Basis> rows;
  auto& s =
      db_.Cached(std::string("SELECT ") + kBasisColumns + " FROM dues_basis WHERE person_id = ?1 ORDER BY from_month");
  s.Bind(1, person_id);
  while (s.Step()) rows.push_back(ReadBasis(s));
  return rows;
}

std::map<int64_t, std::vector<Basis>> DuesRepo::BasesOf(const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<Basis>> out;
  auto s = db_.Prepare(std::string("SELECT ") + kBasisColumns + " FROM dues_basis WHERE person_id IN " + IdList(ids) +
                       " ORDER BY person_id, from_month");
  while (s->Step()) {
    Basis b = ReadBasis(*s);
    out[b.person_id].push_back(b);
  }
  return out;
}

void DuesRepo::UpsertBasis(const Basis& b) {
  auto& s = db_.Cached(
      "INSERT INTO dues_basis(person_id, kind, base_fen, from_month, quarterly, note, recorded_by, recorded_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (person_id, from_month) DO UPDATE SET kind = excluded.kind,"
      " base_fen = excluded.base_fen, quarterly = excluded.quarterly, note = excluded.note,"
      " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at");
  s.Bind(1, b.person_id)
      .Bind(2, BasisKindCode(b.kind))
      .Bind(3, b.base_fen)
      .Bind(4, b.from.ToString())
      .Bind(5, b.quarterly ? 1 : 0)
      .Bind(6, b.note)
      .Bind(7, b.recorded_by)
      .Bind(8, b.recorded_at);
  s.Run();
}

std::optional<AccountRow> DuesRepo::Account(int64_t person_id) {
  auto& s = db_.Cached(
      "SELECT person_id, org_id, first_due_on, last_settled, arrears3_on, arrears6_on FROM dues_account"
      " WHERE person_id = ?1");
  s.Bind(1, person_id);
  std::optional<AccountRow> a;
  if (s.Step()) {
    a = AccountRow{s.Int(0),
                   s.Int(1),
                   *Date::Parse(s.Text(2)),
                   Month::Parse(s.Text(3)),
                   *Date::Parse(s.Text(4)),
                   *Date::Parse(s.Text(5))};
  }
  s.Reset();
  return a;
}

void DuesRepo::UpsertAccount(const AccountRow& a) {
  auto& s = db_.Cached(
      "INSERT INTO dues_account(person_id, org_id, first_due_on, last_settled, arrears3_on, arrears6_on)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (person_id) DO UPDATE SET org_id = excluded.org_id,"
      " first_due_on = excluded.first_due_on, last_settled = excluded.last_settled,"
      " arrears3_on = excluded.arrears3_on, arrears6_on = excluded.arrears6_on");
  s.Bind(1, a.person_id)
      .Bind(2, a.org_id)
      .Bind(3, a.first_due_on.ToString())
      .Bind(4, a.last_settled ? a.last_settled->ToString() : std::string())
      .Bind(5, a.arrears3_on.ToString())
      .Bind(6, a.arrears6_on.ToString());
  s.Run();
}

namespace {
AccountRow ReadAccount(store::Statement& s) {
  return AccountRow{s.Int(0),
                    s.Int(1),
                    *Date::Parse(s.Text(2)),
                    Month::Parse(s.Text(3)),
                    *Date::Parse(s.Text(4)),
                    *Date::Parse(s.Text(5))};
}
constexpr const char* kAccountSelect =
    "SELECT person_id, org_id, first_due_on, last_settled, arrears3_on, arrears6_on FROM dues_account";
}  // namespace

std::map<int64_t, AccountRow> DuesRepo::AccountsOf(const std::vector<int64_t>& ids) {
  std::map<int64_t, AccountRow> out;
  auto s = db_.Prepare(std::string(kAccountSelect) + " WHERE person_id IN " + IdList(ids));
  while (s->Step()) {
    AccountRow a = ReadAccount(*s);
    out[a.person_id] = a;
  }
  return out;
}

std::vector<AccountRow> DuesRepo::InArrears(const std::vector<int64_t>& org_ids, Date today) {
  std::vector<AccountRow> out;
  auto s = db_.Prepare(std::string(kAccountSelect) + " WHERE arrears3_on <= ?1 AND org_id IN " + IdList(org_ids) +
                       " ORDER BY arrears3_on, person_id");
  s->Bind(1, today.ToString());
  while (s->Step()) out.push_back(ReadAccount(*s));
  return out;
}

int64_t DuesRepo::InsertException(const Exception& e) {
  auto& s = db_.Cached(
      "INSERT INTO dues_exception(person_id, org_id, kind, amount_fen, from_month, to_month, reason, decided_on,"
      " recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  s.Bind(1, e.person_id)
      .Bind(2, e.org_id)
      .Bind(3, ExceptionKindCode(e.kind))
      .Bind(4, e.amount_fen)
      .Bind(5, e.from.ToString())
      .Bind(6, e.to.ToString())
      .Bind(7, e.reason)
      .Bind(8, e.decided_on.ToString())
      .Bind(9, e.recorded_by)
      .Bind(10, e.recorded_at);
  s.Run();
  return db_.LastInsertId();
}

std::optional<Exception> DuesRepo::FindException(int64_t id) {
  auto s = db_.Prepare(std::string(kExceptionSelect) + " WHERE e.id = ?1");
  s->Bind(1, id);
  if (!s->Step()) return std::nullopt;
  return ReadException(*s);
}

void DuesRepo::DecideException(int64_t id, ExceptionState state, const std::string& by, const std::string& at,
                               int64_t approver_org_id, const std::string& note) {
  auto& s = db_.Cached(
      "UPDATE dues_exception SET state = ?2, approved_by = ?3, approved_at = ?4, approver_org_id = ?5,"
      " decision_note = ?6 WHERE id = ?1 AND state = 'pending'");
  s.Bind(1, id).Bind(2, ExceptionStateCode(state)).Bind(3, by).Bind(4, at).Bind(5, approver_org_id).Bind(6, note);
  s.Run();
}

std::vector<Exception> DuesRepo::ExceptionsOf(int64_t person_id) {
  std::vector<Exception> out;
  auto s = db_.Prepare(std::string(kExceptionSelect) + " WHERE e.person_id = ?1 ORDER BY e.id DESC");
  s->Bind(1, person_id);
  while (s->Step()) out.push_back(ReadException(*s));
  return out;
}

std::map<int64_t, std::vector<Exception>> DuesRepo::ApprovedOf(const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<Exception>> out;
  auto s = db_.Prepare(std::string(kExceptionSelect) + " WHERE e.state = 'approved' AND e.person_id IN " + IdList(ids) +
                       " ORDER BY e.id");
  while (s->Step()) {
    Exception e = ReadException(*s);
    out[e.person_id].push_back(e);
  }
  return out;
}

std::vector<Exception> DuesRepo::Pending(const std::vector<int64_t>& org_ids) {
  std::vector<Exception> out;
  auto s = db_.Prepare(std::string(kExceptionSelect) + " WHERE e.state = 'pending' AND e.org_id IN " + IdList(org_ids) +
                       " ORDER BY e.id");
  while (s->Step()) out.push_back(ReadException(*s));
  return out;
}

std::optional<Record> DuesRepo::FindRecord(int64_t person_id, Month m) {
  auto& s =
      db_.Cached(std::string("SELECT ") + kRecordColumns + " FROM dues_record WHERE person_id = ?1 AND month = ?2");
  s.Bind(1, person_id).Bind(2, m.ToString());
  std::optional<Record> r;
  if (s.Step()) r = ReadRecord(s);
  s.Reset();
  return r;
}

std::map<int64_t, Record> DuesRepo::RecordsOf(const std::vector<int64_t>& ids, Month m) {
  std::map<int64_t, Record> out;
  auto s = db_.Prepare(std::string("SELECT ") + kRecordColumns +
                       " FROM dues_record WHERE month = ?1 AND person_id IN " + IdList(ids));
  s->Bind(1, m.ToString());
  while (s->Step()) {
    Record r = ReadRecord(*s);
    out[r.person_id] = r;
  }
  return out;
}

std::vector<Record> DuesRepo::RecordsOfPerson(int64_t person_id) {
  std::vector<Record> out;
  auto& s = db_.Cached(std::string("SELECT ") + kRecordColumns +
                       " FROM dues_record WHERE person_id = ?1 ORDER BY month DESC");
  s.Bind(1, person_id);
  while (s.Step()) out.push_back(ReadRecord(s));
  return out;
}

void DuesRepo::InsertRecord(const Record& r) {
  auto& s = db_.Cached(
      "INSERT INTO dues_record(person_id, month, month_on, month_after, org_id, due_fen, paid_fen, state, paid_on,"
      " method, reference, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  s.Bind(1, r.person_id)
      .Bind(2, r.month.ToString())
      .Bind(3, r.month.FirstDay().ToString())
      .Bind(4, r.month.Plus(1).FirstDay().ToString())
      .Bind(5, r.org_id)
      .Bind(6, r.due_fen)
      .Bind(7, r.paid_fen)
      .Bind(8, RecordStateCode(r.state))
      .Bind(9, r.state == RecordState::kWaived ? std::string() : r.paid_on.ToString())
      .Bind(10, r.state == RecordState::kWaived ? std::string() : std::string(PayMethodCode(r.method)))
      .Bind(11, r.reference)
      .Bind(12, r.recorded_by)
      .Bind(13, r.recorded_at);
  s.Run();
}

std::optional<Month> DuesRepo::LastSettled(int64_t person_id) {
  auto& s = db_.Cached("SELECT MAX(month) FROM dues_record WHERE person_id = ?1");
  s.Bind(1, person_id);
  std::optional<Month> m;
  if (s.Step() && !s.IsNull(0)) m = Month::Parse(s.Text(0));
  s.Reset();
  return m;
}

int64_t DuesRepo::InsertVoluntary(const Voluntary& v) {
  auto& s = db_.Cached(
      "INSERT INTO dues_voluntary(person_id, org_id, amount_fen, paid_on, method, reference, forward, recorded_by,"
      " recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  s.Bind(1, v.person_id)
      .Bind(2, v.org_id)
      .Bind(3, v.amount_fen)
      .Bind(4, v.paid_on.ToString())
      .Bind(5, PayMethodCode(v.method))
      .Bind(6, v.reference)
      .Bind(7, v.forward ? 1 : 0)
      .Bind(8, v.recorded_by)
      .Bind(9, v.recorded_at);
  s.Run();
  return db_.LastInsertId();
}

std::vector<Voluntary> DuesRepo::VoluntaryOf(int64_t org_id, Month m) {
  std::vector<Voluntary> out;
  auto& s = db_.Cached(
      "SELECT v.id, v.person_id, p.name, v.org_id, v.amount_fen, v.paid_on, v.method, v.reference, v.forward,"
      " v.recorded_by, v.recorded_at FROM dues_voluntary v JOIN person p ON p.id = v.person_id"
      " WHERE v.org_id = ?1 AND v.paid_on >= ?2 AND v.paid_on < ?3 ORDER BY v.paid_on, v.id");
  s.Bind(1, org_id).Bind(2, m.FirstDay().ToString()).Bind(3, m.Plus(1).FirstDay().ToString());
  while (s.Step()) {
    Voluntary v;
    v.id = s.Int(0);
    v.person_id = s.Int(1);
    v.person_name = s.Text(2);
    v.org_id = s.Int(3);
    v.amount_fen = s.Int(4);
    v.paid_on = Date::Parse(s.Text(5)).value_or(Date{});
    v.method = ParsePayMethod(s.Text(6)).value_or(PayMethod::kCash);
    v.reference = s.Text(7);
    v.forward = s.Int(8) != 0;
    v.recorded_by = s.Text(9);
    v.recorded_at = s.Text(10);
    out.push_back(v);
  }
  return out;
}

int64_t DuesRepo::InsertArrearsAction(int64_t person_id, int64_t org_id, int64_t months, const std::string& action,
                                      const std::string& by, const std::string& at) {
  auto& s = db_.Cached(
      "INSERT INTO dues_arrears_action(person_id, org_id, months, action, recorded_by, recorded_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.Bind(1, person_id).Bind(2, org_id).Bind(3, months).Bind(4, action).Bind(5, by).Bind(6, at);
  s.Run();
  return db_.LastInsertId();
}

std::map<int64_t, std::pair<std::string, std::string>> DuesRepo::LatestActions(const std::vector<int64_t>& ids) {
  std::map<int64_t, std::pair<std::string, std::string>> out;
  auto s = db_.Prepare("SELECT person_id, action, recorded_at FROM dues_arrears_action WHERE person_id IN " +
                       IdList(ids) + " ORDER BY id");
  while (s->Step()) out[s->Int(0)] = {s->Text(1), s->Text(2)};
  return out;
}

}  // namespace jiceng::membership
