#include "modules/orglife/commands.h"

#include <algorithm>
#include <set>

#include "modules/duty/evidence.h"
#include "modules/org/repo.h"
#include "modules/orglife/frequency.h"
#include "modules/orglife/permissions.h"
#include "modules/orglife/quorum.h"
#include "modules/orglife/standing.h"
#include "store/audit.h"

namespace jiceng::orglife {
namespace {

constexpr const char* kNotFound = "未找到该会议，或不在您的管辖范围内";

std::string NowMinute() {
  const std::string now = NowTimestamp();  // "YYYY-MM-DDTHH:MM:SS+08:00"
  return now.substr(0, 10) + " " + now.substr(11, 5);
}

int64_t PersonOfAccount(store::Connection& db, int64_t account_id) {
  auto s = db.Prepare("SELECT COALESCE(person_id, 0) FROM account WHERE id = ?1");
  s->Bind(1, account_id);
  return s->Step() ? s->Int(0) : 0;
}

bool PersonExists(store::Connection& db, int64_t id) {
  auto s = db.Prepare("SELECT 1 FROM person WHERE id = ?1");
  s->Bind(1, id);
  return s->Step();
}

}  // namespace

std::string Describe(const Meeting& m) {
  std::string d = std::string(KindCode(m.kind)) + "|" + std::string(StateCode(m.state)) + "|" + m.topic + "|" +
                  m.planned_at + "|" + m.held_at + "|" + m.minutes + "|" + m.decisions;
  for (const Attendee& a : m.attendees) d += "|" + std::to_string(a.person_id) + ":" + std::string(PresenceCode(a.presence));
  return d;
}

void OrglifeCommands::Audit(const std::string& action, const std::string& object, const std::string& org_code,
                            const std::string& before, const std::string& after) {
  store::AppendAudit(db_, {caller_.login, caller_.address}, {action, object, org_code, before, after});
}

Result<Meeting> OrglifeCommands::BranchMeeting(int64_t id) {
  auto m = repo_.Find(id);
  if (!m) return Status::NotFound("id", kNotFound);
  org::OrgRepo orgs(db_);
  auto branch = orgs.FindById(m->branch_id, Date::Today());
  if (!branch) return Status::NotFound("id", kNotFound);
  const Sides sides = SidesOf(orgs, caller_, *branch);
  if (!sides.visible) return Status::NotFound("id", kNotFound);
  if (!sides.branch) return Status::Forbidden("只有本支部或其所在村（社区）、单位可以填报本支部的会议");
  return *m;
}

Result<Meeting> OrglifeCommands::Plan(const PlanForm& form) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  store::Transaction tx(db_);
  org::OrgRepo orgs(db_);
  auto branch = BranchWithin(orgs, caller_, form.branch_code, "branch_code");
  if (!branch.ok()) return branch.status();
  if (!SidesOf(orgs, caller_, *branch).branch) {
    return Status::Forbidden("只有本支部或其所在村（社区）、单位可以安排本支部的会议");
  }
  auto kind = CheckKind(form.kind);
  if (!kind.ok()) return kind.status();
  JICENG_RETURN_IF_ERROR(CheckText("topic", form.topic, "会议议题", 200, true, false));
  auto planned = ParseMoment(form.planned_at);
  if (!planned) return Status::Invalid("planned_at", "计划时间格式应为 YYYY-MM-DD HH:MM");
  JICENG_RETURN_IF_ERROR(CheckText("place", form.place, "会议地点", 100, false, false));
  JICENG_RETURN_IF_ERROR(CheckText("online_link", form.online_link, "线上会议链接", 300, false, false));
  auto group_id = CheckId(form.group_id, "group_id", "党小组");
  if (!group_id.ok()) return group_id.status();
  auto theme_id = CheckId(form.theme_id, "theme_id", "上级主题");
  if (!theme_id.ok()) return theme_id.status();

