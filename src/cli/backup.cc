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
#include <regex>
#include <sstream>
#include <vector>

#include "modules/duty/calendar.h"
#include "modules/duty/evidence.h"
#include "modules/rollup_feed.h"
#include "store/audit.h"
#include "store/database_check.h"
#include "store/store.h"

namespace jiceng::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kFormat = "jiceng-backup/1";
constexpr const char* kDbName = "jiceng.db";
constexpr const char* kKeyName = "jiceng.db.key";
constexpr const char* kAnchorName = "jiceng.db.anchor";  // the audit anchor up to the copy's head (store/audit.h)
constexpr const char* kManifestName = "manifest.json";

// A backup set holds a SQLite file; the PostgreSQL set (pg_dump in custom format beside the evidence files) is
// not built yet.
Status ServerBackupNotYet() {
  return Status::Invalid("db", "jiceng backup/restore 目前只支持 SQLite 数据库；PostgreSQL 请用 pg_dump --format=custom "
                               "备份数据库、并另行复制证据文件目录（doc/postgres.md）");
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
  static const std::regex kSafe("(jiceng\\.db|jiceng\\.db\\.key|jiceng\\.db\\.anchor|files/[0-9a-f]{2}/[0-9a-f]{64})");
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

Result<BackupReport> BuildSet(const std::string& db_path, const std::string& tmp, bool with_key,
                              boost::json::object& manifest) {
  BackupReport report;
  auto source = store::OpenSqlite(db_path, {});
  if (!source.ok()) return source.status();
  JICENG_RETURN_IF_ERROR(store::CheckDatabase(**source, false));
  if (::mkdir(tmp.c_str(), 0700) != 0) return Status::Internal("无法创建备份目录：" + tmp);
  // The database first, then the files: a file is written before its row, so every row in the snapshot finds
  // its file among those copied after it.
  JICENG_RETURN_IF_ERROR((*source)->BackupTo(tmp + "/" + kDbName));
  boost::json::array files;
  auto add = [&](const std::string& relative, const FileSum& sum) {
    files.push_back({{"path", relative}, {"bytes", sum.bytes}, {"sha256", sum.sha256}});
    report.bytes += sum.bytes;
  };
  const std::string evidence = db_path + ".files";
  {
    auto copy = store::OpenSqlite(tmp + "/" + kDbName, {});
    if (!copy.ok()) return copy.status();
    // The copy is checked in full: a damaged database must not yield a backup that looks sound.
    if (Status st = store::CheckDatabase(**copy, true); !st.ok()) {
      return Status::Invalid("db", "数据库本身已损坏，备份未完成：" + st.message());
    }
    report.schema_version = store::SchemaVersion(**copy);
    AuditHead head = ReadAuditHead(**copy, db_path);
    if (!head.problem.empty()) return Status::Invalid("db", "审计日志校验不通过，备份未完成：" + head.problem);
    report.audit_records = head.records;
    manifest["audit_records"] = head.records;
    manifest["audit_head"] = head.hash;
    const std::string anchor = tmp + "/" + kAnchorName;
    JICENG_RETURN_IF_ERROR(WriteFile0600(anchor, store::AnchorUpTo(store::AnchorFileFor(db_path), head.records)));
    auto anchor_sum = CopyOrHash(anchor);
    if (!anchor_sum.ok()) return anchor_sum.status();
    add(kAnchorName, *anchor_sum);
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
    for (const std::string& sha256 : duty::MissingEvidence(**copy, tmp + "/files")) {
      std::cerr << "警告：数据库中登记的佐证材料文件不在 " << evidence << " 中，备份里也没有：" << sha256 << "\n";
    }
    (*copy)->Exec("PRAGMA journal_mode=DELETE");  // nothing left beside the copy once it is closed
  }
  // Hashed last: opening the copy (above) rewrote its header.
  auto db_sum = CopyOrHash(tmp + "/" + kDbName);
  if (!db_sum.ok()) return db_sum.status();
  add(kDbName, *db_sum);
  const std::string key_file = KeyFileFor(db_path);
  if (with_key) {
    auto sum = CopyOrHash(key_file, tmp + "/" + kKeyName);
    if (!sum.ok()) return sum.status();
    add(kKeyName, *sum);
  }
  manifest["format"] = kFormat;
  manifest["created_at"] = NowShanghai("%Y-%m-%dT%H:%M:%S+08:00");
  manifest["source"] = fs::absolute(db_path).string();
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
  bool has_db = false;
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
  }
  if (!has_db) return Status::Invalid("from", "备份清单中没有数据库文件 " + std::string(kDbName));
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

// Checks the restored database under its temporary name, with the key it will be used with, and records the
// restore in its audit log.
Status CheckRestored(const std::string& tmp_db, const std::string& tmp_files, const FieldCipher& cipher,
                     const RestoreOptions& options, const Actor& actor, bool set_has_anchor, RestoreReport& report) {
  auto opened = store::OpenSqlite(tmp_db, {});
  if (!opened.ok()) return opened.status();
  store::Connection& db = **opened;
  JICENG_RETURN_IF_ERROR(store::CheckDatabase(db, true));
  if (Status key = store::CheckKey(db, cipher); !key.ok() && key.code() != StatusCode::kNotFound) return key;
  store::Migrate(db);  // a set made by an older jiceng
  // Under the key and anchor copied beside the temporary name; a set made before sets carried the anchor has none.
  store::AuditVerifyOptions audit_options;
  audit_options.require_anchor = set_has_anchor;
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
  std::vector<std::string> missing = duty::MissingEvidence(db, tmp_files);
  if (!missing.empty()) {
    return Status::Invalid(
        "from", "备份缺少 " + std::to_string(missing.size()) + " 个佐证材料文件（如 " + missing.front() + "）");
  }
  store::Transaction tx(db);
  store::AppendAudit(db, actor, {"db.restore", fs::absolute(options.from).string(), "", "", ""});
  tx.Commit();
  db.Exec("PRAGMA journal_mode=DELETE");  // only the database file is renamed into place
  return Status::Ok();
}

}  // namespace

