// Limits beyond the per-account lockout (which AccountCommands keeps in the database): SignInThrottle counts
// failed sign-ins by source address and overall and refuses further attempts for a while — in the database
// (sign_in_throttle), so every server on it counts the same failures and a restart forgets none. AuditLimiter
// bounds how many failure and refusal records one address (and all together) may add to the audit log per minute,
// and says how many it left out, so that a flood cannot fill the disk yet leaves a count; it stays in each
// process's memory (a bound on disk use, not on attempts: N servers allow N times as many records, and counting
// in the database would make every refused request a write). Thread-safe; the clock is injectable for tests.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/actor.h"
#include "store/audit.h"

namespace jiceng::accounts {

class SignInThrottle {
 public:
  static constexpr int kPerAddress = 30;              // failures from one address
  static constexpr int64_t kAddressWindow = 15 * 60;  // in 15 minutes
  static constexpr int kOverall = 1000;               // failures from all addresses
  static constexpr int64_t kOverallWindow = 10 * 60;  // in 10 minutes

  SignInThrottle(std::function<int64_t()> now = nullptr);  // not explicit: WebContext default-initializes it

  // Seconds until `address` may try again; 0 if it may now.
  int64_t RetryAfter(store::Connection& db, const std::string& address);
  // Counts a failure (its own write transaction, or a savepoint of the caller's) and forgets failures older than
  // every window.
  void RecordFailure(store::Connection& db, const std::string& address);

 private:
  std::function<int64_t()> now_;
};

class AuditLimiter {
 public:
  static constexpr int kPerAddressPerMinute = 20;
  static constexpr int kOverallPerMinute = 300;

  struct Decision {
    bool record = false;   // write this record
    int64_t left_out = 0;  // records of this address left out in earlier minutes, to summarize first
  };

  AuditLimiter(std::function<int64_t()> now = nullptr);
  Decision Admit(const std::string& address);

 private:
  struct Window {
    int64_t minute = 0;
    int count = 0;
    int64_t left_out = 0;
  };
  std::function<int64_t()> now_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> by_address_;
  Window overall_;
};

// Appends `entry` unless the limiter says this address has had its share this minute; first appends an
// "audit.suppressed" summary of what it left out before. `limiter` may be null (no limit: the CLI, tests).
// Call inside the caller's transaction.
void AppendLimitedAudit(store::Connection& db, AuditLimiter* limiter, const Actor& actor,
                        const store::AuditEntry& entry);

// A login or path from the network as it may appear in the audit log: at most 64 bytes, and "?" for any
// character a single-line field refuses.
std::string AuditSafe(const std::string& text);

}  // namespace jiceng::accounts