  Meeting m;
  m.branch_id = branch->id;
  m.kind = *kind;
  m.topic = form.topic;
  m.planned_at = *planned;
  m.place = form.place;
  m.online_link = form.online_link;
  m.created_by = caller_.login;
  const Date today = Date::Today();
  const auto members = repo_.Members(branch->id, today);
  std::vector<int64_t> due;
  if (*kind == Kind::kGroupMeeting) {
    if (*group_id == 0) return Status::Invalid("group_id", "党小组会请选择党小组");
    auto group = repo_.FindGroup(*group_id);
    if (!group || group->branch_id != branch->id) return Status::Invalid("group_id", "该党小组不属于本支部");
    m.group_id = group->id;
    for (const auto& [id, name] : group->members) due.push_back(id);
  } else if (*group_id != 0) {
    return Status::Invalid("group_id", "只有党小组会需要选择党小组");
  }
  if (*kind == Kind::kCommitteeMeeting) {
    for (const BranchMember& b : members) {
      if (b.committee) due.push_back(b.person_id);
    }
    if (static_cast<int>(due.size()) < kMinCommittee) {
      return Status::Invalid("kind", "本支部未设支部委员会（支部委员不足 3 人），不能召开支部委员会会议");
    }
  } else if (*kind != Kind::kGroupMeeting) {
    for (const BranchMember& b : members) due.push_back(b.person_id);
  }
  if (*theme_id != 0) {
    auto theme = repo_.FindTheme(*theme_id);
    if (!theme || !org::WithinScope(orgs, theme->issuer_org_id, branch->id, today) ||
        theme->issuer_org_id == branch->id) {
      return Status::Invalid("theme_id", "该主题不是本支部的上级下发的");
    }
    if (theme->kind != *kind) {
      return Status::Invalid("kind", "该主题要求召开" + std::string(KindName(theme->kind)) + "，请选择相同的会议类型");
    }
    m.theme_id = theme->id;
  }
  std::vector<Attendee> attendees;
  for (int64_t id : due) {
    auto it = std::find_if(members.begin(), members.end(), [&](const BranchMember& b) { return b.person_id == id; });
    Attendee a;
    a.person_id = id;
    a.voting = it != members.end() && it->status == "full_member";
    attendees.push_back(a);
  }
  m.state = State::kPlanned;
  const std::string now = NowTimestamp();
  const int64_t id = repo_.Insert(m, now);
  repo_.SetAttendees(id, attendees);
  auto saved = repo_.Find(id);
  Audit("orglife.plan", std::to_string(id), branch->code, "", Describe(*saved));
  tx.Commit();
  return *saved;
}

