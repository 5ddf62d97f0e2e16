// Backup and restore (备份与恢复). A backup set is a directory (0700) holding `jiceng.db`, a consistent copy of the
// database taken while the server writes (store::Connection::BackupTo), `files/`, the evidence files kept beside
// the database, and `manifest.json` with the size and SHA-256 of every file; every file is 0600. The key file is
// left out unless asked for: a set that holds its own key gives every encrypted field to whoever gets the set.
// On PostgreSQL the set holds `jiceng.dump` (pg_dump's custom format, taken in the snapshot the backup's checks
// read) instead of `jiceng.db`, and the side files come from the state directory (store::StatePath).
// A set is built under a temporary name and renamed into place when complete; a restore checks the whole set and
// the restored database (integrity, audit chain, roll-up) under a temporary name before anything is put in place
// (on PostgreSQL the database is loaded into the target itself with pg_restore, and emptied again if a check fails;
// the side files wait under temporary names).
// Every function opens its own connections, so a server thread may call them while others write.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/actor.h"
#include "core/crypto.h"
#include "core/status.h"

namespace jiceng::cli {

struct BackupReport {
  std::string dir;
  int64_t evidence_files = 0;
  int64_t bytes = 0;  // every file of the set
  int schema_version = 0;
  int64_t audit_records = 0;
  bool with_key = false;
  std::string key_file;  // the key the database needs
  double seconds = 0;
};
// Backs up the database at `db_path` into the new directory `to_dir` (refused if it exists and is not empty).
Result<BackupReport> CreateBackup(const std::string& db_path, const std::string& to_dir, bool with_key,
                                  const Actor& actor);
// The printed line on where the key must be kept.
std::string KeyAdvice(const BackupReport& report);

struct RestoreOptions {
  std::string from;  // a backup set
  std::string db;    // where the database goes
  std::string key;   // the key file kept apart from the backup; empty: the set's own, else the one at <db>.key
  bool force = false;
};
struct RestoreReport {
  std::string db, key_file;
  int64_t evidence_files = 0;
  int64_t audit_records = 0;
  int64_t rollup_nodes = 0;
  double seconds = 0;
};
Result<RestoreReport> RestoreBackup(const RestoreOptions& options, const Actor& actor);

// Checks at serve's start: the file is an undamaged jiceng database of a known schema version and `cipher` is its
// key. A database made before the key check existed gets one recorded, and `note` says so.
Status CheckBeforeServing(const std::string& db_path, const FieldCipher& cipher, std::string* note);

// serve's --backup-every ("90s", "30m", "24h", "7d") and --backup-keep checked, and --backup-dir made (0700) when
// given: the interval, or Invalid naming the option.
Result<std::chrono::seconds> PrepareBackupSchedule(const std::string& dir, const std::string& every, int keep);

// Dated backups for `serve --backup-dir`: a thread takes a backup into `dir`/jiceng-YYYYMMDD-HHMMSS once the newest
// there is `every` old (so restarts neither skip nor repeat one), keeps the newest `keep` sets and deletes older
// ones. Destroying it stops the thread (waiting for a backup in progress to finish).
class BackupSchedule {
 public:
  BackupSchedule(std::string db_path, std::string dir, std::chrono::seconds every, int keep);
  ~BackupSchedule();
  BackupSchedule(const BackupSchedule&) = delete;
  BackupSchedule& operator=(const BackupSchedule&) = delete;

 private:
  void Run();
  std::string db_path_, dir_;
  std::chrono::seconds every_;
  int keep_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace jiceng::cli
