#include "modules/orglife/repo.h"

#include "core/text.h"

namespace jiceng::orglife {
namespace {

// The subtree of ?1 on the day ?2.
constexpr const char* kSubtree = R"sql(
WITH RECURSIVE sub(id) AS (
  SELECT CAST(?1 AS INTEGER) UNION ALL
  SELECT l.unit_id FROM org_link l JOIN sub ON l.parent_id = sub.id WHERE l.valid_from <= ?2 AND ?2 < l.valid_to)
)sql";

constexpr const char* kSelect = R"sql(
SELECT m.id, m.branch_id, b.code, COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = m.branch_id
  ORDER BY n.valid_from DESC LIMIT 1), ''), m.kind, COALESCE(m.group_id, 0), COALESCE(g.name, ''),
  COALESCE(m.theme_id, 0), COALESCE(t.title, ''), m.topic, m.state, m.planned_at, m.held_at, m.place,
  m.online_link, COALESCE(m.presenter_person_id, 0), COALESCE(pp.name, ''), COALESCE(m.recorder_person_id, 0),
  COALESCE(rp.name, ''), m.invitees, m.minutes, m.decisions, m.vote_for, m.vote_against, m.vote_abstain,
  m.created_by, m.submitted_by, m.submitted_at, m.reviewed_by, m.reviewed_at, m.review_note,
  COALESCE(m.reviewer_org_id, 0), COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = m.reviewer_org_id
  ORDER BY n.valid_from DESC LIMIT 1), ''),
  (SELECT COUNT(*) FROM orglife_attachment a WHERE a.meeting_id = m.id)
FROM orglife_meeting m
JOIN org_unit b ON b.id = m.branch_id
LEFT JOIN orglife_group g ON g.id = m.group_id
LEFT JOIN orglife_theme t ON t.id = m.theme_id
LEFT JOIN person pp ON pp.id = m.presenter_person_id
LEFT JOIN person rp ON rp.id = m.recorder_person_id
)sql";

// The day a meeting is listed under: when it was held, else when it is planned.
constexpr const char* kDayOf = "substr(CASE WHEN m.held_at <> '' THEN m.held_at ELSE m.planned_at END, 1, 10)";

void BindIdOrNull(store::Statement& s, int i, int64_t id) {
  if (id == 0) {
    s.BindNull(i);
  } else {
    s.Bind(i, id);
  }
}

}  // namespace

std::vector<BranchMember> OrglifeRepo::Members(int64_t branch_id, Date on) {
  auto s = db_.Prepare(R"sql(
SELECT p.id, p.name, p.political_status,
  (SELECT COUNT(*) FROM post t WHERE t.person_id = p.id AND t.org_id = ?1 AND t.start_on <= ?2 AND ?2 < t.end_on
     AND t.title IN ('secretary', 'deputy_secretary', 'committee_member'))
FROM person_org po JOIN person p ON p.id = po.person_id
WHERE po.org_id = ?1 AND po.valid_from <= ?2 AND ?2 < po.valid_to
  AND p.political_status IN ('full_member', 'probationary_member')
ORDER BY p.name_pinyin, p.id)sql");
  s->Bind(1, branch_id).Bind(2, on.ToString());
  std::vector<BranchMember> out;
  while (s->Step()) out.push_back({s->Int(0), s->Text(1), s->Text(2), s->Int(3) > 0});
  return out;
}

std::vector<std::pair<int64_t, std::string>> OrglifeRepo::Branches(int64_t root, Date on) {
  auto s = db_.Prepare(std::string(kSubtree) + R"sql(
SELECT u.id, COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = u.id AND n.valid_from <= ?2 AND ?2 < n.valid_to
  LIMIT 1), '')
FROM org_unit u WHERE u.id IN (SELECT id FROM sub) AND u.kind = 'party_branch' ORDER BY u.code)sql");
  s->Bind(1, root).Bind(2, on.ToString());
  std::vector<std::pair<int64_t, std::string>> out;
  while (s->Step()) out.emplace_back(s->Int(0), s->Text(1));
  return out;
}