Result<Meeting> OrglifeCommands::Record(int64_t id, const RecordForm& form) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  store::Transaction tx(db_);
  auto found = BranchMeeting(id);
  if (!found.ok()) return found.status();
  Meeting m = *found;
  const std::string before = Describe(m);
  if (m.state == State::kSubmitted) return Status::Conflict("state", "会议记录已提交，待上级审核，不能修改");
  if (m.state == State::kApproved) return Status::Conflict("state", "会议记录已审核通过，不能修改");
  if (m.state == State::kCancelled) return Status::Conflict("state", "会议已取消");
  if (!form.topic.empty()) {
    JICENG_RETURN_IF_ERROR(CheckText("topic", form.topic, "会议议题", 200, true, false));
    m.topic = form.topic;
  }
  auto held = ParseMoment(form.held_at);
  if (form.held_at.empty()) return Status::Invalid("held_at", "请填写召开时间");
  if (!held) return Status::Invalid("held_at", "召开时间格式应为 YYYY-MM-DD HH:MM");
  if (*held > NowMinute()) return Status::Invalid("held_at", "召开时间不能晚于现在");
  JICENG_RETURN_IF_ERROR(CheckText("place", form.place, "会议地点", 100, false, false));
  JICENG_RETURN_IF_ERROR(CheckText("online_link", form.online_link, "线上会议链接", 300, false, false));
  if (form.place.empty() && form.online_link.empty()) {
    return Status::Invalid("place", "请填写会议地点或线上会议链接");
  }
  auto presenter = CheckId(form.presenter_id, "presenter_id", "主持人");
  if (!presenter.ok()) return presenter.status();
  if (*presenter == 0) return Status::Invalid("presenter_id", "请选择主持人（授课人）");
  if (!PersonExists(db_, *presenter)) return Status::Invalid("presenter_id", "主持人不在人员信息中");
  auto recorder = CheckId(form.recorder_id, "recorder_id", "记录人");
  if (!recorder.ok()) return recorder.status();
  if (*recorder == 0) return Status::Invalid("recorder_id", "请选择记录人");
  if (!PersonExists(db_, *recorder)) return Status::Invalid("recorder_id", "记录人不在人员信息中");
  JICENG_RETURN_IF_ERROR(CheckText("invitees", form.invitees, "列席人员", 500, false, true));
  JICENG_RETURN_IF_ERROR(CheckText("minutes", form.minutes, "会议记录", 20000, true, true));
  JICENG_RETURN_IF_ERROR(CheckText("decisions", form.decisions, "会议决定", 5000, false, true));

  std::set<int64_t> seen;
  for (const AttendanceForm& a : form.attendance) {
    auto it = std::find_if(m.attendees.begin(), m.attendees.end(),
                           [&](const Attendee& x) { return x.person_id == a.person_id; });
    if (it == m.attendees.end()) return Status::Invalid("attendance", "出席登记中有不属于应到人员的人");
    if (!seen.insert(a.person_id).second) return Status::Invalid("attendance", it->name + " 登记了两次");
    auto presence = ParsePresence(a.presence);
    if (!presence) return Status::Invalid("attendance", it->name + " 的出席情况无效：" + a.presence);
    JICENG_RETURN_IF_ERROR(CheckText("attendance", a.reason, "请假原因", 200, false, false));
    JICENG_RETURN_IF_ERROR(CheckText("attendance", a.note, "更正说明", 200, false, false));
    if (*presence == Presence::kLeave && a.reason.empty()) {
      return Status::Invalid("attendance", it->name + " 请假，请填写请假原因");
    }
    it->presence = *presence;
    it->reason = *presence == Presence::kLeave ? a.reason : "";
    it->note = a.note;
  }
  for (const Attendee& a : m.attendees) {
    if (a.presence == Presence::kUnsigned) {
      return Status::Invalid("attendance", "请登记每位应到人员的出席情况：" + a.name + " 尚未登记");
    }
  }
  const Roll roll = RollOf(m.kind, m.attendees);
  if (form.vote) JICENG_RETURN_IF_ERROR(CheckVote(m.kind, roll, *form.vote));
  m.vote = form.vote;
  m.held_at = *held;
  m.place = form.place;
  m.online_link = form.online_link;
  m.presenter_id = *presenter;
  m.recorder_id = *recorder;
  m.invitees = form.invitees;
  m.minutes = form.minutes;
  m.decisions = form.decisions;
  m.state = State::kSubmitted;
  m.submitted_by = caller_.login;
  const std::string now = NowTimestamp();
  m.submitted_at = now;
  repo_.Update(m, now);
  repo_.SetAttendees(m.id, m.attendees);
  RefreshStanding(db_, m.branch_id);
  auto saved = repo_.Find(m.id);
  Audit("orglife.record", std::to_string(m.id), m.branch_code, before, Describe(*saved));
  tx.Commit();
  return *saved;
}

Result<Meeting> OrglifeCommands::Cancel(int64_t id, const std::string& reason) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  store::Transaction tx(db_);
  auto found = BranchMeeting(id);
  if (!found.ok()) return found.status();
  if (found->state != State::kPlanned) return Status::Conflict("state", "只有待召开的会议可以取消");
  JICENG_RETURN_IF_ERROR(CheckText("reason", reason, "取消原因", 200, true, false));
  const std::string now = NowTimestamp();
  repo_.SetReview(id, State::kCancelled, caller_.login, now, caller_.org_id, reason);
  auto saved = repo_.Find(id);
  Audit("orglife.cancel", std::to_string(id), found->branch_code, Describe(*found), Describe(*saved));
  tx.Commit();
  return *saved;
}

