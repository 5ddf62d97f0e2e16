// HTTP routes of the accounts module: sign-in, sign-out, password change, one-time codes, TOTP enrolment;
// account administration is in users_routes.cc. Thin: parse, check, call a command, serialize.
#include <boost/json.hpp>
#include <chrono>
#include <ctime>

#include "modules/accounts/commands.h"
#include "modules/accounts/guard.h"
#include "modules/accounts/json.h"
#include "modules/accounts/totp.h"

namespace jiceng::accounts {

void AddUserRoutes(http::Router& router, WebContext& ctx);

namespace {

// Every failed sign-in (and failed use of a one-time code) is answered no sooner than this after it arrived:
// the time then says nothing about which check failed (the work itself is one argon2id verification on every
// path, about 40 ms; database writes differ).
constexpr auto kFailureFloor = std::chrono::milliseconds(250);

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string SessionCookie(const WebContext& ctx, const std::string& value, bool clear) {
  std::string cookie = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (clear) cookie += "; Max-Age=0";
  if (ctx.secure_cookies) cookie += "; Secure";
  return cookie;
}

// The live session behind a request (Guard has already checked it).
std::optional<Session> CurrentSession(WebContext& ctx, store::Connection& db, const http::Request& request) {
  auto id = CookieValue(request, kSessionCookie);
  return id ? ctx.sessions.Find(db, *id) : std::nullopt;
}

// Too many failures from this address (or overall): refused before any account is looked at, so the answer is
// about the caller's address, never about an account.
std::optional<http::Response> Throttled(WebContext& ctx, store::Connection& db, const http::Request& request) {
  int64_t wait = ctx.throttle.RetryAfter(db, request.remote_address);
  if (wait <= 0) return std::nullopt;
  {
    store::Transaction tx(db);
    AppendLimitedAudit(db, &ctx.audit_limiter, {std::string(kAnonymousActor), request.remote_address},
                       {"session.throttled", AuditSafe(request.path), "", "", ""});
    tx.Commit();
  }
  http::Response response = http::JsonError(
      Status::Unauthenticated("登录失败次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试")
          .WithReason("throttled"));
  response.status = 429;
  response.headers.emplace_back("Retry-After", std::to_string(wait));
  return response;
}

http::Response Failed(WebContext& ctx, store::Connection& db, const http::Request& request, const Status& status,
                      std::chrono::steady_clock::time_point started) {
  ctx.throttle.RecordFailure(db, request.remote_address);
  http::Response response = http::JsonError(status);
  response.not_before = started + kFailureFloor;  // held by the server's timer, not by a sleeping worker
  return response;
}

http::Response SignIn(WebContext& ctx, const http::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  auto body = ParseBody(request);
  if (!body.ok()) return http::JsonError(body.status());
  std::string login = StringField(*body, "login").value_or("");
  std::string password = StringField(*body, "password").value_or("");
  if (login.empty()) return http::JsonError(Status::Invalid("login", "请输入账号"));
  if (password.empty()) return http::JsonError(Status::Invalid("password", "请输入密码"));
  auto db = ctx.pool.Acquire();
  if (auto refused = Throttled(ctx, *db, request)) return *refused;
  const std::string totp = StringField(*body, "totp").value_or("");
  AccountCommands commands(*db, ctx.cipher, {login, request.remote_address}, &ctx.audit_limiter);
  auto account = commands.SignIn(login, password, totp, Now());
  if (!account.ok()) {
    // The password was right and the code is still to come: not a failure.
    if (account.status().reason() == "totp_required" && totp.empty()) return http::JsonError(account.status());
    return Failed(ctx, *db, request, account.status(), started);
  }
  Session session = ctx.sessions.Create(*db, account->id, account->must_change_password,
                                        IsAdminRole(account->role) && !account->totp_enabled);
  if (account->reset_notice_pending) {
    session.reset_requested_by = account->reset_requested_by;
    session.reset_approved_by = account->reset_approved_by;
    session.reset_at = account->reset_at;
    ctx.sessions.Update(*db, session);
  }
  http::Response response = http::Json(SessionToJson(*db, session, *account));
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, session.id, false));
  return response;
}

