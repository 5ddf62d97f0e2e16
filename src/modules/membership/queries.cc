#include "modules/membership/queries.h"

#include <algorithm>

#include "modules/membership/commands.h"
#include "modules/membership/forms.h"
#include "modules/membership/permissions.h"

namespace jiceng::membership {
namespace {

Status BranchNotFound() { return Status::NotFound("org", "未找到该党支部，或不在您的管辖范围内"); }

int64_t ArrearsOf(const std::map<int64_t, AccountRow>& accounts, int64_t person_id, Month current) {
  auto it = accounts.find(person_id);
  if (it == accounts.end()) return 0;
  return ArrearsMonths(Month::Of(it->second.first_due_on), it->second.last_settled, current);
}

}  // namespace

bool MatchesLedger(const LedgerRow& row, const LedgerRequest& q) {
  if (!q.state.empty() && RecordStateCode(row.month.state) != q.state) return false;
  if (q.arrears == "3" && row.month.arrears_months < kArrearsWarningMonths) return false;
  if (q.arrears == "6" && row.month.arrears_months < kArrearsFlagMonths) return false;
  if (!q.query.empty() && row.month.name.find(q.query) == std::string::npos) return false;
  return true;
}

Result<Ledger> DuesQueries::LedgerOf(const LedgerRequest& q) {
  if (Status st = CanUseDues(caller_); !st.ok()) return st;
  auto month = ParseMonthField(q.month, "month", "月份");
  if (!month.ok()) return month.status();
  if (!q.state.empty() && !ParseRecordState(q.state)) {
    return Status::Invalid("state",
                           "状态无效（可选：unpaid 未缴、paid 已缴、waived 免缴、reduced 减缴、backpaid 补缴）");
  }
  if (!q.arrears.empty() && q.arrears != "3" && q.arrears != "6") {
    return Status::Invalid("arrears", "欠缴筛选应为 3（连续欠缴 3 个月及以上）或 6（6 个月及以上）");
  }
  if (q.page < 1) return Status::Invalid("page", "页码应为正整数");
  if (q.page_size < 1 || q.page_size > kMaxLedgerPageSize) {
    return Status::Invalid("page_size", "每页条数应为 1–" + std::to_string(kMaxLedgerPageSize));
  }
  const Date today = Date::Today();
  org::OrgRepo orgs(db_);
  if (q.org.empty()) return Status::Invalid("org", "请选择党支部");
  auto branch = org::FindWithin(orgs, caller_.org_id, q.org, today);
  if (!branch) return BranchNotFound();
  if (!IsBranch(*branch)) {
    return Status::Invalid(
        "org", branch->name + "是" + std::string(org::KindName(branch->kind)) + "，不是党支部；党费台账按党支部编制");
  }
  const DuesSides sides = SidesOf(orgs, caller_, *branch);
  DuesRepo repo(db_);
  Ledger ledger;
  ledger.org_id = branch->id;
  ledger.org_code = branch->code;
  ledger.org_name = branch->name;
  ledger.month = *month;
  ledger.current = Month::Of(today);
  ledger.can_enter = sides.branch;
  ledger.can_approve = sides.approving;
  ledger.fixed = repo.Fixed(ProvinceOf(orgs, branch->id, today));
  ledger.page = q.page;
  ledger.page_size = q.page_size;
  const Date as_of = std::min(month->LastDay(), today);
  const auto members = repo.MembersOf(branch->id, as_of);
  std::vector<int64_t> ids;
  for (const auto& m : members) ids.push_back(m.person_id);
  auto bases = repo.BasesOf(ids);
  auto approved = repo.ApprovedOf(ids);
  auto records = repo.RecordsOf(ids, *month);
  auto accounts = repo.AccountsOf(ids);
  auto actions = repo.LatestActions(ids);
  std::vector<LedgerRow> all;
  for (const auto& m : members) {
    MonthInputs in{bases[m.person_id], approved[m.person_id], std::nullopt};
    if (auto r = records.find(m.person_id); r != records.end()) in.record = r->second;
    LedgerRow row;
    row.month = ComputeMonth(m.person_id, m.name, m.status, in, ledger.fixed, *month);
    row.month.arrears_months = ArrearsOf(accounts, m.person_id, ledger.current);
    if (auto a = actions.find(m.person_id); a != actions.end()) {
      row.action = a->second.first;
      row.action_at = a->second.second;
    }
    LedgerTotals& t = ledger.totals;
    t.members++;
    t.due_fen += row.month.due_fen;
    t.paid_fen += row.month.paid_fen;
    t.owed_fen += row.month.owed_fen;
    t.by_state[static_cast<int>(row.month.state)]++;
    if (!row.month.has_basis) t.no_basis++;
    if (row.month.arrears_months >= kArrearsWarningMonths) t.arrears_warning++;
    if (row.month.arrears_months >= kArrearsFlagMonths) t.arrears_flag++;
    if (MatchesLedger(row, q)) all.push_back(std::move(row));
  }
  ledger.total = static_cast<int64_t>(all.size());
  const size_t begin = static_cast<size_t>(q.page - 1) * q.page_size;
  for (size_t i = begin; i < all.size() && i < begin + q.page_size; ++i) ledger.rows.push_back(std::move(all[i]));
  ledger.voluntary = repo.VoluntaryOf(branch->id, *month);
  for (const Voluntary& v : ledger.voluntary) ledger.totals.voluntary_fen += v.amount_fen;
  return ledger;
}

Result<MemberDues> DuesQueries::Member(int64_t person_id) {
  if (Status st = CanUseDues(caller_); !st.ok()) return st;
  const Date today = Date::Today();
  DuesRepo repo(db_);
  org::OrgRepo orgs(db_);
  auto branch_id = repo.BranchOf(person_id, today);
  auto branch = branch_id ? orgs.FindById(*branch_id, today) : std::nullopt;
  if (!branch || !SidesOf(orgs, caller_, *branch).visible) {
    return Status::NotFound("person_id", "未找到该党员，或不在您的管辖范围内");
  }
  MemberDues d;
  d.person_id = person_id;
  d.name = repo.PersonName(person_id).value_or("");
  d.org_code = branch->code;
  d.org_name = branch->name;
  d.can_enter = SidesOf(orgs, caller_, *branch).branch && IsBranch(*branch);
  d.fixed = repo.Fixed(ProvinceOf(orgs, branch->id, today));
  d.bases = repo.Bases(person_id);
  d.records = repo.RecordsOfPerson(person_id);
  d.exceptions = repo.ExceptionsOf(person_id);
  const Month current = Month::Of(today);
  std::string status;
  for (const auto& m : repo.MembersOf(branch->id, today)) {
    if (m.person_id == person_id) status = m.status;
  }
  MonthInputs in{d.bases, repo.ApprovedOf({person_id})[person_id], repo.FindRecord(person_id, current)};
  d.current = ComputeMonth(person_id, d.name, status, in, d.fixed, current);
  auto accounts = repo.AccountsOf({person_id});
  d.arrears_months = ArrearsOf(accounts, person_id, current);
  d.current.arrears_months = d.arrears_months;
  std::reverse(d.bases.begin(), d.bases.end());
  return d;
}

std::vector<Exception> DuesQueries::Approvable() {
  const Date today = Date::Today();
  org::OrgRepo orgs(db_);
  DuesRepo repo(db_);
  std::vector<Exception> out;
  for (Exception& e : repo.Pending(orgs.SubtreeIds(caller_.org_id, today))) {
    auto branch = orgs.FindById(e.org_id, today);
    if (!branch) continue;
    if (!SidesOf(orgs, caller_, *branch).approving) continue;  // the branch's own requests show on its ledger
    e.org_code = branch->code;
    e.org_name = branch->name;
    out.push_back(std::move(e));
  }
  return out;
}

Result<PendingPage> DuesQueries::Pending(int page, int page_size) {
  if (Status st = CanUseDues(caller_); !st.ok()) return st;
  if (page < 1) return Status::Invalid("page", "页码应为正整数");
  if (page_size < 1 || page_size > kMaxLedgerPageSize) {
    return Status::Invalid("page_size", "每页条数应为 1–" + std::to_string(kMaxLedgerPageSize));
  }
  std::vector<Exception> mine = Approvable();
  PendingPage out;
  out.total = static_cast<int64_t>(mine.size());
  const size_t begin = static_cast<size_t>(page - 1) * page_size;
  for (size_t i = begin; i < mine.size() && i < begin + page_size; ++i) {
    out.can_decide.push_back(mine[i].recorded_by != caller_.login);
    out.items.push_back(std::move(mine[i]));
  }
  return out;
}

Result<ArrearsTodo> DuesQueries::Todo() {
  if (Status st = CanUseDues(caller_); !st.ok()) return st;
  const Date today = Date::Today();
  const Month current = Month::Of(today);
  org::OrgRepo orgs(db_);
  DuesRepo repo(db_);
  ArrearsTodo todo;
  const auto subtree = orgs.SubtreeIds(caller_.org_id, today);
  auto rows = repo.InArrears(subtree, today);
  std::vector<int64_t> ids;
  for (const auto& a : rows) ids.push_back(a.person_id);
  auto actions = repo.LatestActions(ids);
  std::map<int64_t, org::OrgUnit> branches;
  for (const auto& a : rows) {
    ArrearsItem item;
    item.person_id = a.person_id;
    item.name = repo.PersonName(a.person_id).value_or("");
    if (!branches.count(a.org_id)) {
      if (auto b = orgs.FindById(a.org_id, today)) branches[a.org_id] = *b;
    }
    item.org_code = branches[a.org_id].code;
    item.org_name = branches[a.org_id].name;
    item.months = ArrearsMonths(Month::Of(a.first_due_on), a.last_settled, current);
    item.flagged = item.months >= kArrearsFlagMonths;
    if (auto act = actions.find(a.person_id); act != actions.end()) {
      item.action = act->second.first;
      item.action_at = act->second.second;
    }
    (item.flagged ? todo.flags : todo.warnings)++;
    if (item.flagged && item.action.empty()) todo.flags_without_action++;
    todo.items.push_back(std::move(item));
  }
  std::stable_sort(todo.items.begin(), todo.items.end(),
                   [](const ArrearsItem& a, const ArrearsItem& b) { return a.months > b.months; });
  if (todo.items.size() > 100) todo.items.resize(100);
  // Every request the caller may decide, not just the first page of them.
  for (const Exception& e : Approvable()) todo.pending_approvals += e.recorded_by != caller_.login ? 1 : 0;
  return todo;
}

std::vector<org::OrgUnit> DuesQueries::OwnBranches() {
  const Date today = Date::Today();
  org::OrgRepo orgs(db_);
  std::vector<org::OrgUnit> out;
  auto self = orgs.FindById(caller_.org_id, today);
  if (!self) return out;
  if (IsBranch(*self)) return {*self};
  for (const auto& child : orgs.Children(caller_.org_id, today)) {
    if (IsBranch(child)) out.push_back(child);
  }
  return out;
}

}  // namespace jiceng::membership
