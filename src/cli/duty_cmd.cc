// jiceng duty report: the 逾期未整改 report of an org's subtree on the command line.
#include <iostream>

#include "cli/app.h"
#include "modules/duty/json.h"
#include "modules/duty/queries.h"

namespace jiceng::cli {

void AddDutyCommands(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db, org, as_of;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* duty = app.add_subcommand("duty", "责任与整改闭环");
  duty->require_subcommand(1);
  CLI::App* report = duty->add_subcommand("report", "逾期未整改情况：按责任单位列出逾期和临期事项");
  report->add_option("--db", o->db, "数据库：SQLite 文件路径或 postgresql:// 连接串")->required();
  report->add_option("--org", o->org, "单位代码（报告其全部下级）")->required();
  report->add_option("--as-of", o->as_of, "统计日期（默认今天）");
  report->add_flag("--json", o->json, "以 JSON 输出");
  report->callback([o, &exit_code] {
    auto opened = OpenDatabase(o->db);
    if (!opened.ok()) return void(exit_code = Fail(opened.status()));
    // The command line acts as the org department of the unit asked about.
    auto acting = ActAsOrgDepartment(*opened->db, o->org);
    if (!acting.ok()) return void(exit_code = Fail(acting.status()));
    const accounts::Principal& caller = *acting;
    auto result = duty::DutyQueries(*opened->db, caller).Report(o->org, o->as_of);
    if (!result.ok()) return void(exit_code = Fail(result.status()));
    if (o->json) return PrintJson(duty::ToJson(*result));
    std::cout << result->org_name << "逾期未整改情况（截至 " << result->as_of.ToString() << "）\n";
    for (const auto& u : result->units) {
      std::cout << u.org_name << "：逾期 " << u.overdue << " 项，临期 " << u.due_soon << " 项\n";
      for (const auto& v : u.items) {
        std::cout << "  "
                  << (v.deadline.overdue ? "逾期 " + std::to_string(v.deadline.days_overdue) + " 天"
                                         : "剩 " + std::to_string(v.deadline.days_left) + " 天")
                  << "\t" << v.item.deadline.ToString() << "\t" << v.item.title << "\n";
      }
    }
  });
}

}  // namespace jiceng::cli