std::optional<AppliedRule> OrglifeRepo::RuleAt(int64_t org_id, Kind kind) {
  auto& s = db_.Cached(
      "SELECT r.unit, r.times, r.note, COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = r.org_id"
      " ORDER BY n.valid_from DESC LIMIT 1), '') FROM orglife_rule r WHERE r.org_id = ?1 AND r.kind = ?2");
  s.Bind(1, org_id).Bind(2, KindCode(kind));
  if (!s.Step()) return std::nullopt;
  AppliedRule r;
  r.rule = {kind, ParseUnit(s.Text(0)).value_or(PeriodUnit::kYear), static_cast<int>(s.Int(1))};
  r.note = s.Text(2);
  r.source_org_id = org_id;
  r.source_org_name = s.Text(3);
  s.Reset();
  return r;
}

void OrglifeRepo::SetRule(int64_t org_id, const Rule& rule, const std::string& note, const std::string& by,
                          const std::string& at) {
  DeleteRule(org_id, rule.kind);
  auto s = db_.Prepare(
      "INSERT INTO orglife_rule(org_id, kind, unit, times, note, set_by, set_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s->Bind(1, org_id).Bind(2, KindCode(rule.kind)).Bind(3, UnitCode(rule.unit)).Bind(4, rule.times);
  s->Bind(5, note).Bind(6, by).Bind(7, at);
  s->Run();
}

void OrglifeRepo::DeleteRule(int64_t org_id, Kind kind) {
  auto s = db_.Prepare("DELETE FROM orglife_rule WHERE org_id = ?1 AND kind = ?2");
  s->Bind(1, org_id).Bind(2, KindCode(kind));
  s->Run();
}

int64_t OrglifeRepo::InsertGroup(int64_t branch_id, const std::string& name, int64_t leader, const std::string& at) {
  auto s = db_.Prepare("INSERT INTO orglife_group(branch_id, name, leader_person_id, created_at) VALUES (?1, ?2, ?3, ?4)");
  s->Bind(1, branch_id).Bind(2, name);
  BindIdOrNull(*s, 3, leader);
  s->Bind(4, at);
  s->Run();
  return db_.LastInsertId();
}

void OrglifeRepo::SetGroupMembers(int64_t group_id, const std::vector<int64_t>& people) {
  auto del = db_.Prepare("DELETE FROM orglife_group_member WHERE group_id = ?1");
  del->Bind(1, group_id);
  del->Run();
  auto ins = db_.Prepare("INSERT INTO orglife_group_member(group_id, person_id) VALUES (?1, ?2)");
  for (int64_t p : people) {
    ins->Bind(1, group_id).Bind(2, p);
    ins->Run();
  }
}

std::vector<Group> OrglifeRepo::Groups(int64_t branch_id) {
  auto s = db_.Prepare(
      "SELECT g.id, g.branch_id, g.name, COALESCE(g.leader_person_id, 0), COALESCE(p.name, '') FROM orglife_group g"
      " LEFT JOIN person p ON p.id = g.leader_person_id WHERE g.branch_id = ?1 ORDER BY g.id");
  s->Bind(1, branch_id);
  std::vector<Group> out;
  while (s->Step()) out.push_back({s->Int(0), s->Int(1), s->Text(2), s->Int(3), s->Text(4), {}});
  auto m = db_.Prepare(
      "SELECT p.id, p.name FROM orglife_group_member gm JOIN person p ON p.id = gm.person_id WHERE gm.group_id = ?1"
      " ORDER BY p.name_pinyin, p.id");
  for (Group& g : out) {
    m->Bind(1, g.id);
    while (m->Step()) g.members.emplace_back(m->Int(0), m->Text(1));
    m->Reset();
  }
  return out;
}

std::optional<Group> OrglifeRepo::FindGroup(int64_t id) {
  auto s = db_.Prepare("SELECT branch_id FROM orglife_group WHERE id = ?1");
  s->Bind(1, id);
  if (!s->Step()) return std::nullopt;
  const int64_t branch = s->Int(0);
  s->Reset();
  for (Group& g : Groups(branch)) {
    if (g.id == id) return g;
  }
  return std::nullopt;
}

void OrglifeRepo::DeleteGroup(int64_t id) {
  SetGroupMembers(id, {});
  auto s = db_.Prepare("DELETE FROM orglife_group WHERE id = ?1");
  s->Bind(1, id);
  s->Run();
}

int64_t OrglifeRepo::MeetingsOfGroup(int64_t group_id) {
  auto s = db_.Prepare("SELECT COUNT(*) FROM orglife_meeting WHERE group_id = ?1");
  s->Bind(1, group_id);
  s->Step();
  const int64_t n = s->Int(0);
  s->Reset();
  return n;
}

int64_t OrglifeRepo::InsertTheme(const Theme& t, const std::string& at) {
  auto s = db_.Prepare(
      "INSERT INTO orglife_theme(issuer_org_id, kind, title, content, month, deadline, created_by, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s->Bind(1, t.issuer_org_id).Bind(2, KindCode(t.kind)).Bind(3, t.title).Bind(4, t.content).Bind(5, t.month);
  s->Bind(6, t.deadline.ToString()).Bind(7, t.created_by).Bind(8, at);
  s->Run();
  return db_.LastInsertId();
}

namespace {
constexpr const char* kThemeSelect =
    "SELECT t.id, t.issuer_org_id, COALESCE((SELECT n.name FROM org_name n WHERE n.unit_id = t.issuer_org_id"
    " ORDER BY n.valid_from DESC LIMIT 1), ''), t.kind, t.title, t.content, t.month, t.deadline, t.created_by"
    " FROM orglife_theme t";
Theme ReadTheme(store::Statement& s) {
  Theme t;
  t.id = s.Int(0);
  t.issuer_org_id = s.Int(1);
  t.issuer_org_name = s.Text(2);
  t.kind = ParseKind(s.Text(3)).value_or(Kind::kThemedPartyDay);
  t.title = s.Text(4);
  t.content = s.Text(5);
  t.month = s.Text(6);
  t.deadline = Date::Parse(s.Text(7)).value_or(Date());
  t.created_by = s.Text(8);
  return t;
}
}  // namespace

std::optional<Theme> OrglifeRepo::FindTheme(int64_t id) {
  auto s = db_.Prepare(std::string(kThemeSelect) + " WHERE t.id = ?1");
  s->Bind(1, id);
  if (!s->Step()) return std::nullopt;
  Theme t = ReadTheme(*s);
  s->Reset();
  return t;
}

std::vector<Theme> OrglifeRepo::ThemesBy(const std::vector<int64_t>& issuers, int limit) {
  std::vector<Theme> out;
  if (issuers.empty()) return out;
  auto s = db_.Prepare(std::string(kThemeSelect) + " WHERE t.issuer_org_id IN (" + JoinIds(issuers) +
                       ") ORDER BY t.month DESC, t.id DESC LIMIT " + std::to_string(limit));
  while (s->Step()) out.push_back(ReadTheme(*s));
  return out;
}

int64_t OrglifeRepo::ThemeReports(int64_t theme_id) {
  auto s = db_.Prepare(
      "SELECT COUNT(DISTINCT branch_id) FROM orglife_meeting WHERE theme_id = ?1 AND state IN ('submitted', 'approved')");
  s->Bind(1, theme_id);
  s->Step();
  const int64_t n = s->Int(0);
  s->Reset();
  return n;
}

int64_t OrglifeRepo::Insert(const Meeting& m, const std::string& now) {
  auto s = db_.Prepare(
      "INSERT INTO orglife_meeting(branch_id, kind, group_id, theme_id, topic, state, planned_at, created_by,"
      " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)");
  s->Bind(1, m.branch_id).Bind(2, KindCode(m.kind));
  BindIdOrNull(*s, 3, m.group_id);
  BindIdOrNull(*s, 4, m.theme_id);
  s->Bind(5, m.topic).Bind(6, StateCode(m.state)).Bind(7, m.planned_at).Bind(8, m.created_by).Bind(9, now);
  s->Run();
  const int64_t id = db_.LastInsertId();
  Meeting copy = m;
  copy.id = id;
  Update(copy, now);
  return id;
}

void OrglifeRepo::Update(const Meeting& m, const std::string& now) {
  auto s = db_.Prepare(R"sql(
UPDATE orglife_meeting SET group_id = ?2, theme_id = ?3, topic = ?4, state = ?5, planned_at = ?6, held_at = ?7,
  held_on = ?8, place = ?9, online_link = ?10, presenter_person_id = ?11, recorder_person_id = ?12, invitees = ?13,
  minutes = ?14, decisions = ?15, vote_for = ?16, vote_against = ?17, vote_abstain = ?18, submitted_by = ?19,
  submitted_at = ?20, updated_at = ?21
WHERE id = ?1)sql");
  s->Bind(1, m.id);
  BindIdOrNull(*s, 2, m.group_id);
  BindIdOrNull(*s, 3, m.theme_id);
  s->Bind(4, m.topic).Bind(5, StateCode(m.state)).Bind(6, m.planned_at).Bind(7, m.held_at);
  s->Bind(8, m.held_at.substr(0, std::min<size_t>(10, m.held_at.size()))).Bind(9, m.place).Bind(10, m.online_link);
  BindIdOrNull(*s, 11, m.presenter_id);
  BindIdOrNull(*s, 12, m.recorder_id);
  s->Bind(13, m.invitees).Bind(14, m.minutes).Bind(15, m.decisions);
  if (m.vote) {
    s->Bind(16, m.vote->in_favour).Bind(17, m.vote->against).Bind(18, m.vote->abstained);
  } else {
    s->BindNull(16).BindNull(17).BindNull(18);
  }
  s->Bind(19, m.submitted_by).Bind(20, m.submitted_at).Bind(21, now);
  s->Run();
}

void OrglifeRepo::SetReview(int64_t id, State state, const std::string& by, const std::string& at, int64_t org_id,
                            const std::string& note) {
  auto s = db_.Prepare(
      "UPDATE orglife_meeting SET state = ?2, reviewed_by = ?3, reviewed_at = ?4, reviewer_org_id = ?5,"
      " review_note = ?6, updated_at = ?4 WHERE id = ?1");
  s->Bind(1, id).Bind(2, StateCode(state)).Bind(3, by).Bind(4, at).Bind(5, org_id).Bind(6, note);
  s->Run();
}

std::vector<Meeting> OrglifeRepo::Read(store::Statement& s) {
  std::vector<Meeting> out;
  while (s.Step()) {
    Meeting m;
    m.id = s.Int(0);
    m.branch_id = s.Int(1);
    m.branch_code = s.Text(2);
    m.branch_name = s.Text(3);
    m.kind = ParseKind(s.Text(4)).value_or(Kind::kGeneralMeeting);
    m.group_id = s.Int(5);
    m.group_name = s.Text(6);
    m.theme_id = s.Int(7);
    m.theme_title = s.Text(8);
    m.topic = s.Text(9);
    m.state = ParseState(s.Text(10)).value_or(State::kPlanned);
    m.planned_at = s.Text(11);
    m.held_at = s.Text(12);
    m.place = s.Text(13);
    m.online_link = s.Text(14);
    m.presenter_id = s.Int(15);
    m.presenter_name = s.Text(16);
    m.recorder_id = s.Int(17);
    m.recorder_name = s.Text(18);
    m.invitees = s.Text(19);
    m.minutes = s.Text(20);
    m.decisions = s.Text(21);
    if (!s.IsNull(22)) {
      m.vote = Vote{static_cast<int>(s.Int(22)), static_cast<int>(s.Int(23)), static_cast<int>(s.Int(24))};
    }
    m.created_by = s.Text(25);
    m.submitted_by = s.Text(26);
    m.submitted_at = s.Text(27);
    m.reviewed_by = s.Text(28);
    m.reviewed_at = s.Text(29);
    m.review_note = s.Text(30);
    m.reviewer_org_id = s.Int(31);
    m.reviewer_org_name = s.Text(32);
    m.attachments = static_cast<int>(s.Int(33));
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<Meeting> OrglifeRepo::Find(int64_t id) {
  auto s = db_.Prepare(std::string(kSelect) + " WHERE m.id = ?1");
  s->Bind(1, id);
  auto rows = Read(*s);
  if (rows.empty()) return std::nullopt;
  Meeting m = std::move(rows.front());
  auto a = db_.Prepare(
      "SELECT a.person_id, p.name, a.voting, p.political_status, a.presence, a.reason, a.note FROM orglife_attendance a"
      " JOIN person p ON p.id = a.person_id WHERE a.meeting_id = ?1 ORDER BY p.name_pinyin, p.id");
  a->Bind(1, id);
  while (a->Step()) {
    m.attendees.push_back({a->Int(0), a->Text(1), a->Int(2) != 0, a->Text(3),
                           ParsePresence(a->Text(4)).value_or(Presence::kUnsigned), a->Text(5), a->Text(6)});
  }
  return m;
}

std::string OrglifeRepo::Where(const MeetingFilter& f, std::vector<std::string>* args) const {
  std::string w = " WHERE m.branch_id IN (SELECT id FROM sub)";
  auto arg = [&](std::string v) {
    args->push_back(std::move(v));
    return "?" + std::to_string(args->size() + 2);
  };
  if (f.kind) w += " AND m.kind = " + arg(*f.kind);
  if (f.state) w += " AND m.state = " + arg(*f.state);
  if (!f.month.empty()) w += std::string(" AND substr(") + kDayOf + ", 1, 7) = " + arg(f.month);
  if (!f.query.empty()) w += " AND instr(m.topic, " + arg(f.query) + ") > 0";
  return w;
}

std::vector<Meeting> OrglifeRepo::List(const MeetingFilter& f) {
  std::vector<std::string> args;
  const std::string where = Where(f, &args);
  auto s = db_.Prepare(std::string(kSubtree) + kSelect + where + " ORDER BY " + kDayOf + " DESC, m.id DESC LIMIT " +
                       std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset));
  s->Bind(1, f.root).Bind(2, Date::Today().ToString());
  for (size_t i = 0; i < args.size(); ++i) s->Bind(static_cast<int>(i + 3), args[i]);
  return Read(*s);
}

int64_t OrglifeRepo::Count(const MeetingFilter& f) {
  std::vector<std::string> args;
  const std::string where = Where(f, &args);
  auto s = db_.Prepare(std::string(kSubtree) + "SELECT COUNT(*) FROM orglife_meeting m" + where);
  s->Bind(1, f.root).Bind(2, Date::Today().ToString());
  for (size_t i = 0; i < args.size(); ++i) s->Bind(static_cast<int>(i + 3), args[i]);
  s->Step();
  const int64_t n = s->Int(0);
  s->Reset();
  return n;
}

void OrglifeRepo::SetAttendees(int64_t meeting_id, const std::vector<Attendee>& attendees) {
  auto del = db_.Prepare("DELETE FROM orglife_attendance WHERE meeting_id = ?1");
  del->Bind(1, meeting_id);
  del->Run();
  auto ins = db_.Prepare(
      "INSERT INTO orglife_attendance(meeting_id, person_id, voting, presence, reason, note)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (const Attendee& a : attendees) {
    ins->Bind(1, meeting_id).Bind(2, a.person_id).Bind(3, a.voting ? 1 : 0).Bind(4, PresenceCode(a.presence));
    ins->Bind(5, a.reason).Bind(6, a.note);
    ins->Run();
  }
}

std::vector<Date> OrglifeRepo::HeldDays(int64_t branch_id, Kind kind) {
  auto& s = db_.Cached(
      "SELECT held_on FROM orglife_meeting WHERE branch_id = ?1 AND kind = ?2 AND state IN ('submitted', 'approved')"
      " AND held_on <> '' ORDER BY held_on");
  s.Bind(1, branch_id).Bind(2, KindCode(kind));
  std::vector<Date> out;
  while (s.Step()) {
    if (auto d = Date::Parse(s.Text(0))) out.push_back(*d);
  }
  return out;
}

std::vector<Meeting> OrglifeRepo::Submitted(int64_t root, int limit, int offset) {
  auto s = db_.Prepare(std::string(kSubtree) + kSelect +
                       " WHERE m.branch_id IN (SELECT id FROM sub) AND m.state = 'submitted'"
                       " ORDER BY m.submitted_at, m.id LIMIT " + std::to_string(limit) + " OFFSET " +
                       std::to_string(offset));
  s->Bind(1, root).Bind(2, Date::Today().ToString());
  return Read(*s);
}

int64_t OrglifeRepo::CountSubmitted(int64_t root) {
  auto s = db_.Prepare(std::string(kSubtree) +
                       "SELECT COUNT(*) FROM orglife_meeting m WHERE m.branch_id IN (SELECT id FROM sub)"
                       " AND m.state = 'submitted'");
  s->Bind(1, root).Bind(2, Date::Today().ToString());
  s->Step();
  const int64_t n = s->Int(0);
  s->Reset();
  return n;
}

int64_t OrglifeRepo::InsertAttachment(const Attachment& a) {
  auto s = db_.Prepare(
      "INSERT INTO orglife_attachment(meeting_id, sha256, file_name, content_type, size, uploaded_by, uploaded_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s->Bind(1, a.meeting_id).Bind(2, a.sha256).Bind(3, a.file_name).Bind(4, a.content_type).Bind(5, a.size);
  s->Bind(6, a.uploaded_by).Bind(7, a.uploaded_at);
  s->Run();
  return db_.LastInsertId();
}

namespace {
constexpr const char* kAttachmentSelect =
    "SELECT id, meeting_id, sha256, file_name, content_type, size, uploaded_by, uploaded_at FROM orglife_attachment";
std::vector<Attachment> ReadAttachments(store::Statement& s) {
  std::vector<Attachment> out;
  while (s.Step()) {
    out.push_back({s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Int(5), s.Text(6), s.Text(7)});
  }
  return out;
}
}  // namespace

std::vector<Attachment> OrglifeRepo::Attachments(int64_t meeting_id) {
  auto s = db_.Prepare(std::string(kAttachmentSelect) + " WHERE meeting_id = ?1 ORDER BY id");
  s->Bind(1, meeting_id);
  return ReadAttachments(*s);
}

std::optional<Attachment> OrglifeRepo::FindAttachment(int64_t id) {
  auto s = db_.Prepare(std::string(kAttachmentSelect) + " WHERE id = ?1");
  s->Bind(1, id);
  auto rows = ReadAttachments(*s);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Standing> OrglifeRepo::FindStanding(int64_t branch_id, Kind kind) {
  auto& s = db_.Cached(
      "SELECT unit, times, required, window_from, window_to, behind_from FROM orglife_standing"
      " WHERE branch_id = ?1 AND kind = ?2");
  s.Bind(1, branch_id).Bind(2, KindCode(kind));
  if (!s.Step()) return std::nullopt;
  Standing st;
  st.branch_id = branch_id;
  st.kind = kind;
  st.rule = {kind, ParseUnit(s.Text(0)).value_or(PeriodUnit::kYear), static_cast<int>(s.Int(1))};
  st.required = s.Int(2) != 0;
  st.span.window_from = Date::Parse(s.Text(3)).value_or(Date());
  st.span.window_to = Date::Parse(s.Text(4)).value_or(Date());
  st.span.behind_from = Date::Parse(s.Text(5)).value_or(Date());
  s.Reset();
  return st;
}

void OrglifeRepo::PutStanding(const Standing& st) {
  auto& del = db_.Cached("DELETE FROM orglife_standing WHERE branch_id = ?1 AND kind = ?2");
  del.Bind(1, st.branch_id).Bind(2, KindCode(st.kind));
  del.Run();
  auto& ins = db_.Cached(
      "INSERT INTO orglife_standing(branch_id, kind, unit, times, required, window_from, window_to, behind_from)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  ins.Bind(1, st.branch_id).Bind(2, KindCode(st.kind)).Bind(3, UnitCode(st.rule.unit)).Bind(4, st.rule.times);
  ins.Bind(5, st.required ? 1 : 0).Bind(6, st.span.window_from.ToString()).Bind(7, st.span.window_to.ToString());
  ins.Bind(8, st.span.behind_from.ToString());
  ins.Run();
}

}  // namespace jiceng::orglife
