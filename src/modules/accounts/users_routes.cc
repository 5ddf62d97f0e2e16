// HTTP routes of account administration: the accounts of the caller's subtree, unlocking, and the requests and
// approvals (双人复核) that create accounts, change roles and reset passwords. Thin: parse, call one command or
// query, serialize. No route ever answers with a password: a request or an approval answers with that
// administrator's half of the one-time code only.
#include <boost/json.hpp>
#include <ctime>

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

}  // namespace

void AddUserRoutes(http::Router& router, WebContext& ctx) {
  router.Add("GET", "/api/v1/users", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto page = ListAccounts(db, p, std::atoi(QueryValue(r, "page").c_str()));
               if (!page.ok()) return http::JsonError(page.status());
               boost::json::array items;
               for (const auto& a : page->items) items.push_back(ToJson(a));
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
               return http::Json(boost::json::object{{"items", out}});
             }));
  router.Add("POST", "/api/v1/account-requests/{id}/approve",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               auto answer = ApprovalCommands(db, ctx.cipher, p).Approve(RequestId(r), Now());
               if (!answer.ok()) return http::JsonError(answer.status());
               // A reset or a new role takes effect now: the account's sessions end.
               if (answer->account_id) ctx.sessions.RemoveAccount(answer->account_id);
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
