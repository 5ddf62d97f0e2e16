#include "modules/orglife/queries.h"

#include <algorithm>

#include "modules/duty/evidence.h"

namespace jiceng::orglife {
namespace {

constexpr const char* kNotFound = "未找到该会议，或不在您的管辖范围内";

std::string PeriodWord(PeriodUnit u) { return u == PeriodUnit::kMonth ? "本月" : u == PeriodUnit::kQuarter ? "本季度" : "本年度"; }
std::string LastPeriodWord(PeriodUnit u) { return u == PeriodUnit::kMonth ? "上月" : u == PeriodUnit::kQuarter ? "上季度" : "上年度"; }
int ReminderDays(PeriodUnit u) { return u == PeriodUnit::kMonth ? 10 : u == PeriodUnit::kQuarter ? 30 : 60; }

int Clamp(int page_size) { return std::clamp(page_size, 1, kMaxPageSize); }

}  // namespace

ComplianceCell CellOf(const Rule& rule, bool applies, Date formed_on, const Period& period, Date today,
                      const std::vector<Date>& held) {
  ComplianceCell c;
  c.kind = rule.kind;
  c.applies = applies;
  if (!applies) return c;
  const PeriodUnit asked = *UnitOfKey(period.key);
  if (MonthsOf(rule.unit) <= MonthsOf(asked)) {
    for (const PeriodStanding& s : Evaluate(rule, formed_on, period.start, period.end.AddDays(-1), held)) {
      if (s.period.start >= period.end) break;
      c.required += s.required;
      c.held += s.held;
      if (s.ended && s.period.end <= today && s.held < s.required) c.behind = true;
    }
    return c;
  }
  const Period p = PeriodOf(period.start, rule.unit);
  c.required = Required(p, formed_on) ? rule.times : 0;
  c.held = static_cast<int>(std::count_if(held.begin(), held.end(), [&](Date d) { return p.start <= d && d < p.end; }));
  c.behind = p.end <= today && c.held < c.required;
  return c;
}

Result<org::OrgUnit> OrglifeQueries::Scope(const std::string& code) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  org::OrgRepo orgs(db_);
  auto unit = org::FindWithin(orgs, caller_.org_id, code.empty() ? caller_.org_code : code, Date::Today());
  if (!unit) return Status::NotFound("org", "未找到该组织，或不在您的管辖范围内");
  return *unit;
}

Result<MeetingPage> OrglifeQueries::List(const ListRequest& r) {
  auto scope = Scope(r.org);
  if (!scope.ok()) return scope.status();
  MeetingFilter f;
  f.root = scope->id;
  if (!r.kind.empty()) {
    auto k = ParseKind(r.kind);
    if (!k) return Status::Invalid("kind", "会议类型无效：" + r.kind);
    f.kind = std::string(KindCode(*k));
  }
  if (!r.state.empty()) {
    auto s = ParseState(r.state);
    if (!s) return Status::Invalid("state", "状态无效：" + r.state);
    f.state = std::string(StateCode(*s));
  }
  if (!r.month.empty() && UnitOfKey(r.month) != PeriodUnit::kMonth) {
    return Status::Invalid("month", "月份格式应为 YYYY-MM");
  }
  f.month = r.month;
  if (r.query.size() > 200) return Status::Invalid("q", "搜索词过长");
  f.query = r.query;
  MeetingPage page;
  page.page = std::max(1, r.page);
  page.page_size = Clamp(r.page_size);
  f.limit = page.page_size;
  f.offset = (page.page - 1) * page.page_size;
  page.total = repo_.Count(f);
  page.items = repo_.List(f);
  return page;
}

