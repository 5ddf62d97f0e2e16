// jiceng: the command line. Wiring only: each command group lives in its own file.
#include <iostream>

#include "cli/app.h"
#include "store/store.h"

int main(int argc, char** argv) {
  CLI::App app{"jiceng（基层）：党建引领基层治理工作平台"};
  app.require_subcommand(1);
  int exit_code = jiceng::cli::kExitOk;
  const std::string executable = argc > 0 ? argv[0] : "jiceng";
  jiceng::cli::AddInitCommand(app, exit_code, executable);
  jiceng::cli::AddStatsCommand(app, exit_code);
  jiceng::cli::AddOrgCommands(app, exit_code);
  jiceng::cli::AddPersonCommands(app, exit_code);
  jiceng::cli::AddAuditCommands(app, exit_code);
  jiceng::cli::AddServeCommand(app, exit_code, executable);
  jiceng::cli::AddUserCommands(app, exit_code);
  jiceng::cli::AddAccountCommands(app, exit_code);
  jiceng::cli::AddDutyCommands(app, exit_code);
  jiceng::cli::AddDuesCommands(app, exit_code);
  jiceng::cli::AddOrglifeCommands(app, exit_code);
  jiceng::cli::AddRollupCommands(app, exit_code);
  jiceng::cli::AddClusterBench(*app.get_subcommand("bench"), exit_code, executable);
  jiceng::cli::AddBackupCommands(app, exit_code);
  jiceng::cli::AddImportCommands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : jiceng::cli::kExitRefused;
  } catch (const jiceng::store::Fault& e) {
    std::cerr << "数据库错误：" << e.what() << "\n";
    return jiceng::cli::kExitFault;
  }
  return exit_code;
}