Result<Meeting> OrglifeCommands::Review(int64_t id, bool approve, const std::string& note) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  store::Transaction tx(db_);
  auto m = repo_.Find(id);
  if (!m) return Status::NotFound("id", kNotFound);
  org::OrgRepo orgs(db_);
  auto branch = orgs.FindById(m->branch_id, Date::Today());
  if (!branch) return Status::NotFound("id", kNotFound);
  const Sides sides = SidesOf(orgs, caller_, *branch);
  if (!sides.visible) return Status::NotFound("id", kNotFound);
  if (!sides.reviewing) return Status::Forbidden("只有支部的上级党组织（乡镇党委、组织部）可以审核会议记录");
  if (m->state != State::kSubmitted) return Status::Conflict("state", "只有待审核的会议记录可以审核");
  // Four eyes: whoever recorded or submitted the record does not review it.
  if (m->submitted_by == caller_.login) return Status::Forbidden("提交会议记录的人不能审核这份记录");
  const int64_t me = PersonOfAccount(db_, caller_.account_id);
  if (me != 0 && me == m->recorder_id) return Status::Forbidden("会议记录人不能审核本次会议记录");
  if (!approve) JICENG_RETURN_IF_ERROR(CheckText("note", note, "退回原因", 500, true, true));
  if (approve) JICENG_RETURN_IF_ERROR(CheckText("note", note, "审核意见", 500, false, true));
  const std::string now = NowTimestamp();
  repo_.SetReview(id, approve ? State::kApproved : State::kReturned, caller_.login, now, caller_.org_id, note);
  RefreshStanding(db_, m->branch_id);
  auto saved = repo_.Find(id);
  Audit(approve ? "orglife.approve" : "orglife.return", std::to_string(id), m->branch_code, Describe(*m),
        Describe(*saved));
  tx.Commit();
  return *saved;
}

Result<Attachment> OrglifeCommands::AddAttachment(int64_t id, const std::string& file_name, const std::string& bytes) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  auto type = duty::CheckEvidence(file_name, bytes);
  if (!type.ok()) return type.status();
  store::Transaction tx(db_);
  auto found = BranchMeeting(id);
  if (!found.ok()) return found.status();
  if (found->state == State::kApproved || found->state == State::kCancelled) {
    return Status::Conflict("state", "已审核通过或已取消的会议不能再上传附件");
  }
  if (files_dir_.empty()) return Status::Internal("未配置附件存储目录");
  Attachment a;
  a.meeting_id = id;
  a.sha256 = duty::Sha256Hex(bytes);
  a.file_name = file_name;
  a.content_type = *type;
  a.size = static_cast<int64_t>(bytes.size());
  a.uploaded_by = caller_.login;
  a.uploaded_at = NowTimestamp();
  JICENG_RETURN_IF_ERROR(duty::EvidenceStore(files_dir_).Put(a.sha256, bytes));
  a.id = repo_.InsertAttachment(a);
  Audit("orglife.attach", std::to_string(id), found->branch_code, "", a.sha256 + "|" + a.file_name);
  tx.Commit();
  return a;
}

namespace {
Status CanSetRules(const accounts::Principal& p) {
  if (p.role == accounts::Role::kOrgDepartment || p.role == accounts::Role::kTownshipCommittee) return Status::Ok();
  return Status::Forbidden("只有组织部和乡镇党委可以设定组织生活频次规则");
}

std::string RuleText(const Rule& r) {
  return std::string(UnitName(r.unit)) + "至少 " + std::to_string(r.times) + " 次";
}

void RefreshSubtree(store::Connection& db, int64_t org_id) {
  for (const auto& [branch, name] : OrglifeRepo(db).Branches(org_id, Date::Today())) RefreshStanding(db, branch);
}
}  // namespace

Result<AppliedRule> OrglifeCommands::SetRule(const RuleForm& form) {
  JICENG_RETURN_IF_ERROR(CanSetRules(caller_));
  org::OrgRepo orgs(db_);
  const std::string code = form.org_code.empty() ? caller_.org_code : form.org_code;
  auto org = org::FindWithin(orgs, caller_.org_id, code, Date::Today());
  if (!org) return Status::NotFound("org_code", "未找到该组织，或不在您的管辖范围内");
  auto kind = CheckKind(form.kind);
  if (!kind.ok()) return kind.status();
  auto unit = ParseUnit(form.unit);
  if (!unit) return Status::Invalid("unit", "请选择周期（每月、每季度、每年）");
  if (form.times.empty() || form.times.size() > 2 || form.times.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(form.times) < 1 || std::stoi(form.times) > 31) {
    return Status::Invalid("times", "次数应为 1 到 31 的整数");
  }
  JICENG_RETURN_IF_ERROR(CheckText("note", form.note, "依据说明", 200, false, false));
  const Rule rule{*kind, *unit, std::stoi(form.times)};
  store::Transaction tx(db_);
  const AppliedRule above = InheritedRule(db_, org->id, *kind);
  if (!AtLeastAsStrict(rule, above.rule)) {
    return Status::Invalid("times", std::string(KindName(*kind)) + "的上级规定为" + RuleText(above.rule) +
                                        "，本级只能从严，不能放宽");
  }
  // Rules set below must stay at least as strict as this one.
  auto below = db_.Prepare("SELECT org_id, unit, times FROM orglife_rule WHERE kind = ?1 AND org_id <> ?2");
  below->Bind(1, KindCode(*kind)).Bind(2, org->id);
  while (below->Step()) {
    const Rule r{*kind, ParseUnit(below->Text(1)).value_or(PeriodUnit::kYear), static_cast<int>(below->Int(2))};
    const int64_t at = below->Int(0);
    if (org::WithinScope(orgs, org->id, at, Date::Today()) && !AtLeastAsStrict(r, rule)) {
      auto unit_below = orgs.FindById(at, Date::Today());
      return Status::Conflict("times", "下级" + (unit_below ? unit_below->name : std::string("组织")) + "已规定" +
                                           RuleText(r) + "，比新规则宽，请先调整下级规则");
    }
  }
  repo_.SetRule(org->id, rule, form.note, caller_.login, NowTimestamp());
  RefreshSubtree(db_, org->id);
  Audit("orglife.rule", std::string(KindCode(*kind)), org->code, RuleText(above.rule), RuleText(rule));
  tx.Commit();
  return EffectiveRule(db_, org->id, *kind);
}