Result<MeetingDetail> OrglifeQueries::Show(int64_t id) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  auto m = repo_.Find(id);
  if (!m) return Status::NotFound("id", kNotFound);
  org::OrgRepo orgs(db_);
  auto branch = orgs.FindById(m->branch_id, Date::Today());
  if (!branch) return Status::NotFound("id", kNotFound);
  MeetingDetail d;
  d.sides = SidesOf(orgs, caller_, *branch);
  if (!d.sides.visible) return Status::NotFound("id", kNotFound);
  d.meeting = std::move(*m);
  const Meeting& mt = d.meeting;
  d.roll = RollOf(mt.kind, mt.attendees);
  d.attachments = repo_.Attachments(id);
  d.can_record = d.sides.branch && (mt.state == State::kPlanned || mt.state == State::kReturned);
  d.can_cancel = d.sides.branch && mt.state == State::kPlanned;
  d.can_review = d.sides.reviewing && mt.state == State::kSubmitted && mt.submitted_by != caller_.login;
  d.can_attach = d.sides.branch && mt.state != State::kApproved && mt.state != State::kCancelled;
  d.rule = EffectiveRule(db_, mt.branch_id, mt.kind);
  if (mt.kind == Kind::kGeneralMeeting) {
    d.vote_allowed = MoreThanHalf(d.roll.voting_present, d.roll.voting_due);
    d.quorum_text = "应到有表决权的正式党员 " + std::to_string(d.roll.voting_due) + " 人，须超过半数（至少 " +
                    std::to_string(d.roll.voting_due / 2 + 1) + " 人）到会方可表决；预备党员可以参会，没有表决权";
  } else if (mt.kind == Kind::kCommitteeMeeting) {
    d.vote_allowed = MoreThanHalf(d.roll.committee_present, d.roll.committee_due);
    d.quorum_text = "应到支部委员 " + std::to_string(d.roll.committee_due) + " 人，须超过半数（至少 " +
                    std::to_string(d.roll.committee_due / 2 + 1) + " 人）到会方可表决";
  }
  return d;
}

Result<std::pair<Attachment, std::string>> OrglifeQueries::AttachmentFile(int64_t id, const std::string& files_dir) {
  auto a = repo_.FindAttachment(id);
  if (!a) return Status::NotFound("id", "未找到该附件");
  auto meeting = Show(a->meeting_id);
  if (!meeting.ok()) return Status::NotFound("id", "未找到该附件");
  auto bytes = duty::EvidenceStore(files_dir).Get(a->sha256);
  if (!bytes.ok()) return bytes.status();
  return std::make_pair(*a, std::move(*bytes));
}

Result<std::vector<std::pair<int64_t, std::string>>> OrglifeQueries::BranchesOf(const std::string& org) {
  auto scope = Scope(org);
  if (!scope.ok()) return scope.status();
  return repo_.Branches(scope->id, Date::Today());
}

Result<BranchDue> OrglifeQueries::Due(const std::string& branch_code) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  org::OrgRepo orgs(db_);
  auto branch = BranchWithin(orgs, caller_, branch_code, "branch");
  if (!branch.ok()) return branch.status();
  const Date today = Date::Today();
  BranchDue due;
  due.branch_id = branch->id;
  due.code = branch->code;
  due.name = branch->name;
  due.branch_side = SidesOf(orgs, caller_, *branch).branch;
  due.shape = ShapeOf(db_, branch->id, today);
  const Date formed = orgs.FirstDay(branch->id).value_or(today);
  MeetingFilter planned;
  planned.root = branch->id;
  planned.state = "planned";
  planned.limit = 50;
  due.upcoming = repo_.List(planned);
  std::reverse(due.upcoming.begin(), due.upcoming.end());
  for (Kind kind : AllKinds()) {
    KindDue k;
    k.kind = kind;
    k.rule = EffectiveRule(db_, branch->id, kind);
    k.required = kind == Kind::kCommitteeMeeting ? due.shape.has_committee()
                 : kind == Kind::kGroupMeeting   ? due.shape.groups > 0
                                                 : true;
    k.period = PeriodOf(today, k.rule.rule.unit);
    const auto held = repo_.HeldDays(branch->id, kind);
    k.required_count = Required(k.period, formed) ? k.rule.rule.times : 0;
    k.held = static_cast<int>(
        std::count_if(held.begin(), held.end(), [&](Date d) { return k.period.start <= d && d < k.period.end; }));
    k.planned = static_cast<int>(std::count_if(due.upcoming.begin(), due.upcoming.end(),
                                               [&](const Meeting& m) { return m.kind == kind; }));
    k.behind = k.required && SpanOf(k.rule.rule, formed, held, today).On(today);
    k.last_period_key = PeriodOf(k.period.start.AddDays(-1), k.rule.rule.unit).key;
    due.kinds.push_back(std::move(k));
  }
  std::vector<int64_t> issuers = orgs.AncestorIds(branch->id, today);
  for (const Theme& t : repo_.ThemesBy(issuers, 10)) {
    if (t.deadline >= today.AddDays(-31)) due.themes.push_back(t);
  }
  return due;
}

