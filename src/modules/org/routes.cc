// HTTP routes of the org module: the caller's subtree of the tree, and the org department's rename, move and
// merge of the units below its own — each a request that another org department account approves
// (change_requests.h). Anything outside the subtree answers 404, as if it did not exist.
#include <boost/json.hpp>

#include "modules/accounts/actors.h"
#include "modules/accounts/guard.h"
#include "modules/org/change_requests.h"
#include "modules/org/commands.h"
#include "modules/org/json.h"
#include "modules/org/permissions.h"
#include "modules/org/queries.h"

namespace jiceng::org {
namespace {

using accounts::Guard;
using accounts::Principal;

Result<Date> AsOf(const http::Request& r) {
  std::string text = accounts::QueryValue(r, "as_of");
  if (text.empty()) return Date::Today();
  auto d = Date::Parse(text);
  if (!d) return Status::Invalid("as_of", "日期无效：" + text + "（格式 YYYY-MM-DD）");
  return *d;
}

Status NotInScope() { return Status::NotFound("code", "未找到该单位，或不在您的管辖范围内"); }

boost::json::value WithChildCount(OrgRepo& repo, const OrgUnit& unit, Date as_of) {
  boost::json::object o = ToJson(unit).as_object();
  o["child_count"] = repo.ChildCount(unit.id, as_of);
  return o;
}

// The unit of `code` if it exists on `as_of` inside the caller's subtree.
Result<OrgUnit> Visible(OrgRepo& repo, const Principal& p, const std::string& code, Date as_of) {
  auto unit = FindWithin(repo, p.org_id, code, as_of);
  if (!unit) return NotInScope();
  return *unit;
}

// The caller's change requests, limited to the units below its own.
ChangeRequests RequestsOf(accounts::WebContext& ctx, store::Connection& db, const Principal& p) {
  return ChangeRequests(db, accounts::ActorOf(p), p.org_id, ctx.merge_listeners);
}

// A request as the caller sees it: whether it asked for it (and may withdraw it) or may decide it.
boost::json::value RequestJson(const ChangeRequest& r, const Principal& p) {
  boost::json::object o = ToJson(r).as_object();
  o["mine"] = r.requested_by == p.login;
  o["can_decide"] = r.state == ChangeState::kPending && r.requested_by != p.login && CanChangeTree(p).ok();
  return o;
}

// Requests with who asked and who decided by name (requested_by_name, decided_by_name; the logins stay beside).
void NameRequestActors(store::Connection& db, boost::json::array& requests) {
  accounts::NameActors(db, requests, "requested_by");
  accounts::NameActors(db, requests, "decided_by");
}

boost::json::value NamedRequestJson(store::Connection& db, const ChangeRequest& r, const Principal& p) {
  boost::json::array one{RequestJson(r, p)};
  NameRequestActors(db, one);
  return std::move(one[0]);
}

// An org's changes with who asked for each (actor) and who approved it (approved_by) by name.
void NameEventActors(store::Connection& db, boost::json::array& events) {
  accounts::NameActors(db, events, "actor");
  accounts::NameActors(db, events, "approved_by");
}

// The optional boolean `key` of a body (absent: `fallback`).
Result<bool> BoolField(const http::Request& r, const char* key, bool fallback) {
  auto body = accounts::ParseBody(r);
  if (!body.ok()) return body.status();
  auto it = body->find(key);
  if (it == body->end() || it->value().is_null()) return fallback;
  if (!it->value().is_bool()) return Status::Invalid(key, std::string(key) + " 应为 true 或 false");
  return it->value().as_bool();
}

Result<int64_t> RequestId(const http::Request& r) {
  const std::string& text = r.params.at("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::NotFound("request", "未找到该调整申请");
  }
  return std::stoll(text);
}

// A body's text fields, each checked to be a string (400 naming the field otherwise).
Result<std::vector<std::string>> Fields(const http::Request& r, std::initializer_list<const char*> keys) {
  auto body = accounts::ParseBody(r);
  if (!body.ok()) return body.status();
  std::vector<std::string> values;
  for (const char* key : keys) {
    auto value = accounts::TypedField(*body, key, accounts::FieldType::kText);
    if (!value.ok()) return value.status();
    values.push_back(*value);
  }
  return values;
}

}  // namespace

void AddChangeRoutes(http::Router& router, accounts::WebContext& ctx);

void AddRoutes(http::Router& router, accounts::WebContext& ctx) {
  AddChangeRoutes(router, ctx);
  router.Add("GET", "/api/v1/orgs/root", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanReadTree(p); !st.ok()) return http::JsonError(st);
               auto as_of = AsOf(r);
               if (!as_of.ok()) return http::JsonError(as_of.status());
               OrgRepo repo(db);
               auto unit = repo.FindById(p.org_id, *as_of);
               if (!unit) return http::JsonError(NotInScope());
               return http::Json(WithChildCount(repo, *unit, *as_of));
             }));
  router.Add("GET", "/api/v1/orgs/search",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanReadTree(p); !st.ok()) return http::JsonError(st);
               auto as_of = AsOf(r);
               if (!as_of.ok()) return http::JsonError(as_of.status());
               std::string q = accounts::QueryValue(r, "q");
               if (q.empty()) return http::JsonError(Status::Invalid("q", "请输入名称或代码"));
               boost::json::array items;
               for (const auto& hit : OrgQueries(db).SearchWithin(p.org_id, q, *as_of, 50)) {
                 boost::json::object o = ToJson(hit.unit).as_object();
                 o["path"] = boost::json::value_from(hit.path);
                 items.push_back(std::move(o));
               }
               return http::Json(items);
             }));
  router.Add("GET", "/api/v1/orgs/{code}", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanReadTree(p); !st.ok()) return http::JsonError(st);
               auto as_of = AsOf(r);
               if (!as_of.ok()) return http::JsonError(as_of.status());
               OrgRepo repo(db);
               auto unit = Visible(repo, p, r.params.at("code"), *as_of);
               if (!unit.ok()) return http::JsonError(unit.status());
               auto detail = OrgQueries(db).Show(unit->code, *as_of);
               if (!detail.ok()) return http::JsonError(detail.status());
               boost::json::object o = ToJson(*detail).as_object();
               NameEventActors(db, o["history"].as_array());  // who asked for and approved each change, by name
               NameEventActors(db, o["later_history"].as_array());
               o["child_count"] = repo.ChildCount(unit->id, *as_of);
               o["in_scope_parent"] = unit->id != p.org_id;  // whether the UI may climb to the parent
               if (auto pending = repo.PendingChangeOf(unit->id)) o["pending_change"] = NamedRequestJson(db, *pending, p);
               return http::Json(o);
             }));
  router.Add("GET", "/api/v1/orgs/{code}/children",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanReadTree(p); !st.ok()) return http::JsonError(st);
               auto as_of = AsOf(r);
               if (!as_of.ok()) return http::JsonError(as_of.status());
               OrgRepo repo(db);
               auto unit = Visible(repo, p, r.params.at("code"), *as_of);
               if (!unit.ok()) return http::JsonError(unit.status());
               boost::json::array items;
               for (const auto& child : repo.Children(unit->id, *as_of)) items.push_back(WithChildCount(repo, child, *as_of));
               return http::Json(items);
             }));
  // Changes, each a request answered 202 with the pending request: {name, kind?, on, reason, with_namesakes?},
  // {to, on, reason}, {into, on, reason}.
  router.Add("POST", "/api/v1/orgs/{code}/rename",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanChangeTree(p); !st.ok()) return http::JsonError(st);
               auto f = Fields(r, {"name", "kind", "on", "reason"});
               if (!f.ok()) return http::JsonError(f.status());
               auto with_namesakes = BoolField(r, "with_namesakes", true);
               if (!with_namesakes.ok()) return http::JsonError(with_namesakes.status());
               auto request = RequestsOf(ctx, db, p).RequestRename(
                   {r.params.at("code"), (*f)[0], (*f)[2], (*f)[3], (*f)[1], *with_namesakes});
               if (!request.ok()) return http::JsonError(request.status());
               return http::Json(NamedRequestJson(db, *request, p), 202);
             }));
  router.Add("POST", "/api/v1/orgs/{code}/move",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanChangeTree(p); !st.ok()) return http::JsonError(st);
               auto f = Fields(r, {"to", "on", "reason"});
               if (!f.ok()) return http::JsonError(f.status());
               auto request = RequestsOf(ctx, db, p).RequestMove({r.params.at("code"), (*f)[0], (*f)[1], (*f)[2]});
               if (!request.ok()) return http::JsonError(request.status());
               return http::Json(NamedRequestJson(db, *request, p), 202);
             }));
  router.Add("POST", "/api/v1/orgs/{code}/merge",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanChangeTree(p); !st.ok()) return http::JsonError(st);
               auto f = Fields(r, {"into", "on", "reason"});
               if (!f.ok()) return http::JsonError(f.status());
               auto request = RequestsOf(ctx, db, p).RequestMerge({r.params.at("code"), (*f)[0], (*f)[1], (*f)[2]});
               if (!request.ok()) return http::JsonError(request.status());
               return http::Json(NamedRequestJson(db, *request, p), 202);
             }));
  // What a rename would rename with the unit: ?name=NEW&on=DATE (the rename dialog's list).
  router.Add("GET", "/api/v1/orgs/{code}/namesakes",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanChangeTree(p); !st.ok()) return http::JsonError(st);
               auto on = ParseDateField("on", accounts::QueryValue(r, "on"), Date::Today());
               if (!on.ok()) return http::JsonError(on.status());
               OrgRepo repo(db);
               auto unit = Visible(repo, p, r.params.at("code"), *on);
               if (!unit.ok()) return http::JsonError(unit.status());
               auto found = OrgQueries(db).Namesakes(unit->code, accounts::QueryValue(r, "name"), *on);
               if (!found.ok()) return http::JsonError(found.status());
               boost::json::array items;
               for (const auto& n : *found) items.push_back(ToJson(n));
               return http::Json(items);
             }));
}

