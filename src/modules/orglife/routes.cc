// HTTP routes of the orglife module (doc/orglife.md). Thin: parse, call one command or query (which check role,
// side and scope), serialize.
#include <boost/json.hpp>

#include "modules/accounts/guard.h"
#include "modules/accounts/path_id.h"
#include "modules/orglife/commands.h"
#include "modules/orglife/json.h"
#include "modules/orglife/member_routes.h"
#include "modules/orglife/queries.h"

namespace jiceng::orglife {
namespace {

using accounts::FieldType;
using accounts::Guard;
using accounts::Principal;
using accounts::QueryValue;
using accounts::TypedField;

Result<int64_t> IdParam(const http::Request& r) { return accounts::PathId(r, "id", "记录"); }

int IntQuery(const http::Request& r, const char* key, int fallback) {
  const std::string v = QueryValue(r, key);
  if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::atoi(v.c_str());
}

// Reads the text fields `keys` of `o` into `out` in order; the first mistyped one is the error.
Status Texts(const boost::json::object& o, std::initializer_list<std::pair<const char*, std::string*>> keys,
             FieldType type = FieldType::kText) {
  for (const auto& [key, out] : keys) {
    auto v = TypedField(o, key, type);
    if (!v.ok()) return v.status();
    *out = *v;
  }
  return Status::Ok();
}

Result<RecordForm> RecordFrom(const boost::json::object& o) {
  RecordForm f;
  JICENG_RETURN_IF_ERROR(Texts(o, {{"topic", &f.topic}, {"held_at", &f.held_at}, {"place", &f.place},
                                   {"online_link", &f.online_link}, {"invitees", &f.invitees},
                                   {"minutes", &f.minutes}, {"decisions", &f.decisions}}));
  JICENG_RETURN_IF_ERROR(Texts(o, {{"presenter_id", &f.presenter_id}, {"recorder_id", &f.recorder_id}}, FieldType::kId));
  if (auto it = o.find("attendance"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_array()) return Status::Invalid("attendance", "出席登记应为列表");
    for (const auto& v : it->value().as_array()) {
      if (!v.is_object() || !v.as_object().contains("person_id") || !v.as_object().at("person_id").is_int64()) {
        return Status::Invalid("attendance", "出席登记的每一项应包含人员编号");
      }
      AttendanceForm a;
      a.person_id = v.as_object().at("person_id").as_int64();
      JICENG_RETURN_IF_ERROR(Texts(v.as_object(), {{"presence", &a.presence}, {"reason", &a.reason}, {"note", &a.note}}));
      f.attendance.push_back(std::move(a));
    }
  }
  if (auto it = o.find("vote"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_object()) return Status::Invalid("vote", "表决结果格式无效");
    Vote v;
    for (const auto& [key, out] : std::initializer_list<std::pair<const char*, int*>>{
             {"in_favour", &v.in_favour}, {"against", &v.against}, {"abstained", &v.abstained}}) {
      const auto& vo = it->value().as_object();
      if (!vo.contains(key) || vo.at(key).is_null()) continue;
      if (!vo.at(key).is_int64() || vo.at(key).as_int64() < 0 || vo.at(key).as_int64() > 100000) {
        return Status::Invalid("vote", "表决票数应为非负整数");
      }
      *out = static_cast<int>(vo.at(key).as_int64());
    }
    f.vote = v;
  }
  return f;
}

http::Response Detail(store::Connection& db, const Principal& p, int64_t id, int status = 200) {
  auto d = OrglifeQueries(db, p).Show(id);
  if (!d.ok()) return http::JsonError(d.status());
  return http::Json(ToJson(db, *d), status);
}

template <typename F>
http::Response WithBody(const http::Request& r, F f) {
  auto body = accounts::ParseBody(r);
  if (!body.ok()) return http::JsonError(body.status());
  return f(*body);
}

}  // namespace

void AddRoutes(http::Router& router, accounts::WebContext& ctx) {
  AddMemberRoutes(router, ctx);  // 我的, sign-in, members' accounts
  router.Add("GET", "/api/v1/orglife/vocabularies", Guard(ctx, [](const http::Request&, const Principal&, store::Connection&) {
               return http::Json(VocabulariesJson());
             }));
  router.Add("GET", "/api/v1/orglife/branches", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto branches = OrglifeQueries(db, p).BranchesOf(QueryValue(r, "org"));
               if (!branches.ok()) return http::JsonError(branches.status());
               org::OrgRepo orgs(db);
               boost::json::array out;
               for (const auto& [id, name] : *branches) {
                 auto u = orgs.FindById(id, Date::Today());
                 if (u) out.push_back({{"code", u->code}, {"name", name}, {"parent_name", u->parent_name}});
                 if (out.size() >= 500) break;
               }
               return http::Json(out);
             }));
  router.Add("GET", "/api/v1/orglife/meetings", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               ListRequest q;
               q.org = QueryValue(r, "org");
               q.kind = QueryValue(r, "kind");
               q.state = QueryValue(r, "state");
               q.month = QueryValue(r, "month");
               q.query = QueryValue(r, "q");
               q.page = IntQuery(r, "page", 1);
               q.page_size = IntQuery(r, "page_size", 20);
               auto page = OrglifeQueries(db, p).List(q);
               if (!page.ok()) return http::JsonError(page.status());
               return http::Json(ToJson(db, *page));
             }));
  router.Add("POST", "/api/v1/orglife/meetings", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               return WithBody(r, [&](const boost::json::object& o) {
                 PlanForm f;
                 Status st = Texts(o, {{"branch_code", &f.branch_code}, {"kind", &f.kind}, {"topic", &f.topic},
                                       {"planned_at", &f.planned_at}, {"place", &f.place},
                                       {"online_link", &f.online_link}});
                 if (st.ok()) st = Texts(o, {{"group_id", &f.group_id}, {"theme_id", &f.theme_id}}, FieldType::kId);
                 if (!st.ok()) return http::JsonError(st);
                 auto m = OrglifeCommands(db, p, ctx.files_dir).Plan(f);
                 if (!m.ok()) return http::JsonError(m.status());
                 return Detail(db, p, m->id, 201);
               });
             }));
  router.Add("GET", "/api/v1/orglife/meetings/{id}", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r);
               if (!id.ok()) return http::JsonError(id.status());
               return Detail(db, p, *id);
             }));
  router.Add("POST", "/api/v1/orglife/meetings/{id}/record", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r);
               if (!id.ok()) return http::JsonError(id.status());
               return WithBody(r, [&](const boost::json::object& o) {
                 auto f = RecordFrom(o);
                 if (!f.ok()) return http::JsonError(f.status());
                 auto m = OrglifeCommands(db, p, ctx.files_dir).Record(*id, *f);
                 if (!m.ok()) return http::JsonError(m.status());
                 return Detail(db, p, *id);
               });
             }));
  router.Add("POST", "/api/v1/orglife/meetings/{id}/cancel", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r);
               if (!id.ok()) return http::JsonError(id.status());
               return WithBody(r, [&](const boost::json::object& o) {
                 auto reason = TypedField(o, "reason", FieldType::kText);
                 if (!reason.ok()) return http::JsonError(reason.status());
                 auto m = OrglifeCommands(db, p, ctx.files_dir).Cancel(*id, *reason);
                 if (!m.ok()) return http::JsonError(m.status());
                 return Detail(db, p, *id);
               });
             }));
  router.Add("POST", "/api/v1/orglife/meetings/{id}/review", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r);
               if (!id.ok()) return http::JsonError(id.status());
               return WithBody(r, [&](const boost::json::object& o) {
                 std::string action, note;
                 Status st = Texts(o, {{"action", &action}, {"note", &note}});
                 if (!st.ok()) return http::JsonError(st);
                 if (action != "approve" && action != "return") {
                   return http::JsonError(Status::Invalid("action", "审核结果只能是通过（approve）或退回（return）"));
                 }
                 auto m = OrglifeCommands(db, p, ctx.files_dir).Review(*id, action == "approve", note);
                 if (!m.ok()) return http::JsonError(m.status());
                 return Detail(db, p, *id);
               });
             }));
  router.Add("POST", "/api/v1/orglife/meetings/{id}/attachments", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r);
               if (!id.ok()) return http::JsonError(id.status());
               auto name = r.headers.find("x-file-name");
               if (name == r.headers.end()) return http::JsonError(Status::Invalid("file", "缺少文件名（X-File-Name）"));
               auto a = OrglifeCommands(db, p, ctx.files_dir).AddAttachment(*id, http::PercentDecode(name->second), r.body);
               if (!a.ok()) return http::JsonError(a.status());
               return http::Json(ToJson(*a), 201);
             }));
  router.Add("GET", "/api/v1/orglife/attachments/{id}", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r);
               if (!id.ok()) return http::JsonError(id.status());
               auto file = OrglifeQueries(db, p).AttachmentFile(*id, ctx.files_dir);
               if (!file.ok()) return http::JsonError(file.status());
               auto& [a, bytes] = *file;
               return http::Attachment(std::move(bytes), a.content_type, a.file_name, "attachment");
             }));
  router.Add("GET", "/api/v1/orglife/due", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto due = OrglifeQueries(db, p).Due(QueryValue(r, "branch"));
               if (!due.ok()) return http::JsonError(due.status());
               return http::Json(ToJson(*due));
             }));
  router.Add("GET", "/api/v1/orglife/compliance", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto c = OrglifeQueries(db, p).ComplianceOf(QueryValue(r, "org"), QueryValue(r, "period"),
                                                           QueryValue(r, "behind") == "1", IntQuery(r, "page", 1),
                                                           IntQuery(r, "page_size", 20));
               if (!c.ok()) return http::JsonError(c.status());
               return http::Json(ToJson(*c));
             }));
  router.Add("GET", "/api/v1/orglife/reviews", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto page = OrglifeQueries(db, p).ReviewQueue(IntQuery(r, "page", 1), IntQuery(r, "page_size", 20));
               if (!page.ok()) return http::JsonError(page.status());
               return http::Json(ToJson(db, *page));
             }));
  router.Add("GET", "/api/v1/orglife/todo", Guard(ctx, [](const http::Request&, const Principal& p, store::Connection& db) {
               auto todo = OrglifeQueries(db, p).Todo();
               if (!todo.ok()) return http::JsonError(todo.status());
               return http::Json(ToJson(*todo));
             }));
  router.Add("GET", "/api/v1/orglife/rules", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto rules = OrglifeQueries(db, p).Rules(QueryValue(r, "org"));
               if (!rules.ok()) return http::JsonError(rules.status());
               return http::Json(ToJson(*rules));
             }));
  router.Add("POST", "/api/v1/orglife/rules", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               return WithBody(r, [&](const boost::json::object& o) {
                 RuleForm f;
                 Status st = Texts(o, {{"org_code", &f.org_code}, {"kind", &f.kind}, {"unit", &f.unit}, {"note", &f.note}});
                 if (st.ok()) st = Texts(o, {{"times", &f.times}}, FieldType::kInteger);
                 if (!st.ok()) return http::JsonError(st);
                 auto rule = OrglifeCommands(db, p, ctx.files_dir).SetRule(f);
                 if (!rule.ok()) return http::JsonError(rule.status());
                 return http::Json(ToJson(*rule));
               });
             }));
  router.Add("POST", "/api/v1/orglife/rules/clear", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               return WithBody(r, [&](const boost::json::object& o) {
                 std::string org, kind;
                 Status st = Texts(o, {{"org_code", &org}, {"kind", &kind}});
                 if (st.ok()) st = OrglifeCommands(db, p, ctx.files_dir).ClearRule(org, kind);
                 if (!st.ok()) return http::JsonError(st);
                 return http::Json(boost::json::object{{"ok", true}});
               });
             }));
  router.Add("GET", "/api/v1/orglife/groups", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto groups = OrglifeQueries(db, p).Groups(QueryValue(r, "branch"));
               if (!groups.ok()) return http::JsonError(groups.status());
               boost::json::array out;
               for (const Group& g : *groups) out.push_back(ToJson(g));
               return http::Json(out);
             }));
  auto save_group = [&ctx](const http::Request& r, const Principal& p, store::Connection& db, int64_t id) {
    return WithBody(r, [&](const boost::json::object& o) {
      GroupForm f;
      Status st = Texts(o, {{"branch_code", &f.branch_code}, {"name", &f.name}});
      if (st.ok()) st = Texts(o, {{"leader_id", &f.leader_id}}, FieldType::kId);
      if (!st.ok()) return http::JsonError(st);
      if (auto it = o.find("members"); it != o.end() && it->value().is_array()) {
        for (const auto& v : it->value().as_array()) {
          if (!v.is_int64()) return http::JsonError(Status::Invalid("members", "成员应为人员编号"));
          f.members.push_back(v.as_int64());
        }
      }
      auto g = OrglifeCommands(db, p, ctx.files_dir).SaveGroup(id, f);
      if (!g.ok()) return http::JsonError(g.status());
      return http::Json(ToJson(*g), id == 0 ? 201 : 200);
    });
  };
  router.Add("POST", "/api/v1/orglife/groups", Guard(ctx, [save_group](const http::Request& r, const Principal& p, store::Connection& db) {
               return save_group(r, p, db, 0);
             }));
  router.Add("POST", "/api/v1/orglife/groups/{id}", Guard(ctx, [save_group](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r);
               if (!id.ok()) return http::JsonError(id.status());
               return save_group(r, p, db, *id);
             }));
  router.Add("POST", "/api/v1/orglife/groups/{id}/delete", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r);
               if (!id.ok()) return http::JsonError(id.status());
               Status st = OrglifeCommands(db, p, ctx.files_dir).DeleteGroup(*id);
               if (!st.ok()) return http::JsonError(st);
               return http::Json(boost::json::object{{"ok", true}});
             }));
  router.Add("GET", "/api/v1/orglife/members", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto members = OrglifeQueries(db, p).Members(QueryValue(r, "branch"));
               if (!members.ok()) return http::JsonError(members.status());
               boost::json::array out;
               for (const BranchMember& m : *members) {
                 out.push_back({{"person_id", m.person_id}, {"name", m.name}, {"status", m.status},
                                {"committee", m.committee}});
               }
               return http::Json(out);
             }));
  router.Add("GET", "/api/v1/orglife/themes", Guard(ctx, [](const http::Request&, const Principal& p, store::Connection& db) {
               auto themes = OrglifeQueries(db, p).Themes();
               if (!themes.ok()) return http::JsonError(themes.status());
               boost::json::array out;
               for (const Theme& t : *themes) out.push_back(ToJson(t));
               return http::Json(out);
             }));
  router.Add("POST", "/api/v1/orglife/themes", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               return WithBody(r, [&](const boost::json::object& o) {
                 ThemeForm f;
                 Status st = Texts(o, {{"kind", &f.kind}, {"title", &f.title}, {"content", &f.content},
                                       {"month", &f.month}, {"deadline", &f.deadline}});
                 if (!st.ok()) return http::JsonError(st);
                 auto t = OrglifeCommands(db, p, ctx.files_dir).IssueTheme(f);
                 if (!t.ok()) return http::JsonError(t.status());
                 return http::Json(ToJson(*t), 201);
               });
             }));
}

}  // namespace jiceng::orglife