ComplianceRow OrglifeQueries::RowOf(int64_t branch_id, const std::string& name, const Period& period, Date today) {
  org::OrgRepo orgs(db_);
  ComplianceRow row;
  row.branch_id = branch_id;
  row.name = name;
  if (auto u = orgs.FindById(branch_id, today)) row.code = u->code;
  const Date formed = orgs.FirstDay(branch_id).value_or(today);
  const BranchShape shape = ShapeOf(db_, branch_id, today);
  row.committee_missing = shape.committee_required() && !shape.has_committee();
  for (Kind kind : AllKinds()) {
    const bool applies = kind == Kind::kCommitteeMeeting ? shape.has_committee()
                         : kind == Kind::kGroupMeeting   ? shape.groups > 0
                                                         : true;
    ComplianceCell c = CellOf(EffectiveRule(db_, branch_id, kind).rule, applies, formed, period, today,
                              repo_.HeldDays(branch_id, kind));
    if (c.behind && IsThreeMeetingsOneLecture(kind)) row.behind = true;
    row.cells.push_back(c);
  }
  return row;
}

Result<Compliance> OrglifeQueries::ComplianceOf(const std::string& org_code, const std::string& period_key,
                                                bool only_behind, int page, int page_size) {
  auto scope = Scope(org_code);
  if (!scope.ok()) return scope.status();
  const Date today = Date::Today();
  Compliance c;
  c.org_code = scope->code;
  c.org_name = scope->name;
  if (period_key.empty()) {
    c.period = PeriodOf(today, PeriodUnit::kQuarter);
  } else {
    auto p = ParsePeriod(period_key);
    if (!p) return Status::Invalid("period", "统计周期格式应为 2026Q4、2026-11 或 2026");
    c.period = *p;
  }
  c.page = std::max(1, page);
  c.page_size = Clamp(page_size);
  const auto branches = repo_.Branches(scope->id, today);
  c.branches = static_cast<int64_t>(branches.size());
  std::vector<ComplianceRow> kept;
  for (const auto& [id, name] : branches) {
    ComplianceRow row = RowOf(id, name, c.period, today);
    if (row.behind) ++c.behind;
    if (only_behind && !row.behind) continue;
    kept.push_back(std::move(row));
  }
  c.total = static_cast<int64_t>(kept.size());
  const size_t from = static_cast<size_t>(c.page - 1) * static_cast<size_t>(c.page_size);
  for (size_t i = from; i < kept.size() && i < from + static_cast<size_t>(c.page_size); ++i) {
    c.rows.push_back(std::move(kept[i]));
  }
  return c;
}

Result<MeetingPage> OrglifeQueries::ReviewQueue(int page, int page_size) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  MeetingPage out;
  out.page = std::max(1, page);
  out.page_size = Clamp(page_size);
  if (caller_.role == accounts::Role::kVillageCommittees) return out;  // never a reviewer
  // Submitted meetings of branches strictly below the caller's hosted ones: those hosted by the caller's own
  // unit (its own 机关党支部) are the caller's to record, not to review.
  org::OrgRepo orgs(db_);
  std::vector<Meeting> all;
  for (int off = 0;; off += 500) {
    auto chunk = repo_.Submitted(caller_.org_id, 500, off);
    for (auto& m : chunk) {
      auto b = orgs.FindById(m.branch_id, Date::Today());
      if (b && SidesOf(orgs, caller_, *b).reviewing) all.push_back(std::move(m));
    }
    if (chunk.size() < 500) break;
  }
  out.total = static_cast<int64_t>(all.size());
  const size_t from = static_cast<size_t>(out.page - 1) * static_cast<size_t>(out.page_size);
  for (size_t i = from; i < all.size() && i < from + static_cast<size_t>(out.page_size); ++i) {
    out.items.push_back(std::move(all[i]));
  }
  return out;
}

