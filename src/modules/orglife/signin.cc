#include "modules/orglife/signin.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "modules/org/repo.h"
#include "modules/orglife/forms.h"
#include "modules/orglife/permissions.h"
#include "modules/orglife/repo.h"
#include "store/audit.h"

namespace jiceng::orglife {
namespace {

constexpr const char* kNotFound = "未找到该会议，或不在您的管辖范围内";
constexpr const char* kNotLinked = "您的账号尚未关联人员信息，请联系本单位系统管理员";

// "HH:MM" of a moment, or the whole moment when it is another day than `now`.
std::string Say(const std::string& moment, const std::string& now) {
  return moment.substr(0, 10) == now.substr(0, 10) ? "今天 " + moment.substr(11) : moment;
}

std::string Describe(const Attendee& a) {
  return std::to_string(a.person_id) + ":" + std::string(PresenceCode(a.presence));
}

}  // namespace

std::string AddMinutes(const std::string& moment, int minutes) {
  auto parsed = ParseMoment(moment);
  if (!parsed) return "";
  auto day = Date::Parse(parsed->substr(0, 10));
  if (!day) return "";
  const int64_t total =
      day->days() * 1440 + std::stoi(parsed->substr(11, 2)) * 60 + std::stoi(parsed->substr(14, 2)) + minutes;
  const int64_t days = total >= 0 ? total / 1440 : (total - 1439) / 1440;
  const int64_t in_day = total - days * 1440;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(in_day / 60), static_cast<int>(in_day % 60));
  return Date::FromDays(days).ToString() + " " + hm;
}

SigninWindow WindowOf(const std::string& planned_at) {
  return {AddMinutes(planned_at, -kSigninOpensBefore), AddMinutes(planned_at, kSigninClosesAfter)};
}

std::string CurrentMinute() {
  const std::string now = NowTimestamp();  // "YYYY-MM-DDTHH:MM:SS+08:00"
  return now.substr(0, 10) + " " + now.substr(11, 5);
}

int64_t LinkedPerson(store::Connection& db, int64_t account_id) {
  auto s = db.Prepare("SELECT COALESCE(person_id, 0) FROM account WHERE id = ?1");
  s->Bind(1, account_id);
  return s->Step() ? s->Int(0) : 0;
}

void SigninCommands::Audit(const std::string& action, const std::string& object, const std::string& org_code,
                           const std::string& before, const std::string& after) {
  store::AppendAudit(db_, {caller_.login, caller_.address}, {action, object, org_code, before, after});
}

void SigninCommands::Mark(const SigninMark& m) {
  auto s = db_.Prepare(
      "INSERT INTO orglife_signin_mark(meeting_id, person_id, kind, at, reason, by_login) VALUES (?1, ?2, ?3, ?4, ?5,"
      " ?6) ON CONFLICT(meeting_id, person_id) DO UPDATE SET kind = excluded.kind, at = excluded.at,"
      " reason = excluded.reason, by_login = excluded.by_login");
  s->Bind(1, m.meeting_id).Bind(2, m.person_id).Bind(3, m.kind).Bind(4, m.at).Bind(5, m.reason).Bind(6, m.by_login);
  s->Run();
}

void SigninCommands::SetPresence(int64_t meeting_id, int64_t person_id, Presence presence, const std::string& reason,
                                 const std::string& note) {
  auto s = db_.Prepare(
      "UPDATE orglife_attendance SET presence = ?3, reason = ?4, note = ?5 WHERE meeting_id = ?1 AND person_id = ?2");
  s->Bind(1, meeting_id).Bind(2, person_id).Bind(3, PresenceCode(presence)).Bind(4, reason).Bind(5, note);
  s->Run();
}

