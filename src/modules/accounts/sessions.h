// SessionStore: signed-in sessions, kept in the database (table web_session), so that a restart signs nobody out
// and every server process on the same database answers every request. A session id is 128 random bits, new at
// every sign-in; the database holds only its BLAKE2b hash, so whoever reads the table (or a backup) cannot sign in
// with it. A session ends after 30 idle minutes, 12 hours in all, or at sign-out. Each carries its CSRF token and
// what the user must do first (change the password, enrol a second factor). No cache: every request reads its
// session row, so sign-out and expiry are exact on every server at once; the last activity is written at most
// once a minute (kTouchSeconds). Thread-safe (the object holds only the clock; each call uses the caller's
// connection, outside or inside its transaction).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "store/store.h"

namespace jiceng::accounts {

struct Session {
  std::string id;  // the cookie's value; never stored
  std::string csrf_token;
  int64_t account_id = 0;
  int64_t created = 0;    // unix seconds
  int64_t last_seen = 0;  // unix seconds, as last written (at most kTouchSeconds behind the last request)
  bool must_change_password = false;
  bool must_enroll_totp = false;
  // Set on the first sign-in after a password reset: who asked, who approved, when (unix seconds).
  std::string reset_requested_by, reset_approved_by;
  int64_t reset_at = 0;
};

class SessionStore {
 public:
  static constexpr int64_t kIdleSeconds = 30 * 60;
  static constexpr int64_t kAbsoluteSeconds = 12 * 3600;
  // A request writes its session's last activity only when the stored one is this old: one write a minute per
  // active session instead of one per request. So a session idle for 29 to 30 minutes may end (never later).
  static constexpr int64_t kTouchSeconds = 60;

  // `now` gives unix seconds; tests pass a clock they can move.
  explicit SessionStore(std::function<int64_t()> now = nullptr);

  Session Create(store::Connection& db, int64_t account_id, bool must_change_password, bool must_enroll_totp);
  // The live session with this id (and touches it), or nothing if unknown or expired (an expired one is deleted).
  std::optional<Session> Find(store::Connection& db, const std::string& id);
  // Writes what may change during a session: the pending gates and the reset notice.
  void Update(store::Connection& db, const Session& session);
  void Remove(store::Connection& db, const std::string& id);
  // Ends every session of an account (password reset, disabling).
  void RemoveAccount(store::Connection& db, int64_t account_id);
  // Ends every other session of an account (a password change keeps the session that made it).
  void RemoveAccountExcept(store::Connection& db, int64_t account_id, const std::string& keep_id);

  // The stored form of a session id (hex BLAKE2b-256).
  static std::string HashId(const std::string& id);

 private:
  std::function<int64_t()> now_;
};

}  // namespace jiceng::accounts
