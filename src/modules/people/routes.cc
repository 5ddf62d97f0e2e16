// HTTP routes of the people module. Thin: parse, check role and scope, call
// one command or query, serialize. People outside the caller's subtree answer
// 404, as if they did not exist.
#include <boost/json.hpp>

#include "core/ethnicity.h"
#include "core/text.h"
#include "modules/accounts/guard.h"
#include "modules/accounts/path_id.h"
#include "modules/imports/routes.h"
#include "modules/people/commands.h"
#include "modules/people/export.h"
#include "modules/people/json.h"
#include "modules/people/permissions.h"
#include "modules/people/queries.h"
#include "modules/people/roster_import.h"
#include "modules/org/repo.h"

namespace jiceng::people {
namespace {

using accounts::Guard;
using accounts::Principal;
using accounts::StringField;

Status PersonNotFound() { return Status::NotFound("id", "未找到该人员，或不在您的管辖范围内"); }

Result<int64_t> PersonId(const http::Request& r) { return accounts::PathId(r, "id", "人员"); }

// The person's id if it exists and is in the caller's subtree today.
Result<int64_t> PersonInScope(store::Connection& db, const Principal& p, const http::Request& r) {
  auto id = PersonId(r);
  if (!id.ok()) return id;
  if (!PeopleRepo(db).WithinScope(*id, p.org_id, Date::Today())) return PersonNotFound();
  return id;
}

Status OrgInScope(store::Connection& db, const Principal& p, const std::string& code, const char* field) {
  org::OrgRepo orgs(db);
  if (!org::FindWithin(orgs, p.org_id, code, Date::Today())) {
    return Status::NotFound(field, "未找到该单位，或不在您的管辖范围内");
  }
  return Status::Ok();
}

PersonForm FormFromJson(const boost::json::object& o) {
  PersonForm f;
  f.name = StringField(o, "name");
  f.gender = StringField(o, "gender");
  f.ethnicity = StringField(o, "ethnicity");
  f.birth_date = StringField(o, "birth_date");
  f.id_number = StringField(o, "id_number");
  f.phone = StringField(o, "phone");
  f.education = StringField(o, "education");
  f.political_status = StringField(o, "political_status");
  f.joined_party_on = StringField(o, "joined_party_on");
  f.org_code = StringField(o, "org_code");
  f.org_since = StringField(o, "org_since");
  return f;
}

http::Response PersonAnswer(const Result<Person>& person, int status = 200) {
  if (!person.ok()) return http::JsonError(person.status());
  return http::Json(ToJson(*person), status);
}

boost::json::array Vocabulary(const std::vector<std::pair<std::string_view, std::string_view>>& entries) {
  boost::json::array out;
  for (const auto& [code, name] : entries) out.push_back({{"code", code}, {"name", name}});
  return out;
}

// The list request of a query string: the caller's own subtree unless an org inside it is named.
Result<ListRequest> ListFrom(const http::Request& r, const Principal& p, store::Connection& db,
                             accounts::WebContext& ctx) {
  ListRequest request;
  request.org_code = accounts::QueryValue(r, "org");
  if (request.org_code.empty()) request.org_code = p.org_code;
  if (Status st = OrgInScope(db, p, request.org_code, "org"); !st.ok()) return st;
  request.as_of = accounts::QueryValue(r, "as_of");
  request.status = accounts::QueryValue(r, "status");
  request.post = accounts::QueryValue(r, "post");
  request.education = accounts::QueryValue(r, "education");
  request.ethnicity = accounts::QueryValue(r, "ethnicity");
  request.min_age = accounts::QueryValue(r, "min_age");
  request.max_age = accounts::QueryValue(r, "max_age");
  request.query = accounts::QueryValue(r, "q");
  if (std::string sort = accounts::QueryValue(r, "sort"); !sort.empty()) request.sort = sort;
  if (std::string page = accounts::QueryValue(r, "page"); !page.empty()) {
    request.page = std::atoi(page.c_str());
  }
  if (std::string size = accounts::QueryValue(r, "page_size"); !size.empty()) {
    request.page_size = std::atoi(size.c_str());
  }
  if (ctx.memory) {  // one refresh of the roll-up for the request: its count and its tree
    const org::TreeMemory* memory = ctx.memory(db);
    request.memory = memory;
    request.affiliated_count = [memory](int64_t org) { return memory->Figure(org, "persons"); };
  } else if (ctx.figure) {
    request.affiliated_count = [&ctx, &db](int64_t org) { return ctx.figure(db, org, "persons"); };
  }
  return request;
}

http::Response ExportAnswer(store::Connection& db, const ListRequest& request, const std::vector<Person>& people,
                            bool revealed) {
  org::OrgRepo orgs(db);
  auto unit = orgs.FindByCode(request.org_code, Date::Today());
  const std::string org_name = unit ? unit->name : request.org_code;
  const Date as_of = Date::Parse(request.as_of).value_or(Date::Today());
  auto bytes = PeopleXlsx(people, org_name, DescribeFilters(request), as_of, revealed);
  if (!bytes.ok()) return http::JsonError(bytes.status());
  return http::Attachment(std::move(*bytes), http::kXlsxType, org_name + "人员名册.xlsx", "people.xlsx");
}

}  // namespace

void AddRoutes(http::Router& router, accounts::WebContext& ctx) {
  // The roster import: into the caller's subtree; ?org= names the organization of rows that name none.
  imports::AddKindRoutes(
      router, ctx, RosterSpec(), CanWritePeople,
      [&ctx](const http::Request& r, const Principal& p, store::Connection& db) -> Result<imports::TargetFactory> {
        RosterScope scope{p.org_id, p.org_code, accounts::QueryValue(r, "org")};
        if (!scope.default_org_code.empty()) {
          if (Status st = OrgInScope(db, p, scope.default_org_code, "org"); !st.ok()) return st;
        }
        const FieldCipher& cipher = ctx.cipher;
        return imports::TargetFactory([&cipher, scope](store::Connection& job_db) {
          return std::make_unique<RosterImport>(job_db, cipher, scope);
        });
      },
      [&ctx](const Principal& p, store::Connection& db) { return RosterExample(db, ctx.cipher, p.org_id); });
  router.Add("GET", "/api/v1/people", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanReadPeople(p); !st.ok()) return http::JsonError(st);
               auto request = ListFrom(r, p, db, ctx);
               if (!request.ok()) return http::JsonError(request.status());
               auto page = PeopleQueries(db, ctx.cipher).List(*request);
               if (!page.ok()) return http::JsonError(page.status());
               return http::Json(ToJson(*page));
             }));
  // The list as an .xlsx file: masked (GET), or with full numbers for whoever may reveal them (POST, audited).
  router.Add("GET", "/api/v1/people.xlsx",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanReadPeople(p); !st.ok()) return http::JsonError(st);
               auto request = ListFrom(r, p, db, ctx);
               if (!request.ok()) return http::JsonError(request.status());
               auto people = PeopleQueries(db, ctx.cipher).Export(*request, kExportLimit);
               if (!people.ok()) return http::JsonError(people.status());
               return ExportAnswer(db, *request, *people, false);
             }));
  router.Add("POST", "/api/v1/people.xlsx",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanRevealPeople(p); !st.ok()) return http::JsonError(st);
               auto request = ListFrom(r, p, db, ctx);
               if (!request.ok()) return http::JsonError(request.status());
               auto people = PeopleCommands(db, ctx.cipher, accounts::ActorOf(p)).ExportRevealed(*request, kExportLimit);
               if (!people.ok()) return http::JsonError(people.status());
               return ExportAnswer(db, *request, *people, true);
             }));
  router.Add("GET", "/api/v1/people/{id}",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanReadPeople(p); !st.ok()) return http::JsonError(st);
               auto id = PersonInScope(db, p, r);
               if (!id.ok()) return http::JsonError(id.status());
               return PersonAnswer(PeopleQueries(db, ctx.cipher).Show(*id, Date::Today()));
             }));
  router.Add("POST", "/api/v1/people", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanWritePeople(p); !st.ok()) return http::JsonError(st);
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               PersonForm form = FormFromJson(*body);
               if (!form.org_code || form.org_code->empty()) {
                 return http::JsonError(Status::Invalid("org_code", "请选择所在组织"));
               }
               if (Status st = OrgInScope(db, p, *form.org_code, "org_code"); !st.ok()) return http::JsonError(st);
               return PersonAnswer(PeopleCommands(db, ctx.cipher, accounts::ActorOf(p)).Add(form), 201);
             }));
  router.Add("PATCH", "/api/v1/people/{id}",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanWritePeople(p); !st.ok()) return http::JsonError(st);
               auto id = PersonInScope(db, p, r);
               if (!id.ok()) return http::JsonError(id.status());
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               PersonForm form = FormFromJson(*body);
               if (form.org_code && !form.org_code->empty()) {
                 if (Status st = OrgInScope(db, p, *form.org_code, "org_code"); !st.ok()) return http::JsonError(st);
               }
               return PersonAnswer(PeopleCommands(db, ctx.cipher, accounts::ActorOf(p)).Update(*id, form));
             }));
  router.Add("POST", "/api/v1/people/{id}/reveal",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanRevealPeople(p); !st.ok()) return http::JsonError(st);
               auto id = PersonInScope(db, p, r);
               if (!id.ok()) return http::JsonError(id.status());
               return PersonAnswer(PeopleCommands(db, ctx.cipher, accounts::ActorOf(p)).Reveal(*id));
             }));
  router.Add("POST", "/api/v1/people/{id}/posts",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanWritePeople(p); !st.ok()) return http::JsonError(st);
               auto id = PersonInScope(db, p, r);
               if (!id.ok()) return http::JsonError(id.status());
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               PostForm form{StringField(*body, "org_code").value_or(""), StringField(*body, "title").value_or(""),
                             StringField(*body, "start_on").value_or(""), StringField(*body, "end_on").value_or("")};
               if (form.org_code.empty()) return http::JsonError(Status::Invalid("org_code", "任职单位不能为空"));
               if (Status st = OrgInScope(db, p, form.org_code, "org_code"); !st.ok()) return http::JsonError(st);
               auto post = PeopleCommands(db, ctx.cipher, accounts::ActorOf(p)).AddPost(*id, form);
               if (!post.ok()) return http::JsonError(post.status());
               return http::Json(ToJson(*post), 201);
             }));
  router.Add("GET", "/api/v1/meta/vocabularies",
             Guard(ctx, [](const http::Request&, const Principal&, store::Connection&) {
               std::vector<std::pair<std::string_view, std::string_view>> statuses, educations, posts, roles;
               for (auto s : AllStatuses()) statuses.emplace_back(StatusCode(s), StatusName(s));
               for (auto e : AllEducations()) educations.emplace_back(EducationCode(e), EducationName(e));
               for (auto t : AllPosts()) posts.emplace_back(PostCode(t), PostName(t));
               for (auto role : accounts::AllRoles()) roles.emplace_back(accounts::RoleCode(role), accounts::RoleName(role));
               boost::json::array ethnicities;
               for (auto g : EthnicGroups()) ethnicities.push_back(boost::json::string(g));
               return http::Json(boost::json::object{{"political_statuses", Vocabulary(statuses)},
                                                     {"educations", Vocabulary(educations)},
                                                     {"posts", Vocabulary(posts)},
                                                     {"ethnicities", ethnicities},
                                                     {"roles", Vocabulary(roles)}});
             }));
}

}  // namespace jiceng::people
