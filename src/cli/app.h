// Shared plumbing of the jiceng command line: opening the database and its
// key file, printing results and errors, and the exit codes (0 done, 2 the
// request was refused and nothing changed, 1 a fault).
#pragma once

#include <CLI/CLI.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>

#include "core/actor.h"
#include "core/crypto.h"
#include "modules/accounts/model.h"
#include "modules/rollup_feed.h"
#include "store/store.h"

namespace jiceng::imports {
class Target;
}

namespace jiceng::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFault = 1;
inline constexpr int kExitRefused = 2;

// Prints "错误：..." to stderr and returns the exit code for it.
int Fail(const Status& status);
void PrintJson(const boost::json::value& value);
// The actor for audit records: "cli:<login name>" from the local machine.
Actor CliActor();

struct Opened {
  std::unique_ptr<store::Connection> db;
  FieldCipher cipher;
};
// Opens an existing database (migrating it if older) and loads its key file.
Result<Opened> OpenDatabase(const std::string& path);
// The caller a read-only report on the command line acts as: the org department of the org `code` names today
// (whoever holds the database and its key sees what that org sees). Refuses an unknown code, naming --org.
Result<accounts::Principal> ActAsOrgDepartment(store::Connection& db, const std::string& code);
// Builds the live roll-up of the database at `path` on `db`, reading indicators on one connection per core.
std::unique_ptr<RollupFeed> BuildRollupParallel(store::Connection& db, const std::string& path);

// Each command group adds its subcommands; the callback sets `exit_code`.
void AddInitCommand(CLI::App& app, int& exit_code, const std::string& executable);
void AddStatsCommand(CLI::App& app, int& exit_code);
void AddOrgCommands(CLI::App& app, int& exit_code);
void AddPersonCommands(CLI::App& app, int& exit_code);
void AddAuditCommands(CLI::App& app, int& exit_code);
void AddServeCommand(CLI::App& app, int& exit_code, const std::string& executable);
void AddUserCommands(CLI::App& app, int& exit_code);
void AddAccountCommands(CLI::App& app, int& exit_code);  // account link|unlink|batch
void AddDutyCommands(CLI::App& app, int& exit_code);
void AddDuesCommands(CLI::App& app, int& exit_code);
void AddOrglifeCommands(CLI::App& app, int& exit_code);
void AddRollupCommands(CLI::App& app, int& exit_code);
void AddBackupCommands(CLI::App& app, int& exit_code);
void AddImportCommands(CLI::App& app, int& exit_code);
// `bench cluster`, under the `bench` command AddRollupCommands makes.
void AddClusterBench(CLI::App& bench, int& exit_code, const std::string& executable);

// Runs an import of `file` (a preview with `dry_run`), prints the report (JSON or text: the row errors on stderr)
// and gives the exit code: 0 applied (or a clean preview), 2 when a row is bad and nothing changed.
int RunImportCommand(Opened& db, imports::Target& target, const std::string& file, bool dry_run, bool json);

}  // namespace jiceng::cli
