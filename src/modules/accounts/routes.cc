// HTTP routes of the accounts module: sign-in, sign-out, password change, TOTP
// enrolment, and account administration. Thin: parse, check, call a command, serialize.
#include <boost/json.hpp>
#include <ctime>

#include "modules/accounts/commands.h"
#include "modules/accounts/guard.h"
#include "modules/accounts/json.h"
#include "modules/accounts/permissions.h"
#include "modules/accounts/queries.h"
#include "modules/accounts/totp.h"
#include "modules/org/repo.h"

namespace jiceng::accounts {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string SessionCookie(const WebContext& ctx, const std::string& value, bool clear) {
  std::string cookie = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (clear) cookie += "; Max-Age=0";
  if (ctx.secure_cookies) cookie += "; Secure";
  return cookie;
}

// The live session behind a request (Guard has already checked it).
std::optional<Session> CurrentSession(WebContext& ctx, const http::Request& request) {
  auto id = CookieValue(request, kSessionCookie);
  return id ? ctx.sessions.Find(*id) : std::nullopt;
}

http::Response SignIn(WebContext& ctx, const http::Request& request) {
  auto body = ParseBody(request);
  if (!body.ok()) return http::JsonError(body.status());
  std::string login = StringField(*body, "login").value_or("");
  std::string password = StringField(*body, "password").value_or("");
  if (login.empty()) return http::JsonError(Status::Invalid("login", "请输入账号"));
  if (password.empty()) return http::JsonError(Status::Invalid("password", "请输入密码"));
  auto db = ctx.pool.Acquire();
  AccountCommands commands(*db, ctx.cipher, {login, request.remote_address});
  auto account = commands.SignIn(login, password, StringField(*body, "totp").value_or(""), Now());
  if (!account.ok()) return http::JsonError(account.status());
  Session session = ctx.sessions.Create(account->id, account->must_change_password,
                                        IsAdminRole(account->role) && !account->totp_enabled);
  http::Response response = http::Json(SessionToJson(session, *account));
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, session.id, false));
  return response;
}

http::Response ShowSession(WebContext& ctx, const http::Request& request) {
  auto session = CurrentSession(ctx, request);
  if (!session) return http::JsonError(Status::Unauthenticated("请先登录（会话不存在或已超时）"));
  auto db = ctx.pool.Acquire();
  auto account = AccountRepo(*db).FindById(session->account_id);
  if (!account) return http::JsonError(Status::Unauthenticated("账号不存在"));
  return http::Json(SessionToJson(*session, *account));
}

// A role check, then the org of `org_code` must be inside the caller's subtree (404 otherwise).
Result<int64_t> OrgInScope(store::Connection& db, const Principal& p, const std::string& org_code) {
  org::OrgRepo orgs(db);
  auto unit = org::FindWithin(orgs, p.org_id, org_code, Date::Today());
  if (!unit) return Status::NotFound("org", "未找到该单位，或不在您的管辖范围内");
  return unit->id;
}

}  // namespace

