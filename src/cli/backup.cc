#include "cli/backup.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>
#include <vector>

#include "modules/duty/calendar.h"
#include "modules/duty/evidence.h"
#include "modules/rollup_feed.h"
#include "store/audit.h"
#include "store/database_check.h"
#include "store/postgres/tools.h"
#include "store/store.h"

namespace jiceng::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kFormat = "jiceng-backup/1";
constexpr const char* kDbName = "jiceng.db";      // a SQLite set: the database file itself
constexpr const char* kDumpName = "jiceng.dump";  // a PostgreSQL set: pg_dump's custom-format archive
constexpr const char* kKeyName = "jiceng.db.key";
constexpr const char* kAnchorName = "jiceng.db.anchor";  // the audit anchor up to the copy's head (store/audit.h)
constexpr const char* kManifestName = "manifest.json";

// A target as a record may show it: a connection URI without its password.
std::string Shown(const std::string& target) {
  if (!store::IsServerDatabase(target)) return fs::absolute(target).string();
  static const std::regex kPassword("(://[^:/@]*):[^@/]*@");
  return std::regex_replace(target, kPassword, "$1@");
}

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

bool IsNonEmptyDir(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && !fs::is_empty(path, ec);
}

void SyncPath(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string ParentOf(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

void RemoveTree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

void RemoveDatabaseFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

std::string HexOf(const unsigned char* bytes, size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();
  return hex;
}

struct FileSum {
  int64_t bytes = 0;
  std::string sha256;
};

// Reads `from` once, hashing it, and (with `to`) writes a new 0600 file synced to disk. Errors name the file.
Result<FileSum> CopyOrHash(const std::string& from, const std::string& to = "") {
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return Status::NotFound("from", "文件不存在或无法读取：" + from);
  int out = -1;
  if (!to.empty()) {
    out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
      ::close(in);
      return Status::Internal("无法创建文件：" + to);
    }
  }
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<unsigned char> buffer(1 << 20);
  FileSum sum;
  bool ok = true;
  for (;;) {
    ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0) ok = false;
    if (n <= 0) break;
    crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
    sum.bytes += n;
    if (out >= 0 && ::write(out, buffer.data(), static_cast<size_t>(n)) != n) {
      ok = false;
      break;
    }
  }
  ::close(in);
  if (out >= 0) {
    ok = ::fsync(out) == 0 && ok;
    ::close(out);
    if (!ok) ::unlink(to.c_str());
  }
  if (!ok) return Status::Internal("读写文件失败：" + from);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  sum.sha256 = HexOf(digest, sizeof digest);
  return sum;
}

Status WriteFile0600(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("无法创建文件：" + path);
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::Internal("无法写入文件：" + path);
  return Status::Ok();
}

