// The web side of accounts: what every route handler needs (the connection
// pool, the field cipher, the sessions) and Guard, which signs a request in
// before its handler runs: session cookie, idle and absolute timeouts, CSRF
// token on state-changing methods, and the forced password change / TOTP
// enrolment gates. Handlers receive the Principal and a pooled connection. Refused requests (403) are audited,
// limited per address (AuditLimiter).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/actor.h"
#include "core/date.h"
#include "core/crypto.h"
#include "http/router.h"
#include "modules/accounts/model.h"
#include "modules/accounts/sessions.h"
#include "modules/accounts/throttle.h"
#include "modules/org/tree_memory.h"
#include "store/pool.h"

namespace jiceng::accounts {

struct WebContext {
  store::ConnectionPool& pool;
  const FieldCipher& cipher;
  SessionStore& sessions;
  bool secure_cookies = false;  // add `Secure` when served over TLS
  std::string files_dir;        // uploaded files, beside the database
  // Runs after every state-changing request, on its connection, before the answer goes out (the live roll-up).
  std::function<void(store::Connection&)> after_write;
  // A figure of the live roll-up for an org's subtree today (e.g. "persons"), or nothing where no roll-up runs.
  std::function<std::optional<int64_t>(store::Connection&, int64_t org_id, std::string_view figure)> figure;
  // The server's memory of today's tree (the live roll-up's, brought up to date on the connection first), for the
  // lists' subtrees; nothing where no roll-up runs.
  std::function<const org::TreeMemory*(store::Connection&)> memory;
  SignInThrottle throttle;     // failed sign-ins by address and overall
  AuditLimiter audit_limiter;  // failure and refusal records per address per minute
  // Every module's reaction to an org merge (MergeListeners() of the registry), for the org routes' merges.
  std::vector<std::function<void(store::Connection&, int64_t from_id, int64_t into_id, Date on)>> merge_listeners;
};

inline constexpr const char* kSessionCookie = "jiceng_session";

using GuardedHandler =
    std::function<http::Response(const http::Request&, const Principal&, store::Connection&)>;

enum class Gate {
  kSignedIn,  // the normal case: every gate passed
  kPending,   // allowed while a password change or TOTP enrolment is still due
};

http::Handler Guard(WebContext& ctx, GuardedHandler handler, Gate gate = Gate::kSignedIn);

// Helpers for handlers.
std::optional<std::string> CookieValue(const http::Request& request, const std::string& name);
Result<boost::json::object> ParseBody(const http::Request& request);
// A string member; numbers are accepted as their text; absent or null gives nothing.
std::optional<std::string> StringField(const boost::json::object& object, const char* key);
// A body field's text, checked for its JSON type (400 naming the field otherwise): kText must be a string, kInteger
// an integer ("50" is refused), kId an integer or "" (none chosen). Absent or null: empty.
enum class FieldType { kText, kInteger, kId };
Result<std::string> TypedField(const boost::json::object& object, const char* key, FieldType type);
std::string QueryValue(const http::Request& request, const char* key);
Actor ActorOf(const Principal& principal);
// Audits a refused request (403) in its own transaction, limited per address.
void RecordRefusal(WebContext& ctx, store::Connection& db, const Actor& actor, const http::Request& request,
                   const std::string& why);

}  // namespace jiceng::accounts