Status OrglifeCommands::ClearRule(const std::string& org_code, const std::string& kind_text) {
  JICENG_RETURN_IF_ERROR(CanSetRules(caller_));
  org::OrgRepo orgs(db_);
  auto org = org::FindWithin(orgs, caller_.org_id, org_code.empty() ? caller_.org_code : org_code, Date::Today());
  if (!org) return Status::NotFound("org_code", "未找到该组织，或不在您的管辖范围内");
  auto kind = CheckKind(kind_text);
  if (!kind.ok()) return kind.status();
  store::Transaction tx(db_);
  auto own = repo_.RuleAt(org->id, *kind);
  if (!own) return Status::NotFound("kind", "本级没有设定该类会议的规则");
  repo_.DeleteRule(org->id, *kind);
  RefreshSubtree(db_, org->id);
  Audit("orglife.rule_clear", std::string(KindCode(*kind)), org->code, RuleText(own->rule), "");
  tx.Commit();
  return Status::Ok();
}

Result<std::vector<int64_t>> OrglifeCommands::CheckGroupMembers(int64_t branch_id, int64_t group_id,
                                                                const std::vector<int64_t>& members) {
  const auto in_branch = repo_.Members(branch_id, Date::Today());
  std::set<int64_t> chosen;
  for (int64_t p : members) {
    if (std::none_of(in_branch.begin(), in_branch.end(), [&](const BranchMember& b) { return b.person_id == p; })) {
      return Status::Invalid("members", "党小组成员必须是本支部党员");
    }
    chosen.insert(p);
  }
  if (chosen.empty()) return Status::Invalid("members", "请选择党小组成员");
  for (const Group& g : repo_.Groups(branch_id)) {
    if (g.id == group_id) continue;
    for (const auto& [p, name] : g.members) {
      if (chosen.count(p)) return Status::Invalid("members", name + " 已是" + g.name + "的成员");
    }
  }
  return std::vector<int64_t>(chosen.begin(), chosen.end());
}