std::string NowShanghai(const char* format) {
  std::time_t secs = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// Evidence files are content-addressed: <db>.files/ab/ab…(64 hex). Files being written (".tmp<pid>") are skipped;
// their rows are not committed yet, so the snapshot taken before does not name them.
bool IsEvidenceName(const std::string& relative) {
  static const std::regex kName("[0-9a-f]{2}/[0-9a-f]{64}");
  return std::regex_match(relative, kName) && relative.compare(0, 2, relative, 3, 2) == 0;
}

// A path inside a set, as a manifest may name it: no absolute path, no "..", only the names a set uses.
bool IsSafeRelative(const std::string& path) {
  static const std::regex kSafe("(jiceng\\.db|jiceng\\.dump|jiceng\\.db\\.key|jiceng\\.db\\.anchor|files/[0-9a-f]{2}/[0-9a-f]{64})");
  return std::regex_match(path, kSafe);
}

struct AuditHead {
  int64_t records = 0;
  std::string hash;
  std::string problem;  // empty when the chain verifies
};

// The copy's chain, under the live database's key and against its anchor, which may have grown since the snapshot.
AuditHead ReadAuditHead(store::Connection& db, const std::string& db_path) {
  store::AuditVerifyOptions options;
  options.key_file = KeyFileFor(db_path);
  options.anchor_file = store::AnchorFileFor(db_path);
  options.anchor_may_lead = true;
  store::AuditCheck check = store::VerifyAuditChain(db, options);
  AuditHead head{check.records, "", check.first_bad_id == 0 ? "" : check.problem};
  auto last = db.Prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (last->Step()) head.hash = last->Text(0);
  return head;
}

// The anchor up to the snapshot's head, the evidence files (after the snapshot: a file is written before its row,
// so every row in the snapshot finds its file among those copied after it), each added to `files`. `snapshot` is
// the connection that reads the snapshot: the copy on SQLite, the live database's open read transaction on
// PostgreSQL.
Status CopySideFiles(store::Connection& snapshot, const std::string& state, const std::string& tmp,
                     BackupReport& report, boost::json::array& files, boost::json::object& manifest) {
  auto add = [&](const std::string& relative, const FileSum& sum) {
    files.push_back({{"path", relative}, {"bytes", sum.bytes}, {"sha256", sum.sha256}});
    report.bytes += sum.bytes;
  };
  report.schema_version = store::SchemaVersion(snapshot);
  AuditHead head = ReadAuditHead(snapshot, state);
  if (!head.problem.empty()) return Status::Invalid("db", "审计日志校验不通过，备份未完成：" + head.problem);
  report.audit_records = head.records;
  manifest["audit_records"] = head.records;
  manifest["audit_head"] = head.hash;
  const std::string anchor = tmp + "/" + kAnchorName;
  JICENG_RETURN_IF_ERROR(WriteFile0600(anchor, store::AnchorUpTo(store::AnchorFileFor(state), head.records)));
  auto anchor_sum = CopyOrHash(anchor);
  if (!anchor_sum.ok()) return anchor_sum.status();
  add(kAnchorName, *anchor_sum);
  const std::string evidence = state + ".files";
  if (fs::is_directory(evidence)) {
    ::mkdir((tmp + "/files").c_str(), 0700);
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(evidence)) {
      if (!entry.is_regular_file()) continue;
      std::string relative = fs::relative(entry.path(), evidence).string();
      if (IsEvidenceName(relative)) names.push_back(relative);
    }
    std::sort(names.begin(), names.end());
    for (const std::string& relative : names) {
      ::mkdir((tmp + "/files/" + relative.substr(0, 2)).c_str(), 0700);
      auto sum = CopyOrHash(evidence + "/" + relative, tmp + "/files/" + relative);
      if (!sum.ok()) return sum.status();
      if (sum->sha256 != relative.substr(3)) {
        std::cerr << "警告：佐证材料文件内容与其名称（SHA-256）不符，已按现状备份：" << evidence << "/" << relative
                  << "\n";
      }
      add("files/" + relative, *sum);
      ++report.evidence_files;
    }
  }
  // The live store already lacks these; the backup says so rather than fail.
  for (const std::string& sha256 : duty::MissingEvidence(snapshot, tmp + "/files")) {
    std::cerr << "警告：数据库中登记的佐证材料文件不在 " << evidence << " 中，备份里也没有：" << sha256 << "\n";
  }
  return Status::Ok();
}

// SQLite: the online backup API writes the copy, which is then checked in full and read for the audit head.
Status CopySqlite(const std::string& db_path, const std::string& tmp, BackupReport& report, boost::json::array& files,
                  boost::json::object& manifest) {
  auto source = store::OpenSqlite(db_path, {});
  if (!source.ok()) return source.status();
  JICENG_RETURN_IF_ERROR(store::CheckDatabase(**source, false));
  if (::mkdir(tmp.c_str(), 0700) != 0) return Status::Internal("无法创建备份目录：" + tmp);
  JICENG_RETURN_IF_ERROR((*source)->BackupTo(tmp + "/" + kDbName));
  {
    auto copy = store::OpenSqlite(tmp + "/" + kDbName, {});
    if (!copy.ok()) return copy.status();
    // The copy is checked in full: a damaged database must not yield a backup that looks sound.
    if (Status st = store::CheckDatabase(**copy, true); !st.ok()) {
      return Status::Invalid("db", "数据库本身已损坏，备份未完成：" + st.message());
    }
    JICENG_RETURN_IF_ERROR(CopySideFiles(**copy, db_path, tmp, report, files, manifest));
    (*copy)->Exec("PRAGMA journal_mode=DELETE");  // nothing left beside the copy once it is closed
  }
  // Hashed last: opening the copy (above) rewrote its header.
  auto db_sum = CopyOrHash(tmp + "/" + kDbName);
  if (!db_sum.ok()) return db_sum.status();
  files.push_back({{"path", kDbName}, {"bytes", db_sum->bytes}, {"sha256", db_sum->sha256}});
  report.bytes += db_sum->bytes;
  return Status::Ok();
}

