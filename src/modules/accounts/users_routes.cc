// HTTP routes of account administration: the accounts of the caller's subtree, unlocking, and the requests and
// approvals (双人复核) that create accounts, change roles and reset passwords. Thin: parse, call one command or
// query, serialize. No route ever answers with a password: a request or an approval answers with that
// administrator's half of the one-time code only.
#include <boost/json.hpp>
#include <ctime>

#include "core/id_number.h"
#include "modules/accounts/actors.h"
#include "modules/accounts/admin.h"
#include "modules/accounts/approvals.h"
#include "modules/accounts/commands.h"
#include "modules/accounts/guard.h"
#include "modules/accounts/json.h"
#include "modules/accounts/permissions.h"
#include "modules/accounts/queries.h"

namespace jiceng::accounts {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

http::Response RequestAnswerJson(const RequestAnswer& answer, const Principal& p, int status) {
  boost::json::object out{{"request", ToJson(answer.request, p, Now())}};
  if (!answer.code_half.empty()) out["code_half"] = answer.code_half;
  return http::Json(out, status);
}

int64_t RequestId(const http::Request& r) { return std::atoll(r.params.at("id").c_str()); }

// An account as the list shows it: its phone masked.
boost::json::object AccountJson(const Account& a, const FieldCipher& cipher) {
  boost::json::object o = ToJson(a).as_object();
  std::string phone;
  if (!a.phone_cipher.empty()) phone = PhoneOf(a, cipher);
  o["phone_masked"] = phone.empty() ? "" : MaskPhone(phone);
  return o;
}

// A request about one account, from a body-less POST or one with a single text field.
using AccountRequestCall = Result<RequestAnswer> (*)(ApprovalCommands&, const std::string& login,
                                                     const boost::json::object& body, int64_t now);

http::Handler RequestRoute(WebContext& ctx, AccountRequestCall call) {
  return Guard(ctx, [&ctx, call](const http::Request& r, const Principal& p, store::Connection& db) {
    boost::json::object body;
    if (!r.body.empty()) {
      auto parsed = ParseBody(r);
      if (!parsed.ok()) return http::JsonError(parsed.status());
      body = std::move(*parsed);
    }
    ApprovalCommands commands(db, ctx.cipher, p);
    auto answer = call(commands, r.params.at("login"), body, Now());
    if (!answer.ok()) return http::JsonError(answer.status());
    return RequestAnswerJson(*answer, p, 202);
  });
}

}  // namespace

