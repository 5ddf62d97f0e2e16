// HTTP routes of the org module: the caller's subtree of the tree, and the org department's rename, move and
// merge of the units below its own. Anything outside the subtree answers 404, as if it did not exist.
#include <boost/json.hpp>

#include "modules/accounts/actors.h"
#include "modules/accounts/guard.h"
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

// The commands of the caller, limited to the units below its own.
OrgCommands CommandsOf(accounts::WebContext& ctx, store::Connection& db, const Principal& p) {
  OrgCommands commands(db, accounts::ActorOf(p), ctx.merge_listeners);
  commands.LimitToSubtree(p.org_id);
  return commands;
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

void AddRoutes(http::Router& router, accounts::WebContext& ctx) {
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
               accounts::NameActors(db, o["history"].as_array(), "actor");  // who made each change, by name
               o["child_count"] = repo.ChildCount(unit->id, *as_of);
               o["in_scope_parent"] = unit->id != p.org_id;  // whether the UI may climb to the parent
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
  // Changes: {name, kind?, on, reason}, {to, on, reason}, {into, on, reason}; the unit as of the date answers.
  router.Add("POST", "/api/v1/orgs/{code}/rename",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanChangeTree(p); !st.ok()) return http::JsonError(st);
               auto f = Fields(r, {"name", "kind", "on", "reason"});
               if (!f.ok()) return http::JsonError(f.status());
               auto unit = CommandsOf(ctx, db, p).Rename({r.params.at("code"), (*f)[0], (*f)[2], (*f)[3], (*f)[1]});
               if (!unit.ok()) return http::JsonError(unit.status());
               return http::Json(ToJson(*unit));
             }));
  router.Add("POST", "/api/v1/orgs/{code}/move",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanChangeTree(p); !st.ok()) return http::JsonError(st);
               auto f = Fields(r, {"to", "on", "reason"});
               if (!f.ok()) return http::JsonError(f.status());
               auto unit = CommandsOf(ctx, db, p).Move({r.params.at("code"), (*f)[0], (*f)[1], (*f)[2]});
               if (!unit.ok()) return http::JsonError(unit.status());
               return http::Json(ToJson(*unit));
             }));
  router.Add("POST", "/api/v1/orgs/{code}/merge",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanChangeTree(p); !st.ok()) return http::JsonError(st);
               auto f = Fields(r, {"into", "on", "reason"});
               if (!f.ok()) return http::JsonError(f.status());
               auto report = CommandsOf(ctx, db, p).Merge({r.params.at("code"), (*f)[0], (*f)[1], (*f)[2]});
               if (!report.ok()) return http::JsonError(report.status());
               return http::Json(ToJson(*report));
             }));
}

}  // namespace jiceng::org