// PostgreSQL: one REPEATABLE READ transaction holds the snapshot pg_dump takes (BackupTo exports it), and the full
// check, the audit head and the evidence rows are read in that same snapshot, so they are the dump's; the archive
// is then read back whole by pg_restore --list.
Status CopyServer(const std::string& target, const std::string& tmp, BackupReport& report, boost::json::array& files,
                  boost::json::object& manifest) {
  auto source = store::Open(target, {});
  if (!source.ok()) return source.status();
  store::Connection& live = **source;
  JICENG_RETURN_IF_ERROR(store::CheckDatabase(live, false));
  if (::mkdir(tmp.c_str(), 0700) != 0) return Status::Internal("无法创建备份目录：" + tmp);
  const std::string dump = tmp + "/" + kDumpName;
  live.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ");  // not READ ONLY: SchemaVersion makes its table if missing
  Status copied = live.BackupTo(dump);
  if (copied.ok()) {
    if (Status st = store::CheckDatabase(live, true); !st.ok()) {
      copied = Status::Invalid("db", "数据库本身已损坏，备份未完成：" + st.message());
    }
  }
  if (copied.ok()) copied = CopySideFiles(live, store::StatePath(target), tmp, report, files, manifest);
  live.Rollback();  // the read transaction: nothing was written in it
  JICENG_RETURN_IF_ERROR(copied);
  JICENG_RETURN_IF_ERROR(store::postgres::CheckDump(dump));
  auto dump_sum = CopyOrHash(dump);
  if (!dump_sum.ok()) return dump_sum.status();
  files.push_back({{"path", kDumpName}, {"bytes", dump_sum->bytes}, {"sha256", dump_sum->sha256}});
  report.bytes += dump_sum->bytes;
  return Status::Ok();
}

Result<BackupReport> BuildSet(const std::string& db_path, const std::string& tmp, bool with_key,
                              boost::json::object& manifest) {
  BackupReport report;
  boost::json::array files;
  const bool server = store::IsServerDatabase(db_path);
  JICENG_RETURN_IF_ERROR(server ? CopyServer(db_path, tmp, report, files, manifest)
                                : CopySqlite(db_path, tmp, report, files, manifest));
  const std::string key_file = KeyFileFor(store::StatePath(db_path));
  if (with_key) {
    auto sum = CopyOrHash(key_file, tmp + "/" + kKeyName);
    if (!sum.ok()) return sum.status();
    files.push_back({{"path", kKeyName}, {"bytes", sum->bytes}, {"sha256", sum->sha256}});
    report.bytes += sum->bytes;
  }
  manifest["format"] = kFormat;
  manifest["backend"] = server ? "postgresql" : "sqlite";
  manifest["created_at"] = NowShanghai("%Y-%m-%dT%H:%M:%S+08:00");
  manifest["source"] = Shown(db_path);
  manifest["schema_version"] = report.schema_version;
  manifest["key_included"] = with_key;
  manifest["evidence_files"] = report.evidence_files;
  manifest["files"] = files;
  JICENG_RETURN_IF_ERROR(WriteFile0600(tmp + "/" + kManifestName, boost::json::serialize(manifest) + "\n"));
  SyncPath(tmp);
  report.with_key = with_key;
  report.key_file = key_file;
  return report;
}

// The set's manifest, well-formed and naming only the files a set may hold (checked against them by VerifySet).
Result<boost::json::object> ReadManifest(const std::string& from) {
  std::ifstream in(from + "/" + kManifestName);
  if (!in) return Status::NotFound("from", "不是备份目录（没有 manifest.json）：" + from);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(text.str(), ec);
  if (ec || !parsed.is_object() || !parsed.as_object().contains("files") ||
      parsed.as_object().at("files").kind() != boost::json::kind::array ||
      parsed.as_object().if_contains("format") == nullptr || !parsed.as_object().at("format").is_string() ||
      parsed.as_object().at("format").as_string() != kFormat) {
    return Status::Invalid("from", "备份清单 manifest.json 格式错误或版本未知：" + from);
  }
  bool has_db = false, has_dump = false;
  for (const auto& item : parsed.as_object().at("files").as_array()) {
    const auto* file = item.if_object();
    const auto* path = file ? file->if_contains("path") : nullptr;
    const auto* sha = file ? file->if_contains("sha256") : nullptr;
    const auto* bytes = file ? file->if_contains("bytes") : nullptr;
    if (!path || !path->is_string() || !sha || !sha->is_string() || !bytes || !bytes->is_int64() ||
        !IsSafeRelative(std::string(path->as_string()))) {
      return Status::Invalid("from", "备份清单 manifest.json 中有无效的条目：" + from);
    }
    has_db = has_db || path->as_string() == kDbName;
    has_dump = has_dump || path->as_string() == kDumpName;
  }
  if (has_db == has_dump) {
    return Status::Invalid("from", "备份清单中应有且只有一个数据库文件（" + std::string(kDbName) + " 或 " + kDumpName + "）");
  }
  return parsed.as_object();
}