void AddRoutes(http::Router& router, WebContext& ctx) {
  router.Add("POST", "/api/v1/session", [&ctx](const http::Request& r) { return SignIn(ctx, r); });
  router.Add("GET", "/api/v1/session", [&ctx](const http::Request& r) { return ShowSession(ctx, r); });
  router.Add("DELETE", "/api/v1/session",
             Guard(
                 ctx,
                 [&ctx](const http::Request& r, const Principal&, store::Connection&) {
                   if (auto id = CookieValue(r, kSessionCookie)) ctx.sessions.Remove(*id);
                   http::Response response;
                   response.status = 204;
                   response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, "", true));
                   return response;
                 },
                 Gate::kPending));
  router.Add("POST", "/api/v1/session/password",
             Guard(
                 ctx,
                 [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
                   auto body = ParseBody(r);
                   if (!body.ok()) return http::JsonError(body.status());
                   AccountCommands commands(db, ctx.cipher, ActorOf(p));
                   Status st = commands.ChangePassword(p.account_id, StringField(*body, "old_password").value_or(""),
                                                       StringField(*body, "new_password").value_or(""));
                   if (!st.ok()) return http::JsonError(st);
                   if (auto session = CurrentSession(ctx, r)) {
                     session->must_change_password = false;
                     ctx.sessions.Update(*session);
                   }
                   return http::Json(boost::json::object{{"ok", true}});
                 },
                 Gate::kPending));
  router.Add("POST", "/api/v1/session/totp",
             Guard(
                 ctx,
                 [&ctx](const http::Request&, const Principal& p, store::Connection& db) {
                   AccountCommands commands(db, ctx.cipher, ActorOf(p));
                   auto secret = commands.BeginTotp(p.account_id);
                   if (!secret.ok()) return http::JsonError(secret.status());
                   return http::Json(boost::json::object{{"secret", TotpBase32(*secret)},
                                                         {"otpauth_uri", TotpUri(*secret, p.login)}});
                 },
                 Gate::kPending));
  router.Add("POST", "/api/v1/session/totp/confirm",
             Guard(
                 ctx,
                 [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
                   auto body = ParseBody(r);
                   if (!body.ok()) return http::JsonError(body.status());
                   AccountCommands commands(db, ctx.cipher, ActorOf(p));
                   Status st = commands.ConfirmTotp(p.account_id, StringField(*body, "code").value_or(""), Now());
                   if (!st.ok()) return http::JsonError(st);
                   if (auto session = CurrentSession(ctx, r)) {
                     session->must_enroll_totp = false;
                     ctx.sessions.Update(*session);
                   }
                   return http::Json(boost::json::object{{"ok", true}});
                 },
                 Gate::kPending));

  router.Add("GET", "/api/v1/users", Guard(ctx, [](const http::Request& r, const Principal& p, store::Connection& db) {
               auto page = ListAccounts(db, p, std::atoi(QueryValue(r, "page").c_str()));
               if (!page.ok()) return http::JsonError(page.status());
               boost::json::array items;
               for (const auto& a : page->items) items.push_back(ToJson(a));
               return http::Json(boost::json::object{{"total", page->total}, {"page", page->page}, {"items", items}});
             }));
  router.Add(
      "POST", "/api/v1/users", Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
        if (Status st = CanCreateAccounts(p); !st.ok()) return http::JsonError(st);
        auto body = ParseBody(r);
        if (!body.ok()) return http::JsonError(body.status());
        CreateAccountForm form{StringField(*body, "login").value_or(""), StringField(*body, "name").value_or(""),
                               StringField(*body, "org_code").value_or(""), StringField(*body, "role").value_or(""),
                               ""};
        if (auto in_scope = OrgInScope(db, p, form.org_code); !in_scope.ok()) {
          return http::JsonError(in_scope.status());
        }
        auto created = AccountCommands(db, ctx.cipher, ActorOf(p)).Create(form, true);
        if (!created.ok()) return http::JsonError(created.status());
        return http::Json(
            boost::json::object{{"user", ToJson(created->account)}, {"initial_password", created->initial_password}},
            201);
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
  router.Add("POST", "/api/v1/users/{login}/reset-password",
             Guard(ctx, [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
               if (Status st = CanUnlockAccounts(p); !st.ok()) return http::JsonError(st);
               auto account = FindAccountInScope(db, p, r.params.at("login"));
               if (!account.ok()) return http::JsonError(account.status());
               auto password = AccountCommands(db, ctx.cipher, ActorOf(p)).ResetPassword(account->login);
               if (!password.ok()) return http::JsonError(password.status());
               ctx.sessions.RemoveAccount(account->id);
               return http::Json(boost::json::object{{"initial_password", *password}});
             }));
}

}  // namespace jiceng::accounts