Result<std::vector<TodoItem>> OrglifeQueries::Todo() {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  std::vector<TodoItem> out;
  const Date today = Date::Today();
  org::OrgRepo orgs(db_);
  for (const auto& [id, name] : repo_.Branches(caller_.org_id, today)) {
    auto unit = orgs.FindById(id, today);
    if (!unit || !SidesOf(orgs, caller_, *unit).branch) continue;
    auto due = Due(unit->code);
    if (!due.ok()) continue;
    for (const KindDue& k : due->kinds) {
      if (!k.required) continue;
      const std::string kind_name(KindName(k.kind));
      if (k.behind) {
        out.push_back({"behind", LastPeriodWord(k.rule.rule.unit) + "未按期召开" + kind_name, unit->code, name, 0,
                       k.period.start.AddDays(-1).ToString()});
      }
      if (k.held < k.required_count && k.period.end.AddDays(-ReminderDays(k.rule.rule.unit)) <= today) {
        std::string text = PeriodWord(k.rule.rule.unit) + "尚未召开" + kind_name;
        if (k.required_count > 1) text += "（还差 " + std::to_string(k.required_count - k.held) + " 次）";
        out.push_back({"due", text, unit->code, name, 0, k.period.end.AddDays(-1).ToString()});
      }
    }
    if (due->shape.committee_required() && !due->shape.has_committee()) {
      out.push_back({"committee",
                     "本支部有正式党员 " + std::to_string(due->shape.full_members) + " 人，应当设立支部委员会",
                     unit->code, name, 0, ""});
    }
    MeetingFilter returned;
    returned.root = id;
    returned.state = "returned";
    returned.limit = 20;
    for (const Meeting& m : repo_.List(returned)) {
      out.push_back({"returned", "会议记录被退回：" + m.topic + "（" + m.review_note + "）", unit->code, name, m.id, ""});
    }
    for (const Meeting& m : due->upcoming) {
      if (m.planned_at.substr(0, 10) < today.ToString()) {
        out.push_back({"record", "已过计划时间，请填报会议记录：" + m.topic, unit->code, name, m.id,
                       m.planned_at.substr(0, 10)});
      }
    }
    for (const Theme& t : due->themes) {
      if (t.deadline < today) continue;
      MeetingFilter f;
      f.root = id;
      bool reported = false;
      for (const Meeting& m : repo_.List(f)) {
        if (m.theme_id == t.id && (m.state == State::kSubmitted || m.state == State::kApproved)) reported = true;
      }
      if (!reported) {
        out.push_back({"theme", t.issuer_org_name + "下发主题：" + t.title, unit->code, name, 0, t.deadline.ToString()});
      }
    }
  }
  if (caller_.role != accounts::Role::kVillageCommittees) {
    auto queue = ReviewQueue(1, 1);
    if (queue.ok() && queue->total > 0) {
      out.push_back({"review", std::to_string(queue->total) + " 份会议记录待审核", caller_.org_code, caller_.org_name, 0,
                     ""});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const TodoItem& a, const TodoItem& b) {
    if (a.due_on.empty() != b.due_on.empty()) return !a.due_on.empty();
    return a.due_on < b.due_on;
  });
  return out;
}

Result<std::vector<RuleRow>> OrglifeQueries::Rules(const std::string& org_code) {
  auto scope = Scope(org_code);
  if (!scope.ok()) return scope.status();
  std::vector<RuleRow> out;
  for (Kind kind : AllKinds()) {
    RuleRow r;
    r.kind = kind;
    r.applied = EffectiveRule(db_, scope->id, kind);
    r.inherited = InheritedRule(db_, scope->id, kind);
    r.set_here = r.applied.source_org_id == scope->id;
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Group>> OrglifeQueries::Groups(const std::string& branch_code) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  org::OrgRepo orgs(db_);
  auto branch = BranchWithin(orgs, caller_, branch_code, "branch");
  if (!branch.ok()) return branch.status();
  return repo_.Groups(branch->id);
}

Result<std::vector<BranchMember>> OrglifeQueries::Members(const std::string& branch_code) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  org::OrgRepo orgs(db_);
  auto branch = BranchWithin(orgs, caller_, branch_code, "branch");
  if (!branch.ok()) return branch.status();
  return repo_.Members(branch->id, Date::Today());
}

Result<std::vector<Theme>> OrglifeQueries::Themes() {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  org::OrgRepo orgs(db_);
  std::vector<int64_t> issuers = orgs.AncestorIds(caller_.org_id, Date::Today());
  issuers.push_back(caller_.org_id);
  auto themes = repo_.ThemesBy(issuers, 50);
  for (Theme& t : themes) {
    if (t.issuer_org_id != caller_.org_id) continue;
    t.branches = static_cast<int>(repo_.Branches(t.issuer_org_id, Date::Today()).size());
    t.reported = static_cast<int>(repo_.ThemeReports(t.id));
  }
  return themes;
}

}  // namespace jiceng::orglife