// Every file the manifest lists is present, of its size and SHA-256.
Status VerifySet(const std::string& from, const boost::json::object& manifest) {
  for (const auto& item : manifest.at("files").as_array()) {
    const auto& file = item.as_object();
    const std::string relative(file.at("path").as_string());
    auto sum = CopyOrHash(from + "/" + relative);
    if (!sum.ok()) return Status::Invalid("from", "备份不完整，缺少文件：" + relative);
    if (sum->bytes != file.at("bytes").as_int64() || sum->sha256 != file.at("sha256").as_string()) {
      return Status::Invalid("from", "备份文件的校验和不符（已损坏或被改动）：" + relative);
    }
  }
  return Status::Ok();
}

// Checks a restored database with the key it will be used with: integrity in full, the key, the schema brought up
// to date, the audit chain (under `audit_options`: the key and anchor staged for it), the roll-up against the
// detail, and every evidence row's file among `files`.
Status CheckRestored(store::Connection& db, const std::string& files, const FieldCipher& cipher,
                     const store::AuditVerifyOptions& audit_options, RestoreReport& report) {
  JICENG_RETURN_IF_ERROR(store::CheckDatabase(db, true));
  if (Status key = store::CheckKey(db, cipher); !key.ok() && key.code() != StatusCode::kNotFound) return key;
  store::Migrate(db);  // a set made by an older jiceng
  store::AuditCheck audit = store::VerifyAuditChain(db, audit_options);
  if (audit.first_bad_id != 0) return Status::Invalid("from", "备份中的审计日志校验不通过：" + audit.problem);
  report.audit_records = audit.records;
  const Date today = Date::Today();
  auto feed = BuildRollup(db, today, duty::DueSoonDays());
  auto differences = VerifyRollup(db, *feed, today);
  if (!differences.empty()) {
    return Status::Invalid("from", "备份中的汇总数据与明细不符（" + std::to_string(differences.size()) + " 处）");
  }
  report.rollup_nodes = static_cast<int64_t>(feed->nodes.size());
  // A row whose file is not in the set would answer 404 to its download.
  std::vector<std::string> missing = duty::MissingEvidence(db, files);
  if (!missing.empty()) {
    return Status::Invalid(
        "from", "备份缺少 " + std::to_string(missing.size()) + " 个佐证材料文件（如 " + missing.front() + "）");
  }
  return Status::Ok();
}

void RecordRestore(store::Connection& db, const RestoreOptions& options, const Actor& actor) {
  store::Transaction tx(db);
  store::AppendAudit(db, actor, {"db.restore", fs::absolute(options.from).string(), "", "", ""});
  tx.Commit();
}

// What a restore takes from the set before it touches anything: the manifest (of the back end the target is on),
// the key (the one given, else the set's own, else the one already at `target_key`), every checksum verified.
struct CheckedSet {
  boost::json::object manifest;
  std::string key_source;
  std::optional<FieldCipher> cipher;
  bool has_anchor = false;  // only as the manifest lists it, so that its checksum was checked
};

Result<CheckedSet> CheckSet(const RestoreOptions& options, const std::string& target_key) {
  CheckedSet set;
  auto manifest = ReadManifest(options.from);
  if (!manifest.ok()) return manifest.status();
  set.manifest = std::move(*manifest);
  bool has_dump = false;
  for (const auto& item : set.manifest.at("files").as_array()) {
    const auto& path = item.as_object().at("path").as_string();
    set.has_anchor = set.has_anchor || path == kAnchorName;
    has_dump = has_dump || path == kDumpName;
  }
  if (has_dump != store::IsServerDatabase(options.db)) {
    return Status::Invalid("from", has_dump ? "这份备份来自 PostgreSQL 数据库（jiceng.dump），只能恢复到 PostgreSQL 数据库"
                                              "（--db postgresql://…）"
                                            : "这份备份来自 SQLite 数据库（jiceng.db），只能恢复到 SQLite 数据库文件");
  }
  const auto* included = set.manifest.if_contains("key_included");
  const bool set_has_key = included && included->is_bool() && included->as_bool();
  set.key_source = options.key;
  if (set.key_source.empty() && set_has_key) set.key_source = options.from + "/" + kKeyName;
  if (set.key_source.empty() && Exists(target_key)) set.key_source = target_key;
  if (set.key_source.empty()) {
    return Status::Invalid("key_file", "备份中不含密钥文件：请用 --key 指定单独保存的密钥文件（原数据库的 .key）");
  }
  auto cipher = FieldCipher::LoadKeyFile(set.key_source);
  if (!cipher.ok()) return cipher.status();
  set.cipher.emplace(std::move(*cipher));
  JICENG_RETURN_IF_ERROR(VerifySet(options.from, set.manifest));
  return set;
}