std::vector<SigninMark> SigninCommands::Marks(int64_t meeting_id) {
  auto s = db_.Prepare(
      "SELECT meeting_id, person_id, kind, at, reason, by_login FROM orglife_signin_mark WHERE meeting_id = ?1"
      " ORDER BY at, person_id");
  s->Bind(1, meeting_id);
  std::vector<SigninMark> out;
  while (s->Step()) out.push_back({s->Int(0), s->Int(1), s->Text(2), s->Text(3), s->Text(4), s->Text(5)});
  return out;
}

Result<SigninScreen> SigninCommands::Screen(int64_t meeting_id, const std::string& now) {
  OrglifeRepo repo(db_);
  auto m = repo.Find(meeting_id);
  if (!m) return Status::NotFound("id", kNotFound);
  org::OrgRepo orgs(db_);
  auto branch = orgs.FindById(m->branch_id, Date::Today());
  if (!branch) return Status::NotFound("id", kNotFound);
  const Sides sides = SidesOf(orgs, caller_, *branch);
  if (!sides.visible) return Status::NotFound("id", kNotFound);
  if (!sides.branch) return Status::Forbidden("只有本支部或其所在村（社区）、单位可以组织会议签到");
  SigninScreen screen;
  screen.meeting = *m;
  const SigninWindow w = WindowOf(m->planned_at);
  screen.opens_at = w.opens_at;
  screen.closes_at = w.closes_at;
  auto s = db_.Prepare("SELECT code, opens_at, closes_at FROM orglife_signin WHERE meeting_id = ?1");
  s->Bind(1, meeting_id);
  if (s->Step() && now < s->Text(2) && m->state == State::kPlanned) screen.code = s->Text(0);
  for (const SigninMark& mark : Marks(meeting_id)) {
    if (mark.kind == "signin") screen.signed_at[mark.person_id] = mark.at;
  }
  return screen;
}

Result<SigninScreen> SigninCommands::Open(int64_t meeting_id, const std::string& now) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  store::Transaction tx(db_);
  auto screen = Screen(meeting_id, now);
  if (!screen.ok()) return screen.status();
  const Meeting& m = screen->meeting;
  if (m.state != State::kPlanned) return Status::Conflict("state", "只有待召开的会议可以签到");
  if (now < screen->opens_at) {
    return Status::Invalid("planned_at", "签到尚未开始：" + Say(screen->opens_at, now) + " 起可签到（会议开始前 " +
                                             std::to_string(kSigninOpensBefore) + " 分钟）");
  }
  if (now >= screen->closes_at) {
    return Status::Invalid("planned_at", "本次会议签到已于 " + Say(screen->closes_at, now) + " 结束（计划开始后 " +
                                             std::to_string(kSigninClosesAfter / 60) + " 小时）");
  }
  if (!screen->code.empty()) return *screen;  // opened already: the same code
  // Six random digits, none equal to the code of a window open now (a typed code names one meeting).
  auto taken = db_.Prepare("SELECT 1 FROM orglife_signin WHERE code = ?1 AND closes_at > ?2");
  std::string code;
  for (int attempt = 0; attempt < 100 && code.empty(); ++attempt) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06u", static_cast<unsigned>(randombytes_uniform(1000000)));
    taken->Bind(1, std::string(digits)).Bind(2, now);
    if (!taken->Step()) code = digits;
    taken->Reset();
  }
  if (code.empty()) return Status::Internal("签到码生成失败，请稍后再试");
  auto put = db_.Prepare(
      "INSERT INTO orglife_signin(meeting_id, code, opens_at, closes_at, opened_by, opened_at) VALUES (?1, ?2, ?3, ?4,"
      " ?5, ?6) ON CONFLICT(meeting_id) DO UPDATE SET code = excluded.code, opens_at = excluded.opens_at,"
      " closes_at = excluded.closes_at, opened_by = excluded.opened_by, opened_at = excluded.opened_at");
  put->Bind(1, meeting_id).Bind(2, code).Bind(3, screen->opens_at).Bind(4, screen->closes_at);
  put->Bind(5, caller_.login).Bind(6, now);
  put->Run();
  // The code itself stays out of the audit log: the record says the window was opened, by whom and until when.
  Audit("orglife.signin.open", std::to_string(meeting_id), m.branch_code, "",
        screen->opens_at + "|" + screen->closes_at);
  tx.Commit();
  screen->code = code;
  return *screen;
}

