#include "modules/accounts/throttle.h"

#include <ctime>

#include "core/text.h"

namespace jiceng::accounts {
namespace {

std::function<int64_t()> ClockOrDefault(std::function<int64_t()> now) {
  if (now) return now;
  return [] { return static_cast<int64_t>(std::time(nullptr)); };
}

}  // namespace

SignInThrottle::SignInThrottle(std::function<int64_t()> now) : now_(ClockOrDefault(std::move(now))) {}

int64_t SignInThrottle::RetryAfter(store::Connection& db, const std::string& address) {
  const int64_t now = now_();
  int64_t wait = 0;
  {
    // All addresses: refused while the window holds kOverall failures, until the oldest of them leaves it.
    store::Statement& overall = db.Cached("SELECT COUNT(*), COALESCE(MIN(at), 0) FROM sign_in_throttle WHERE at >= ?1");
    overall.Bind(1, now - kOverallWindow);
    if (overall.Step() && overall.Int(0) >= kOverall) wait = overall.Int(1) + kOverallWindow - now;
    overall.Reset();
  }
  {
    // One address: refused until the kPerAddress-th latest failure leaves the window.
    store::Statement& mine =
        db.Cached("SELECT at FROM sign_in_throttle WHERE address = ?1 AND at >= ?2 ORDER BY at DESC LIMIT 1 OFFSET ?3");
    mine.Bind(1, address).Bind(2, now - kAddressWindow).Bind(3, static_cast<int64_t>(kPerAddress - 1));
    if (mine.Step()) wait = std::max(wait, mine.Int(0) + kAddressWindow - now);
    mine.Reset();
  }
  return wait > 0 ? wait : 0;
}

void SignInThrottle::RecordFailure(store::Connection& db, const std::string& address) {
  const int64_t now = now_();
  store::Transaction tx(db);
  store::Statement& old = db.Cached("DELETE FROM sign_in_throttle WHERE at < ?1");
  old.Bind(1, now - std::max(kAddressWindow, kOverallWindow));
  old.Run();
  store::Statement& add = db.Cached("INSERT INTO sign_in_throttle(address, at) VALUES (?1, ?2)");
  add.Bind(1, address).Bind(2, now);
  add.Run();
  tx.Commit();
}

AuditLimiter::AuditLimiter(std::function<int64_t()> now) : now_(ClockOrDefault(std::move(now))) {}

AuditLimiter::Decision AuditLimiter::Admit(const std::string& address) {
  const int64_t minute = now_() / 60;
  std::lock_guard<std::mutex> lock(mutex_);
  if (overall_.minute != minute) overall_ = {minute, 0, 0};
  if (by_address_.size() > 100'000) {
    for (auto it = by_address_.begin(); it != by_address_.end();) {
      it = it->second.minute < minute && it->second.left_out == 0 ? by_address_.erase(it) : std::next(it);
    }
  }
  Window& w = by_address_[address];
  int64_t carried = 0;
  if (w.minute != minute) {
    carried = w.left_out;
    w = {minute, 0, 0};
  }
  Decision d;
  if (w.count < kPerAddressPerMinute && overall_.count < kOverallPerMinute) {
    ++w.count;
    ++overall_.count;
    d.record = true;
    d.left_out = carried;
  } else {
    w.left_out += carried + 1;
  }
  return d;
}

void AppendLimitedAudit(store::Connection& db, AuditLimiter* limiter, const Actor& actor,
                        const store::AuditEntry& entry) {
  AuditLimiter::Decision d{true, 0};
  if (limiter) d = limiter->Admit(actor.address);
  if (!d.record) return;
  if (d.left_out > 0) {
    store::AppendAudit(
        db, {std::string(kAnonymousActor), actor.address},
        {"audit.suppressed", actor.address + " 超出每分钟上限而略去 " + std::to_string(d.left_out) + " 条", "", "",
         std::to_string(d.left_out)});
  }
  store::AppendAudit(db, actor, entry);
}

std::string AuditSafe(const std::string& text) {
  std::string out;
  for (unsigned char c : text.substr(0, 64)) out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  if (!CheckSingleLine("", out).ok()) {
    std::string ascii;
    for (unsigned char c : out) ascii += c < 0x80 ? static_cast<char>(c) : '?';
    return ascii;
  }
  return out;
}

}  // namespace jiceng::accounts