// The holder of an approved new or reset account sets a password with both halves of the one-time code.
http::Response SetPasswordWithCode(WebContext& ctx, const http::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  auto body = ParseBody(request);
  if (!body.ok()) return http::JsonError(body.status());
  std::string login = StringField(*body, "login").value_or("");
  std::string code = StringField(*body, "code").value_or("");
  std::string password = StringField(*body, "new_password").value_or("");
  if (login.empty()) return http::JsonError(Status::Invalid("login", "请输入账号"));
  if (code.empty()) return http::JsonError(Status::Invalid("code", "请输入两段重置码"));
  if (password.empty()) return http::JsonError(Status::Invalid("new_password", "请输入新密码"));
  auto db = ctx.pool.Acquire();
  if (auto refused = Throttled(ctx, *db, request)) return *refused;
  AccountCommands commands(*db, ctx.cipher, {login, request.remote_address}, &ctx.audit_limiter);
  Status st = commands.SetPasswordWithCode(login, code, password, Now());
  if (st.code() == StatusCode::kUnauthenticated) return Failed(ctx, *db, request, st, started);
  if (!st.ok()) return http::JsonError(st);
  if (auto account = AccountRepo(*db).FindByLogin(login)) ctx.sessions.RemoveAccount(*db, account->id);
  return http::Json(boost::json::object{{"ok", true}});
}

http::Response ShowSession(WebContext& ctx, const http::Request& request) {
  auto db = ctx.pool.Acquire();
  auto session = CurrentSession(ctx, *db, request);
  if (!session) return http::JsonError(Status::Unauthenticated("请先登录（会话不存在或已超时）"));
  auto account = AccountRepo(*db).FindById(session->account_id);
  if (!account) return http::JsonError(Status::Unauthenticated("账号不存在"));
  return http::Json(SessionToJson(*db, *session, *account));
}

}  // namespace

void AddRoutes(http::Router& router, WebContext& ctx) {
  router.Add("POST", "/api/v1/session", [&ctx](const http::Request& r) { return SignIn(ctx, r); });
  router.Add("GET", "/api/v1/session", [&ctx](const http::Request& r) { return ShowSession(ctx, r); });
  router.Add("POST", "/api/v1/session/code", [&ctx](const http::Request& r) { return SetPasswordWithCode(ctx, r); });
  router.Add("DELETE", "/api/v1/session",
             Guard(
                 ctx,
                 [&ctx](const http::Request& r, const Principal& p, store::Connection& db) {
                   if (auto id = CookieValue(r, kSessionCookie)) ctx.sessions.Remove(db, *id);
                   AccountCommands(db, ctx.cipher, ActorOf(p)).SignOut(p.login, p.org_code);
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
                   AccountCommands commands(db, ctx.cipher, ActorOf(p), &ctx.audit_limiter);
                   Status st = commands.ChangePassword(p.account_id, StringField(*body, "old_password").value_or(""),
                                                       StringField(*body, "new_password").value_or(""), Now());
                   if (!st.ok()) {
                     if (st.field() == "old_password") ctx.throttle.RecordFailure(db, r.remote_address);
                     return http::JsonError(st);
                   }
                   if (auto session = CurrentSession(ctx, db, r)) {
                     session->must_change_password = false;
                     ctx.sessions.Update(db, *session);
                     ctx.sessions.RemoveAccountExcept(db, p.account_id, session->id);
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
                   AccountCommands commands(db, ctx.cipher, ActorOf(p), &ctx.audit_limiter);
                   Status st = commands.ConfirmTotp(p.account_id, StringField(*body, "password").value_or(""),
                                                    StringField(*body, "code").value_or(""), Now());
                   if (!st.ok()) {
                     if (st.field() == "password") ctx.throttle.RecordFailure(db, r.remote_address);
                     return http::JsonError(st);
                   }
                   if (auto session = CurrentSession(ctx, db, r)) {
                     session->must_enroll_totp = false;
                     ctx.sessions.Update(db, *session);
                   }
                   return http::Json(boost::json::object{{"ok", true}});
                 },
                 Gate::kPending));
  AddUserRoutes(router, ctx);
}

}  // namespace jiceng::accounts