// The set's evidence files into `to` (a new directory), counted in the report.
Status CopyEvidence(const CheckedSet& set, const std::string& from, const std::string& to, RestoreReport& report) {
  if (!fs::is_directory(from + "/files")) return Status::Ok();
  ::mkdir(to.c_str(), 0700);
  for (const auto& item : set.manifest.at("files").as_array()) {
    const std::string relative(item.as_object().at("path").as_string());
    if (relative.rfind("files/", 0) != 0) continue;
    const std::string inside = relative.substr(6);
    ::mkdir((to + "/" + inside.substr(0, 2)).c_str(), 0700);
    auto sum = CopyOrHash(from + "/" + relative, to + "/" + inside);
    if (!sum.ok()) return sum.status();
    ++report.evidence_files;
  }
  return Status::Ok();
}

// Puts the staged side files in place: the evidence directory (the old one removed), the key, and the anchor (the
// replaced database's anchor names records the restored copy may not have: kept aside, not lost).
bool PlaceSideFiles(const std::string& state, const std::string& tmp_files, const std::string& tmp_key,
                    const std::string& tmp_anchor, const std::string& key_file) {
  const std::string files = state + ".files";
  const std::string old_files = files + ".old-" + std::to_string(::getpid());
  bool ok = true;
  if (Exists(files)) ok = ::rename(files.c_str(), old_files.c_str()) == 0;
  if (ok && Exists(tmp_files)) ok = ::rename(tmp_files.c_str(), files.c_str()) == 0;
  if (ok && Exists(tmp_key)) ok = ::rename(tmp_key.c_str(), key_file.c_str()) == 0;
  const std::string anchor = store::AnchorFileFor(state);
  if (ok && Exists(anchor)) {
    ok = ::rename(anchor.c_str(), (anchor + ".before-restore-" + std::to_string(::time(nullptr))).c_str()) == 0;
  }
  if (ok && Exists(tmp_anchor)) ok = ::rename(tmp_anchor.c_str(), anchor.c_str()) == 0;
  if (ok) RemoveTree(old_files);
  return ok;
}