int64_t SigninCommands::RetryAfter(int64_t now_unix) {
  auto s = db_.Prepare(
      "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM orglife_signin_failure WHERE account_id = ?1 AND at > ?2");
  s->Bind(1, caller_.account_id).Bind(2, now_unix - kWrongCodeSeconds);
  if (!s->Step() || s->Int(0) < kWrongCodesAllowed) return 0;
  return std::max<int64_t>(1, s->Int(1) + kWrongCodeSeconds - now_unix);
}

Result<Meeting> SigninCommands::DueMeeting(int64_t meeting_id, int64_t person) {
  auto m = OrglifeRepo(db_).Find(meeting_id);
  if (!m) return Status::NotFound("id", kNotFound);
  auto it =
      std::find_if(m->attendees.begin(), m->attendees.end(), [&](const Attendee& a) { return a.person_id == person; });
  if (it == m->attendees.end()) return Status::Forbidden("您不在本次会议的应到人员中，不能签到或请假");
  return *m;
}

Result<Meeting> SigninCommands::SignIn(const std::string& code, int64_t meeting_id, const std::string& now,
                                       int64_t now_unix) {
  const int64_t person = LinkedPerson(db_, caller_.account_id);
  if (person == 0) return Status::Forbidden(kNotLinked);
  if (int64_t wait = RetryAfter(now_unix); wait > 0) {
    return Status::Locked("签到码输错次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试")
        .WithReason("throttled");
  }
  Status refused;
  {
    store::Transaction tx(db_);
    const bool well_formed = code.size() == 6 && code.find_first_not_of("0123456789") == std::string::npos;
    int64_t found = 0;
    std::string closes_at;
    if (well_formed) {
      // The window open now with this code; else (for the message) the latest one with it that has closed.
      auto s = db_.Prepare(
          "SELECT meeting_id, opens_at, closes_at FROM orglife_signin WHERE code = ?1 AND (?2 = 0 OR meeting_id = ?2)"
          " ORDER BY (CASE WHEN opens_at <= ?3 AND ?3 < closes_at THEN 0 ELSE 1 END), closes_at DESC LIMIT 1");
      s->Bind(1, code).Bind(2, meeting_id).Bind(3, now);
      if (s->Step()) {
        closes_at = s->Text(2);
        if (s->Text(1) <= now && now < closes_at)
          found = s->Int(0);
        else if (now >= closes_at) {
          return Status::Invalid("code", "本次会议签到已于 " + Say(closes_at, now) + " 结束，请联系会议记录人登记");
        }
      }
    }
    if (found != 0) {
      auto m = DueMeeting(found, person);
      if (!m.ok()) return m.status();
      if (m->state != State::kPlanned) return Status::Conflict("code", "会议记录已提交，签到已结束");
      auto me = std::find_if(m->attendees.begin(), m->attendees.end(),
                             [&](const Attendee& a) { return a.person_id == person; });
      if (me->presence != Presence::kPresent) {
        const std::string before = Describe(*me);
        SetPresence(found, person, Presence::kPresent, "", "");
        Mark({found, person, "signin", now, "", caller_.login});
        Audit("orglife.signin", std::to_string(found), m->branch_code, before, std::to_string(person) + ":present");
      }
      auto saved = OrglifeRepo(db_).Find(found);
      tx.Commit();
      return *saved;
    }
    refused = Status::Invalid("code", "签到码不正确，请核对会议现场显示的 6 位数字");
  }
  // A wrong code: counted (its own transaction, so the refusal's rollback keeps it) and audited.
  store::Transaction tx(db_);
  auto fail = db_.Prepare("INSERT INTO orglife_signin_failure(account_id, at) VALUES (?1, ?2)");
  fail->Bind(1, caller_.account_id).Bind(2, now_unix);
  fail->Run();
  auto old = db_.Prepare("DELETE FROM orglife_signin_failure WHERE at < ?1");
  old->Bind(1, now_unix - 24 * 3600);
  old->Run();
  Audit("orglife.signin.fail", std::to_string(meeting_id), caller_.org_code, "", "wrong code");
  tx.Commit();
  return refused;
}