Result<Group> OrglifeCommands::SaveGroup(int64_t id, const GroupForm& form) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  store::Transaction tx(db_);
  org::OrgRepo orgs(db_);
  std::string code = form.branch_code;
  std::optional<Group> existing;
  if (id != 0) {
    existing = repo_.FindGroup(id);
    if (!existing) return Status::NotFound("id", "未找到该党小组");
    auto unit = orgs.FindById(existing->branch_id, Date::Today());
    if (!unit) return Status::NotFound("id", "未找到该党小组");
    code = unit->code;
  }
  auto branch = BranchWithin(orgs, caller_, code, "branch_code");
  if (!branch.ok()) return branch.status();
  if (!SidesOf(orgs, caller_, *branch).branch) return Status::Forbidden("只有本支部可以设置党小组");
  JICENG_RETURN_IF_ERROR(CheckText("name", form.name, "党小组名称", 30, true, false));
  for (const Group& g : repo_.Groups(branch->id)) {
    if (g.id != id && g.name == form.name) return Status::Conflict("name", "本支部已有名为“" + form.name + "”的党小组");
  }
  auto leader = CheckId(form.leader_id, "leader_id", "党小组组长");
  if (!leader.ok()) return leader.status();
  auto members = CheckGroupMembers(branch->id, id, form.members);
  if (!members.ok()) return members.status();
  if (*leader != 0 && std::find(members->begin(), members->end(), *leader) == members->end()) {
    return Status::Invalid("leader_id", "党小组组长必须是该小组成员");
  }
  const std::string now = NowTimestamp();
  int64_t gid = id;
  if (id == 0) {
    gid = repo_.InsertGroup(branch->id, form.name, *leader, now);
  } else {
    auto s = db_.Prepare("UPDATE orglife_group SET name = ?2, leader_person_id = ?3 WHERE id = ?1");
    s->Bind(1, id).Bind(2, form.name);
    if (*leader == 0) s->BindNull(3); else s->Bind(3, *leader);
    s->Run();
  }
  repo_.SetGroupMembers(gid, *members);
  RefreshStanding(db_, branch->id);
  Audit(id == 0 ? "orglife.group_add" : "orglife.group_edit", std::to_string(gid), branch->code, "",
        form.name + "|" + std::to_string(members->size()));
  tx.Commit();
  return *repo_.FindGroup(gid);
}

Status OrglifeCommands::DeleteGroup(int64_t id) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  store::Transaction tx(db_);
  org::OrgRepo orgs(db_);
  auto group = repo_.FindGroup(id);
  if (!group) return Status::NotFound("id", "未找到该党小组");
  auto branch = orgs.FindById(group->branch_id, Date::Today());
  if (!branch || !SidesOf(orgs, caller_, *branch).visible) return Status::NotFound("id", "未找到该党小组");
  if (!SidesOf(orgs, caller_, *branch).branch) return Status::Forbidden("只有本支部可以撤销党小组");
  if (repo_.MeetingsOfGroup(id) > 0) return Status::Conflict("id", "该党小组已有会议记录，不能删除");
  repo_.DeleteGroup(id);
  RefreshStanding(db_, branch->id);
  Audit("orglife.group_delete", std::to_string(id), branch->code, group->name, "");
  tx.Commit();
  return Status::Ok();
}

Result<Theme> OrglifeCommands::IssueTheme(const ThemeForm& form) {
  if (caller_.role != accounts::Role::kOrgDepartment && caller_.role != accounts::Role::kTownshipCommittee) {
    return Status::Forbidden("只有组织部和乡镇党委可以向下级党支部下发主题");
  }
  Kind kind = Kind::kThemedPartyDay;
  if (!form.kind.empty()) {
    auto k = CheckKind(form.kind);
    if (!k.ok()) return k.status();
    kind = *k;
  }
  JICENG_RETURN_IF_ERROR(CheckText("title", form.title, "主题", 100, true, false));
  JICENG_RETURN_IF_ERROR(CheckText("content", form.content, "主题内容和要求", 5000, false, true));
  auto month = ParsePeriod(form.month);
  if (form.month.empty()) return Status::Invalid("month", "请选择月份");
  if (!month || UnitOfKey(form.month) != PeriodUnit::kMonth) return Status::Invalid("month", "月份格式应为 YYYY-MM");
  auto deadline = Date::Parse(form.deadline);
  if (form.deadline.empty()) return Status::Invalid("deadline", "请填写报送截止日期");
  if (!deadline) return Status::Invalid("deadline", "报送截止日期格式应为 YYYY-MM-DD");
  if (*deadline < month->start) return Status::Invalid("deadline", "报送截止日期不能早于该月");
  if (*deadline < Date::Today()) return Status::Invalid("deadline", "报送截止日期不能早于今天");
  store::Transaction tx(db_);
  Theme t;
  t.issuer_org_id = caller_.org_id;
  t.kind = kind;
  t.title = form.title;
  t.content = form.content;
  t.month = form.month;
  t.deadline = *deadline;
  t.created_by = caller_.login;
  t.id = repo_.InsertTheme(t, NowTimestamp());
  Audit("orglife.theme", std::to_string(t.id), caller_.org_code, "", t.title + "|" + t.month);
  tx.Commit();
  return *repo_.FindTheme(t.id);
}

}  // namespace jiceng::orglife
