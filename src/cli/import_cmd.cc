// jiceng import people|duty: a spreadsheet (.xlsx, .xls, .csv) through the
// import framework (modules/imports): every row checked, then all rows written
// in one transaction, or none (exit 2 with the row errors).
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/app.h"
#include "modules/imports/files.h"
#include "modules/imports/json.h"
#include "modules/duty/ledger_import.h"
#include "modules/duty/repo.h"
#include "modules/org/repo.h"
#include "modules/people/roster_import.h"

namespace jiceng::cli {
namespace {

struct ImportOptions {
  std::string db, file, org, source = "调研";
  int64_t list = 0;
  bool dry_run = false, json = false;
};

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Invalid("file", "无法打开文件 " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

int RunImportCommand(Opened& db, imports::Target& target, const std::string& file, bool dry_run, bool json) {
  auto bytes = ReadFile(file);
  if (!bytes.ok()) return Fail(bytes.status());
  imports::RunOptions options;
  options.mode = dry_run ? imports::Mode::kPreview : imports::Mode::kAll;
  options.file_name = file;
  options.actor = CliActor();
  auto report = imports::Run(target, *db.db, *bytes, options);
  if (!report.ok()) return Fail(report.status());
  const imports::Counts& n = report->counts;
  if (json) {
    boost::json::object out = imports::ToJson(*report);
    out["dry_run"] = dry_run;
    PrintJson(out);
  } else {
    for (const auto& e : report->errors) {
      std::cerr << "第 " << e.row << " 行" << (e.column.empty() ? "" : " " + e.column) << "：" << e.message << "\n";
    }
    for (const auto& h : report->unknown_headers) std::cerr << "提示：无法识别的列“" << h << "”已忽略\n";
    std::cout << (dry_run ? "预检" : report->applied ? "已导入" : "未导入") << "：新增 " << n.added << "，更新 "
              << n.updated << "，跳过 " << n.skipped << "，有误 " << n.failed << "\n";
  }
  if (n.failed > 0) {
    if (!json) std::cerr << "错误：共 " << n.failed << " 行有误，未导入任何数据\n";
    return kExitRefused;
  }
  return kExitOk;
}

void AddImportCommands(CLI::App& app, int& exit_code) {
  CLI::App* import = app.add_subcommand("import", "从 Excel（.xlsx、.xls）或 CSV 导入：全部无误才写入");
  import->require_subcommand(1);
  auto o = std::make_shared<ImportOptions>();

  CLI::App* people = import->add_subcommand("people", "导入人员花名册（身份证号码已登记的人员按表更新）");
  people->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  people->add_option("--file", o->file, "花名册文件（.xlsx、.xls 或 .csv）")->required();
  people->add_option("--org", o->org, "只导入该组织及其下级的人员；未填所在组织的行归入该组织");
  people->add_flag("--dry-run", o->dry_run, "只检查，不写入");
  people->add_flag("--json", o->json, "以 JSON 输出预检或导入结果");
  people->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    people::RosterScope scope;
    if (!o->org.empty()) {
      org::OrgRepo orgs(*opened->db);
      auto unit = orgs.FindByCode(o->org, Date::Today());
      if (!unit) return void(exit_code = Fail(Status::NotFound("org", "组织代码 " + o->org + " 不存在（--org）")));
      scope = {unit->id, unit->code, unit->code};
    }
    people::RosterImport target(*opened->db, opened->cipher, scope);
    exit_code = RunImportCommand(*opened, target, o->file, o->dry_run, o->json);
  });

  CLI::App* duty = import->add_subcommand("duty", "导入问题整改台账（问题和措施为草稿），可同时归入一份责任清单");
  duty->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  duty->add_option("--org", o->org, "以该单位组织部的身份导入（问题由它交办）");
  duty->add_option("--list", o->list, "归入该责任清单，以签发它的单位的身份导入");
  duty->add_option("--file", o->file, "台账文件（.xlsx、.xls 或 .csv，导出的问题整改台账格式）")->required();
  duty->add_option("--source", o->source, "未填来源的问题的来源（默认 调研）");
  duty->add_flag("--dry-run", o->dry_run, "只检查，不写入");
  duty->add_flag("--json", o->json, "以 JSON 输出预检或导入结果");
  duty->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    if ((o->list == 0) == o->org.empty()) {
      return void(exit_code =
                      Fail(Status::Invalid("org", "请用 --org 指定交办单位，或用 --list 指定责任清单（二者选一）")));
    }
    // The command line acts as the org department of --org, or of the org that issued the list.
    org::OrgRepo orgs(*opened->db);
    std::optional<org::OrgUnit> unit;
    if (o->list != 0) {
      auto list = duty::DutyRepo(*opened->db).FindList(o->list);
      if (!list) {
        return void(exit_code =
                        Fail(Status::NotFound("list", "没有编号为 " + std::to_string(o->list) + " 的责任清单")));
      }
      unit = orgs.FindById(list->issuer_org_id, Date::Today());
      if (!unit) return void(exit_code = Fail(Status::NotFound("list", "该责任清单的签发单位已不存在")));
    } else {
      unit = orgs.FindByCode(o->org, Date::Today());
      if (!unit) return void(exit_code = Fail(Status::NotFound("org", "组织代码 " + o->org + " 不存在（--org）")));
    }
    accounts::Principal caller;
    caller.login = CliActor().login;
    caller.address = CliActor().address;
    caller.role = accounts::Role::kOrgDepartment;
    caller.org_id = unit->id;
    caller.org_code = unit->code;
    caller.org_name = unit->name;
    if (o->list != 0) {
      if (auto ok = duty::ListForImport(*opened->db, caller, o->list); !ok.ok())
        return void(exit_code = Fail(ok.status()));
    }
    duty::LedgerImport target(*opened->db, caller, o->list, o->source);
    exit_code = RunImportCommand(*opened, target, o->file, o->dry_run, o->json);
  });
}

}  // namespace jiceng::cli
