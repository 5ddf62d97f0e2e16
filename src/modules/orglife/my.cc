#include "modules/orglife/my.h"

#include <algorithm>

#include "modules/org/repo.h"
#include "modules/orglife/repo.h"
#include "modules/orglife/signin.h"
#include "modules/people/repo.h"

namespace jiceng::orglife {
namespace {

constexpr const char* kNotFound = "未找到该会议，或您不在本次会议的应到人员中";

}  // namespace

Result<MyPerson> MyQueries::Me() {
  const int64_t person = LinkedPerson(db_, caller_.account_id);
  if (person == 0) return Status::Forbidden("您的账号尚未关联人员信息，请联系本单位系统管理员");
  MyPerson me;
  me.person_id = person;
  auto names = people::PeopleRepo(db_).NamesOf({person});
  me.name = names.count(person) ? names[person] : "";
  if (auto aff = people::PeopleRepo(db_).AffiliationAt(person, Date::Today())) {
    if (auto unit = org::OrgRepo(db_).FindById(aff->first, Date::Today())) {
      me.branch_code = unit->code;
      me.branch_name = unit->name;
    }
  }
  return me;
}

MyMeeting MyQueries::Of(const orglife::Meeting& m, int64_t person, const std::string& now) {
  MyMeeting out;
  out.meeting = m;
  out.meeting.attendees.clear();
  auto it =
      std::find_if(m.attendees.begin(), m.attendees.end(), [&](const Attendee& a) { return a.person_id == person; });
  if (it != m.attendees.end()) out.me = *it;
  const SigninWindow w = WindowOf(m.planned_at);
  out.opens_at = w.opens_at;
  out.closes_at = w.closes_at;
  out.window_open = m.state == State::kPlanned && w.opens_at <= now && now < w.closes_at;
  out.can_leave = m.state == State::kPlanned && now < m.planned_at;
  auto s =
      db_.Prepare("SELECT at FROM orglife_signin_mark WHERE meeting_id = ?1 AND person_id = ?2 AND kind = 'signin'");
  s->Bind(1, m.id).Bind(2, person);
  if (s->Step()) out.signed_at = s->Text(0);
  return out;
}

Result<std::vector<MyMeeting>> MyQueries::Meetings(bool upcoming, int page, const std::string& now, int64_t* total) {
  auto me = Me();
  if (!me.ok()) return me.status();
  // A planned meeting whose window has not closed: planned_at + 3 h > now, i.e. planned_at > now − 3 h.
  const std::string since = AddMinutes(now, -kSigninClosesAfter);
  const std::string where = upcoming ? " AND m.state = 'planned' AND m.planned_at > ?2"
                                     : " AND NOT (m.state = 'planned' AND m.planned_at > ?2)";
  auto count = db_.Prepare(
      "SELECT COUNT(*) FROM orglife_attendance a JOIN orglife_meeting m ON m.id = a.meeting_id WHERE a.person_id = ?1" +
      where);
  count->Bind(1, me->person_id).Bind(2, since);
  *total = count->Step() ? count->Int(0) : 0;
  page = std::max(page, 1);
  auto s = db_.Prepare(
      "SELECT m.id FROM orglife_attendance a JOIN orglife_meeting m ON m.id = a.meeting_id WHERE a.person_id = ?1" +
      where +
      (upcoming ? " ORDER BY m.planned_at, m.id"
                : " ORDER BY (CASE WHEN m.held_at <> '' THEN m.held_at ELSE m.planned_at END) DESC, m.id DESC") +
      " LIMIT ?3 OFFSET ?4");
  s->Bind(1, me->person_id).Bind(2, since).Bind(3, kMyMeetingsPerPage).Bind(4, (page - 1) * kMyMeetingsPerPage);
  std::vector<int64_t> ids;
  while (s->Step()) ids.push_back(s->Int(0));
  OrglifeRepo repo(db_);
  std::vector<MyMeeting> out;
  for (int64_t id : ids) {
    if (auto m = repo.Find(id)) out.push_back(Of(*m, me->person_id, now));
  }
  return out;
}

Result<MyMeeting> MyQueries::One(int64_t id, const std::string& now) {
  const int64_t person = LinkedPerson(db_, caller_.account_id);
  if (person == 0) return Status::Forbidden("您的账号尚未关联人员信息，请联系本单位系统管理员");
  auto m = OrglifeRepo(db_).Find(id);
  if (!m) return Status::NotFound("id", kNotFound);
  const bool due =
      std::any_of(m->attendees.begin(), m->attendees.end(), [&](const Attendee& a) { return a.person_id == person; });
  if (!due) return Status::NotFound("id", kNotFound);
  return Of(*m, person, now);
}

}  // namespace jiceng::orglife
