// SessionStore: signed-in sessions, in memory. A session id is 128 random
// bits, new at every sign-in; it ends after 30 idle minutes, 12 hours in all,
// or at sign-out. Each session carries its CSRF token and what the user must
// do first (change the password, enrol a second factor). Sessions do not
// survive a restart: users sign in again. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace jiceng::accounts {

struct Session {
  std::string id;
  std::string csrf_token;
  int64_t account_id = 0;
  int64_t created = 0;    // unix seconds
  int64_t last_seen = 0;  // unix seconds
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

  // `now` gives unix seconds; tests pass a clock they can move.
  explicit SessionStore(std::function<int64_t()> now = nullptr);

  Session Create(int64_t account_id, bool must_change_password, bool must_enroll_totp);
  // The live session with this id (and touches it), or nothing if unknown or expired.
  std::optional<Session> Find(const std::string& id);
  void Update(const Session& session);
  void Remove(const std::string& id);
  // Ends every session of an account (password reset, disabling).
  void RemoveAccount(int64_t account_id);
  // Ends every other session of an account (a password change keeps the session that made it).
  void RemoveAccountExcept(int64_t account_id, const std::string& keep_id);

 private:
  std::function<int64_t()> now_;
  std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;
};

}  // namespace jiceng::accounts
