#include "store/audit.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/crypto.h"
#include "core/text.h"

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
                      const std::string& org_code, const std::string& before, const std::string& after) {
  std::string text = prev;
  for (const std::string* part : {&at, &actor, &address, &action, &object, &org_code, &before, &after}) {
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
  std::string hash = ChainHash(prev, id, at, actor.login, actor.address, entry.action, entry.object, entry.org_code,
                               before, after);
  auto insert = db.Prepare(
      "INSERT INTO audit_log(id, at, actor, address, action, object, org_code, before_digest, after_digest,"
      " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  insert->Bind(1, id).Bind(2, at).Bind(3, actor.login).Bind(4, actor.address).Bind(5, entry.action);
  insert->Bind(6, entry.object).Bind(7, entry.org_code).Bind(8, before).Bind(9, after).Bind(10, prev).Bind(11, hash);
  insert->Run();
}

AuditCheck VerifyAuditChain(Connection& db) {
  AuditCheck check;
  auto rows = db.Prepare(
      "SELECT id, at, actor, address, action, object, org_code, before_digest, after_digest, prev_hash, hash"
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
    std::string hash = ChainHash(prev, id, rows->Text(1), rows->Text(2), rows->Text(3), rows->Text(4), rows->Text(5),
                                 rows->Text(6), rows->Text(7), rows->Text(8));
    if (rows->Text(9) != prev || rows->Text(10) != hash) {
      check.first_bad_id = id;
      check.problem = "记录 " + std::to_string(id) + " 的哈希不符";
      return check;
    }
    prev = hash;
    ++expected_id;
  }
  return check;
}

std::vector<AuditRecord> ListAudit(Connection& db, const AuditFilter& f, int64_t* total) {
  std::string where = " WHERE 1 = 1";
  if (!f.actor.empty()) where += " AND actor = ?1";
  if (!f.action.empty()) where += " AND action = ?2";
  if (!f.from.empty()) where += " AND at >= ?3";
  if (!f.to.empty()) where += " AND at < ?4";
  if (!f.org_ids.empty()) {
    where += " AND org_code IN (SELECT code FROM org_unit WHERE id IN (";
    where += JoinIds(f.org_ids) + "))";
  }
  auto bind = [&](Statement& s) {
    if (!f.actor.empty()) s.Bind(1, f.actor);
    if (!f.action.empty()) s.Bind(2, f.action);
    if (!f.from.empty()) s.Bind(3, f.from);
    if (!f.to.empty()) s.Bind(4, f.to + "T99");  // inclusive of the whole last day
  };
  auto count = db.Prepare("SELECT COUNT(*) FROM audit_log" + where);
  bind(*count);
  *total = count->Step() ? count->Int(0) : 0;
  auto rows = db.Prepare("SELECT id, at, actor, address, action, object, org_code FROM audit_log" + where +
                         " ORDER BY id DESC LIMIT ?5 OFFSET ?6");
  bind(*rows);
  rows->Bind(5, f.limit).Bind(6, f.offset);
  std::vector<AuditRecord> records;
  while (rows->Step()) {
    records.push_back({rows->Int(0), rows->Text(1), rows->Text(2), rows->Text(3), rows->Text(4), rows->Text(5),
                       rows->Text(6)});
  }
  return records;
}

}  // namespace jiceng::store
