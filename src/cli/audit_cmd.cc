// jiceng audit verify | checkpoint: checks the audit log (keyed chain, anchor file, duty timeline, an off-site
// checkpoint) and prints its head for an off-site copy.
#include <boost/json.hpp>
#include <iostream>

#include "cli/app.h"
#include "store/audit.h"

namespace jiceng::cli {
namespace {

Result<std::unique_ptr<store::Connection>> OpenForAudit(const std::string& path) {
  auto db = store::Open(path, {});
  if (!db.ok()) return db.status();
  store::Migrate(**db);
  return db;
}

}  // namespace

void AddAuditCommands(CLI::App& app, int& exit_code) {
  auto db_path = std::make_shared<std::string>();
  auto checkpoint = std::make_shared<std::string>();
  CLI::App* audit = app.add_subcommand("audit", "审计日志");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand(
      "verify", "校验审计日志（密钥链、锚点文件、时间顺序、履责时间线），发现篡改、删除或倒签时返回非零");
  verify->add_option("--db", *db_path, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  verify->add_option("--checkpoint", *checkpoint, "异地保存的检查点（jiceng audit checkpoint 打印的一行）");
  verify->callback([db_path, checkpoint, &exit_code] {
    auto db = OpenForAudit(*db_path);
    if (!db.ok()) return void(exit_code = Fail(db.status()));
    // A chain read from a damaged file proves nothing: the file's own integrity comes first.
    if (Status intact = (*db)->CheckIntegrity(true); !intact.ok()) {
      PrintJson(boost::json::object{{"ok", false}, {"problem", intact.message()}});
      return void(exit_code = kExitFault);
    }
    auto check = store::VerifyAuditChain(**db, *checkpoint);
    PrintJson(boost::json::object{{"records", check.records},
                                  {"anchored", check.anchored},
                                  {"ok", check.ok()},
                                  {"first_bad_id", check.first_bad_id},
                                  {"problem", check.problem}});
    if (!check.ok()) std::cerr << "错误：审计日志校验未通过：" << check.problem << "\n";
    exit_code = check.ok() ? kExitOk : kExitFault;
  });
  CLI::App* print = audit->add_subcommand(
      "checkpoint", "校验后打印审计链的当前链头（条数、哈希、时间），请抄存到异地，日后用 verify --checkpoint 核对");
  print->add_option("--db", *db_path, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  print->callback([db_path, &exit_code] {
    auto db = OpenForAudit(*db_path);
    if (!db.ok()) return void(exit_code = Fail(db.status()));
    auto line = store::AuditCheckpoint(**db);
    if (!line.ok()) {
      std::cerr << "错误：" << line.status().message() << "\n";
      exit_code = kExitFault;
      return;
    }
    std::cout << *line << "\n";
    exit_code = kExitOk;
  });
}

}  // namespace jiceng::cli