Result<BackupReport> CreateBackup(const std::string& db_path, const std::string& to_dir, bool with_key,
                                  const Actor& actor) {
  const auto started = Clock::now();
  if (store::IsServerDatabase(db_path)) return ServerBackupNotYet();
  if (to_dir.empty()) return Status::Invalid("to", "请用 --to 指定备份目录");
  if (IsNonEmptyDir(to_dir) || (Exists(to_dir) && !fs::is_directory(to_dir))) {
    return Status::Conflict("to", "备份目录已存在且不为空：" + to_dir + "（不会覆盖，请换一个目录）");
  }
  if (!fs::is_directory(ParentOf(to_dir))) return Status::NotFound("to", "备份目录的上级目录不存在：" + to_dir);
  if (!Exists(db_path)) return Status::NotFound("db", "数据库文件不存在：" + db_path);
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
  auto db = store::OpenSqlite(db_path, {});
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
  const auto started = Clock::now();
  if (store::IsServerDatabase(options.db)) return ServerBackupNotYet();
  RestoreReport report;
  report.db = options.db;
  report.key_file = KeyFileFor(options.db);
  if (!options.force && (Exists(options.db) || IsNonEmptyDir(options.db + ".files"))) {
    return Status::Conflict("db", "数据库已存在：" + options.db + "（不会覆盖；如确需用备份替换它，请加 --force）");
  }
  // Replacing a database a server still has open would lose its writes into the old, unlinked file.
  JICENG_RETURN_IF_ERROR(store::CheckSqliteUnused(options.db));
  auto manifest = ReadManifest(options.from);
  if (!manifest.ok()) return manifest.status();
  const auto* included = manifest->if_contains("key_included");
  const bool set_has_key = included && included->is_bool() && included->as_bool();
  // The key: the one given, else the set's own, else the one already beside the target.
  std::string key_source = options.key;
  if (key_source.empty() && set_has_key) key_source = options.from + "/" + kKeyName;
  if (key_source.empty() && Exists(report.key_file)) key_source = report.key_file;
  if (key_source.empty()) {
    return Status::Invalid("key_file", "备份中不含密钥文件：请用 --key 指定单独保存的密钥文件（原数据库的 .key）");
  }
  auto cipher = FieldCipher::LoadKeyFile(key_source);
  if (!cipher.ok()) return cipher.status();
  JICENG_RETURN_IF_ERROR(VerifySet(options.from, *manifest));

  const std::string tmp_db = options.db + ".restore-tmp";
  const std::string tmp_files = options.db + ".files.restore-tmp";
  // The key and the anchor beside the temporary name, where its connection reads and appends them (store/audit.h).
  const std::string tmp_key = KeyFileFor(tmp_db);
  const std::string tmp_anchor = store::AnchorFileFor(tmp_db);
  bool set_has_anchor = false;  // only as the manifest lists it, so that its checksum was checked
  for (const auto& item : manifest->at("files").as_array()) {
    set_has_anchor = set_has_anchor || item.as_object().at("path").as_string() == kAnchorName;
  }
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
    if (checked.ok() && fs::is_directory(options.from + "/files")) {
      ::mkdir(tmp_files.c_str(), 0700);
      for (const auto& item : manifest->at("files").as_array()) {
        const std::string relative(item.as_object().at("path").as_string());
        if (relative.rfind("files/", 0) != 0) continue;
        const std::string inside = relative.substr(6);
        ::mkdir((tmp_files + "/" + inside.substr(0, 2)).c_str(), 0700);
        auto sum = CopyOrHash(options.from + "/" + relative, tmp_files + "/" + inside);
        if (!sum.ok()) {
          checked = sum.status();
          break;
        }
        ++report.evidence_files;
      }
    }
    if (checked.ok()) {
      auto key = CopyOrHash(key_source, tmp_key);
      if (!key.ok()) checked = key.status();
    }
    if (checked.ok() && set_has_anchor) {
      auto anchor = CopyOrHash(options.from + "/" + kAnchorName, tmp_anchor);
      if (!anchor.ok()) checked = anchor.status();
    }
    if (checked.ok()) checked = CheckRestored(tmp_db, tmp_files, *cipher, options, actor, set_has_anchor, report);
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
  const std::string files = options.db + ".files";
  const std::string old_files = files + ".old-" + std::to_string(::getpid());
  bool ok = true;
  if (Exists(files)) ok = ::rename(files.c_str(), old_files.c_str()) == 0;
  if (ok && Exists(tmp_files)) ok = ::rename(tmp_files.c_str(), files.c_str()) == 0;
  if (ok && Exists(tmp_key)) ok = ::rename(tmp_key.c_str(), report.key_file.c_str()) == 0;
  // The anchor of the database being replaced names records the restored copy may not have: kept aside, not lost.
  const std::string anchor = store::AnchorFileFor(options.db);
  if (ok && Exists(anchor)) {
    ok = ::rename(anchor.c_str(), (anchor + ".before-restore-" + std::to_string(::time(nullptr))).c_str()) == 0;
  }
  if (ok && Exists(tmp_anchor)) ok = ::rename(tmp_anchor.c_str(), anchor.c_str()) == 0;
  if (ok) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) ::unlink((options.db + suffix).c_str());
    ok = ::rename(tmp_db.c_str(), options.db.c_str()) == 0;
  }
  if (!ok) {
    clean();
    return Status::Internal("无法把恢复的数据库移到 " + options.db);
  }
  RemoveTree(old_files);
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
