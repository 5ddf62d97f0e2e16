#include "modules/membership/commands.h"

#include <algorithm>

#include "modules/membership/dues.h"
#include "modules/membership/permissions.h"
#include "store/audit.h"

namespace jiceng::membership {
namespace {

Status MemberNotFound() { return Status::NotFound("person_id", "未找到该党员，或不在您的管辖范围内"); }

Actor ActorOf(const accounts::Principal& p) { return {p.login, p.address}; }

}  // namespace

AccountRow AccountOf(int64_t person_id, int64_t branch_id, Month first_due, std::optional<Month> last_settled) {
  AccountRow a;
  a.person_id = person_id;
  a.org_id = branch_id;
  a.first_due_on = first_due.FirstDay();
  a.last_settled = last_settled;
  Month from = first_due;
  if (last_settled && last_settled->Plus(1) > from) from = last_settled->Plus(1);
  a.arrears3_on = from.Plus(kArrearsWarningMonths).FirstDay();
  a.arrears6_on = from.Plus(kArrearsFlagMonths).FirstDay();
  return a;
}

int64_t ProvinceOf(org::OrgRepo& orgs, int64_t unit_id, Date on) {
  auto ancestors = orgs.AncestorIds(unit_id, on);
  return ancestors.empty() ? unit_id : ancestors.back();
}

Result<DuesCommands::MemberContext> DuesCommands::Member(int64_t person_id, bool need_branch_side) {
  if (Status st = CanUseDues(caller_); !st.ok()) return st;
  const Date today = Date::Today();
  DuesRepo repo(db_);
  auto branch_id = repo.BranchOf(person_id, today);
  if (!branch_id) return MemberNotFound();
  org::OrgRepo orgs(db_);
  auto branch = orgs.FindById(*branch_id, today);
  if (!branch) return MemberNotFound();
  const DuesSides sides = SidesOf(orgs, caller_, *branch);
  if (!sides.visible) return MemberNotFound();
  bool member = false;
  for (const MemberRow& m : repo.MembersOf(*branch_id, today)) member = member || m.person_id == person_id;
  if (!member || !IsBranch(*branch)) {
    return Status::Invalid("person_id", "此人不是党支部的正式党员或预备党员，不交纳党费");
  }
  if (need_branch_side && !sides.branch) {
    return Status::Forbidden("党费由党员所在党支部（或其所在村、社区、单位）登记，上级组织只能查看和审批");
  }
  return MemberContext{person_id, *repo.PersonName(person_id), *branch, ProvinceOf(orgs, branch->id, today)};
}

void DuesCommands::RefreshAccount(int64_t person_id, int64_t branch_id) {
  DuesRepo repo(db_);
  auto bases = repo.Bases(person_id);
  if (bases.empty()) return;
  Month first = bases.front().from;
  for (const Basis& b : bases) first = std::min(first, b.from);
  repo.UpsertAccount(AccountOf(person_id, branch_id, first, repo.LastSettled(person_id)));
}

Result<Basis> DuesCommands::SetBasis(int64_t person_id, const BasisForm& form) {
  auto member = Member(person_id, true);
  if (!member.ok()) return member.status();
  auto valid = ValidateBasis(form);
  if (!valid.ok()) return valid.status();
  DuesRepo repo(db_);
  if (auto last = repo.LastSettled(person_id); last && valid->from <= *last) {
    return Status::Conflict("from_month", last->ToString() + " 及以前已有缴费记录，新的缴费基数最早从 " +
                                              last->Plus(1).ToString() + " 起适用");
  }
  Basis b;
  b.person_id = person_id;
  b.kind = valid->kind;
  b.base_fen = valid->base_fen;
  b.from = valid->from;
  b.quarterly = valid->quarterly;
  b.note = valid->note;
  b.recorded_by = caller_.login;
  b.recorded_at = NowTimestamp();
  store::Transaction tx(db_);
  repo.UpsertBasis(b);
  RefreshAccount(person_id, member->branch.id);
  store::AppendAudit(db_, ActorOf(caller_),
                     {"dues.basis", std::to_string(person_id), member->branch.code, "",
                      std::string(BasisKindCode(b.kind)) + "|" + std::to_string(b.base_fen) + "|" + b.from.ToString() +
                          "|" + (b.quarterly ? "quarterly" : "monthly")});
  tx.Commit();
  for (const Basis& x : repo.Bases(person_id)) {
    if (x.from == b.from) return x;
  }
  return b;
}

Result<PaymentResult> DuesCommands::Pay(const PaymentForm& form) {
  const Date today = Date::Today();
  auto valid = ValidatePayment(form, today);
  if (!valid.ok()) return valid.status();
  auto member = Member(valid->person_id, true);
  if (!member.ok()) return member.status();
  DuesRepo repo(db_);
  MonthInputs in;
  in.bases = repo.Bases(valid->person_id);
  in.approved = repo.ApprovedOf({valid->person_id})[valid->person_id];
  const FixedAmounts fixed = repo.Fixed(member->province_id);
  const Month current = Month::Of(today);
  const Month paid_month = Month::Of(valid->paid_on);
  // Ahead of this month only for a member who pays by the quarter, to the end of this quarter.
  const Month quarter_end{current.index - current.index % 3 + 2};
  PaymentResult result;
  for (Month m = valid->from; m <= valid->to; m = m.Plus(1)) {
    const Basis* basis = BasisAt(in.bases, m);
    if (basis == nullptr) {
      return Status::Invalid("from_month", member->name + " " + m.ToString() + " 尚未核定缴费基数，请先登记缴费基数");
    }
    if (m > current) {
      if (!basis->quarterly) {
        return Status::Invalid(
            "to_month", "只能交纳到本月（" + current.ToString() + "）；经支部同意按季度交纳的党员可预交到本季度末");
      }
      if (m > quarter_end) {
        return Status::Invalid("to_month", "按季度交纳最多预交到本季度末（" + quarter_end.ToString() + "）");
      }
    }
    if (m < current.Plus(-kBackpayMonths) && !BackpayApproved(in.approved, m)) {
      return Status::Invalid("from_month", "补缴一般不超过 6 个月（最早 " + current.Plus(-kBackpayMonths).ToString() +
                                               "）；更早的月份须经上级党组织批准超期补缴");
    }
    in.record = repo.FindRecord(valid->person_id, m);
    if (in.record) {
      return Status::Conflict("from_month", member->name + " " + m.ToString() + " 已是" +
                                                std::string(RecordStateName(in.record->state)) + "，不能重复登记");
    }
    const MemberMonth row = ComputeMonth(valid->person_id, member->name, "", in, fixed, m);
    Record r;
    r.person_id = valid->person_id;
    r.month = m;
    r.org_id = member->branch.id;
    r.due_fen = row.due_fen;
    r.paid_fen = row.due_fen;
    r.state = row.relief == ExceptionKind::kReduce ? RecordState::kReduced
              : m < paid_month                     ? RecordState::kBackPaid
                                                   : RecordState::kPaid;
    r.paid_on = valid->paid_on;
    r.method = valid->method;
    r.reference = valid->reference;
    r.recorded_by = caller_.login;
    r.recorded_at = NowTimestamp();
    result.total_fen += r.paid_fen;
    result.records.push_back(r);
  }
  if (valid->amount_fen != result.total_fen) {
    return Status::Invalid("amount_fen", "实缴金额应为 " + Yuan(result.total_fen) + " 元（" +
                                             std::to_string(result.records.size()) + " 个月应缴合计），填写的是 " +
                                             Yuan(valid->amount_fen) + " 元");
  }
  store::Transaction tx(db_);
  for (const Record& r : result.records) repo.InsertRecord(r);
  RefreshAccount(valid->person_id, member->branch.id);
  store::AppendAudit(db_, ActorOf(caller_),
                     {"dues.pay", std::to_string(valid->person_id), member->branch.code, "",
                      valid->from.ToString() + ".." + valid->to.ToString() + "|" + std::to_string(result.total_fen) +
                          "|" + std::string(PayMethodCode(valid->method)) + "|" + valid->reference});
  tx.Commit();
  return result;
}

Result<Voluntary> DuesCommands::AddVoluntary(const VoluntaryForm& form) {
  auto valid = ValidateVoluntary(form, Date::Today());
  if (!valid.ok()) return valid.status();
  auto member = Member(valid->person_id, true);
  if (!member.ok()) return member.status();
  Voluntary v = *valid;
  v.person_name = member->name;
  v.org_id = member->branch.id;
  v.recorded_by = caller_.login;
  v.recorded_at = NowTimestamp();
  store::Transaction tx(db_);
  v.id = DuesRepo(db_).InsertVoluntary(v);
  store::AppendAudit(db_, ActorOf(caller_),
                     {"dues.voluntary", std::to_string(v.person_id), member->branch.code, "",
                      std::to_string(v.amount_fen) + "|" + (v.forward ? "forward" : "keep")});
  tx.Commit();
  return v;
}

Result<Exception> DuesCommands::Request(const ExceptionForm& form) {
  auto valid = ValidateException(form, Date::Today());
  if (!valid.ok()) return valid.status();
  auto member = Member(valid->person_id, true);
  if (!member.ok()) return member.status();
  DuesRepo repo(db_);
  Exception e = *valid;
  const auto bases = repo.Bases(e.person_id);
  for (Month m = e.from; m <= e.to; m = m.Plus(1)) {
    if (e.kind != ExceptionKind::kBackpay) {
      if (auto r = repo.FindRecord(e.person_id, m)) {
        return Status::Conflict("from_month",
                                m.ToString() + " 已是" + std::string(RecordStateName(r->state)) + "，不能再减免");
      }
      if (BasisAt(bases, m) == nullptr) {
        return Status::Invalid("from_month", m.ToString() + " 尚未核定缴费基数，请先登记缴费基数");
      }
    }
  }
  if (e.kind == ExceptionKind::kReduce) {
    const FixedAmounts fixed = repo.Fixed(member->province_id);
    for (Month m = e.from; m <= e.to; m = m.Plus(1)) {
      const Basis* b = BasisAt(bases, m);
      const int64_t standard = MonthlyDue(b->kind, b->base_fen, fixed);
      if (e.amount_fen >= standard) {
        return Status::Invalid("amount_fen",
                               "减缴后每月金额应少于按标准应缴的 " + Yuan(standard) + " 元（" + m.ToString() + "）");
      }
    }
  }
  for (const Exception& other : repo.ExceptionsOf(e.person_id)) {
    const bool relief = other.kind != ExceptionKind::kBackpay, mine = e.kind != ExceptionKind::kBackpay;
    if (other.state == ExceptionState::kRejected || relief != mine) continue;
    if (other.from <= e.to && e.from <= other.to) {
      return Status::Conflict("from_month", "该党员 " + other.from.ToString() + " 至 " + other.to.ToString() + " 已有" +
                                                std::string(ExceptionStateName(other.state)) + "的" +
                                                std::string(ExceptionKindName(other.kind)) + "申请，期间不能重叠");
    }
  }
  e.org_id = member->branch.id;
  e.recorded_by = caller_.login;
  e.recorded_at = NowTimestamp();
  store::Transaction tx(db_);
  e.id = repo.InsertException(e);
  store::AppendAudit(db_, ActorOf(caller_),
                     {"dues.exception.request", std::to_string(e.id), member->branch.code, "",
                      std::string(ExceptionKindCode(e.kind)) + "|" + std::to_string(e.person_id) + "|" +
                          e.from.ToString() + ".." + e.to.ToString() + "|" + std::to_string(e.amount_fen)});
  tx.Commit();
  return *repo.FindException(e.id);
}

Result<Exception> DuesCommands::Decide(int64_t id, bool approve, const std::string& note) {
  if (Status st = CanUseDues(caller_); !st.ok()) return st;
  DuesRepo repo(db_);
  auto e = repo.FindException(id);
  const Date today = Date::Today();
  org::OrgRepo orgs(db_);
  auto branch = e ? orgs.FindById(e->org_id, today) : std::nullopt;
  if (!e || !branch) return Status::NotFound("id", "未找到该申请，或不在您的管辖范围内");
  const DuesSides sides = SidesOf(orgs, caller_, *branch);
  if (!sides.visible) return Status::NotFound("id", "未找到该申请，或不在您的管辖范围内");
  if (!sides.approving) return Status::Forbidden("减免党费须由党支部的上级党组织审批，党支部不能审批本支部的申请");
  if (e->recorded_by == caller_.login) return Status::Forbidden("登记申请的人不能审批同一申请（双人复核）");
  if (e->state != ExceptionState::kPending) {
    return Status::Conflict("id", "该申请已" + std::string(ExceptionStateName(e->state)) + "，不能再次审批");
  }
  if (!approve && note.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::Invalid("note", "不批准时请填写理由");
  }
  if (note.size() > 1500) return Status::Invalid("note", "审批意见不能超过 500 个字");
  std::vector<Record> waived;
  if (approve && e->kind == ExceptionKind::kWaive) {
    for (Month m = e->from; m <= e->to; m = m.Plus(1)) {
      if (auto r = repo.FindRecord(e->person_id, m)) {
        return Status::Conflict("id", m.ToString() + " 已是" + std::string(RecordStateName(r->state)) +
                                          "，不能免缴；请退回后由支部重新申请");
      }
      Record w;
      w.person_id = e->person_id;
      w.month = m;
      w.org_id = e->org_id;
      w.state = RecordState::kWaived;
      w.recorded_by = caller_.login;
      w.recorded_at = NowTimestamp();
      waived.push_back(w);
    }
  }
  store::Transaction tx(db_);
  repo.DecideException(id, approve ? ExceptionState::kApproved : ExceptionState::kRejected, caller_.login,
                       NowTimestamp(), caller_.org_id, note);
  for (const Record& w : waived) repo.InsertRecord(w);
  if (!waived.empty()) RefreshAccount(e->person_id, e->org_id);
  store::AppendAudit(db_, ActorOf(caller_),
                     {approve ? "dues.exception.approve" : "dues.exception.reject", std::to_string(id), branch->code,
                      "pending", approve ? "approved" : "rejected"});
  tx.Commit();
  return *repo.FindException(id);
}

Status DuesCommands::RecordArrearsAction(int64_t person_id, const std::string& action) {
  auto member = Member(person_id, true);
  if (!member.ok()) return member.status();
  const auto text = action.find_first_not_of(" \t\r\n") == std::string::npos ? std::string() : action;
  if (text.empty()) return Status::Invalid("action", "请填写支部采取的措施（如谈话提醒、批评教育、限期交纳）");
  if (text.size() > 1500) return Status::Invalid("action", "采取的措施不能超过 500 个字");
  DuesRepo repo(db_);
  auto account = repo.Account(person_id);
  const Month current = Month::Of(Date::Today());
  const int64_t months = account ? ArrearsMonths(Month::Of(account->first_due_on), account->last_settled, current) : 0;
  if (months < kArrearsWarningMonths) {
    return Status::Invalid("person_id", member->name + " 未连续欠缴 3 个月以上，无需登记处置情况");
  }
  store::Transaction tx(db_);
  repo.InsertArrearsAction(person_id, member->branch.id, months, text, caller_.login, NowTimestamp());
  store::AppendAudit(
      db_, ActorOf(caller_),
      {"dues.arrears_action", std::to_string(person_id), member->branch.code, "", std::to_string(months)});
  tx.Commit();
  return Status::Ok();
}

Status DuesCommands::SetFixedAmount(const std::string& key, const std::string& value_fen) {
  if (caller_.role != accounts::Role::kOrgDepartment) return Status::Forbidden("固定交纳金额由省级党委组织部设定");
  org::OrgRepo orgs(db_);
  const Date today = Date::Today();
  auto unit = orgs.FindById(caller_.org_id, today);
  if (!unit || unit->level != org::Level::kProvince) return Status::Forbidden("固定交纳金额由省级党委组织部设定");
  if (key != "farmer_fen" && key != "student_fen" && key != "allowance_fen") {
    return Status::Invalid("key",
                           "设置项无效（可选：farmer_fen 农牧民、student_fen 学生、allowance_fen 最低生活保障/失业）");
  }
  auto v = ParseFen(value_fen, "value_fen", "每月金额", 10000);
  if (!v.ok()) return v.status();
  if (key == "farmer_fen" && (*v < kFarmerMinFen || *v > kFarmerMaxFen)) {
    return Status::Invalid("value_fen", "农牧民党员每月交纳 0.20–1.00 元（中组发〔2008〕3号）");
  }
  if (*v == 0) return Status::Invalid("value_fen", "每月金额应大于 0；个别党员不交纳请走免缴审批");
  DuesRepo repo(db_);
  store::Transaction tx(db_);
  repo.SetFixed(unit->id, key, *v, caller_.login, NowTimestamp());
  store::AppendAudit(db_, ActorOf(caller_), {"dues.setting", key, unit->code, "", std::to_string(*v)});
  tx.Commit();
  return Status::Ok();
}

}  // namespace jiceng::membership
