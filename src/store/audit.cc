#include "store/audit.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "core/crypto.h"
#include "core/text.h"

namespace jiceng::store {

// The audit log's state on one connection: the chain key, the anchor file and the column lists of sealed tables.
struct AuditState {
  FieldCipher cipher;
  std::string anchor_path;
  int anchor_fd = -1;
  bool unanchored = false;  // appended since the last anchor line
  std::chrono::steady_clock::time_point last_sync{};
  std::unordered_map<std::string, std::vector<std::string>> sealed_columns;
  ~AuditState() {
    if (anchor_fd < 0) return;
    ::fdatasync(anchor_fd);
    ::close(anchor_fd);
  }
};

namespace {

// Clocks may step back a little (NTP); a record dated more than this before an earlier one is backdated.
constexpr int64_t kClockToleranceMs = 60'000;
constexpr const char* kCheckpointTag = "jiceng-audit-checkpoint";
const std::string kGenesis(64, '0');

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

// Milliseconds since the epoch of NowShanghai's format; -1 if it is not that format.
int64_t ParseMillis(const std::string& at) {
  int y, mo, d, h, mi, sec, ms;
  char tail[8] = {};
  if (at.size() != 29 ||
      std::sscanf(at.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%6s", &y, &mo, &d, &h, &mi, &sec, &ms, tail) != 8 ||
      std::string(tail) != "+08:00") {
    return -1;
  }
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return -1;
  const int64_t days = sys_days{ymd}.time_since_epoch().count();
  return (((days * 24 + h - 8) * 60 + mi) * 60 + sec) * 1000 + ms;
}

std::string ChainText(const std::string& prev, int64_t id, const std::string& at, const std::string& actor,
                      const std::string& address, const std::string& action, const std::string& object,
                      const std::string& org_code, const std::string& before, const std::string& after,
                      const std::string& sealed) {
  std::string text = prev;
  for (const std::string* part : {&at, &actor, &address, &action, &object, &org_code, &before, &after}) {
    text += '\x1f';
    text += *part;
  }
  text += '\x1f' + std::to_string(id) + '\x1f' + sealed;
  return text;
}

bool PlainName(std::string_view name) {
  return !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

// Every column of a sealed table but audit_id, in table order.
std::vector<std::string> SealedColumns(Connection& db, const std::string& table) {
  if (!PlainName(table)) throw Fault("audit: not a table name: " + table);
  std::vector<std::string> columns;
  bool has_audit_id = false;
  for (std::string name : db.Columns(table)) {
    if (name == "audit_id") {
      has_audit_id = true;
    } else {
      columns.push_back(std::move(name));
    }
  }
  if (!has_audit_id) throw Fault("audit: table " + table + " has no audit_id column to seal");
  return columns;
}

std::string ColumnList(const std::vector<std::string>& columns) {
  std::string list;
  for (const auto& c : columns) list += ", \"" + c + "\"";
  return list;
}

// One row's canonical text: table, rowid and every non-null column by name (a column added later with a NULL
// default leaves old rows' digests as they were). Reads the rowid at `first`, the columns after it.
void AddRow(Digester& digest, const std::string& table, const std::vector<std::string>& columns, Statement& s,
            int first) {
  std::string text = table + '\x1e' + s.Text(first);
  for (size_t c = 0; c < columns.size(); ++c) {
    const int index = first + 1 + static_cast<int>(c);
    if (s.IsNull(index)) continue;
    text += '\x1f' + columns[c] + '=' + s.Blob(index);
  }
  text += '\x1e';
  digest.Add(text);
}

std::string TablePart(const std::string& table, Digester& rows) { return table + '\x1e' + rows.HexFinish() + '\x1e'; }

AuditState& StateOf(Connection& db) {
  if (!db.audit_state) {
    auto cipher = FieldCipher::LoadKeyFile(KeyFileFor(db.Path()));
    if (!cipher.ok()) throw Fault("审计链缺少密钥，拒绝写入：" + cipher.status().ToString());
    auto state = std::make_shared<AuditState>();
    state->cipher = *cipher;
    state->anchor_path = AnchorFileFor(db.Path());
    db.audit_state = std::move(state);
  }
  return *db.audit_state;
}

// Seals the rows this connection queued for record `id`: sets their audit_id and returns the digest of them all
// ("" when there are none).
std::string SealPending(Connection& db, AuditState& state, int64_t id) {
  std::vector<std::pair<std::string, int64_t>> rows;
  Statement& pending = db.Cached("SELECT tbl, row FROM temp.audit_seal ORDER BY tbl, row");
  while (pending.Step()) rows.emplace_back(pending.Text(0), pending.Int(1));
  if (rows.empty()) return "";
  std::string parts;
  for (size_t i = 0; i < rows.size();) {
    const std::string& table = rows[i].first;
    auto known = state.sealed_columns.find(table);
    if (known == state.sealed_columns.end())
      known = state.sealed_columns.emplace(table, SealedColumns(db, table)).first;
    Statement& read = db.Cached("SELECT id" + ColumnList(known->second) + " FROM \"" + table + "\" WHERE id = ?");
    Statement& mark = db.Cached("UPDATE \"" + table + "\" SET audit_id = ? WHERE id = ?");
    Digester digest;
    for (; i < rows.size() && rows[i].first == table; ++i) {
      read.Reset();
      read.Bind(1, rows[i].second);
      if (!read.Step()) continue;  // gone again within the transaction
      AddRow(digest, table, known->second, read, 0);
      read.Reset();
      mark.Bind(1, id).Bind(2, rows[i].second);
      mark.Run();
    }
    parts += TablePart(table, digest);
  }
  db.Cached("DELETE FROM temp.audit_seal").Run();
  return HexDigest(parts);
}

void WriteAnchor(AuditState& state, int64_t count, const std::string& hash) {
  if (state.anchor_fd < 0) {
    state.anchor_fd = ::open(state.anchor_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (state.anchor_fd < 0) {
      std::cerr << "警告：无法打开审计锚点文件 " << state.anchor_path << "，本次写入未锚定\n";
      return;
    }
  }
  // One write of one whole line with O_APPEND: lines of concurrent writers never interleave.
  const std::string line = std::to_string(count) + ' ' + hash + ' ' + NowShanghai() + '\n';
  if (::write(state.anchor_fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    std::cerr << "警告：写入审计锚点文件 " << state.anchor_path << " 失败\n";
    return;
  }
  // At most one flush to disk a second: after a power cut the anchor may lag the database by that much, never lead.
  const auto now = std::chrono::steady_clock::now();
  if (now - state.last_sync >= std::chrono::seconds(1)) {
    ::fdatasync(state.anchor_fd);
    state.last_sync = now;
  }
}

struct Anchor {
  std::map<int64_t, std::string> heads;  // count → hash
  std::string problem;
  bool exists = false;
};

Anchor ReadAnchor(const std::string& path) {
  Anchor anchor;
  std::ifstream in(path);
  if (!in) return anchor;
  anchor.exists = true;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::istringstream fields(line);
    int64_t count = 0;
    std::string hash;
    if (!(fields >> count >> hash) || count < 1 || hash.size() != 64) {
      anchor.problem = "锚点不符：锚点文件第 " + std::to_string(n) + " 行格式错误";
      return anchor;
    }
    auto [at, fresh] = anchor.heads.emplace(count, hash);
    if (!fresh && at->second != hash) {
      anchor.problem = "锚点不符：锚点文件对第 " + std::to_string(count) + " 条记了两个不同的哈希";
      return anchor;
    }
  }
  return anchor;
}

struct Checkpoint {
  int64_t count = 0;
  std::string hash;
};

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  std::istringstream fields{std::string(text)};
  std::string tag;
  Checkpoint c;
  if (!(fields >> tag >> c.count >> c.hash) || tag != kCheckpointTag || c.count < 1 || c.hash.size() != 64) {
    return Status::Invalid("checkpoint",
                           "检查点格式错误，应为 jiceng audit checkpoint 打印的一行：" + std::string(text));
  }
  return c;
}

std::string TableLabel(const std::string& table) { return table == "duty_event" ? "履责时间线（duty_event）" : table; }

// Checks that every row of every sealed table is vouched for, unchanged, by the record it names (`sealed`: the
// records' sealed digests by id).
void VerifySealed(Connection& db, const std::map<int64_t, std::string>& sealed, AuditCheck& check) {
  std::vector<std::string> tables;
  for (const std::string& table : db.Tables()) {
    const std::vector<std::string> columns = db.Columns(table);
    if (std::find(columns.begin(), columns.end(), "audit_id") != columns.end()) tables.push_back(table);
  }
  std::map<int64_t, std::string> parts;  // record id → the parts of its sealed digest found
  for (const std::string& table : tables) {
    const std::vector<std::string> columns = SealedColumns(db, table);
    auto rows =
        db.Prepare("SELECT audit_id, id" + ColumnList(columns) + " FROM \"" + table + "\" ORDER BY audit_id, id");
    int64_t current = 0;
    Digester digest;
    auto finish = [&] {
      if (current != 0) parts[current] += TablePart(table, digest);
      digest = Digester();
    };
    while (rows->Step()) {
      if (rows->IsNull(0)) {
        check.first_bad_id = -1;
        check.problem = "时间线缺审计记录：" + TableLabel(table) + " 第 " + rows->Text(1) + " 行没有对应的审计记录";
        return;
      }
      const int64_t id = rows->Int(0);
      if (id != current) {
        finish();
        current = id;
      }
      if (!sealed.count(id)) {
        check.first_bad_id = -1;
        check.problem = "时间线被改动：" + TableLabel(table) + " 第 " + rows->Text(1) + " 行所指的审计记录 " +
                        std::to_string(id) + " 并未为它作证";
        return;
      }
      AddRow(digest, table, columns, *rows, 1);
    }
    finish();
  }
  for (const auto& [id, digest] : sealed) {
    auto found = parts.find(id);
    if (found == parts.end() || HexDigest(found->second) != digest) {
      check.first_bad_id = id;
      check.problem = "时间线被改动：审计记录 " + std::to_string(id) + " 所证的时间线条目被修改或删除";
      return;
    }
  }
}

// A read transaction for the checks, so that every statement sees one snapshot (a writer may be appending).
class Snapshot {
 public:
  explicit Snapshot(Connection& db) : db_(db), mine_(!db.InTransaction()) {
    if (mine_) db_.Exec("BEGIN");
  }
  ~Snapshot() {
    try {
      if (mine_) db_.Exec("COMMIT");
    } catch (...) {  // read only: nothing to lose
    }
  }

 private:
  Connection& db_;
  bool mine_;
};

}  // namespace

std::string AnchorFileFor(const std::string& db_path) { return db_path + ".anchor"; }

void SealWithNextAudit(Connection& db, std::string_view table, int64_t rowid) {
  Statement& s = db.Cached("INSERT INTO temp.audit_seal(tbl, row) VALUES (?, ?)");
  s.Bind(1, table).Bind(2, rowid);
  s.Run();
}

void AppendAudit(Connection& db, const Actor& actor, const AuditEntry& entry) {
  if (!db.InTransaction()) {  // a record on its own (a refused request, say): its own write transaction, so that
    Transaction tx(db);       // no other writer slips in between reading the head and appending to it
    AppendAudit(db, actor, entry);
    tx.Commit();
    return;
  }
  AuditState& state = StateOf(db);
  Statement& last = db.Cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  int64_t id = 1;
  std::string prev = kGenesis;
  if (last.Step()) {
    id = last.Int(0) + 1;
    prev = last.Text(1);
  }
  last.Reset();
  const std::string sealed = SealPending(db, state, id);
  const std::string at = NowShanghai();
  const std::string before = entry.before.empty() ? "" : HexDigest(entry.before);
  const std::string after = entry.after.empty() ? "" : HexDigest(entry.after);
  const std::string hash = state.cipher.ChainMac(ChainText(prev, id, at, actor.login, actor.address, entry.action,
                                                           entry.object, entry.org_code, before, after, sealed));
  Statement& insert = db.Cached(
      "INSERT INTO audit_log(id, at, actor, address, action, object, org_code, before_digest, after_digest,"
      " prev_hash, hash, sealed_digest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  insert.Bind(1, id).Bind(2, at).Bind(3, actor.login).Bind(4, actor.address).Bind(5, entry.action);
  insert.Bind(6, entry.object).Bind(7, entry.org_code).Bind(8, before).Bind(9, after).Bind(10, prev).Bind(11, hash);
  insert.Bind(12, sealed);
  insert.Run();
  state.unanchored = true;  // the commit anchors it (SqliteConnection::Commit)
}

void AnchorAuditHead(Connection& db) noexcept {
  AuditState* state = db.audit_state.get();
  if (!state || !state->unanchored) return;
  state->unanchored = false;
  try {
    // The head as committed now — this connection's record or a later one — so that a rolled-back savepoint or
    // another process's write in between never puts a wrong line in the anchor.
    Statement& head = db.Cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!head.Step()) return;
    const int64_t count = head.Int(0);
    const std::string hash = head.Text(1);
    head.Reset();
    WriteAnchor(*state, count, hash);
  } catch (const std::exception& e) {
    std::cerr << "警告：审计锚点未写入：" << e.what() << "\n";
  }
}

AuditCheck VerifyAuditChain(Connection& db, std::string_view checkpoint) {
  return VerifyAuditChain(db, AuditVerifyOptions{std::string(checkpoint)});
}

std::string AnchorUpTo(const std::string& anchor_file, int64_t count) {
  std::ifstream in(anchor_file);
  std::string line, kept;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    int64_t n = 0;
    if (fields >> n && n <= count) kept += line + '\n';
  }
  return kept;
}

AuditCheck VerifyAuditChain(Connection& db, const AuditVerifyOptions& options) {
  const std::string_view checkpoint_text = options.checkpoint;
  const std::string key_file = options.key_file.empty() ? KeyFileFor(db.Path()) : options.key_file;
  const std::string anchor_file = options.anchor_file.empty() ? AnchorFileFor(db.Path()) : options.anchor_file;
  AuditCheck check;
  auto fail = [&check](int64_t id, std::string problem) {
    check.first_bad_id = id;
    check.problem = std::move(problem);
    return check;
  };
  Result<Checkpoint> checkpoint = Checkpoint{};
  if (!checkpoint_text.empty()) {
    checkpoint = ParseCheckpoint(checkpoint_text);
    if (!checkpoint.ok()) return fail(-1, checkpoint.status().message());
  }
  auto cipher = FieldCipher::LoadKeyFile(key_file);
  if (!cipher.ok()) return fail(-1, "无法校验审计链：" + cipher.status().ToString());
  // The anchor before the snapshot: every head in it was committed before it was written, so the snapshot holds it.
  const Anchor anchor = ReadAnchor(anchor_file);
  if (!anchor.problem.empty()) return fail(-1, anchor.problem);
  if (!anchor.heads.empty()) check.anchored = anchor.heads.rbegin()->first;

  Snapshot snapshot(db);
  std::map<int64_t, std::string> sealed;
  std::string checkpoint_hash;
  {
    auto rows = db.Prepare(
        "SELECT id, at, actor, address, action, object, org_code, before_digest, after_digest, prev_hash, hash,"
        " sealed_digest FROM audit_log ORDER BY id");
    std::string prev = kGenesis;
    int64_t latest_ms = 0, latest_id = 0;  // the latest time so far, and its record
    std::string latest_at;
    while (rows->Step()) {
      const int64_t id = rows->Int(0);
      const int64_t expected = check.records + 1;
      if (id != expected) {
        return fail(expected, "记录被删除：缺少第 " + std::to_string(expected) + " 条审计记录（编号不再连续）");
      }
      ++check.records;
      const std::string at = rows->Text(1), hash = rows->Text(10), sealed_digest = rows->Text(11);
      const int64_t ms = ParseMillis(at);
      if (ms < 0) return fail(id, "链被改写：第 " + std::to_string(id) + " 条记录的时间“" + at + "”不是写入时的格式");
      if (latest_id > 0 && ms < latest_ms - kClockToleranceMs) {
        return fail(id, "时间倒退：第 " + std::to_string(id) + " 条记录的时间 " + at + " 早于在它之前写入的第 " +
                            std::to_string(latest_id) + " 条（" + latest_at + "），记录被倒签");
      }
      const std::string mac =
          cipher->ChainMac(ChainText(prev, id, at, rows->Text(2), rows->Text(3), rows->Text(4), rows->Text(5),
                                     rows->Text(6), rows->Text(7), rows->Text(8), sealed_digest));
      if (rows->Text(9) != prev || hash != mac) {
        // Before the chain was keyed it was plain BLAKE2b over the same text without the sealed digest.
        std::string text = ChainText(prev, id, at, rows->Text(2), rows->Text(3), rows->Text(4), rows->Text(5),
                                     rows->Text(6), rows->Text(7), rows->Text(8), "");
        text.pop_back();
        if (sealed_digest.empty() && rows->Text(9) == prev && hash == HexDigest(text)) {
          return fail(
              id, "链被改写：第 " + std::to_string(id) +
                      " 条记录的哈希没有密钥，任何人都能重算（旧版 jiceng 建的数据库请重新 init；否则链被人重算过）");
        }
        return fail(id, "链被改写：第 " + std::to_string(id) +
                            " 条记录与密钥链不符（被修改、伪造或重新编号；没有密钥无法重算）");
      }
      if (auto a = anchor.heads.find(id); a != anchor.heads.end() && a->second != hash) {
        return fail(id, "锚点不符：第 " + std::to_string(id) + " 条记录的哈希与锚点文件不同（链被改写）");
      }
      if (checkpoint->count == id) checkpoint_hash = hash;
      if (!sealed_digest.empty()) sealed.emplace(id, sealed_digest);
      prev = hash;
      if (ms >= latest_ms) {
        latest_ms = ms;
        latest_id = id;
        latest_at = at;
      }
    }
  }
  if (check.records > 0 && !anchor.exists && options.require_anchor) {
    return fail(-1, "锚点缺失：锚点文件 " + anchor_file + " 不存在，无法确认最新的记录没有被删除");
  }
  if (check.anchored > check.records && !options.anchor_may_lead) {
    return fail(check.records + 1, "记录被删除：锚点文件记到第 " + std::to_string(check.anchored) + " 条，数据库只有 " +
                                       std::to_string(check.records) + " 条（最新的记录被截断或清空）");
  }
  if (checkpoint->count > check.records) {
    return fail(check.records + 1, "记录被删除：检查点记到第 " + std::to_string(checkpoint->count) +
                                       " 条，数据库只有 " + std::to_string(check.records) + " 条");
  }
  if (checkpoint->count > 0 && checkpoint_hash != checkpoint->hash) {
    return fail(checkpoint->count, "检查点不符：第 " + std::to_string(checkpoint->count) +
                                       " 条记录的哈希与检查点不同（链在检查点之前被改写）");
  }
  VerifySealed(db, sealed, check);
  return check;
}

Result<std::string> AuditCheckpoint(Connection& db) {
  AuditCheck check = VerifyAuditChain(db);
  if (!check.ok()) return Status::Invalid("db", "审计链校验未通过，不能出具检查点：" + check.problem);
  if (check.records == 0) return Status::Invalid("db", "审计日志为空，没有可出具的检查点");
  auto head = db.Prepare("SELECT id, hash FROM audit_log WHERE id = ?");
  head->Bind(1, check.records);
  if (!head->Step()) return Status::Internal("审计记录 " + std::to_string(check.records) + " 不见了");
  return std::string(kCheckpointTag) + " " + std::to_string(head->Int(0)) + " " + head->Text(1) + " " + NowShanghai();
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
    records.push_back(
        {rows->Int(0), rows->Text(1), rows->Text(2), rows->Text(3), rows->Text(4), rows->Text(5), rows->Text(6)});
  }
  return records;
}

}  // namespace jiceng::store