// PostgreSQL: the database is the one its administrator made, so the archive goes into it (emptied first with
// --force) in one pg_restore transaction, and is checked there; the side files wait under temporary names under
// the state directory until it passes. A set that fails a check leaves the target empty.
Result<RestoreReport> RestoreServer(const RestoreOptions& options, const Actor& actor) {
  const auto started = Clock::now();
  RestoreReport report;
  report.db = Shown(options.db);
  const std::string state = store::StatePath(options.db);
  report.key_file = KeyFileFor(state);
  {
    auto probe = store::Open(options.db, {});
    if (!probe.ok()) return probe.status();
    if (!options.force && (!(*probe)->Tables().empty() || IsNonEmptyDir(state + ".files"))) {
      return Status::Conflict("db", "数据库已存在且不为空：" + Shown(options.db) +
                                        "（不会覆盖；如确需用备份替换它，请加 --force）");
    }
  }
  JICENG_RETURN_IF_ERROR(store::CheckUnused(options.db));
  auto set = CheckSet(options, report.key_file);
  if (!set.ok()) return set.status();
  JICENG_RETURN_IF_ERROR(store::postgres::CheckDump(options.from + "/" + kDumpName));
  std::error_code ignored;
  fs::create_directories(fs::path(state).parent_path(), ignored);
  const std::string tmp = state + ".restore-tmp";
  const std::string tmp_files = state + ".files.restore-tmp";
  const std::string tmp_key = KeyFileFor(tmp);
  const std::string tmp_anchor = store::AnchorFileFor(tmp);
  auto clean = [&] {
    RemoveTree(tmp_files);
    ::unlink(tmp_key.c_str());
    ::unlink(tmp_anchor.c_str());
  };
  clean();
  Status checked = Status::Ok();
  bool restored = false;  // the target holds the set's data
  try {
    checked = CopyEvidence(*set, options.from, tmp_files, report);
    if (checked.ok()) {
      auto key = CopyOrHash(set->key_source, tmp_key);
      if (!key.ok()) checked = key.status();
    }
    if (checked.ok() && set->has_anchor) {
      auto anchor = CopyOrHash(options.from + "/" + kAnchorName, tmp_anchor);
      if (!anchor.ok()) checked = anchor.status();
    }
    if (checked.ok()) checked = store::Wipe(options.db);
    if (checked.ok()) checked = store::postgres::RestoreDump(options.from + "/" + kDumpName, options.db);
    restored = checked.ok();
    if (checked.ok()) {
      auto db = store::Open(options.db, {});
      checked = db.ok() ? Status::Ok() : db.status();
      if (checked.ok()) {
        store::AuditVerifyOptions audit_options;
        audit_options.key_file = tmp_key;
        audit_options.anchor_file = tmp_anchor;
        audit_options.require_anchor = set->has_anchor;
        checked = CheckRestored(**db, tmp_files, *set->cipher, audit_options, report);
      }
    }
  } catch (const fs::filesystem_error& e) {
    checked = Status::Internal(std::string("恢复失败：") + e.what());
  } catch (...) {
    clean();
    if (restored) (void)store::Wipe(options.db);
    throw;
  }
  if (!checked.ok()) {
    clean();
    if (restored) {
      (void)store::Wipe(options.db);
      return Status::Invalid(checked.field().empty() ? "from" : checked.field(),
                             checked.message() + "（目标数据库已清空）");
    }
    return checked;
  }
  if (!PlaceSideFiles(state, tmp_files, tmp_key, tmp_anchor, report.key_file)) {
    clean();
    return Status::Internal("无法把恢复的密钥、审计锚点和佐证材料移到 " + state + " 旁");
  }
  // On the record of the restored database, under its key and anchor now in place.
  auto db = store::Open(options.db, {});
  if (!db.ok()) return db.status();
  RecordRestore(**db, options, actor);
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return report;
}

}  // namespace

Result<BackupReport> CreateBackup(const std::string& db_path, const std::string& to_dir, bool with_key,
                                  const Actor& actor) {
  const auto started = Clock::now();
  if (to_dir.empty()) return Status::Invalid("to", "请用 --to 指定备份目录");
  if (IsNonEmptyDir(to_dir) || (Exists(to_dir) && !fs::is_directory(to_dir))) {
    return Status::Conflict("to", "备份目录已存在且不为空：" + to_dir + "（不会覆盖，请换一个目录）");
  }
  if (!fs::is_directory(ParentOf(to_dir))) return Status::NotFound("to", "备份目录的上级目录不存在：" + to_dir);
  if (!store::IsServerDatabase(db_path) && !Exists(db_path)) {
    return Status::NotFound("db", "数据库文件不存在：" + db_path);
  }
  const std::string tmp = to_dir + ".partial-" + std::to_string(::getpid());
  RemoveTree(tmp);
  boost::json::object manifest;
  Result<BackupReport> report = Status::Internal("backup");
  try {
    report = BuildSet(db_path, tmp, with_key, manifest);
  } catch (const fs::filesystem_error& e) {  // an unreadable evidence directory, say: refused, not a crash
    report = Status::Internal(std::string("备份失败：") + e.what());
  } catch (...) {
    RemoveTree(tmp);
    throw;
  }
  if (!report.ok()) {
    RemoveTree(tmp);
    return report.status();
  }
  // rename() replaces an empty directory, so `to_dir` may exist empty (made beforehand with its own mode).
  if (::rename(tmp.c_str(), to_dir.c_str()) != 0) {
    RemoveTree(tmp);
    return Status::Internal("无法把备份移到 " + to_dir);
  }
  SyncPath(ParentOf(to_dir));
  report->dir = to_dir;
  report->seconds = std::chrono::duration<double>(Clock::now() - started).count();
  // The backup itself is on the record (after the snapshot, so in the live database only).
  auto db = store::Open(db_path, {});
  if (db.ok()) {
    store::Transaction tx(**db);
    store::AppendAudit(**db, actor,
                       {"db.backup", fs::absolute(to_dir).string(), "", "", boost::json::serialize(manifest)});
    tx.Commit();
  }
  return report;
}

