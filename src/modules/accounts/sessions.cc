#include "modules/accounts/sessions.h"

#include <sodium.h>

#include <ctime>
#include <stdexcept>

namespace jiceng::accounts {
namespace {

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

}  // namespace

SessionStore::SessionStore(std::function<int64_t()> now) : now_(std::move(now)) {
  if (!now_) now_ = [] { return static_cast<int64_t>(std::time(nullptr)); };
  if (sodium_init() < 0) throw std::runtime_error("libsodium 初始化失败");
}

Session SessionStore::Create(int64_t account_id, bool must_change_password, bool must_enroll_totp) {
  Session s;
  s.id = RandomHex(16);
  s.csrf_token = RandomHex(16);
  s.account_id = account_id;
  s.created = s.last_seen = now_();
  s.must_change_password = must_change_password;
  s.must_enroll_totp = must_enroll_totp;
  std::lock_guard<std::mutex> lock(mutex_);
  // Drop expired sessions now and then, so the map does not grow without bound.
  if (sessions_.size() % 256 == 255) {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      bool expired = s.created - it->second.last_seen > kIdleSeconds || s.created - it->second.created > kAbsoluteSeconds;
      it = expired ? sessions_.erase(it) : std::next(it);
    }
  }
  sessions_[s.id] = s;
  return s;
}

std::optional<Session> SessionStore::Find(const std::string& id) {
  const int64_t now = now_();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.last_seen > kIdleSeconds || now - it->second.created > kAbsoluteSeconds) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionStore::Update(const Session& session) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(session.id);
  if (it != sessions_.end()) it->second = session;
}

void SessionStore::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_.erase(id);
}

void SessionStore::RemoveAccount(int64_t account_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.account_id == account_id ? sessions_.erase(it) : std::next(it);
  }
}

void SessionStore::RemoveAccountExcept(int64_t account_id, const std::string& keep_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.account_id == account_id && it->first != keep_id ? sessions_.erase(it) : std::next(it);
  }
}

}  // namespace jiceng::accounts
