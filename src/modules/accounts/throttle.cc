#include "modules/accounts/throttle.h"

#include <ctime>

#include "core/text.h"

namespace jiceng::accounts {
namespace {

std::function<int64_t()> ClockOrDefault(std::function<int64_t()> now) {
  if (now) return now;
  return [] { return static_cast<int64_t>(std::time(nullptr)); };
}

void DropBefore(std::deque<int64_t>& times, int64_t since) {
  while (!times.empty() && times.front() < since) times.pop_front();
}

}  // namespace

SignInThrottle::SignInThrottle(std::function<int64_t()> now) : now_(ClockOrDefault(std::move(now))) {}

int64_t SignInThrottle::RetryAfter(const std::string& address) {
  const int64_t now = now_();
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t wait = 0;
  DropBefore(overall_, now - kOverallWindow);
  if (static_cast<int>(overall_.size()) >= kOverall) wait = overall_.front() + kOverallWindow - now;
  auto it = by_address_.find(address);
  if (it != by_address_.end()) {
    DropBefore(it->second, now - kAddressWindow);
    if (static_cast<int>(it->second.size()) >= kPerAddress) {
      wait = std::max(wait, it->second[it->second.size() - kPerAddress] + kAddressWindow - now);
    }
  }
  return wait > 0 ? wait : 0;
}

void SignInThrottle::RecordFailure(const std::string& address) {
  const int64_t now = now_();
  std::lock_guard<std::mutex> lock(mutex_);
  overall_.push_back(now);
  DropBefore(overall_, now - kOverallWindow);
  // Bound memory under a spray from many addresses: forget addresses whose failures have all expired.
  if (by_address_.size() > 100'000) {
    for (auto it = by_address_.begin(); it != by_address_.end();) {
      DropBefore(it->second, now - kAddressWindow);
      it = it->second.empty() ? by_address_.erase(it) : std::next(it);
    }
  }
  auto& times = by_address_[address];
  times.push_back(now);
  DropBefore(times, now - kAddressWindow);
  while (static_cast<int>(times.size()) > kPerAddress) times.pop_front();
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
