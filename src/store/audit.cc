#include "store/audit.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/crypto.h"

namespace jiceng::store {
namespace {

std::string NowShanghai() {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t secs = system_clock::to_time_t(now) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  int ms = static_cast<int>(duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

std::string ChainHash(const std::string& prev, int64_t id, const std::string& at, const std::string& actor,
                      const std::string& address, const std::string& action, const std::string& object,
                      const std::string& before, const std::string& after) {
  std::string text = prev;
  for (const std::string* part : {&at, &actor, &address, &action, &object, &before, &after}) {
    text += '\x1f';
    text += *part;
  }
  text += '\x1f' + std::to_string(id);
  return HexDigest(text);
}

}  // namespace

void AppendAudit(Connection& db, const Actor& actor, const AuditEntry& entry) {
  auto last = db.Prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  int64_t id = 1;
  std::string prev(64, '0');
  if (last->Step()) {
    id = last->Int(0) + 1;
    prev = last->Text(1);
  }
  std::string at = NowShanghai();
  std::string before = entry.before.empty() ? "" : HexDigest(entry.before);
  std::string after = entry.after.empty() ? "" : HexDigest(entry.after);
  std::string hash = ChainHash(prev, id, at, actor.login, actor.address, entry.action, entry.object, before, after);
  auto insert = db.Prepare(
      "INSERT INTO audit_log(id, at, actor, address, action, object, before_digest, after_digest, prev_hash, hash)"
      " VALUES (?,?,?,?,?,?,?,?,?,?)");
  insert->Bind(1, id).Bind(2, at).Bind(3, actor.login).Bind(4, actor.address).Bind(5, entry.action);
  insert->Bind(6, entry.object).Bind(7, before).Bind(8, after).Bind(9, prev).Bind(10, hash);
  insert->Run();
}

AuditCheck VerifyAuditChain(Connection& db) {
  AuditCheck check;
  auto rows = db.Prepare(
      "SELECT id, at, actor, address, action, object, before_digest, after_digest, prev_hash, hash"
      " FROM audit_log ORDER BY id");
  std::string prev(64, '0');
  int64_t expected_id = 1;
  while (rows->Step()) {
    ++check.records;
    int64_t id = rows->Int(0);
    if (id != expected_id) {
      check.first_bad_id = expected_id;
      check.problem = "缺少记录 " + std::to_string(expected_id);
      return check;
    }
    std::string hash = ChainHash(prev, id, rows->Text(1), rows->Text(2), rows->Text(3), rows->Text(4),
                                 rows->Text(5), rows->Text(6), rows->Text(7));
    if (rows->Text(8) != prev || rows->Text(9) != hash) {
      check.first_bad_id = id;
      check.problem = "记录 " + std::to_string(id) + " 的哈希不符";
      return check;
    }
    prev = hash;
    ++expected_id;
  }
  return check;
}

}  // namespace jiceng::store
