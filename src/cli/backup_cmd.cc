// jiceng backup and jiceng restore: a consistent copy taken while the server writes, and its way back, checked
// before anything is put in place (cli/backup.h).
#include <boost/json.hpp>
#include <iostream>

#include "cli/app.h"
#include "cli/backup.h"

namespace jiceng::cli {
namespace {

struct BackupOptions {
  std::string db, to;
  bool with_key = false;
  bool json = false;
};

int RunBackup(const BackupOptions& o) {
  auto made = CreateBackup(o.db, o.to, o.with_key, CliActor());
  if (!made.ok()) return Fail(made.status());
  if (o.json) {
    PrintJson(boost::json::object{{"ok", true},
                                  {"dir", made->dir},
                                  {"bytes", made->bytes},
                                  {"evidence_files", made->evidence_files},
                                  {"schema_version", made->schema_version},
                                  {"audit_records", made->audit_records},
                                  {"key_included", made->with_key},
                                  {"key_file", made->key_file},
                                  {"key_advice", KeyAdvice(*made)},
                                  {"milliseconds", static_cast<int64_t>(made->seconds * 1000)}});
  } else {
    std::cout << "已备份到 " << made->dir << "：数据库、" << made->evidence_files << " 个佐证材料文件和校验清单 "
              << "manifest.json（共 " << made->bytes << " 字节，审计记录 " << made->audit_records << " 条），用时 "
              << made->seconds << " 秒\n"
              << KeyAdvice(*made) << "\n";
  }
  return kExitOk;
}

struct RestoreCmdOptions {
  RestoreOptions restore;
  bool json = false;
};

int RunRestore(const RestoreCmdOptions& o) {
  auto restored = RestoreBackup(o.restore, CliActor());
  if (!restored.ok()) return Fail(restored.status());
  if (o.json) {
    PrintJson(boost::json::object{{"ok", true},
                                  {"db", restored->db},
                                  {"key_file", restored->key_file},
                                  {"evidence_files", restored->evidence_files},
                                  {"integrity", "ok"},
                                  {"audit_records", restored->audit_records},
                                  {"rollup_nodes", restored->rollup_nodes},
                                  {"milliseconds", static_cast<int64_t>(restored->seconds * 1000)}});
  } else {
    std::cout << "已从 " << o.restore.from << " 恢复到 " << restored->db << "（密钥文件 " << restored->key_file
              << "）：校验和、完整性、审计日志（" << restored->audit_records << " 条）和汇总（"
              << restored->rollup_nodes << " 个节点）均已核对，用时 " << restored->seconds << " 秒\n";
  }
  return kExitOk;
}

}  // namespace

void AddBackupCommands(CLI::App& app, int& exit_code) {
  auto b = std::make_shared<BackupOptions>();
  CLI::App* backup = app.add_subcommand("backup", "在线备份数据库和佐证材料（服务运行时也可，不停写入）");
  backup->add_option("--db", b->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  backup->add_option("--to", b->to, "备份目录（新建；已存在且不为空时拒绝）")->required();
  backup->add_flag("--with-key", b->with_key, "把密钥文件也放进备份（不建议：密钥应与备份分开保管）");
  backup->add_flag("--json", b->json, "以 JSON 输出结果");
  backup->callback([b, &exit_code] { exit_code = RunBackup(*b); });

  auto r = std::make_shared<RestoreCmdOptions>();
  CLI::App* restore = app.add_subcommand("restore", "从备份恢复：核对校验和、完整性、审计日志和汇总后才放到位");
  restore->add_option("--from", r->restore.from, "备份目录（jiceng backup 所建）")->required();
  restore->add_option("--db", r->restore.db, "恢复到的数据库：SQLite 文件路径或 postgresql:// 连接串（库须已建好）")->required();
  restore->add_option("--key", r->restore.key, "单独保存的密钥文件（默认用备份中的，或目标旁已有的 .key）");
  restore->add_flag("--force", r->restore.force, "覆盖已存在的数据库（先停止服务）");
  restore->add_flag("--json", r->json, "以 JSON 输出结果");
  restore->callback([r, &exit_code] { exit_code = RunRestore(*r); });
}

}  // namespace jiceng::cli