// The change requests in the caller's subtree (?state=pending, the default, or all; ?unit=CODE), and their
// approval, rejection or withdrawal. (The literal "changes" wins over /orgs/{code} in the router.)
void AddChangeRoutes(http::Router& router, accounts::WebContext& ctx) {
  router.Add("GET", "/api/v1/orgs/changes",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanReadTree(p); !st.ok()) return http::JsonError(st);
               const std::string state = accounts::QueryValue(r, "state");
               if (!state.empty() && state != "pending" && state != "all") {
                 return http::JsonError(Status::Invalid("state", "state 只能是 pending 或 all"));
               }
               boost::json::array items;
               for (const auto& request :
                    RequestsOf(ctx, db, p).List(state != "all", accounts::QueryValue(r, "unit"))) {
                 items.push_back(RequestJson(request, p));
               }
               NameRequestActors(db, items);
               return http::Json(items);
             }));
  router.Add("POST", "/api/v1/orgs/changes/{id}/approve",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanChangeTree(p); !st.ok()) return http::JsonError(st);
               auto id = RequestId(r);
               if (!id.ok()) return http::JsonError(id.status());
               auto done = RequestsOf(ctx, db, p).Approve(*id);
               if (!done.ok()) return http::JsonError(done.status());
               boost::json::object o{{"request", NamedRequestJson(db, done->request, p)}};
               if (done->rename) o["unit"] = ToJson(*done->rename);
               if (done->move) o["unit"] = ToJson(*done->move);
               if (done->merge) o["merge"] = ToJson(*done->merge);
               return http::Json(o);
             }));
  router.Add("POST", "/api/v1/orgs/changes/{id}/reject",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanChangeTree(p); !st.ok()) return http::JsonError(st);
               auto id = RequestId(r);
               if (!id.ok()) return http::JsonError(id.status());
               auto f = Fields(r, {"note"});
               if (!f.ok()) return http::JsonError(f.status());
               auto done = RequestsOf(ctx, db, p).Reject(*id, (*f)[0]);
               if (!done.ok()) return http::JsonError(done.status());
               return http::Json(NamedRequestJson(db, *done, p));
             }));
}

}  // namespace jiceng::org
