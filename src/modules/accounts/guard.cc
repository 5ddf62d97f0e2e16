#include "modules/accounts/guard.h"

#include <boost/json.hpp>

#include "modules/accounts/repo.h"
#include "modules/org/repo.h"
#include "store/audit.h"

namespace jiceng::accounts {

std::optional<std::string> CookieValue(const http::Request& request, const std::string& name) {
  auto it = request.headers.find("cookie");
  if (it == request.headers.end()) return std::nullopt;
  const std::string& header = it->second;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return std::nullopt;
}

Result<boost::json::object> ParseBody(const http::Request& request) {
  if (request.body.size() > 1024 * 1024) return Status::Invalid("body", "请求体过大");
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(request.body.empty() ? "{}" : request.body, ec);
  if (ec || !value.is_object()) return Status::Invalid("body", "请求体不是有效的 JSON 对象");
  return value.as_object();
}

std::optional<std::string> StringField(const boost::json::object& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_string()) return std::string(it->value().as_string());
  if (it->value().is_int64()) return std::to_string(it->value().as_int64());
  return boost::json::serialize(it->value());
}

Result<std::string> TypedField(const boost::json::object& o, const char* key, FieldType type) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::string();
  const boost::json::value& v = it->value();
  if (type == FieldType::kText) {
    if (!v.is_string()) return Status::Invalid(key, std::string(key) + " 应为文本");
    return std::string(v.as_string());
  }
  if (type == FieldType::kId && v.is_string() && v.as_string().empty()) return std::string();
  if (!v.is_int64()) return Status::Invalid(key, std::string(key) + " 应为整数");
  return std::to_string(v.as_int64());
}

std::string QueryValue(const http::Request& request, const char* key) {
  auto it = request.query.find(key);
  return it == request.query.end() ? std::string() : it->second;
}

Actor ActorOf(const Principal& principal) { return {principal.login, principal.address}; }

void RecordRefusal(WebContext& ctx, store::Connection& db, const Actor& actor, const http::Request& request,
                   const std::string& why) {
  store::Transaction tx(db);
  AppendLimitedAudit(db, &ctx.audit_limiter, actor,
                     {"request.refused", AuditSafe(request.method + " " + request.path), "", "", why});
  tx.Commit();
}

http::Handler Guard(WebContext& ctx, GuardedHandler handler, Gate gate) {
  return [&ctx, handler = std::move(handler), gate](const http::Request& request) -> http::Response {
    auto id = CookieValue(request, kSessionCookie);
    if (!id) return http::JsonError(Status::Unauthenticated("请先登录（会话不存在或已超时）"));
    auto db = ctx.pool.Acquire();
    std::optional<Session> session = ctx.sessions.Find(*db, *id);
    if (!session) return http::JsonError(Status::Unauthenticated("请先登录（会话不存在或已超时）"));
    const bool state_changing = request.method != "GET" && request.method != "HEAD";
    if (state_changing) {
      auto token = request.headers.find("x-csrf-token");
      if (token == request.headers.end() || token->second != session->csrf_token) {
        auto account = AccountRepo(*db).FindById(session->account_id);
        RecordRefusal(ctx, *db, {account ? account->login : "?", request.remote_address}, request, "csrf");
        return http::JsonError(Status::Forbidden("请求缺少有效的 CSRF 令牌，请刷新页面后重试").WithReason("csrf"));
      }
    }
    if (gate == Gate::kSignedIn && session->must_change_password) {
      return http::JsonError(
          Status::Forbidden("首次登录或密码已重置，请先修改密码").WithReason("password_change_required"));
    }
    if (gate == Gate::kSignedIn && session->must_enroll_totp) {
      return http::JsonError(Status::Forbidden("管理员账号须先绑定动态口令").WithReason("totp_enrollment_required"));
    }
    auto account = AccountRepo(*db).FindById(session->account_id);
    if (!account || account->disabled) {
      ctx.sessions.Remove(*db, session->id);
      return http::JsonError(Status::Unauthenticated("账号已停用，请重新登录"));
    }
    Principal principal{account->id,       account->login,    account->name,   account->role,
                        account->org_id,   account->org_code, account->org_name, request.remote_address};
    const uint64_t refusals_before = org::ScopeRefusalsOnThisThread();
    http::Response response = handler(request, principal, *db);
    if (response.status == 403) RecordRefusal(ctx, *db, ActorOf(principal), request, "forbidden");
    if (response.status == 404 && org::ScopeRefusalsOnThisThread() != refusals_before) {
      RecordRefusal(ctx, *db, ActorOf(principal), request, "out_of_scope");
    }
    // The write has committed (or rolled back): live figures catch up before the caller hears the answer.
    if (state_changing && ctx.after_write) ctx.after_write(*db);
    return response;
  };
}

}  // namespace jiceng::accounts