void AddUserRoutes(http::Router& router, WebContext& ctx) {
  router.Add("GET", "/api/v1/users",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto page = ListAccounts(db, p, std::atoi(QueryValue(r, "page").c_str()));
               if (!page.ok()) return http::JsonError(page.status());
               boost::json::array items;
               for (const auto& a : page->items) items.push_back(AccountJson(a, ctx.cipher));
               return http::Json(boost::json::object{{"total", page->total}, {"page", page->page}, {"items", items}});
             }));
  // A request for a new account: 202, with the requester's half of its one-time code.
  router.Add("POST", "/api/v1/users",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               CreateAccountForm form{StringField(*body, "login").value_or(""), StringField(*body, "name").value_or(""),
                                      StringField(*body, "org_code").value_or(""),
                                      StringField(*body, "role").value_or(""), ""};
               auto answer = ApprovalCommands(db, ctx.cipher, p).RequestCreate(form, Now());
               if (!answer.ok()) return http::JsonError(answer.status());
               return RequestAnswerJson(*answer, p, 202);
             }));
  router.Add("POST", "/api/v1/users/{login}/role",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               auto answer =
                   ApprovalCommands(db, ctx.cipher, p)
                       .RequestRoleChange(r.params.at("login"), StringField(*body, "role").value_or(""), Now());
               if (!answer.ok()) return http::JsonError(answer.status());
               return RequestAnswerJson(*answer, p, 202);
             }));
  router.Add("POST", "/api/v1/users/{login}/reset-password",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto answer = ApprovalCommands(db, ctx.cipher, p).RequestReset(r.params.at("login"), Now());
               if (!answer.ok()) return http::JsonError(answer.status());
               return RequestAnswerJson(*answer, p, 202);
             }));
  // One account (the page opened from an audit record); the system administrator, who edits it, gets the phone.
  router.Add("GET", "/api/v1/users/{login}",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanListAccounts(p); !st.ok()) return http::JsonError(st);
               auto account = FindAccountInScope(db, p, r.params.at("login"));
               if (!account.ok()) return http::JsonError(account.status());
               boost::json::object o = AccountJson(*account, ctx.cipher);
               if (CanEditAccounts(p).ok() && !account->phone_cipher.empty()) {
                 o["phone"] = PhoneOf(*account, ctx.cipher);
               }
               return http::Json(o);
             }));
  // Direct corrections: the holder's name and phone.
  router.Add("PATCH", "/api/v1/users/{login}",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto body = ParseBody(r);
               if (!body.ok()) return http::JsonError(body.status());
               AccountEdit edit;
               for (auto [key, field] : {std::pair{"name", &edit.name}, std::pair{"phone", &edit.phone}}) {
                 if (!body->contains(key) || body->at(key).is_null()) continue;
                 auto text = TypedField(*body, key, FieldType::kText);
                 if (!text.ok()) return http::JsonError(text.status());
                 *field = *text;
               }
               auto account = AdminCommands(db, ctx.cipher, p).Edit(r.params.at("login"), edit);
               if (!account.ok()) return http::JsonError(account.status());
               return http::Json(AccountJson(*account, ctx.cipher));
             }));
  // Disabling an ordinary account takes away only: one administrator does it, and its sessions end at once. An
  // administrator's account: a request (202) another role approves.
  router.Add("POST", "/api/v1/users/{login}/disable",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto answer = AdminCommands(db, ctx.cipher, p).Disable(r.params.at("login"), Now());
               if (!answer.ok()) return http::JsonError(answer.status());
               if (answer->request) return RequestAnswerJson(*answer->request, p, 202);
               ctx.sessions.RemoveAccount(db, answer->account.id);
               return http::Json(AccountJson(answer->account, ctx.cipher));
             }));
  // Enabling, a change of org and a TOTP reset grant something: requests (202) another administrator approves.
  router.Add("POST", "/api/v1/users/{login}/enable",
             RequestRoute(ctx, [](ApprovalCommands& c, const std::string& login, const boost::json::object&,
                                  int64_t now) { return c.RequestEnable(login, now); }));
  router.Add("POST", "/api/v1/users/{login}/org",
             RequestRoute(ctx,
                          [](ApprovalCommands& c, const std::string& login, const boost::json::object& body,
                             int64_t now) -> Result<RequestAnswer> {
                            auto org = TypedField(body, "org_code", FieldType::kText);
                            if (!org.ok()) return org.status();
                            return c.RequestOrgChange(login, *org, now);
                          }));
  router.Add("POST", "/api/v1/users/{login}/reset-totp",
             RequestRoute(ctx, [](ApprovalCommands& c, const std::string& login, const boost::json::object&,
                                  int64_t now) { return c.RequestTotpReset(login, now); }));
  router.Add("POST", "/api/v1/users/{login}/unlock",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanUnlockAccounts(p); !st.ok()) return http::JsonError(st);
               auto account = FindAccountInScope(db, p, r.params.at("login"));
               if (!account.ok()) return http::JsonError(account.status());
               Status st = AccountCommands(db, ctx.cipher, ActorOf(p)).Unlock(account->login);
               if (!st.ok()) return http::JsonError(st);
               return http::Json(boost::json::object{{"ok", true}});
             }));
  router.Add("GET", "/api/v1/account-requests",
             Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto items = ListRequests(db, p, QueryValue(r, "state") == "pending");
               if (!items.ok()) return http::JsonError(items.status());
               boost::json::array out;
               const int64_t now = Now();
               for (const auto& item : *items) out.push_back(ToJson(item, p, now));
               NameActors(db, out, "requested_by");  // the requester by name (the login beside it)
               return http::Json(boost::json::object{{"items", out}});
             }));
  router.Add("POST", "/api/v1/account-requests/{id}/approve",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto answer = ApprovalCommands(db, ctx.cipher, p).Approve(RequestId(r), Now());
               if (!answer.ok()) return http::JsonError(answer.status());
               // A reset or a new role takes effect now: the account's sessions end.
               if (answer->account_id) ctx.sessions.RemoveAccount(db, answer->account_id);
               return RequestAnswerJson(*answer, p, 200);
             }));
  router.Add("POST", "/api/v1/account-requests/{id}/reject",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto answer = ApprovalCommands(db, ctx.cipher, p).Reject(RequestId(r), Now());
               if (!answer.ok()) return http::JsonError(answer.status());
               return RequestAnswerJson(*answer, p, 200);
             }));
}

}  // namespace jiceng::accounts
