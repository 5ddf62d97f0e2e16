// HTTP routes of the membership module's dues part (doc/membership.md). Thin: parse, call one command or query
// (which check role, side and scope), serialize. Actors are named, never shown as logins (accounts/actors.h).
#include <boost/json.hpp>

#include "modules/accounts/actors.h"
#include "modules/accounts/guard.h"
#include "modules/accounts/path_id.h"
#include "modules/membership/commands.h"
#include "modules/membership/json.h"
#include "modules/membership/ledger_export.h"
#include "modules/membership/permissions.h"
#include "modules/membership/queries.h"

namespace jiceng::membership {
namespace {

using accounts::FieldType;
using accounts::Guard;
using accounts::Principal;
using accounts::QueryValue;
using accounts::TypedField;

Result<int64_t> IdParam(const http::Request& r, const char* name, const char* what) {
  return accounts::PathId(r, name, what);
}

int IntQuery(const http::Request& r, const char* key, int fallback) {
  const std::string v = QueryValue(r, key);
  if (v.empty()) return fallback;
  if (v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::atoi(v.c_str());
}

LedgerRequest LedgerFrom(const http::Request& r) {
  LedgerRequest q;
  q.org = QueryValue(r, "org");
  q.month = QueryValue(r, "month");
  q.state = QueryValue(r, "state");
  q.arrears = QueryValue(r, "arrears");
  q.query = QueryValue(r, "q");
  q.page = IntQuery(r, "page", 1);
  q.page_size = IntQuery(r, "page_size", 20);
  return q;
}

// Reads the named body fields as text (numbers must be integers, 400 naming the field otherwise).
Result<std::map<std::string, std::string>> Fields(const boost::json::object& body,
                                                  const std::vector<std::pair<const char*, FieldType>>& keys) {
  std::map<std::string, std::string> out;
  for (const auto& [key, type] : keys) {
    auto text = TypedField(body, key, type);
    if (!text.ok()) return text.status();
    out[key] = *text;
  }
  return out;
}

// "quarterly": true / false (a JSON boolean) as the form's text.
Result<std::string> BoolField(const boost::json::object& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->value().is_null()) return std::string();
  if (!it->value().is_bool()) return Status::Invalid(key, std::string(key) + " 应为 true 或 false");
  return std::string(it->value().as_bool() ? "1" : "0");
}

http::Response Named(store::Connection& db, boost::json::value v, const std::vector<const char*>& arrays,
                     int status = 200) {
  auto& o = v.as_object();
  for (const char* key : arrays) {
    if (auto it = o.find(key); it != o.end() && it->value().is_array()) {
      accounts::NameActors(db, it->value().as_array(), "recorded_by");
      accounts::NameActors(db, it->value().as_array(), "approved_by");
    }
  }
  return http::Json(v, status);
}

}  // namespace

void AddRoutes(http::Router& router, accounts::WebContext& ctx) {
  router.Add("GET", "/api/v1/membership/dues/vocabularies",
             Guard(ctx, [](const http::Request&, const Principal&, store::Connection&) {
               return http::Json(VocabulariesJson());
             }));
  router.Add("GET", "/api/v1/membership/dues/branches",
             Guard(ctx, [](const http::Request&, const Principal& p, store::Connection& db) {
               if (Status st = CanUseDues(p); !st.ok()) return http::JsonError(st);
               boost::json::array out;
               for (const auto& b : DuesQueries(db, p).OwnBranches()) {
                 out.push_back({{"code", b.code}, {"name", b.name}});
               }
               return http::Json(boost::json::object{{"items", out}});
             }));
  router.Add("GET", "/api/v1/membership/dues/ledger",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto ledger = DuesQueries(db, p).LedgerOf(LedgerFrom(r));
               if (!ledger.ok()) return http::JsonError(ledger.status());
               return Named(db, ToJson(*ledger), {"items", "voluntary"});
             }));
  router.Add("GET", "/api/v1/membership/dues/ledger.xlsx",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto file = LedgerWorkbook(db, p, LedgerFrom(r));
               if (!file.ok()) return http::JsonError(file.status());
               return http::Attachment(std::move(file->bytes), http::kXlsxType, file->file_name, "dues-ledger.xlsx");
             }));
  router.Add("GET", "/api/v1/membership/dues/members/{id}",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id", "党员");
               if (!id.ok()) return http::JsonError(id.status());
               auto dues = DuesQueries(db, p).Member(*id);
               if (!dues.ok()) return http::JsonError(dues.status());
               return Named(db, ToJson(*dues), {"bases", "records", "exceptions"});
             }));
  router.Add("POST", "/api/v1/membership/dues/members/{id}/basis",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id", "党员");
               if (!id.ok()) return http::JsonError(id.status());
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto f = Fields(*body, {{"kind", FieldType::kText},
                                       {"base_fen", FieldType::kInteger},
                                       {"from_month", FieldType::kText},
                                       {"note", FieldType::kText}});
               if (!f.ok()) return http::JsonError(f.status());
               auto quarterly = BoolField(*body, "quarterly");
               if (!quarterly.ok()) return http::JsonError(quarterly.status());
               auto& v = *f;
               auto basis = DuesCommands(db, p).SetBasis(
                   *id, {v["kind"], v["base_fen"], v["from_month"], *quarterly, v["note"]});
               if (!basis.ok()) return http::JsonError(basis.status());
               return http::Json(ToJson(*basis), 201);
             }));
  router.Add("POST", "/api/v1/membership/dues/payments",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto f = Fields(*body, {{"person_id", FieldType::kId},
                                       {"from_month", FieldType::kText},
                                       {"to_month", FieldType::kText},
                                       {"amount_fen", FieldType::kInteger},
                                       {"method", FieldType::kText},
                                       {"reference", FieldType::kText},
                                       {"paid_on", FieldType::kText}});
               if (!f.ok()) return http::JsonError(f.status());
               auto& v = *f;
               auto paid = DuesCommands(db, p).Pay({v["person_id"], v["from_month"], v["to_month"], v["amount_fen"],
                                                    v["method"], v["reference"], v["paid_on"]});
               if (!paid.ok()) return http::JsonError(paid.status());
               return http::Json(ToJson(*paid), 201);
             }));
  router.Add("POST", "/api/v1/membership/dues/voluntary",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto f = Fields(*body, {{"person_id", FieldType::kId},
                                       {"amount_fen", FieldType::kInteger},
                                       {"method", FieldType::kText},
                                       {"reference", FieldType::kText},
                                       {"paid_on", FieldType::kText}});
               if (!f.ok()) return http::JsonError(f.status());
               auto& v = *f;
               auto made = DuesCommands(db, p).AddVoluntary(
                   {v["person_id"], v["amount_fen"], v["method"], v["reference"], v["paid_on"]});
               if (!made.ok()) return http::JsonError(made.status());
               return http::Json(ToJson(*made), 201);
             }));
  router.Add("GET", "/api/v1/membership/dues/exceptions",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto page = DuesQueries(db, p).Pending(IntQuery(r, "page", 1), IntQuery(r, "page_size", 20));
               if (!page.ok()) return http::JsonError(page.status());
               return Named(db, ToJson(*page), {"items"});
             }));
  router.Add("POST", "/api/v1/membership/dues/exceptions",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto f = Fields(*body, {{"person_id", FieldType::kId},
                                       {"kind", FieldType::kText},
                                       {"amount_fen", FieldType::kInteger},
                                       {"from_month", FieldType::kText},
                                       {"to_month", FieldType::kText},
                                       {"reason", FieldType::kText},
                                       {"decided_on", FieldType::kText}});
               if (!f.ok()) return http::JsonError(f.status());
               auto& v = *f;
               auto made = DuesCommands(db, p).Request({v["person_id"], v["kind"], v["amount_fen"], v["from_month"],
                                                        v["to_month"], v["reason"], v["decided_on"]});
               if (!made.ok()) return http::JsonError(made.status());
               return http::Json(ToJson(*made), 201);
             }));
  router.Add("POST", "/api/v1/membership/dues/exceptions/{id}/decision",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id", "申请");
               if (!id.ok()) return http::JsonError(id.status());
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto it = body->find("approve");
               if (it == body->end() || !it->value().is_bool()) {
                 return http::JsonError(Status::Invalid("approve", "请选择批准或不批准"));
               }
               auto note = TypedField(*body, "note", FieldType::kText);
               if (!note.ok()) return http::JsonError(note.status());
               auto decided = DuesCommands(db, p).Decide(*id, it->value().as_bool(), *note);
               if (!decided.ok()) return http::JsonError(decided.status());
               return http::Json(ToJson(*decided));
             }));
  router.Add("POST", "/api/v1/membership/dues/members/{id}/arrears-actions",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto id = IdParam(r, "id", "党员");
               if (!id.ok()) return http::JsonError(id.status());
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto action = TypedField(*body, "action", FieldType::kText);
               if (!action.ok()) return http::JsonError(action.status());
               if (Status st = DuesCommands(db, p).RecordArrearsAction(*id, *action); !st.ok()) {
                 return http::JsonError(st);
               }
               return http::Json(boost::json::object{{"ok", true}}, 201);
             }));
  router.Add("GET", "/api/v1/membership/dues/todo",
             Guard(ctx, [](const http::Request&, const Principal& p, store::Connection& db) {
               auto todo = DuesQueries(db, p).Todo();
               if (!todo.ok()) return http::JsonError(todo.status());
               return http::Json(ToJson(*todo));
             }));
  router.Add("PUT", "/api/v1/membership/dues/settings/{key}",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = accounts::ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto value = TypedField(*body, "value_fen", FieldType::kInteger);
               if (!value.ok()) return http::JsonError(value.status());
               if (Status st = DuesCommands(db, p).SetFixedAmount(r.params.at("key"), *value); !st.ok()) {
                 return http::JsonError(st);
               }
               return http::Json(boost::json::object{{"ok", true}});
             }));
}

}  // namespace jiceng::membership