std::string KeyAdvice(const BackupReport& report) {
  if (report.with_key) {
    return "注意：本备份含密钥文件（--with-key），拿到备份的人即可读出加密的身份证号和电话；请像密钥本身一样保管，"
           "平时的备份不要加 --with-key";
  }
  return "密钥文件 " + report.key_file +
         " 不在备份中：请把它单独保存（离线介质或另一台机器，权限 0600），绝不要与备份放在同一处；"
         "恢复时用 --key 指定。没有它，备份中加密的身份证号和电话无法读出";
}

Result<RestoreReport> RestoreBackup(const RestoreOptions& options, const Actor& actor) {
  if (store::IsServerDatabase(options.db)) return RestoreServer(options, actor);
  // SQLite: the database and its side files are made under temporary names beside the target, checked there, and
  // renamed into place.
  const auto started = Clock::now();
  RestoreReport report;
  report.db = options.db;
  report.key_file = KeyFileFor(options.db);
  if (!options.force && (Exists(options.db) || IsNonEmptyDir(options.db + ".files"))) {
    return Status::Conflict("db", "数据库已存在：" + options.db + "（不会覆盖；如确需用备份替换它，请加 --force）");
  }
  // Replacing a database a server still has open would lose its writes into the old, unlinked file.
  JICENG_RETURN_IF_ERROR(store::CheckSqliteUnused(options.db));
  auto set = CheckSet(options, report.key_file);
  if (!set.ok()) return set.status();

  const std::string tmp_db = options.db + ".restore-tmp";
  const std::string tmp_files = options.db + ".files.restore-tmp";
  // The key and the anchor beside the temporary name, where its connection reads and appends them (store/audit.h).
  const std::string tmp_key = KeyFileFor(tmp_db);
  const std::string tmp_anchor = store::AnchorFileFor(tmp_db);
  auto clean = [&] {
    RemoveDatabaseFiles(tmp_db);
    RemoveTree(tmp_files);
    ::unlink(tmp_key.c_str());
    ::unlink(tmp_anchor.c_str());
  };
  clean();
  Status checked = Status::Ok();
  try {
    auto copied = CopyOrHash(options.from + "/" + kDbName, tmp_db);
    checked = copied.ok() ? Status::Ok() : copied.status();
    if (checked.ok()) checked = CopyEvidence(*set, options.from, tmp_files, report);
    if (checked.ok()) {
      auto key = CopyOrHash(set->key_source, tmp_key);
      if (!key.ok()) checked = key.status();
    }
    if (checked.ok() && set->has_anchor) {
      auto anchor = CopyOrHash(options.from + "/" + kAnchorName, tmp_anchor);
      if (!anchor.ok()) checked = anchor.status();
    }
    if (checked.ok()) {
      auto db = store::OpenSqlite(tmp_db, {});
      checked = db.ok() ? Status::Ok() : db.status();
      if (checked.ok()) {
        // Under the key and anchor copied beside the temporary name; a set made before sets carried the anchor
        // has none.
        store::AuditVerifyOptions audit_options;
        audit_options.require_anchor = set->has_anchor;
        checked = CheckRestored(**db, tmp_files, *set->cipher, audit_options, report);
      }
      if (checked.ok()) {
        RecordRestore(**db, options, actor);
        (*db)->Exec("PRAGMA journal_mode=DELETE");  // only the database file is renamed into place
      }
    }
  } catch (const fs::filesystem_error& e) {
    checked = Status::Internal(std::string("恢复失败：") + e.what());
  } catch (...) {
    clean();
    throw;
  }
  if (!checked.ok()) {
    clean();
    return checked;
  }
  // Everything is checked: put it in place. The database goes last; a stale WAL of the old one must not meet it.
  bool ok = PlaceSideFiles(options.db, tmp_files, tmp_key, tmp_anchor, report.key_file);
  if (ok) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) ::unlink((options.db + suffix).c_str());
    ok = ::rename(tmp_db.c_str(), options.db.c_str()) == 0;
  }
  if (!ok) {
    clean();
    return Status::Internal("无法把恢复的数据库移到 " + options.db);
  }
  SyncPath(ParentOf(options.db));
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return report;
}

