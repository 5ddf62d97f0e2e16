// HTTP routes of the Party member's own pages (我的: /api/v1/my/...), meeting sign-in (the branch side's screen and
// corrections) and members' accounts (links to persons, a branch's accounts at once). Thin: parse, call one
// command or query, serialize. The /my routes never take a person: the session's account names it.
#include <boost/json.hpp>
#include <ctime>

#include "modules/accounts/guard.h"
#include "modules/accounts/path_id.h"
#include "modules/orglife/account_links.h"
#include "modules/orglife/member_routes.h"
#include "modules/orglife/my.h"
#include "modules/orglife/permissions.h"
#include "modules/orglife/signin.h"

namespace jiceng::orglife {
namespace {

namespace json = boost::json;
using accounts::FieldType;
using accounts::Guard;
using accounts::Principal;
using accounts::QueryValue;
using accounts::TypedField;

int64_t NowUnix() { return static_cast<int64_t>(std::time(nullptr)); }

json::object MeetingHead(const Meeting& m) {
  return {{"id", m.id},
          {"kind", KindCode(m.kind)},
          {"kind_name", KindName(m.kind)},
          {"topic", m.topic},
          {"branch_code", m.branch_code},
          {"branch_name", m.branch_name},
          {"group_name", m.group_name},
          {"planned_at", m.planned_at},
          {"held_at", m.held_at},
          {"place", m.place},
          {"online_link", m.online_link},
          {"state", StateCode(m.state)},
          {"state_name", StateName(m.state)}};
}

json::object ToJson(const MyMeeting& m) {
  json::object o = MeetingHead(m.meeting);
  o["presence"] = PresenceCode(m.me.presence);
  o["presence_name"] = PresenceName(m.me.presence);
  o["reason"] = m.me.reason;
  o["note"] = m.me.note;
  o["opens_at"] = m.opens_at;
  o["closes_at"] = m.closes_at;
  o["window_open"] = m.window_open;
  o["can_leave"] = m.can_leave;
  o["signed_at"] = m.signed_at;
  return o;
}

json::object ToJson(const SigninScreen& s) {
  json::object o = MeetingHead(s.meeting);
  o["code"] = s.code;
  o["opens_at"] = s.opens_at;
  o["closes_at"] = s.closes_at;
  o["signin_url"] = s.code.empty() ? "" : "/my/signin/" + std::to_string(s.meeting.id) + "?code=" + s.code;
  json::array attendees;
  int present = 0, leave = 0;
  for (const Attendee& a : s.meeting.attendees) {
    auto at = s.signed_at.find(a.person_id);
    if (a.presence == Presence::kPresent) ++present;
    if (a.presence == Presence::kLeave) ++leave;
    attendees.push_back({{"person_id", a.person_id},
                         {"name", a.name},
                         {"presence", PresenceCode(a.presence)},
                         {"presence_name", PresenceName(a.presence)},
                         {"reason", a.reason},
                         {"note", a.note},
                         {"signed_at", at == s.signed_at.end() ? "" : at->second}});
  }
  o["attendees"] = attendees;
  o["due"] = static_cast<int64_t>(s.meeting.attendees.size());
  o["present"] = present;
  o["leave"] = leave;
  return o;
}

template <typename F>
http::Response WithBody(const http::Request& r, F f) {
  auto body = accounts::ParseBody(r);
  if (!body.ok()) return http::JsonError(body.status());
  return f(*body);
}

http::Response ThrottledAnswer(const Status& st, int64_t wait) {
  http::Response response = http::JsonError(st);
  response.status = 429;
  response.headers.emplace_back("Retry-After", std::to_string(wait));
  return response;
}

std::vector<std::string> SplitLogins(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size() && out.size() < 100) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void AddMemberRoutes(http::Router& router, accounts::WebContext& ctx) {
  // 我的 — the caller's own person and meetings.
  router.Add("GET", "/api/v1/my", Guard(ctx, [](const http::Request&, const Principal& p, store::Connection& db) {
               auto me = MyQueries(db, p).Me();
               if (!me.ok()) return http::JsonError(me.status());
               int64_t upcoming = 0;
               auto next = MyQueries(db, p).Meetings(true, 1, CurrentMinute(), &upcoming);
               json::object o{{"person_id", me->person_id},
                              {"name", me->name},
                              {"branch_code", me->branch_code},
                              {"branch_name", me->branch_name},
                              {"upcoming", upcoming}};
               if (next.ok() && !next->empty()) o["next"] = ToJson(next->front());
               return http::Json(o);
             }));
  router.Add("GET", "/api/v1/my/meetings",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               const bool upcoming = QueryValue(r, "when") != "past";
               const std::string page_text = QueryValue(r, "page");
               const int page = page_text.size() > 0 && page_text.size() < 6 &&
                                        page_text.find_first_not_of("0123456789") == std::string::npos
                                    ? std::atoi(page_text.c_str())
                                    : 1;
               int64_t total = 0;
               auto items = MyQueries(db, p).Meetings(upcoming, page, CurrentMinute(), &total);
               if (!items.ok()) return http::JsonError(items.status());
               json::array out;
               for (const MyMeeting& m : *items) out.push_back(ToJson(m));
               return http::Json(json::object{
                   {"total", total}, {"page", std::max(page, 1)}, {"page_size", kMyMeetingsPerPage}, {"items", out}});
             }));
  router.Add("GET", "/api/v1/my/meetings/{id}",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = accounts::PathId(r, "id", "会议");
               if (!id.ok()) return http::JsonError(id.status());
               auto m = MyQueries(db, p).One(*id, CurrentMinute());
               if (!m.ok()) return http::JsonError(m.status());
               return http::Json(ToJson(*m));
             }));
  router.Add("POST", "/api/v1/my/meetings/{id}/leave",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = accounts::PathId(r, "id", "会议");
               if (!id.ok()) return http::JsonError(id.status());
               return WithBody(r, [&](const json::object& o) {
                 auto reason = TypedField(o, "reason", FieldType::kText);
                 if (!reason.ok()) return http::JsonError(reason.status());
                 auto m = SigninCommands(db, p).RequestLeave(*id, *reason, CurrentMinute());
                 if (!m.ok()) return http::JsonError(m.status());
                 return http::Json(ToJson(*MyQueries(db, p).One(*id, CurrentMinute())));
               });
             }));
  router.Add("POST", "/api/v1/my/signin",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               return WithBody(r, [&](const json::object& o) {
                 auto code = TypedField(o, "code", FieldType::kText);
                 if (!code.ok()) return http::JsonError(code.status());
                 auto meeting = TypedField(o, "meeting_id", FieldType::kId);
                 if (!meeting.ok()) return http::JsonError(meeting.status());
                 const int64_t meeting_id = meeting->empty() ? 0 : std::stoll(*meeting);
                 SigninCommands commands(db, p);
                 const int64_t now = NowUnix();
                 auto m = commands.SignIn(*code, meeting_id, CurrentMinute(), now);
                 if (!m.ok() && m.status().reason() == "throttled")
                   return ThrottledAnswer(m.status(), commands.RetryAfter(now));
                 if (!m.ok()) return http::JsonError(m.status());
                 return http::Json(ToJson(*MyQueries(db, p).One(m->id, CurrentMinute())));
               });
             }));

  // The branch side's sign-in screen: GET shows it (the code once opened), POST opens it in the window.
  router.Add("GET", "/api/v1/orglife/meetings/{id}/signin",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = accounts::PathId(r, "id", "会议");
               if (!id.ok()) return http::JsonError(id.status());
               if (Status st = CanUseOrglife(p); !st.ok()) return http::JsonError(st);
               auto s = SigninCommands(db, p).Screen(*id, CurrentMinute());
               if (!s.ok()) return http::JsonError(s.status());
               return http::Json(ToJson(*s));
             }));
  router.Add("POST", "/api/v1/orglife/meetings/{id}/signin",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = accounts::PathId(r, "id", "会议");
               if (!id.ok()) return http::JsonError(id.status());
               auto s = SigninCommands(db, p).Open(*id, CurrentMinute());
               if (!s.ok()) return http::JsonError(s.status());
               return http::Json(ToJson(*s));
             }));
  router.Add("POST", "/api/v1/orglife/meetings/{id}/attendance",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = accounts::PathId(r, "id", "会议");
               if (!id.ok()) return http::JsonError(id.status());
               return WithBody(r, [&](const json::object& o) {
                 auto person = TypedField(o, "person_id", FieldType::kInteger);
                 if (!person.ok()) return http::JsonError(person.status());
                 std::string presence, reason, note;
                 for (auto [key, out] :
                      {std::pair{"presence", &presence}, std::pair{"reason", &reason}, std::pair{"note", &note}}) {
                   auto v = TypedField(o, key, FieldType::kText);
                   if (!v.ok()) return http::JsonError(v.status());
                   *out = *v;
                 }
                 if (person->empty()) return http::JsonError(Status::Invalid("person_id", "请选择要更正的人员"));
                 auto m =
                     SigninCommands(db, p).Correct(*id, std::stoll(*person), presence, reason, note, CurrentMinute());
                 if (!m.ok()) return http::JsonError(m.status());
                 return http::Json(ToJson(*SigninCommands(db, p).Screen(*id, CurrentMinute())));
               });
             }));

  // Members' accounts (账号管理, the system administrator).
  router.Add(
      "GET", "/api/v1/account-links",
      Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
        json::array out;
        for (const AccountLink& l : AccountLinks(db, ctx.cipher, p).LinksOf(SplitLogins(QueryValue(r, "logins")))) {
          out.push_back({{"login", l.login}, {"person_id", l.person_id}, {"person_name", l.person_name}});
        }
        return http::Json(out);
      }));
  router.Add("POST", "/api/v1/users/{login}/person",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               return WithBody(r, [&](const json::object& o) {
                 auto person = TypedField(o, "person_id", FieldType::kId);
                 if (!person.ok()) return http::JsonError(person.status());
                 auto id_number = TypedField(o, "id_number", FieldType::kText);
                 if (!id_number.ok()) return http::JsonError(id_number.status());
                 auto link = AccountLinks(db, ctx.cipher, p).Link(r.params.at("login"), *person, *id_number);
                 if (!link.ok()) return http::JsonError(link.status());
                 return http::Json(json::object{
                     {"login", link->login}, {"person_id", link->person_id}, {"person_name", link->person_name}});
               });
             }));
  router.Add("POST", "/api/v1/users/{login}/person/unlink",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               Status st = AccountLinks(db, ctx.cipher, p).Unlink(r.params.at("login"));
               if (!st.ok()) return http::JsonError(st);
               return http::Json(json::object{{"ok", true}});
             }));
  router.Add("GET", "/api/v1/member-accounts",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto preview = AccountLinks(db, ctx.cipher, p).Preview(QueryValue(r, "branch"));
               if (!preview.ok()) return http::JsonError(preview.status());
               json::array candidates;
               for (const BatchCandidate& c : preview->candidates) {
                 candidates.push_back({{"person_id", c.person_id}, {"name", c.name}, {"login", c.login}});
               }
               return http::Json(json::object{{"branch_code", preview->branch_code},
                                              {"branch_name", preview->branch_name},
                                              {"with_account", preview->with_account},
                                              {"candidates", candidates}});
             }));
  // Makes the accounts and answers their one-time passwords, once: nothing keeps them in clear.
  router.Add(
      "POST", "/api/v1/member-accounts",
      Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
        return WithBody(r, [&](const json::object& o) {
          auto branch = TypedField(o, "branch_code", FieldType::kText);
          if (!branch.ok()) return http::JsonError(branch.status());
          auto it = o.find("confirm");
          if (it == o.end() || !it->value().is_bool() || !it->value().as_bool()) {
            return http::JsonError(Status::Invalid("confirm", "请先确认要为这些党员新建账号"));
          }
          auto slips = AccountLinks(db, ctx.cipher, p).CreateForBranch(*branch);
          if (!slips.ok()) return http::JsonError(slips.status());
          json::array out;
          for (const BatchSlip& s : *slips) {
            out.push_back({{"person_id", s.person_id}, {"name", s.name}, {"login", s.login}, {"password", s.password}});
          }
          return http::Json(json::object{{"branch_code", *branch}, {"slips", out}}, 201);
        });
      }));
}

}  // namespace jiceng::orglife
