#include "modules/accounts/sessions.h"

#include <sodium.h>

#include <ctime>
#include <stdexcept>

namespace jiceng::accounts {
namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return Hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

constexpr const char* kColumns =
    "account_id, csrf_token, created, last_seen, must_change_password, must_enroll_totp, reset_requested_by,"
    " reset_approved_by, reset_at";

}  // namespace

SessionStore::SessionStore(std::function<int64_t()> now) : now_(std::move(now)) {
  if (!now_) now_ = [] { return static_cast<int64_t>(std::time(nullptr)); };
  if (sodium_init() < 0) throw std::runtime_error("libsodium 初始化失败");
}

std::string SessionStore::HashId(const std::string& id) {
  // Unkeyed: the id has 128 random bits, so its hash cannot be reversed or guessed; no key file is needed to check it.
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(id.data()), id.size(), nullptr, 0);
  return Hex(out, sizeof out);
}

Session SessionStore::Create(store::Connection& db, int64_t account_id, bool must_change_password,
                             bool must_enroll_totp) {
  Session s;
  s.id = RandomHex(16);
  s.csrf_token = RandomHex(16);
  s.account_id = account_id;
  s.created = s.last_seen = now_();
  s.must_change_password = must_change_password;
  s.must_enroll_totp = must_enroll_totp;
  store::Transaction tx(db);
  // Expired sessions go now and then (a sign-in in 64), so the table holds about the sessions of the last 12 hours.
  if (randombytes_uniform(64) == 0) {
    store::Statement& old = db.Cached("DELETE FROM web_session WHERE last_seen < ?1 OR created < ?2");
    old.Bind(1, s.created - kIdleSeconds).Bind(2, s.created - kAbsoluteSeconds);
    old.Run();
  }
  store::Statement& add = db.Cached(std::string("INSERT INTO web_session(id_hash, ") + kColumns +
                                    ") VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, '', '', 0)");
  add.Bind(1, HashId(s.id)).Bind(2, account_id).Bind(3, s.csrf_token).Bind(4, s.created);
  add.Bind(5, must_change_password ? 1 : 0).Bind(6, must_enroll_totp ? 1 : 0);
  add.Run();
  tx.Commit();
  return s;
}

std::optional<Session> SessionStore::Find(store::Connection& db, const std::string& id) {
  const int64_t now = now_();
  const std::string hash = HashId(id);
  Session s;
  {
    store::Statement& row = db.Cached(std::string("SELECT ") + kColumns + " FROM web_session WHERE id_hash = ?1");
    row.Bind(1, hash);
    if (!row.Step()) {
      row.Reset();
      return std::nullopt;
    }
    s.id = id;
    s.account_id = row.Int(0);
    s.csrf_token = row.Text(1);
    s.created = row.Int(2);
    s.last_seen = row.Int(3);
    s.must_change_password = row.Int(4) != 0;
    s.must_enroll_totp = row.Int(5) != 0;
    s.reset_requested_by = row.Text(6);
    s.reset_approved_by = row.Text(7);
    s.reset_at = row.Int(8);
    row.Reset();  // a statement left mid-result would hold its read snapshot into the write below
  }
  if (now - s.last_seen > kIdleSeconds || now - s.created > kAbsoluteSeconds) {
    Remove(db, id);
    return std::nullopt;
  }
  if (now - s.last_seen >= kTouchSeconds) {
    store::Transaction tx(db);
    // Only forward, and only while the row is there: a sign-out on another server in between stays a sign-out.
    store::Statement& touch = db.Cached("UPDATE web_session SET last_seen = ?2 WHERE id_hash = ?1 AND last_seen < ?2");
    touch.Bind(1, hash).Bind(2, now);
    touch.Run();
    tx.Commit();
    s.last_seen = now;
  }
  return s;
}

void SessionStore::Update(store::Connection& db, const Session& session) {
  store::Transaction tx(db);
  store::Statement& update = db.Cached(
      "UPDATE web_session SET must_change_password = ?2, must_enroll_totp = ?3, reset_requested_by = ?4,"
      " reset_approved_by = ?5, reset_at = ?6 WHERE id_hash = ?1");
  update.Bind(1, HashId(session.id)).Bind(2, session.must_change_password ? 1 : 0);
  update.Bind(3, session.must_enroll_totp ? 1 : 0).Bind(4, session.reset_requested_by);
  update.Bind(5, session.reset_approved_by).Bind(6, session.reset_at);
  update.Run();
  tx.Commit();
}

void SessionStore::Remove(store::Connection& db, const std::string& id) {
  store::Transaction tx(db);
  store::Statement& remove = db.Cached("DELETE FROM web_session WHERE id_hash = ?1");
  remove.Bind(1, HashId(id));
  remove.Run();
  tx.Commit();
}

void SessionStore::RemoveAccount(store::Connection& db, int64_t account_id) {
  store::Transaction tx(db);
  store::Statement& remove = db.Cached("DELETE FROM web_session WHERE account_id = ?1");
  remove.Bind(1, account_id);
  remove.Run();
  tx.Commit();
}

void SessionStore::RemoveAccountExcept(store::Connection& db, int64_t account_id, const std::string& keep_id) {
  store::Transaction tx(db);
  store::Statement& remove = db.Cached("DELETE FROM web_session WHERE account_id = ?1 AND id_hash <> ?2");
  remove.Bind(1, account_id).Bind(2, HashId(keep_id));
  remove.Run();
  tx.Commit();
}

}  // namespace jiceng::accounts