Status CheckBeforeServing(const std::string& db_path, const FieldCipher& cipher, std::string* note) {
  auto db = store::Open(db_path, {});
  if (!db.ok()) return db.status();
  if (Status st = store::CheckDatabase(**db, false); !st.ok()) {
    return Status::Invalid("db", st.message() + "：" + db_path + "，拒绝启动（请用 jiceng restore 从备份恢复）");
  }
  Status key = store::CheckKey(**db, cipher);
  if (key.code() == StatusCode::kNotFound) {
    store::RecordKeyCheck(**db, cipher);
    *note = "提示：数据库中还没有密钥校验值（旧版本创建），已按当前密钥文件 " + KeyFileFor((*db)->Path()) + " 记录\n";
  } else if (!key.ok()) {
    return Status::Invalid("key_file", key.message() + "：" + KeyFileFor((*db)->Path()));
  }
  struct stat st {};
  if (::stat(db_path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    *note += "警告：数据库文件权限过宽（init 现在以 0600 创建），请运行 chmod 600 " + db_path + "\n";
  }
  return Status::Ok();
}

Result<std::chrono::seconds> PrepareBackupSchedule(const std::string& dir, const std::string& every, int keep) {
  static const std::regex kInterval("([0-9]{1,6})([smhd])");
  std::smatch m;
  if (!std::regex_match(every, m, kInterval) || std::stol(m[1]) < 1) {
    return Status::Invalid("backup_every", "--backup-every 应写作数字加单位 s、m、h 或 d（如 24h、30m）：" + every);
  }
  if (keep < 1) return Status::Invalid("backup_keep", "--backup-keep 至少为 1");
  if (!dir.empty() && ::mkdir(dir.c_str(), 0700) != 0 && !fs::is_directory(dir)) {
    return Status::Invalid("backup_dir", "无法创建备份目录：" + dir);
  }
  const int64_t unit = m[2] == "s" ? 1 : m[2] == "m" ? 60 : m[2] == "h" ? 3600 : 86400;
  return std::chrono::seconds(std::stol(m[1]) * unit);
}

BackupSchedule::BackupSchedule(std::string db_path, std::string dir, std::chrono::seconds every, int keep)
    : db_path_(std::move(db_path)), dir_(std::move(dir)), every_(every), keep_(keep) {
  thread_ = std::thread([this] { Run(); });
}

BackupSchedule::~BackupSchedule() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void BackupSchedule::Run() {
  static const std::regex kSetName("jiceng-[0-9]{8}-[0-9]{6}(-[0-9]+)?");
  auto sets = [this] {  // complete dated sets, oldest first
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
      const std::string name = entry.path().filename().string();
      if (std::regex_match(name, kSetName) && Exists(entry.path().string() + "/" + kManifestName)) {
        names.push_back(name);
      } else if (name.rfind("jiceng-", 0) == 0 && name.find(".partial-") != std::string::npos) {
        RemoveTree(entry.path().string());  // left by an interrupted backup
      }
    }
    std::sort(names.begin(), names.end());
    return names;
  };
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    std::vector<std::string> existing = sets();
    auto wait = every_;
    if (!existing.empty()) {
      struct stat st {};
      if (::stat((dir_ + "/" + existing.back() + "/" + kManifestName).c_str(), &st) == 0) {
        const auto age = std::chrono::seconds(std::time(nullptr) - st.st_mtime);
        wait = std::max(std::chrono::seconds(0), every_ - age);
      }
    }
    if (wake_.wait_for(lock, wait, [this] { return stopping_; })) break;
    lock.unlock();
    std::string name = "jiceng-" + NowShanghai("%Y%m%d-%H%M%S");
    for (int n = 2; Exists(dir_ + "/" + name); ++n)
      name = "jiceng-" + NowShanghai("%Y%m%d-%H%M%S") + "-" + std::to_string(n);
    try {
      auto made = CreateBackup(db_path_, dir_ + "/" + name, false, {"system:backup", "local"});
      if (made.ok()) {
        std::cout << "已备份到 " << made->dir << "（" << made->bytes << " 字节，用时 " << made->seconds << " 秒）"
                  << std::endl;
        existing = sets();
        for (size_t i = 0; i + static_cast<size_t>(keep_) < existing.size(); ++i) RemoveTree(dir_ + "/" + existing[i]);
      } else {
        std::cerr << "定时备份失败：" << made.status().ToString() << std::endl;
      }
    } catch (const std::exception& e) {
      std::cerr << "定时备份失败：" << e.what() << std::endl;
    }
    lock.lock();
  }
}

}  // namespace jiceng::cli
