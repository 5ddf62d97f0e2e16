// jiceng audit verify: checks the audit log's hash chain.
#include <boost/json.hpp>
#include <iostream>

#include "cli/app.h"
#include "store/audit.h"

namespace jiceng::cli {

void AddAuditCommands(CLI::App& app, int& exit_code) {
  auto db_path = std::make_shared<std::string>();
  CLI::App* audit = app.add_subcommand("audit", "审计日志");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand("verify", "校验审计日志的哈希链，发现篡改或删除时返回非零");
  verify->add_option("--db", *db_path, "数据库文件")->required();
  verify->callback([db_path, &exit_code] {
    auto db = store::OpenSqlite(*db_path, {});
    if (!db.ok()) return void(exit_code = Fail(db.status()));
    // A chain read from a damaged file proves nothing: the file's own integrity comes first.
    if (Status intact = (*db)->CheckIntegrity(true); !intact.ok()) {
      PrintJson(boost::json::object{{"ok", false}, {"problem", intact.message()}});
      return void(exit_code = kExitFault);
    }
    auto check = store::VerifyAuditChain(**db);
    PrintJson(boost::json::object{{"records", check.records},
                                  {"ok", check.first_bad_id == 0},
                                  {"first_bad_id", check.first_bad_id},
                                  {"problem", check.problem}});
    exit_code = check.first_bad_id == 0 ? kExitOk : kExitFault;
  });
}

}  // namespace jiceng::cli