Result<Meeting> SigninCommands::RequestLeave(int64_t meeting_id, const std::string& reason, const std::string& now) {
  const int64_t person = LinkedPerson(db_, caller_.account_id);
  if (person == 0) return Status::Forbidden(kNotLinked);
  store::Transaction tx(db_);
  auto m = DueMeeting(meeting_id, person);
  if (!m.ok()) return m.status().code() == StatusCode::kForbidden ? Status::NotFound("id", kNotFound) : m.status();
  if (m->state != State::kPlanned) return Status::Conflict("state", "会议已召开或已取消，不能再请假");
  if (now >= m->planned_at) {
    return Status::Invalid("reason",
                           "请假须在会议开始（" + Say(m->planned_at, now) + "）之前提出；会议已开始，请联系会议记录人");
  }
  JICENG_RETURN_IF_ERROR(CheckText("reason", reason, "请假原因", 200, true, false));
  auto me =
      std::find_if(m->attendees.begin(), m->attendees.end(), [&](const Attendee& a) { return a.person_id == person; });
  const std::string before = Describe(*me);
  SetPresence(meeting_id, person, Presence::kLeave, reason, "");
  Mark({meeting_id, person, "leave", now, reason, caller_.login});
  Audit("orglife.leave", std::to_string(meeting_id), m->branch_code, before, std::to_string(person) + ":leave");
  auto saved = OrglifeRepo(db_).Find(meeting_id);
  tx.Commit();
  return *saved;
}

Result<Meeting> SigninCommands::Correct(int64_t meeting_id, int64_t person_id, const std::string& presence_text,
                                        const std::string& reason, const std::string& note, const std::string& now) {
  JICENG_RETURN_IF_ERROR(CanUseOrglife(caller_));
  store::Transaction tx(db_);
  auto screen = Screen(meeting_id, now);
  if (!screen.ok()) return screen.status();
  const Meeting& m = screen->meeting;
  if (m.state != State::kPlanned) {
    return Status::Conflict("state", "会议记录已填报，请在会议记录的出席登记中修改");
  }
  auto it =
      std::find_if(m.attendees.begin(), m.attendees.end(), [&](const Attendee& a) { return a.person_id == person_id; });
  if (it == m.attendees.end()) return Status::Invalid("person_id", "该人员不在本次会议的应到人员中");
  auto presence = ParsePresence(presence_text);
  if (!presence) return Status::Invalid("presence", "出席情况无效：" + presence_text);
  JICENG_RETURN_IF_ERROR(CheckText("reason", reason, "请假原因", 200, *presence == Presence::kLeave, false));
  JICENG_RETURN_IF_ERROR(CheckText("note", note, "更正说明", 200, true, false));
  const std::string before = Describe(*it);
  SetPresence(meeting_id, person_id, *presence, *presence == Presence::kLeave ? reason : "", note);
  Mark({meeting_id, person_id, "correct", now, note, caller_.login});
  Audit("orglife.attendance.correct", std::to_string(meeting_id), m.branch_code, before,
        std::to_string(person_id) + ":" + std::string(PresenceCode(*presence)) + "|" + note);
  auto saved = OrglifeRepo(db_).Find(meeting_id);
  tx.Commit();
  return *saved;
}

}  // namespace jiceng::orglife
